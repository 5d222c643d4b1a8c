package interp

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// completionSession prepares names for the completion and inspection
// tests.
func completionSession(t *testing.T) *Interpreter {
	t.Helper()
	it, _ := newTestInterpreter(t)
	res := it.Execute(context.Background(), "setup", `
import (
	"strings"
	"time"
)
type Account struct {
	Owner   string
	Balance float64
}
func (a *Account) Withdraw(amount float64) { a.Balance -= amount }
func (a Account) Summary() string { return a.Owner }
type Other struct{}
func (Other) Unrelated() {}
// deposit adds money.
func deposit(a *Account, amount float64) { a.Balance += amount }
acct := &Account{Owner: "ann", Balance: 10}
builder := &strings.Builder{}
début := 3
delay := 2 * time.Second
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return it
}

// cursorAt returns the code with the "|" marker removed and the marker's
// position in code points.
func cursorAt(marked string) (string, int) {
	i := strings.Index(marked, "|")
	return marked[:i] + marked[i+1:], len([]rune(marked[:i]))
}

func TestComplete(t *testing.T) {
	it := completionSession(t)
	for _, tc := range []struct {
		code       string // "|" marks the cursor
		want       []string
		start, end int
	}{
		{code: "strings.ToU|", want: []string{"ToUpper", "ToUpperSpecial"}, start: 8, end: 11},
		{code: "x := strings.Spl|", want: []string{"Split", "SplitAfter", "SplitAfterN", "SplitN"}, start: 13, end: 16},
		{code: "acct.|", want: []string{"Balance", "Owner", "Summary", "Withdraw"}, start: 5, end: 5},
		{code: "acct.Ow|", want: []string{"Owner"}, start: 5, end: 7},
		{code: "builder.Wri|", want: []string{"Write", "WriteByte", "WriteRune", "WriteString"}, start: 8, end: 11},
		{code: "delay.Mill|", want: []string{"Milliseconds"}, start: 6, end: 10},
		{code: "dep|", want: []string{"deposit"}, start: 0, end: 3},
		{code: "fmt.Println(acc|)", want: []string{"acct"}, start: 12, end: 15},
		{code: "déb|", want: []string{"début"}, start: 0, end: 3},
		{code: "é := 1; débu|", want: []string{"début"}, start: 8, end: 12},
		{code: "disp|", want: []string{"display"}, start: 0, end: 4},
		{code: "display.HT|", want: []string{"HTML"}, start: 8, end: 10},
		{code: "fo|", want: []string{"for"}, start: 0, end: 2},
		{code: "appe|", want: []string{"append"}, start: 0, end: 4},
		{code: "slices.Sor|", want: []string{"Sort", "SortFunc", "SortStableFunc", "Sorted"}, start: 7, end: 10},
		{code: "maps.K|", want: []string{"Keys"}, start: 5, end: 6},
		{code: "f().|", want: nil, start: 4, end: 4},
		{code: "nosuch.|", want: nil, start: 7, end: 7},
	} {
		code, cursor := cursorAt(tc.code)
		got, start, end := it.Complete(code, cursor)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || start != tc.start || end != tc.end {
			t.Errorf("Complete(%q) = %q [%d:%d], want %q [%d:%d]", tc.code, got, start, end, tc.want, tc.start, tc.end)
		}
	}
}

func TestInspect(t *testing.T) {
	it := completionSession(t)
	var out strings.Builder
	for _, code := range []string{
		"strings.Spl|it",
		"strings.Split(|",
		"fmt.Printl|n",
		"display.HT|ML",
		"displ|ay",
		"acct|",
		"acct.Bal|ance",
		"deposit|",
		"Account|",
		"délai := début|",
		"builder.WriteSt|ring",
		"time|",
		"slices.Sort|",
		"maps.Keys|",
		"nosuchname|",
		"   |",
	} {
		marked := code
		code, cursor := cursorAt(code)
		text, found := it.Inspect(code, cursor, 0)
		fmt.Fprintf(&out, "==== %s\nfound: %v\n%s\n", marked, found, text)
	}
	golden(t, "inspect.golden", out.String())
}

func TestIsComplete(t *testing.T) {
	for _, tc := range []struct {
		code, status, indent string
	}{
		{"1+1", "complete", ""},
		{"", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
		{"func f() {", "incomplete", "    "},
		{"func f() {\n    if true {", "incomplete", "        "},
		{"x := []int{\n\t1,", "incomplete", "\t    "},
		{"fmt.Println(1,", "incomplete", "    "},
		{"s := `raw", "incomplete", ""},
		{"/* comment", "incomplete", ""},
		{"x := 1 +", "incomplete", "    "},
		{"x := 1 +\n2", "complete", ""},
		{"}", "invalid", ""},
		{"x := \"unterminated", "invalid", ""},
		{"1 2", "invalid", ""},
		{"func (", "incomplete", "    "},
		{"for i := 0; i < 3; i++ {\n}", "complete", ""},
	} {
		status, indent := IsComplete(tc.code)
		if status != tc.status || indent != tc.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tc.code, status, indent, tc.status, tc.indent)
		}
	}
}

func TestEvalExpression(t *testing.T) {
	it := completionSession(t)
	defer func(d time.Duration) { expressionTimeout = d }(expressionTimeout)
	expressionTimeout = 50 * time.Millisecond
	for _, tc := range []struct {
		expr string
		want string // fmt.Sprint of the value, or "error Name"
	}{
		{"acct.Balance * 2", "20"},
		{"len(acct.Owner)", "3"},
		{"strings.Repeat(\"ab\", 2)", "abab"},
		{"undefined", "error CompileError"},
		{"x := 1", "error SyntaxError"},
		{"acct.Owner[10]", "error panic"},
		{"1 +", "error SyntaxError"},
		{"<-make(chan int)", "error KeyboardInterrupt"},
	} {
		v, err := it.EvalExpression(tc.expr)
		got := fmt.Sprint(v)
		if err != nil {
			got = "error " + err.Name
		}
		if got != tc.want {
			t.Errorf("EvalExpression(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// Completion and inspection answer while a cell runs, without evaluating
// anything (the running cell owns the interpreter).
func TestCompleteWhileRunning(t *testing.T) {
	it := completionSession(t)
	started := make(chan struct{})
	done := make(chan Result)
	go func() {
		done <- it.Execute(context.Background(), "busy", "started := true\nfor { }")
	}()
	go func() {
		for it.current.Load() == nil {
			runtime.Gosched()
		}
		close(started)
	}()
	<-started
	got, _, _ := it.Complete("strings.ToU", 11)
	if fmt.Sprint(got) != "[ToUpper ToUpperSpecial]" {
		t.Errorf("package completion while running = %q", got)
	}
	if got, _, _ := it.Complete("acct.", 5); got != nil {
		t.Errorf("value completion while running = %q, want none", got)
	}
	if text, _ := it.Inspect("strings.Split", 10, 0); !strings.HasPrefix(text, "func Split") {
		t.Errorf("inspect while running = %q", text)
	}
	it.Interrupt()
	if r := <-done; r.Err == nil || r.Err.Name != NameInterrupted {
		t.Errorf("busy cell: %+v", r)
	}
}
