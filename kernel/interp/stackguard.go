package interp

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// Unbounded recursion in a cell would overflow its goroutine's stack, which
// Go treats as a fatal error: the kernel would die. And unwinding a deep
// interpreted recursion with a panic takes time in proportion to the square
// of its depth (yaegi recovers and re-panics in every frame, on top of the
// frames of the previous deferred calls). So:
//
//   - a watchdog samples the memory held by goroutine stacks; above
//     stackAlarmBytes it raises the stack alarm, which sends every check
//     onto the slow path;
//   - there, one check in depthSampling measures the depth of its goroutine;
//   - a goroutine more than maxFrames calls deep (some 10,000 interpreted
//     calls) is parked for good instead of unwound: its cell fails at once
//     with a StackOverflow error (or, for a goroutine, GoroutinePanic gets
//     it), and the goroutine keeps its stack, tens of MB, until the process
//     ends.
const (
	stackAlarmBytes = 16 << 20
	maxFrames       = 20_000
	stackSampling   = 2 * time.Millisecond
	depthSampling   = 256
)

var (
	stackAlarm     atomic.Bool
	stackWatchOnce sync.Once
	depthChecks    atomic.Uint64
	parked         atomic.Uint64 // goroutines parked by parkOverflow
)

// NameStackOverflow is the ename of a cell stopped for recursing too deep.
const NameStackOverflow = "StackOverflow"

const stackOverflowMessage = "the recursion is too deep (more than about 10000 calls); the goroutine was stopped"

// watchStacks starts the stack watchdog, once per process.
func watchStacks() {
	stackWatchOnce.Do(func() {
		go func() {
			sample := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
			tick := time.NewTicker(stackSampling)
			defer tick.Stop()
			for range tick.C {
				metrics.Read(sample)
				if sample[0].Value.Kind() != metrics.KindUint64 {
					return
				}
				// Parked goroutines keep their stacks, so after an overflow
				// the alarm stays on: checks take the slow path for good.
				high := sample[0].Value.Uint64() > stackAlarmBytes
				if high != stackAlarm.Load() {
					stackAlarm.Store(high)
					if high {
						addSlowCheck(1)
					} else {
						addSlowCheck(-1)
					}
				}
			}
		}()
	})
}

// tooDeep reports whether the calling goroutine is more than maxFrames calls
// deep, for one call in depthSampling (walking the stack costs time in
// proportion to its depth).
func tooDeep() bool {
	if depthChecks.Add(1)%depthSampling != 0 {
		return false
	}
	var pc [1]uintptr
	return runtime.Callers(maxFrames, pc[:]) > 0
}

// parkOverflow reports the stack overflow of the calling goroutine to its
// cell and parks the goroutine forever.
func (it *Interpreter) parkOverflow() {
	id := goroutineID()
	err := newError(NameStackOverflow, stackOverflowMessage, nil)
	if c := it.current.Load(); c != nil && c.gid.Load() == id {
		c.fail(err)
	} else if origin, ok := it.goroutines.origin(id); ok {
		it.goroutinePanic(origin, err)
	} else {
		it.output(it.CurrentOrigin(), "stderr", err.Name+": "+err.Value+"\n")
	}
	parked.Add(1)
	select {}
}
