package interp

import (
	"errors"
	"fmt"
	"reflect"
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

// panicValue returns the value interpreted code panicked with: yaegi
// panics with its reflect.Value.
func panicValue(r any) any {
	rv, ok := r.(reflect.Value)
	if !ok {
		return r
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil
	}
	return rv.Interface()
}

// panicError converts a recovered panic value into an Error. trace holds the
// cell positions of the frames the panic unwound.
func panicError(r any, trace []string) *Error {
	r = panicValue(r)
	if _, ok := r.(interruptPanic); ok {
		return newError(NameInterrupted, "interrupted", indent(trace))
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
	lines := []string{"panic: " + value}
	if name == NamePanic && isNilDereference(r) {
		// yaegi's reflection fails where Go would dereference nil: say so
		// as Go does, and keep yaegi's message in the traceback.
		lines = []string{"panic: " + nilDereference, "    [recovered from " + value + "]"}
		value = nilDereference
	}
	lines = append(lines, indent(trace)...)
	return &Error{Name: name, Value: value, Traceback: append(lines, name+": "+value)}
}

// nilDereference is Go's message for a nil pointer dereference.
const nilDereference = "runtime error: invalid memory address or nil pointer dereference"

// isNilDereference reports whether a panic of yaegi's reflection means
// that interpreted code dereferenced nil: an operation on the zero
// reflect.Value (a field of a nil pointer, a method of a nil interface).
func isNilDereference(r any) bool {
	switch x := r.(type) {
	case *reflect.ValueError:
		return x.Kind == reflect.Invalid
	case string:
		// A method of a nil interface; a dereferenced nil pointer passed on.
		return x == "reflect: Method on nil interface value" || x == "reflect: Call using zero Value argument"
	}
	return false
}

func indent(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "    " + l
	}
	return out
}

// compileError converts an error from parsing or compiling a cell.
func compileError(name string, err error) *Error {
	return newError(name, err.Error(), nil)
}
