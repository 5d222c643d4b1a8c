package interp

import (
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"sync"
	"sync/atomic"

	yaegi "github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/kernel/interp/symbols"
)

// Origin identifies the request a piece of output belongs to. The kernel
// passes the parent header of the execute_request; the interpreter never looks
// inside it.
type Origin = any

// Options configures an Interpreter.
type Options struct {
	// Output receives what interpreted code writes with fmt, log, os.Stdout
	// and os.Stderr. stream is "stdout" or "stderr"; origin is the origin of
	// the cell that wrote it (or that started the goroutine that wrote it).
	// When nil, output goes to the process's stdout and stderr.
	Output func(origin Origin, stream, text string)
	// GoroutinePanic receives the panic of a goroutine started by a cell's go
	// statement, with the origin of that cell. When nil, the panic is written
	// to Output's stderr stream.
	GoroutinePanic func(origin Origin, err *Error)
}

// Result is the outcome of Execute.
type Result struct {
	// Value is the value of the cell's last expression, when HasValue.
	Value any
	// HasValue reports whether the cell ends with an expression whose value
	// should be shown.
	HasValue bool
	// Err is the cell's failure, or nil.
	Err *Error
}

// Interpreter runs Go cells with yaegi. Execute calls are serialized; the
// other methods may be called at any time from any goroutine.
type Interpreter struct {
	opts Options
	yi   *yaegi.Interpreter
	in   *internals

	// execMu serializes Execute, Complete, Inspect and EvalExpression: yaegi
	// compiles into shared state.
	execMu sync.Mutex
	// namesMu guards imports, names and decls: an abandoned cell may still
	// update them.
	namesMu sync.Mutex
	// imports maps the package names visible in cells to their import paths.
	imports map[string]string
	// names are the top-level names cells have declared, for completion.
	names map[string]string
	// decls holds the source of the top-level declarations, for inspection.
	decls map[string]string
	// methods are the names of the methods cells declared, for completion.
	methods map[string]bool
	// generics are the names of the generic functions cells declared: a go
	// statement cannot take them as values.
	generics map[string]bool
	// typeNames are the compiled types registered with the cell runtime
	// to type top-level definitions (typeddefine.go), by name.
	typeNames map[reflect.Type]string
	// hasRichMethods is set once a cell declares a String, Error, HTML,
	// Markdown or MIMEBundle method (rich.go).
	hasRichMethods atomic.Bool
	// spark is the Spark session bound as spark in cells.
	spark *dataframe.Session
	// stdoutFile and stderrFile are os.Stdout and os.Stderr of cells.
	stdoutFile, stderrFile *fileStream

	goroutines goroutineTable
	current    atomic.Pointer[cellRun] // the running cell, or nil
	last       atomic.Pointer[cellRun] // the last cell that ran
	stops      stopTable
	traces     traceTable
}

// New returns an Interpreter with the standard library, Eddy's packages and
// the names of the prelude bound.
func New(opts Options) (*Interpreter, error) {
	it := &Interpreter{
		opts:      opts,
		imports:   map[string]string{},
		names:     map[string]string{},
		decls:     map[string]string{},
		methods:   map[string]bool{},
		generics:  map[string]bool{},
		typeNames: map[reflect.Type]string{},
	}
	watchStacks()
	it.goroutines.init()
	it.stops.init()
	it.traces.init()
	it.yi = yaegi.New(yaegi.Options{
		Stdout: &streamWriter{it: it, stream: "stdout"},
		Stderr: &streamWriter{it: it, stream: "stderr"},
		// Cells see a copy of the kernel's environment: os.Setenv in a cell
		// does not change the kernel's.
		Env: os.Environ(),
	})
	it.in = newInternals(it.yi)
	var err error
	if it.stdoutFile, err = newFileStream(it, "stdout"); err != nil {
		return nil, err
	}
	if it.stderrFile, err = newFileStream(it, "stderr"); err != nil {
		it.Close()
		return nil, err
	}
	if err := it.yi.Use(stdlib.Symbols); err != nil {
		return nil, fmt.Errorf("interp: loading the standard library: %w", err)
	}
	if err := it.yi.Use(symbols.Symbols); err != nil {
		return nil, fmt.Errorf("interp: loading Eddy's symbols: %w", err)
	}
	for _, src := range symbols.GenericSources {
		if _, err := it.yi.Compile(src); err != nil {
			return nil, fmt.Errorf("interp: compiling the generic helpers: %w", err)
		}
	}
	if err := it.yi.Use(it.runtimeSymbols()); err != nil {
		return nil, fmt.Errorf("interp: loading the cell runtime: %w", err)
	}
	it.in.enableCancellableChannels()
	it.startSession()
	if err := it.bindPrelude(); err != nil {
		return nil, err
	}
	return it, nil
}

// CurrentOrigin returns the origin of the calling goroutine: the cell that
// started it with a go statement, or the cell whose code it runs. Other
// goroutines get the running cell's origin, or the last cell's when none is
// running.
func (it *Interpreter) CurrentOrigin() Origin {
	if o, ok := it.goroutines.origin(goroutineID()); ok {
		return o
	}
	return it.cellOrigin()
}

// streamWriter is the io.Writer yaegi uses for os.Stdout, os.Stderr, fmt and
// log: it routes each write to the origin of the writing goroutine.
type streamWriter struct {
	it     *Interpreter
	stream string
}

func (w *streamWriter) Write(p []byte) (int, error) {
	// What cells wrote to os.Stdout or os.Stderr before goes first.
	w.it.flushFiles()
	if w.stream == "stderr" && w.it.traces.capture(p) {
		return len(p), nil
	}
	w.it.output(w.it.CurrentOrigin(), w.stream, string(p))
	return len(p), nil
}

func (it *Interpreter) output(origin Origin, stream, text string) {
	if it.opts.Output != nil {
		it.opts.Output(origin, stream, text)
		return
	}
	var w io.Writer = os.Stdout
	if stream == "stderr" {
		w = os.Stderr
	}
	io.WriteString(w, text)
}

// Execute runs one cell. It returns when the cell has finished, failed, or
// been interrupted; goroutines the cell started keep running.
func (it *Interpreter) Execute(ctx context.Context, origin Origin, code string) Result {
	it.execMu.Lock()
	defer it.execMu.Unlock()
	return it.execute(ctx, origin, code)
}

var _ = reflect.ValueOf
