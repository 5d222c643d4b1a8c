package interp

import (
	"context"
	"testing"
)

func BenchmarkExecuteOnePlusOne(b *testing.B) {
	it, _ := newTestInterpreter(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := it.Execute(ctx, "bench", "1+1"); r.Value != 2 {
			b.Fatalf("1+1 = %v, %v", r.Value, r.Err)
		}
	}
}

// BenchmarkInterpretedLoop measures a cell-defined loop of 10000
// iterations, which pays the interrupt check on every iteration.
func BenchmarkInterpretedLoop(b *testing.B) {
	it, _ := newTestInterpreter(b)
	ctx := context.Background()
	if r := it.Execute(ctx, "setup", "func sum(n int) int { s := 0; for i := 0; i < n; i++ { s += i }; return s }"); r.Err != nil {
		b.Fatal(r.Err)
	}
	for b.Loop() {
		if r := it.Execute(ctx, "bench", "sum(10000)"); r.Value != 49995000 {
			b.Fatalf("sum = %v, %v", r.Value, r.Err)
		}
	}
}

func BenchmarkComplete(b *testing.B) {
	it, _ := newTestInterpreter(b)
	if r := it.Execute(context.Background(), "setup", `import "strings"`); r.Err != nil {
		b.Fatal(r.Err)
	}
	for b.Loop() {
		if m, _, _ := it.Complete("strings.Spl", 11); len(m) == 0 {
			b.Fatal("no completion")
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
