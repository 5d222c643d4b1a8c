package interp

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"time"

	yaegi "github.com/traefik/yaegi/interp"

	"github.com/eddykernel/eddy/display"
)

// runtimePath is the import path of the cell runtime, the compiled helpers
// that rewritten cells call. Every cell sees it as _eddy (runtimeAlias).
const runtimePath = "eddy/cellruntime"

func (it *Interpreter) runtimeSymbols() yaegi.Exports {
	return yaegi.Exports{
		// time.AfterFunc runs its function in a goroutine of its own: guard
		// it like a go statement.
		"time/time": {"AfterFunc": reflect.ValueOf(it.afterFunc)},
		// os.Stdout and os.Stderr are files of this interpreter (stdio.go).
		"os/os": {
			"Stdout": reflect.ValueOf(&it.stdoutFile.w).Elem(),
			"Stderr": reflect.ValueOf(&it.stderrFile.w).Elem(),
		},
		runtimePath + "/cellruntime": {
			"Go":       reflect.ValueOf(it.goStatement),
			"GoSlice":  reflect.ValueOf(it.goStatementSlice),
			"Check":    reflect.ValueOf(it.check),
			"Callback": reflect.ValueOf(it.callback),
			"At":       reflect.ValueOf(it.at),
			// A pointer: yaegi folds a bool variable of a compiled package
			// into a constant in some conditions, but dereferences a pointer
			// each time.
			"Pending": reflect.ValueOf(&slowFlag),
			"Values":  reflect.ValueOf(values),
			"One":     reflect.ValueOf(func(v any) any { return v }),

			"StringOf":     reflect.ValueOf(func(s fmt.Stringer) string { return s.String() }),
			"ErrorOf":      reflect.ValueOf(func(e error) string { return e.Error() }),
			"MIMEBundleOf": reflect.ValueOf(func(b display.MIMEBundler) map[string]any { return b.MIMEBundle() }),
			"HTMLOf":       reflect.ValueOf(func(h display.HTMLer) map[string]any { return map[string]any{"text/html": h.HTML()} }),
			"MarkdownOf":   reflect.ValueOf(func(m display.Markdowner) map[string]any { return map[string]any{"text/markdown": m.Markdown()} }),
		}}
}

// afterFunc is time.AfterFunc for cells: f runs with the origin of the
// caller and a recover that reports its panic.
func (it *Interpreter) afterFunc(d time.Duration, f func()) *time.Timer {
	origin := it.CurrentOrigin()
	return time.AfterFunc(d, func() { it.guard(origin, reflect.ValueOf(f), nil, false) })
}

// at records the cell line of the top-level statement about to run.
func (it *Interpreter) at(line int) {
	if c := it.current.Load(); c != nil {
		c.line.Store(int64(line))
	}
}

// callback wraps a function literal given to an API that calls it on a
// goroutine of its own (rewrite.go's guardCallbacks). On a goroutine the
// interpreter knows (a cell's, or one of its go statements'), the wrapper
// calls f as it is. On any other goroutine, it registers the goroutine under
// the origin of the cell that created f for the duration of the call, and
// turns a panic into a GoroutinePanic report (f then returns zero values).
// When the streaming engine called f (foreachBatch), the panic goes on to
// the engine instead, with the value the cell panicked with: the engine
// recovers it and fails the query, as Spark fails a query whose
// foreachBatch function throws.
func (it *Interpreter) callback(f any) any {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		return f
	}
	origin := it.CurrentOrigin()
	ft := fv.Type()
	return reflect.MakeFunc(ft, func(args []reflect.Value) (out []reflect.Value) {
		id := goroutineID()
		if _, known := it.goroutines.origin(id); known {
			return callFunc(fv, args)
		}
		it.goroutines.register(id, origin)
		defer it.goroutines.unregister(id)
		defer func() {
			if r := recover(); r != nil {
				if calledByStreaming() {
					it.traces.take(id)
					panic(panicValue(r))
				}
				it.goroutinePanic(origin, panicError(r, it.traces.take(id)))
				out = make([]reflect.Value, ft.NumOut())
				for i := range out {
					out[i] = reflect.Zero(ft.Out(i))
				}
			}
			it.traces.take(id)
		}()
		return callFunc(fv, args)
	}).Interface()
}

func callFunc(f reflect.Value, args []reflect.Value) []reflect.Value {
	if f.Type().IsVariadic() {
		return f.CallSlice(args)
	}
	return f.Call(args)
}

// values returns its arguments: _eddy.Values(f()) collects every result of f.
func values(vs ...any) []any { return vs }

// goStatement runs fn(args...) in a new goroutine that carries the origin of
// the calling goroutine and recovers its panic. It replaces `go fn(args...)`
// in cells; fn and args were evaluated by the caller, as Go requires.
func (it *Interpreter) goStatement(fn any, args ...any) { it.start(fn, args, false) }

// goStatementSlice replaces `go fn(args..., rest...)`.
func (it *Interpreter) goStatementSlice(fn any, args ...any) { it.start(fn, args, true) }

func (it *Interpreter) start(fn any, args []any, spread bool) {
	f := reflect.ValueOf(fn)
	if f.Kind() != reflect.Func || f.IsNil() {
		panic("go of nil func value")
	}
	in := callArgs(f.Type(), args, spread)
	go it.guard(it.CurrentOrigin(), f, in, spread)
}

// guard calls f in the calling goroutine, registered under origin, and
// reports a panic of f to GoroutinePanic.
func (it *Interpreter) guard(origin Origin, f reflect.Value, in []reflect.Value, spread bool) {
	id := goroutineID()
	it.goroutines.register(id, origin)
	defer func() {
		if r := recover(); r != nil {
			it.goroutinePanic(origin, panicError(r, it.traces.take(id)))
		}
		it.traces.take(id)
		it.goroutines.unregister(id)
	}()
	if spread {
		f.CallSlice(in)
	} else {
		f.Call(in)
	}
}

// callArgs converts the arguments of a go statement to the parameter types
// of the function: untyped constants arrive as their default type, nil as a
// nil interface.
func callArgs(t reflect.Type, args []any, spread bool) []reflect.Value {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		switch {
		case t.IsVariadic() && i >= t.NumIn()-1 && !spread:
			pt = t.In(t.NumIn() - 1).Elem()
		case i < t.NumIn():
			pt = t.In(i)
		default:
			panic(fmt.Sprintf("too many arguments in go statement: have %d, want %d", len(args), t.NumIn()))
		}
		if a == nil {
			in[i] = reflect.Zero(pt)
			continue
		}
		v := reflect.ValueOf(a)
		if !v.Type().AssignableTo(pt) && v.Type().ConvertibleTo(pt) {
			v = v.Convert(pt)
		}
		in[i] = v
	}
	return in
}

func (it *Interpreter) goroutinePanic(origin Origin, err *Error) {
	if it.opts.GoroutinePanic != nil {
		it.opts.GoroutinePanic(origin, err)
		return
	}
	text := ""
	for _, l := range err.Traceback {
		text += l + "\n"
	}
	it.output(origin, "stderr", text)
}

// streamingPrefix starts the names of the functions of the streaming
// engine, whose goroutines recover every panic and fail their query.
const streamingPrefix = "github.com/eddykernel/eddy/streaming."

// calledByStreaming reports whether a function of the streaming engine is
// on the calling goroutine's stack.
func calledByStreaming() bool {
	pc := make([]uintptr, 1024) // the panicking interpreted frames come first
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, streamingPrefix) {
			return true
		}
		if !more {
			return false
		}
	}
}
