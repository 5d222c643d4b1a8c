package interp

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	yaegi "github.com/traefik/yaegi/interp"
)

type analysisException struct{ msg string }

func (e analysisException) Error() string         { return e.msg }
func (e analysisException) ExceptionName() string { return "AnalysisException" }

func TestPanicError(t *testing.T) {
	for _, tc := range []struct {
		panicValue      any
		name, errString string
	}{
		{"boom", "panic", "boom"},
		{errors.New("plain error"), "panic", "plain error"},
		{analysisException{"cannot resolve column"}, "AnalysisException", "cannot resolve column"},
		{fmt.Errorf("wrapped: %w", analysisException{"inner"}), "AnalysisException", "wrapped: inner"},
		{reflect.ValueOf(42), "panic", "42"},
		{interruptPanic{}, NameInterrupted, "interrupted"},
		{3.5, "panic", "3.5"},
	} {
		e := panicError(tc.panicValue, []string{"at cell line 1"})
		if e.Name != tc.name || e.Value != tc.errString {
			t.Errorf("panicError(%#v) = %s: %s, want %s: %s", tc.panicValue, e.Name, e.Value, tc.name, tc.errString)
		}
		if last := e.Traceback[len(e.Traceback)-1]; last != e.Name+": "+e.Value {
			t.Errorf("panicError(%#v): last traceback line %q", tc.panicValue, last)
		}
	}
}

// A compiled API that panics with an error naming its exception (as
// dataframe does in notebooks) gives that ename.
func TestExceptionNameThroughTheInterpreter(t *testing.T) {
	it, _ := newTestInterpreter(t)
	err := it.yi.Use(yaegi.Exports{"eddytest/sparkish/sparkish": {
		"Fail": reflect.ValueOf(func(msg string) { panic(analysisException{msg}) }),
	}})
	if err != nil {
		t.Fatal(err)
	}
	res := it.Execute(context.Background(), "c", "import \"eddytest/sparkish\"\nx := 1\nsparkish.Fail(\"[UNRESOLVED_COLUMN] x\")")
	if res.Err == nil || res.Err.Name != "AnalysisException" || res.Err.Value != "[UNRESOLVED_COLUMN] x" {
		t.Fatalf("result: %+v", res.Err)
	}
	if want := "    at cell line 3"; !contains(res.Err.Traceback, want) {
		t.Errorf("traceback %q lacks %q", res.Err.Traceback, want)
	}
}
