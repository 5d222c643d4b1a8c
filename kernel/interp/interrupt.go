package interp

import (
	"sync"
	"sync/atomic"
)

// Interrupt stops the running cell, if any, and makes its Execute return an
// Error named KeyboardInterrupt within about a second. Goroutines that earlier
// cells started keep running. See doc.go for the strategy.
func (it *Interpreter) Interrupt() {
	if c := it.current.Load(); c != nil {
		c.requestInterrupt()
	}
}

// check is the check injected at the top of every function and loop body of
// a cell. It panics in the goroutine of an interrupted cell, and in a
// goroutine whose recursion is about to overflow its stack (stackguard.go);
// it returns at once everywhere else.
func (it *Interpreter) check() {
	if slowChecks.Load() == 0 {
		return
	}
	if stackAlarm.Load() && tooDeep() {
		it.parkOverflow()
	}
	// goroutineID costs time in proportion to the depth of the stack: only
	// look it up when some goroutine is stopped.
	if stoppedGoroutines.Load() > 0 && it.stops.stopped(goroutineID()) {
		panic(interruptPanic{})
	}
}

// slowChecks counts the reasons for checks to take the slow path: stopped
// goroutines of every interpreter, and the stack alarm. slowFlag mirrors
// slowChecks > 0 as a plain bool that cells read without a function call
// (pending.go).
var (
	slowChecks        atomic.Int32
	slowFlag          bool
	slowMu            sync.Mutex
	stoppedGoroutines atomic.Int32
)

func addSlowCheck(delta int32) {
	slowMu.Lock()
	slowFlag = slowChecks.Add(delta) > 0
	slowMu.Unlock()
}

// stopTable holds the eval goroutines of interrupted cells, until they
// return.
type stopTable struct {
	mu  sync.Mutex
	ids map[int64]bool
}

func (t *stopTable) init() { t.ids = map[int64]bool{} }

func (t *stopTable) stop(id int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.ids[id] {
		t.ids[id] = true
		stoppedGoroutines.Add(1)
		addSlowCheck(1)
	}
}

func (t *stopTable) release(id int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids[id] {
		delete(t.ids, id)
		stoppedGoroutines.Add(-1)
		addSlowCheck(-1)
	}
}

func (t *stopTable) stopped(id int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ids[id]
}
