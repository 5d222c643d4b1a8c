package interp

import (
	"context"
	"runtime"
	"testing"
)

// retainedPerCell runs n cells of code after a warm-up and returns the heap
// they keep, in bytes per cell.
func retainedPerCell(tb testing.TB, it *Interpreter, code string, n int) float64 {
	ctx := context.Background()
	for i := 0; i < 100; i++ {
		it.Execute(ctx, "warm-up", code)
	}
	before := heapInUse()
	for i := 0; i < n; i++ {
		if r := it.Execute(ctx, "c", code); r.Err != nil {
			tb.Fatal(r.Err)
		}
	}
	return float64(int64(heapInUse())-int64(before)) / float64(n)
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// A cell that declares nothing leaves (almost) nothing behind: yaegi keeps
// each compiled tree for its debugger unless the interpreter drops it
// (internals.release), which was about 5.5 kB per 1+1 cell; what remains is
// a slot or two of yaegi's global frame.
func TestExpressionCellsRetainLittle(t *testing.T) {
	it, _ := newTestInterpreter(t)
	t.Cleanup(func() { it.Close() })
	if perCell := retainedPerCell(t, it, "1+1", 1000); perCell > 1500 {
		t.Errorf("1+1 keeps %.0f bytes per cell", perCell)
	}
}

// BenchmarkRetainedHeap reports the heap that 1000 cells of 1+1 keep, per
// cell.
func BenchmarkRetainedHeap(b *testing.B) {
	it, _ := newTestInterpreter(b)
	var perCell float64
	for b.Loop() {
		perCell = retainedPerCell(b, it, "1+1", 1000)
	}
	b.ReportMetric(perCell, "B/cell")
}
