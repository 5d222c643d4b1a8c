package interp

import (
	"context"
	"reflect"
	"strings"
	"testing"

	yaegi "github.com/traefik/yaegi/interp"
)

// Output of a goroutine started in one cell goes to that cell, even when it
// is written while a later cell runs.
func TestGoroutineOutputKeepsItsCell(t *testing.T) {
	it, rec := newTestInterpreter(t)
	ctx := context.Background()
	res := it.Execute(ctx, "cell1", `
import "fmt"
release := make(chan bool)
finished := make(chan bool)
go func() {
	<-release
	fmt.Println("late output")
	display("late display")
	finished <- true
}()
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	res = it.Execute(ctx, "cell2", "release <- true\n<-finished\nfmt.Println(\"cell2 output\")")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	got := strings.Join(rec.take(), "\n")
	for _, want := range []string{
		`[cell1] stdout "late output\n"`,
		`[cell1] display text/plain="late display"`,
		`[cell2] stdout "cell2 output\n"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
}

// A goroutine started by a goroutine inherits its origin.
func TestNestedGoroutineKeepsOrigin(t *testing.T) {
	it, rec := newTestInterpreter(t)
	res := it.Execute(context.Background(), "outer", `
import "fmt"
go func() {
	go func(msg string) { fmt.Println(msg) }("nested")
}()
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	it.Execute(context.Background(), "other", "1")
	rec.waitFor(t, `[outer] stdout "nested\n"`)
}

// The go statement evaluates its function and arguments in the calling
// goroutine, at the go statement, as Go does.
func TestGoStatementEvaluatesArgumentsFirst(t *testing.T) {
	it, rec := newTestInterpreter(t)
	res := it.Execute(context.Background(), "c", `
import "fmt"
done := make(chan bool)
show := func(a, b int, rest ...string) { fmt.Println(a, b, rest); done <- true }
x := 1
go show(x, 2, "p", "q")
x = 100
<-done
words := []string{"s", "t"}
go show(x, 3, words...)
<-done
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	got := strings.Join(rec.take(), "\n")
	if !strings.Contains(got, `"1 2 [p q]\n"`) || !strings.Contains(got, `"100 3 [s t]\n"`) {
		t.Errorf("unexpected output:\n%s", got)
	}
}

// A panicking goroutine is reported to GoroutinePanic with its cell's
// origin, and the interpreter keeps working.
func TestGoroutinePanicIsReported(t *testing.T) {
	it, rec := newTestInterpreter(t)
	res := it.Execute(context.Background(), "starter", `
func crash(n int) {
	var m map[int]int
	m[n] = 1
}
go crash(1)
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	events := rec.waitFor(t, "goroutine panic")
	got := strings.Join(events, "\n")
	if !strings.Contains(got, "[starter] goroutine panic: assignment to entry in nil map") ||
		!strings.Contains(got, "in main.crash, which starts at cell line 2") {
		t.Errorf("unexpected report:\n%s", got)
	}
	if r := it.Execute(context.Background(), "after", "1+1"); r.Value != 2 {
		t.Errorf("1+1 after a goroutine panic = %v, %v", r.Value, r.Err)
	}
}

// CurrentOrigin answers for the running cell, for goroutines of earlier
// cells, and for goroutines the interpreter does not know.
func TestCurrentOrigin(t *testing.T) {
	it, _ := newTestInterpreter(t)
	if o := it.CurrentOrigin(); o != nil {
		t.Errorf("origin before any cell = %v", o)
	}
	it.Execute(context.Background(), "first", "1")
	if o := it.CurrentOrigin(); o != "first" {
		t.Errorf("origin after a cell = %v, want the last cell", o)
	}
}

// time.AfterFunc runs its function in a goroutine of its own: it is guarded
// like a go statement and keeps the origin of its cell.
func TestAfterFuncIsGuarded(t *testing.T) {
	it, rec := newTestInterpreter(t)
	res := it.Execute(context.Background(), "timer", `
import (
	"fmt"
	"time"
)
time.AfterFunc(time.Millisecond, func() {
	fmt.Println("timer fired")
	panic("in timer")
})
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	events := strings.Join(rec.waitFor(t, "goroutine panic"), "\n")
	if !strings.Contains(events, `[timer] stdout "timer fired\n"`) || !strings.Contains(events, "[timer] goroutine panic: in timer") {
		t.Errorf("unexpected events:\n%s", events)
	}
}

// A function literal given to an API that calls it on a goroutine of its
// own (here a test package's Async; in Eddy, ForeachBatch or WaitGroup.Go)
// keeps the origin of its cell, and its panic is reported instead of ending
// the process.
func TestCallbacksOnCompiledGoroutines(t *testing.T) {
	it, rec := newTestInterpreter(t)
	err := it.yi.Use(yaegi.Exports{"eddytest/engine/engine": {
		"Engine": reflect.ValueOf((*engine)(nil)),
		"New":    reflect.ValueOf(func() *engine { return &engine{} }),
	}})
	if err != nil {
		t.Fatal(err)
	}
	res := it.Execute(context.Background(), "query", `
import (
	"eddytest/engine"
	"fmt"
	"sync"
)
e := engine.New()
e.ForeachBatch(func(id int64) {
	fmt.Println("batch", id)
	if id == 2 {
		panic("bad batch")
	}
})
var wg sync.WaitGroup
wg.Go(func() { fmt.Println("in wg.Go") })
wg.Wait()
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	it.Execute(context.Background(), "other", "1")
	events := strings.Join(rec.waitFor(t, "goroutine panic: bad batch"), "\n")
	for _, want := range []string{`[query] stdout "batch 1\n"`, `[query] stdout "batch 2\n"`, `[query] stdout "in wg.Go\n"`} {
		if !strings.Contains(events, want) {
			t.Errorf("missing %s in:\n%s", want, events)
		}
	}
}

// engine runs a callback on a goroutine of its own, as a streaming query
// does.
type engine struct{}

func (*engine) ForeachBatch(f func(id int64)) {
	go func() {
		for id := int64(1); id <= 2; id++ {
			f(id)
		}
	}()
}
