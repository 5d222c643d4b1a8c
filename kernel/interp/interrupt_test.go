package interp

import (
	"context"
	"strings"
	"testing"
	"time"
)

// interruptAfter interrupts the interpreter d from now.
func interruptAfter(it *Interpreter, d time.Duration) {
	time.AfterFunc(d, it.Interrupt)
}

// The explicit test of the issue: a goroutine from cell 1 increments a
// counter; cell 2 is `for {}`; an interrupt stops cell 2 within a second;
// the counter still increases afterwards; and 1+1 still gives 2.
func TestInterruptStopsOnlyTheRunningCell(t *testing.T) {
	it, _ := newTestInterpreter(t)
	ctx := context.Background()
	res := it.Execute(ctx, "cell1", `
import (
	"sync/atomic"
	"time"
)
var counter atomic.Int64
go func() {
	for {
		counter.Add(1)
		time.Sleep(time.Millisecond)
	}
}()
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	interruptAfter(it, 100*time.Millisecond)
	start := time.Now()
	res = it.Execute(ctx, "cell2", "for {}")
	if res.Err == nil || res.Err.Name != NameInterrupted || res.Err.Value != "interrupted" {
		// "interrupted" and not the message of an abandoned cell: the
		// check in the loop stopped it.
		t.Fatalf("for {} after Interrupt: %+v", res.Err)
	}
	if d := time.Since(start); d > time.Second+100*time.Millisecond {
		t.Errorf("the interrupt took %v", d)
	}
	before := it.Execute(ctx, "cell3", "counter.Load()").Value.(int64)
	time.Sleep(30 * time.Millisecond)
	after := it.Execute(ctx, "cell4", "counter.Load()").Value.(int64)
	if after <= before {
		t.Errorf("the goroutine of cell 1 stopped: counter %d then %d", before, after)
	}
	if r := it.Execute(ctx, "cell5", "1+1"); r.Value != 2 {
		t.Errorf("1+1 = %v, %v", r.Value, r.Err)
	}
}

// Blocked cells are interrupted too, each within a second.
func TestInterruptBlockedCells(t *testing.T) {
	it, rec := newTestInterpreter(t)
	ctx := context.Background()
	it.Execute(ctx, "setup", `import "time"`)
	for _, tc := range []struct {
		cell      string
		abandoned bool // blocked in compiled code: Execute gives up on it
	}{
		{"ch := make(chan int)\n<-ch", false},
		{"select {}", false},
		{"import \"fmt\"\nfunc wait(c chan bool) { <-c }\nwait(make(chan bool))\nfmt.Println(\"not reached\")", false},
		// Long enough to be abandoned; it wakes up later, reaches its next
		// check and ends.
		{"time.Sleep(3 * time.Second)\nfmt.Println(\"not reached\")", true},
		{"func spin() { for { } }\nspin()", false},
		{"func down(n int) int { return down(n+1) }\ndown(0)", false},
		{"for i := 0; ; i++ { time.Sleep(time.Millisecond) }", false},
	} {
		cell := tc.cell
		interruptAfter(it, 50*time.Millisecond)
		start := time.Now()
		res := it.Execute(ctx, "blocked", cell)
		if res.Err == nil || res.Err.Name != NameInterrupted {
			t.Errorf("%q after Interrupt: %+v", cell, res)
		} else if abandoned := res.Err.Value != "interrupted"; abandoned != tc.abandoned {
			t.Errorf("%q after Interrupt: abandoned %v, want %v (%s)", cell, abandoned, tc.abandoned, res.Err.Value)
		}
		if d := time.Since(start); d > time.Second+50*time.Millisecond {
			t.Errorf("%q: the interrupt took %v", cell, d)
		}
		if r := it.Execute(ctx, "after", "1+1"); r.Value != 2 {
			t.Errorf("1+1 after %q = %v, %v", cell, r.Value, r.Err)
		}
	}
	for _, e := range rec.take() {
		if strings.Contains(e, "not reached") {
			t.Errorf("an interrupted cell went on: %s", e)
		}
	}
}

// Cancelling Execute's context interrupts the cell.
func TestContextCancelInterrupts(t *testing.T) {
	it, _ := newTestInterpreter(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res := it.Execute(ctx, "c", "for {}")
	if res.Err == nil || res.Err.Name != NameInterrupted {
		t.Fatalf("for {} with a cancelled context: %+v", res)
	}
}

// Interrupt with no running cell does nothing.
func TestInterruptWhileIdle(t *testing.T) {
	it, _ := newTestInterpreter(t)
	it.Interrupt()
	if r := it.Execute(context.Background(), "c", "1+1"); r.Value != 2 || r.Err != nil {
		t.Errorf("1+1 after an idle interrupt = %v, %v", r.Value, r.Err)
	}
}

// yaegi's unexported fields that the interrupt and redefinition rely on
// are where this package expects them (they move if yaegi is upgraded).
func TestYaegiInternalsFound(t *testing.T) {
	it, _ := newTestInterpreter(t)
	if !it.in.complete() {
		t.Fatalf("yaegi internals not found: %+v", it.in)
	}
}

// An interrupt that arrives as the cell finishes leaves no goroutine marked
// as stopped (which would send every later check onto the slow path).
func TestInterruptLeavesNoStoppedGoroutine(t *testing.T) {
	it, _ := newTestInterpreter(t)
	for i := 0; i < 20; i++ {
		interruptAfter(it, time.Duration(i)*100*time.Microsecond)
		it.Execute(context.Background(), "c", "x := 0\nfor i := 0; i < 1000; i++ { x += i }")
	}
	time.Sleep(5 * time.Millisecond) // the last AfterFunc
	it.stops.mu.Lock()
	defer it.stops.mu.Unlock()
	if len(it.stops.ids) != 0 {
		t.Errorf("%d goroutines still marked as stopped", len(it.stops.ids))
	}
}
