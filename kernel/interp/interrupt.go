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

// check is the interrupt check injected at the top of every function and
// loop body of a cell. It panics in the goroutine of an interrupted cell and
// returns at once everywhere else.
func (it *Interpreter) check() {
	if it.stops.pending.Load() == 0 {
		return
	}
	if it.stops.stopped(goroutineID()) {
		panic(interruptPanic{})
	}
}

// stopTable holds the eval goroutines of interrupted cells, until they
// return. pending counts them, so that check costs one atomic load when no
// interrupt is pending.
type stopTable struct {
	pending atomic.Int32
	// flag mirrors pending > 0 as a plain bool that cells read without a
	// function call (pending.go).
	flag bool
	mu   sync.Mutex
	ids  map[int64]bool
}

func (t *stopTable) init() { t.ids = map[int64]bool{} }

func (t *stopTable) stop(id int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.ids[id] {
		t.ids[id] = true
		t.pending.Add(1)
		t.flag = true
	}
}

func (t *stopTable) release(id int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids[id] {
		delete(t.ids, id)
		t.flag = t.pending.Add(-1) > 0
	}
}

func (t *stopTable) stopped(id int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ids[id]
}
