package interp

import (
	"errors"
	"fmt"
)

// Error is a cell's failure, in the shape of a Jupyter error output.
type Error struct {
	// Name is the Jupyter ename: "panic", "SyntaxError", "CompileError",
	// "KeyboardInterrupt", or the ExceptionName() of the panic value.
	Name string
	// Value is the Jupyter evalue: the panic value or error message.
	Value string
	// Traceback holds the lines Jupyter shows; the last one repeats Name and
	// Value.
	Traceback []string
}

// Error returns "Name: Value".
func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Error names that the interpreter itself produces.
const (
	NamePanic       = "panic"
	NameSyntax      = "SyntaxError"
	NameCompile     = "CompileError"
	NameInterrupted = "KeyboardInterrupt"
)

// exceptionNamer is implemented by panic values and errors that name their
// Jupyter ename, such as dataframe's AnalysisException.
type exceptionNamer interface{ ExceptionName() string }

// interruptPanic is the value the interrupt check panics with in the
// interrupted cell's goroutine.
type interruptPanic struct{}

func (interruptPanic) Error() string { return "interrupted" }

// newError builds an Error whose traceback is trace followed by the
// "Name: Value" line.
func newError(name, value string, trace []string) *Error {
	tb := make([]string, 0, len(trace)+1)
	tb = append(tb, trace...)
	tb = append(tb, name+": "+value)
	return &Error{Name: name, Value: value, Traceback: tb}
}

// panicError converts a recovered panic value into an Error. trace holds the
// cell positions of the frames the panic unwound.
func panicError(r any, trace []string) *Error {
	if _, ok := r.(interruptPanic); ok {
		return newError(NameInterrupted, "interrupted", trace)
	}
	name := NamePanic
	var value string
	switch x := r.(type) {
	case error:
		value = x.Error()
		var n exceptionNamer
		if errors.As(x, &n) {
			name = n.ExceptionName()
		}
	case fmt.Stringer:
		value = x.String()
	default:
		value = fmt.Sprint(r)
	}
	if n, ok := r.(exceptionNamer); ok {
		name = n.ExceptionName()
	}
	lines := make([]string, 0, len(trace)+1)
	lines = append(lines, "panic: "+value)
	for _, l := range trace {
		lines = append(lines, "    "+l)
	}
	return &Error{Name: name, Value: value, Traceback: append(lines, name+": "+value)}
}

// compileError converts an error from parsing or compiling a cell.
func compileError(name string, err error) *Error {
	return newError(name, err.Error(), nil)
}
