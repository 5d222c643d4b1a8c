package interp

import (
	"context"
	"testing"
)

// Unbounded recursion would end the process with a fatal stack overflow; the
// stack guard turns it into an error and the interpreter goes on.
func TestUnboundedRecursionIsAnError(t *testing.T) {
	it, rec := newTestInterpreter(t)
	res := it.Execute(context.Background(), "deep", "func f(n int) int { return f(n+1) + 1 }\nf(0)")
	if res.Err == nil || res.Err.Name != NameStackOverflow {
		t.Fatalf("unbounded recursion: %+v", res.Err)
	}
	if r := it.Execute(context.Background(), "after", "1+1"); r.Value != 2 {
		t.Errorf("1+1 after a stack overflow = %v, %v", r.Value, r.Err)
	}
	// In a goroutine, the overflow goes to GoroutinePanic.
	if r := it.Execute(context.Background(), "bg", "go f(0)"); r.Err != nil {
		t.Fatal(r.Err)
	}
	rec.waitFor(t, "[bg] goroutine StackOverflow")
	// Recursion of a reasonable depth is fine.
	r := it.Execute(context.Background(), "ok", "func depth(n int) int { if n == 0 { return 0 }; return depth(n-1) + 1 }\ndepth(3000)")
	if r.Value != 3000 {
		t.Errorf("depth(3000) = %v, %v", r.Value, r.Err)
	}
}
