// Package interp is Eddy's execution layer: it runs Go notebook cells with
// the yaegi interpreter (github.com/traefik/yaegi, v0.16.1) and answers the
// kernel's execute, complete, inspect and is_complete questions.
//
// # Splitting
//
// yaegi cannot evaluate one source that mixes imports, declarations and
// statements. A cell is split lexically at the top level (go/scanner,
// bracket depth zero, statement-ending semicolons) into runs of imports,
// declarations (func, method, type) and statements (including var and
// const, which yaegi evaluates in the global scope all the same), which are
// evaluated in order. A cell is parsed completely before any of it runs, so
// a syntax error anywhere runs nothing. Each run is parsed with go/parser
// into yaegi's file set behind a /*line _.go:L:C*/ directive, so every
// position yaegi reports (compile errors, panic frames) is a line and column
// of the cell. The file name is always yaegi's default one: yaegi keys
// imports by file name, and every cell must see the imports of the earlier
// ones. Every run is compiled (imports imported, the trailing expression
// checked) before any runs, so a compile error anywhere runs nothing
// (names the earlier runs declare then exist with zero values). A cell
// that declares func main is compiled run by run instead: yaegi runs main
// after every compilation while it is declared.
//
// # Re-running and redefinition
//
// Imports are tracked per session: a package already imported under the
// same name is skipped (yaegi fails with "redeclared in this block"); a name
// imported again under another path replaces the old one. A cell that uses
// pkg.Name without importing pkg gets the import when exactly one standard
// library package has that name and nothing in the cell or the session
// declares it (autoimport.go). A pasted program works: its package clause is
// dropped, and its func main runs once (yaegi would run it again after every
// later compilation, so the symbol is dropped afterwards). yaegi replaces
// re-declared functions, variables and constants itself, but silently keeps
// the first definition of a type; so the old type symbol is dropped from
// yaegi's main scope first (internals.go reaches the unexported field).
// Values of the old type keep their old type, and functions compiled against
// it keep using it until they are re-declared too.
//
// # The last value
//
// When a cell ends with an expression statement, it is compiled as
// _eddy.Values(x), which collects every result of x (Go passes a
// multi-valued call's results on to a variadic parameter). One result that
// is not nil (nor a nil pointer, map, slice, func or chan) and not a
// *display.Handle becomes Result.Value; several results (fmt.Println's n and
// err) show nothing. When that does not compile (a call without results), x
// runs as a plain statement.
//
// Methods of interpreted types are invisible to reflection, so once a cell
// declares a String, Error, HTML, Markdown or MIMEBundle method, the trailing
// value is kept in a global and passed to small compiled helpers with
// interface parameters (yaegi wraps the value when its static type has the
// methods); the parts found make a display.MIMEBundle, which becomes the
// Value (rich.go). Values of compiled types are never converted.
//
// # Output and goroutines
//
// fmt and log of cells write to the interpreter's writers, which send each
// write to Options.Output with the origin of the writing goroutine (looked
// up by goroutine id, parsed from runtime.Stack). Every
// `go f(x)` statement of a cell is rewritten to `_eddy.Go(f, x)`: f and x
// are evaluated by the calling goroutine, as in Go, and the compiled helper
// starts the goroutine registered under the origin of its caller, with a
// recover that reports a panic through Options.GoroutinePanic. Output of a
// goroutine started in cell N therefore goes to cell N forever.
// time.AfterFunc is replaced by the same guard. CurrentOrigin falls back to
// the running (or last) cell for goroutines that compiled code started. In
// cells, os.Stdout and os.Stderr are real *os.File values (the write ends
// of two pipes of the interpreter, stdio.go), with their whole method set;
// a child process given them writes into the cell's output. A pipe does not
// tell who wrote into it, so their text goes to the running cell (or the
// last one): a goroutine of an older cell that writes to os.Stdout directly
// rather than with fmt.Print shows in the current cell. Each pipe is
// drained before every fmt/log write and at the end of every cell, so each
// stream keeps the order of its writes. The environment of cells is a copy
// of the kernel's (yaegi's restricted mode).
//
// # Failures
//
// Every cell runs in a goroutine of its own behind a recover; yaegi's
// Execute also recovers and returns a yaegi.Panic. Both become an *Error
// named "panic" (or the ExceptionName() of the panic value, for compiled
// types), whose traceback lists the interpreted frames the panic unwound:
// yaegi prints one "L:C: panic: fn(...)" line per frame to stderr, which the
// stderr writer keeps per goroutine instead of printing. yaegi gives the
// line where each function starts, not the line that panicked; for the
// cell's own top-level statements the traceback names the failing line,
// recorded by an _eddy.At(line) call injected before each of them. A panic
// in an interpreted callback called by compiled code (sort.Slice's less, a
// func given to a compiled API) unwinds through the compiled frames to the
// cell's recover.
//
// Callbacks that compiled code runs on goroutines of its own are a
// different matter: nothing Eddy compiled is on their stack. A function
// literal given to a function or method named Go, AfterFunc, HandleFunc,
// ForeachBatch or Foreach (sync.WaitGroup.Go, the streaming API) is wrapped
// as _eddy.Callback(func...).(func type): on a goroutine the interpreter
// does not know, the wrapper registers the goroutine under the origin of the
// cell that created the function and reports a panic to GoroutinePanic (the
// call then returns zero values). When the streaming engine is on the
// stack (foreachBatch), the panic goes on to the engine instead, which fails
// the query with it, as Spark does (q.Exception()). time.AfterFunc is
// replaced by a guarded version.
//
// Limitations: a panic in any other interpreted function that compiled code
// calls on a goroutine of its own (a named function rather than a literal,
// or an API not in that list) cannot be recovered by Eddy and ends the
// process, unless the library recovers itself (net/http's server does).
// Compiled code that runs user callbacks in background goroutines (the
// streaming engine) should recover their panics itself. go statements
// calling a generic function or a builtin are not rewritten (yaegi cannot
// make a value of them): they run unguarded. yaegi has known crash bugs
// around generics.
//
// # Stack overflow
//
// Unbounded recursion would overflow a goroutine's stack, a fatal error in
// Go, and unwinding a deep interpreted recursion by panicking costs time in
// the square of its depth. A watchdog samples the memory of goroutine
// stacks; above 16 MB, checks take the slow path, where a sampled depth
// measurement parks a goroutine more than about 10,000 interpreted calls
// deep for good: its cell fails at once with a StackOverflow error (a
// goroutine's overflow goes to GoroutinePanic). The parked goroutine keeps
// its stack until the process ends, and checks stay on the slow path.
//
// # Interrupt
//
// yaegi's own cancellation (EvalWithContext) stops every interpreted frame,
// including the goroutines of earlier cells, so it is not used. Instead:
//
//  1. Every function body and loop body of a cell starts with
//     `if *_eddy.Pending { _eddy.Check() }`, and a check follows every
//     top-level statement. Pending points to a plain bool that yaegi reads
//     without a function call (a few nanoseconds per loop iteration;
//     race-detector builds call Check directly, which reads an atomic).
//     yaegi folds a plain bool variable of a compiled package into a
//     constant in some conditions, hence the pointer. Interrupt marks the
//     eval goroutine of the running cell as stopped; its next check panics
//     with an interrupt, which becomes a KeyboardInterrupt Error. Other
//     goroutines pay a goroutine-id lookup per check while an interrupt is
//     pending, and carry on.
//  2. A cell blocked on a channel (<-ch, select {}) does not reach a check.
//     Cells run with yaegi's cancellable channel operations on, and each
//     cell gets its own cancellation channel, inherited by the frames it
//     creates. 300 ms after the interrupt it is closed: the blocked channel
//     operations of this cell (including those of goroutines this cell
//     started) return, and the cell stops at its next check.
//  3. A cell blocked in compiled code (time.Sleep, a mutex) is abandoned
//     another 300 ms later: Execute returns KeyboardInterrupt and the kernel
//     goes idle. The abandoned goroutine stays marked as stopped, so it
//     panics at its next check when it wakes up, and until it does every
//     check pays the slow path.
//
// Goroutines started by earlier cells are never stopped. A cancelled channel
// operation returns early in yaegi, so a function blocked in one returns
// zero values to its caller, which stops at its next check. Interpreted
// callbacks that compiled code calls later take the cancellation channel of
// the cell running at that moment.
//
// # Cost
//
// Execute of 1+1 takes about 0.1 ms in a fresh session. yaegi reallocates
// its global frame, which grows by a few slots with every cell, on each
// compilation, so a cell costs about 0.1 ms more per thousand cells run
// before it. The injected checks cost a few nanoseconds per loop iteration
// and function call while no interrupt is pending.
//
// Memory: yaegi keeps the syntax tree of every compilation for its debugger
// (Interpreter.roots and the main scope's children); the interpreter drops
// those references after each cell (internals.release), and removes the
// source file of a cell that is one expression from the file set. A cell
// of 1+1 then keeps about 100-300 bytes (the global frame slots, yaegi's;
// BenchmarkRetainedHeap), instead of about 5.5 kB. Declarations are kept,
// as they must be, and so are the file-set lines of cells with statements
// or declarations (a few hundred bytes each).
//
// # Concurrency
//
// yaegi's global frame is not synchronized: goroutines of earlier cells read
// it while a new cell resizes it, so `go test -race` reports races inside
// yaegi when cells run next to goroutines. They are benign in practice (the
// old and new frame slices share their variables).
//
// # Names bound in every cell
//
// The prelude (prelude.go) binds values (display, and spark, a
// *dataframe.Session created once per interpreter) with a dot-imported
// package and packages (F, T, streaming) under their names: one line per
// name. The session's Show, PrintSchema and Explain write to the stdout
// stream of the calling goroutine's cell, and New installs a dataframe
// error handler that panics, so a cell that builds an invalid plan fails at
// that call with Spark's exception name (AnalysisException, ...) as the
// error name. A cell that declares a type or function named like a bound
// package (type T, func F) replaces the package, as re-declarations do;
// package dataframe is imported on first use, like a standard package. The
// types API.md names (DataFrame, Row, Column, StructType, StreamingQuery,
// ...) are bound too, so `func(df *DataFrame, batchID int64)` compiles; a
// cell's own type of such a name replaces the bound one. Symbol tables of Eddy's packages are generated by yaegi extract
// into package symbols. Generic standard library functions that yaegi lacks
// (slices.Sort, slices.Max, slices.Min, slices.IsSorted, slices.Sorted,
// slices.BinarySearch, slices.SortFunc, maps.Keys, maps.Values) are
// interpreted generic wrappers (symbols/generic) compiled into yaegi's own
// slices and maps packages, calling compiled instantiations for []int,
// []int64, []float64 and []string and reflection otherwise. maps.Keys and
// maps.Values return slices in key order, not iterators (yaegi cannot range
// over functions). The wrappers take []E and map[K]V: yaegi does not infer
// E from a named slice type S ~[]E, which is also why Equal, Compare,
// Insert, Delete, DeleteFunc, Replace, Clone, Compact, Grow, Clip, Reverse
// and Concat of yaegi's own slices source are replaced.
//
// # Completion and inspection
//
// Complete offers the names in scope, the members of packages (from the
// symbol tables) and the exported fields and methods of values (by
// reflection on the value of a plain selector, plus the methods cells
// declared, found by compiling (never running) the selector). Inspect shows
// doc comments from
// symbols.Docs, generated at go generate time from the sources of Eddy's
// packages and of common standard library packages, the source of a cell's
// declarations, and the type and value of variables. Both evaluate values
// only when no cell is running.
//
// # User expressions
//
// EvalExpression runs one expression like a cell (same rendering of its
// value, interruptible), with the origin of the last cell, and interrupts
// it after 10 seconds.
package interp
