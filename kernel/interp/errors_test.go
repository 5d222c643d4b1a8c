package interp

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
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

// Where yaegi's reflection fails on a nil dereference, the cell fails with
// Go's message, and the traceback keeps yaegi's.
func TestNilDereferenceMessage(t *testing.T) {
	it, _ := newTestInterpreter(t)
	it.Execute(context.Background(), "c", "type node struct{ Next *node }\nfunc (n *node) Len() int { return 1 + n.Next.Len() }")
	for _, tc := range []struct{ code, reflectMessage string }{
		{"var p *node\np.Next = p", "reflect.Value.Field on zero Value"},
		{"var s interface{ String() string }\ns.String()", "reflect.Value.Interface on zero Value"},
		{"var e error\ne.Error()", "Method on nil interface value"},
		{"var pi *int\n*pi = 3", "reflect.Value.Set on zero Value"},
		{"var pi *int\n*pi", "Call using zero Value argument"},
		{"(&node{}).Len()", "reflect.Value.Field on zero Value"},
	} {
		res := it.Execute(context.Background(), "c", tc.code)
		if res.Err == nil || res.Err.Name != NamePanic || res.Err.Value != nilDereference {
			t.Errorf("%q: %+v, want panic: %s", tc.code, res.Err, nilDereference)
			continue
		}
		if tb := strings.Join(res.Err.Traceback, "\n"); !strings.Contains(tb, tc.reflectMessage) {
			t.Errorf("%q: traceback lacks %q:\n%s", tc.code, tc.reflectMessage, tb)
		}
	}
	// Other reflect panics keep their message.
	res := it.Execute(context.Background(), "c", "var m map[string]int\nm[\"a\"] = 1")
	if res.Err == nil || res.Err.Value != "assignment to entry in nil map" {
		t.Errorf("nil map: %+v", res.Err)
	}
}
