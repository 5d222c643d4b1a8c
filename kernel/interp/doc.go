// Package interp is Eddy's execution layer: it runs Go notebook cells with
// the yaegi interpreter (github.com/traefik/yaegi, v0.16.1) and answers the
// kernel's execute, complete, inspect and is_complete questions.
//
// # Splitting
//
// yaegi cannot evaluate one source that mixes imports, declarations and
// statements. A cell is split lexically at the top level (go/scanner,
// bracket depth zero, statement-ending semicolons) into runs of imports,
// declarations (func, method, type, var, const) and statements, which are
// evaluated in order. Each run is parsed with go/parser into yaegi's file
// set behind a /*line _.go:L:C*/ directive, so every position yaegi reports
// (compile errors, panic frames) is a line and column of the cell. The file
// name is always yaegi's default one: yaegi keys imports by file name, and
// every cell must see the imports of the earlier ones.
//
// # Re-running and redefinition
//
// Imports are tracked per session: a package already imported under the
// same name is skipped (yaegi fails with "redeclared in this block"); a name
// imported again under another path replaces the old one. yaegi replaces
// re-declared functions, variables and constants itself, but silently keeps
// the first definition of a type; so the old type symbol is dropped from
// yaegi's main scope first (internals.go reaches the unexported field).
// Values of the old type keep their old type.
//
// # The last value
//
// When a cell ends with an expression statement, it is compiled as
// _eddy.Values(x), which collects every result of x (Go passes a
// multi-valued call's results on to a variadic parameter). One result that
// is not nil and not a *display.Handle becomes Result.Value; several
// results (fmt.Println's n and err) show nothing. When that does not
// compile (a call without results), x runs as a plain statement.
//
// # Output and goroutines
//
// fmt, log, os.Stdout and os.Stderr of cells are the interpreter's writers,
// which send each write to Options.Output with the origin of the writing
// goroutine (looked up by goroutine id, parsed from runtime.Stack). Every
// `go f(x)` statement of a cell is rewritten to `_eddy.Go(f, x)`: f and x
// are evaluated by the calling goroutine, as in Go, and the compiled helper
// starts the goroutine registered under the origin of its caller, with a
// recover that reports a panic through Options.GoroutinePanic. Output of a
// goroutine started in cell N therefore goes to cell N forever.
// CurrentOrigin falls back to the running (or last) cell for goroutines
// that compiled code started. In cells, os.Stdout and os.Stderr are
// io.Writers, not *os.File.
//
// # Failures
//
// Every cell runs in a goroutine of its own behind a recover; yaegi's
// Execute also recovers and returns a yaegi.Panic. Both become an *Error
// named "panic" (or the ExceptionName() of the panic value), whose
// traceback lists the cell lines of the interpreted frames the panic
// unwound: yaegi prints one "L:C: panic: fn(...)" line per frame to stderr,
// which the stderr writer keeps per goroutine instead of printing. A panic
// in an interpreted callback called by compiled code (sort.Slice's less, a
// func given to a compiled API) unwinds through the compiled frames to the
// cell's recover. Limitation: a panic in an interpreted callback that
// compiled code calls from a goroutine of its own (an http.Server handler)
// cannot be recovered by Eddy; such code must recover itself.
//
// # Interrupt
//
// yaegi's own cancellation (EvalWithContext) stops every interpreted frame,
// including the goroutines of earlier cells, so it is not used. Instead:
//
//  1. Every function body and loop body of a cell starts with
//     _eddy.Check(): one atomic load while no interrupt is pending. Interrupt
//     marks the eval goroutine of the running cell as stopped; its next
//     check panics with an interrupt, which becomes a KeyboardInterrupt
//     Error. Other goroutines pay a goroutine-id lookup per check while the
//     interrupt is pending, and carry on.
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
// Goroutines started by earlier cells are never stopped.
//
// # Names bound in every cell
//
// The prelude (prelude.go) binds values (display) with a dot-imported
// package and packages (later F, T, streaming) under their names: one line
// per name. Symbol tables of Eddy's packages are generated by yaegi extract
// into package symbols. Generic standard library functions that yaegi lacks
// (slices.Sort, slices.Max, slices.Min, slices.IsSorted, slices.Sorted,
// slices.BinarySearch, slices.SortFunc, maps.Keys, maps.Values) are
// interpreted generic wrappers (symbols/generic) compiled into yaegi's own
// slices and maps packages, calling compiled instantiations for []int,
// []int64, []float64 and []string and reflection otherwise. maps.Keys and
// maps.Values return slices in key order, not iterators (yaegi cannot range
// over functions). The wrappers take []E and map[K]V: yaegi does not infer
// E from a named slice type S ~[]E.
//
// # Completion and inspection
//
// Complete offers the names in scope, the members of packages (from the
// symbol tables) and the exported fields and methods of values (by
// reflection on the value of a plain selector; methods of interpreted types
// are not visible to reflection). Inspect shows doc comments from
// symbols.Docs, generated at go generate time from the sources of Eddy's
// packages and of common standard library packages, the source of a cell's
// declarations, and the type and value of variables. Both evaluate values
// only when no cell is running.
package interp
