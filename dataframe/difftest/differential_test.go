package difftest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/difftest/pycases"
)

// caseTimeout bounds one case, so that an engine that hangs fails the suite instead of the CI run.
const caseTimeout = time.Minute

// goCase is the Go half of a case: it prints through spark's output (Show, PrintSchema) and w.
type goCase func(spark *dataframe.Session, w io.Writer)

// TestDifferential runs every case on Eddy and compares its output with the PySpark golden.
func TestDifferential(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	py := map[string]bool{}
	for _, c := range pycases.All {
		py[c.Name] = true
	}
	for name := range goCases {
		if !py[name] {
			t.Errorf("Go case %s has no PySpark snippet in package pycases", name)
		}
	}
	OUT = t.TempDir()
	known := knownFailures(t)
	strict := os.Getenv("DIFFTEST_STRICT") != ""
	// As in a notebook: the call that builds an invalid plan fails at once.
	dataframe.SetErrorHandler(func(err error) { panic(err) })
	defer dataframe.SetErrorHandler(nil)
	spark := newSession()
	hung := ""
	for _, c := range pycases.All {
		t.Run(c.Name, func(t *testing.T) {
			if hung != "" {
				t.Skipf("not run: case %s hung and may still hold the session", hung)
			}
			run, ok := goCases[c.Name]
			if !ok {
				t.Fatalf("case %s has no Go function", c.Name)
			}
			want, err := os.ReadFile(goldenPath(c.Name))
			if err != nil {
				t.Fatalf("no golden (run scripts/pyspark_goldens.py %s): %v", c.Name, err)
			}
			type result struct{ out, stack string }
			done := make(chan result, 1)
			go func() {
				out, stack := runCase(spark, run, root)
				done <- result{out, stack}
			}()
			var got, stack string
			select {
			case r := <-done:
				got, stack = r.out, r.stack
			case <-time.After(caseTimeout):
				hung = c.Name
				t.Fatalf("case did not finish within %v", caseTimeout)
			}
			got = strings.ReplaceAll(got, OUT, "$OUT")
			reason, isKnown := known[c.Name]
			report := t.Errorf
			if isKnown && !strict {
				report = t.Logf
			}
			switch {
			case got != string(want):
				if isKnown {
					t.Logf("known failure (testdata/known_failures.txt): %s", reason)
				}
				report("output differs from PySpark (-pyspark +eddy):\n%s", lineDiff(string(want), got))
				if stack != "" {
					t.Logf("Go panic:\n%s", stack)
				}
			case isKnown:
				report("case now matches PySpark: remove it from testdata/known_failures.txt")
			}
		})
	}
}

// knownFailures reads testdata/known_failures.txt: case name → reason.
func knownFailures(t *testing.T) map[string]string {
	b, err := os.ReadFile(filepath.Join("testdata", "known_failures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if _, ok := goCases[name]; !ok {
			t.Errorf("known_failures.txt names an unknown case %q", name)
		}
		known[name] = reason
	}
	return known
}

// runCase runs one case and returns what it printed. A panic ends the case with an ERROR line;
// the stack is returned when the panic was not a Spark error.
func runCase(spark *dataframe.Session, run goCase, root string) (out, stack string) {
	var buf bytes.Buffer
	spark.SetOutput(&buf)
	// Cases are independent, as in the golden script: drop their views, restore the time zone.
	defer func() {
		for _, name := range spark.Catalog().ListTables() {
			spark.Catalog().DropTempView(name)
		}
		spark.Conf().Set("spark.sql.session.timeZone", "UTC")
	}()
	func() {
		defer func() {
			if r := recover(); r != nil {
				line, isSpark := errorLine(r)
				fmt.Fprintln(&buf, strings.ReplaceAll(line, root, "$ROOT"))
				if !isSpark {
					stack = string(debug.Stack())
				}
			}
		}()
		run(spark, &buf)
	}()
	return buf.String(), stack
}

// errorLine renders a panic value as "ERROR <ExceptionName>: <first line of the message>", the
// form scripts/pyspark_goldens.py gives PySpark's exceptions.
func errorLine(r any) (string, bool) {
	err, ok := r.(error)
	if !ok {
		return fmt.Sprintf("ERROR panic: %v", r), false
	}
	var named interface{ ExceptionName() string }
	if errors.As(err, &named) {
		return "ERROR " + named.ExceptionName() + ": " + firstLine(err.Error()), true
	}
	return fmt.Sprintf("ERROR %T: %s", err, firstLine(err.Error())), false
}

// firstLine keeps the part of a Spark message before the appended plan (";\n") or SQL excerpt
// (the first newline), as the golden script does; a ";" that ends it goes too, as the one
// before Spark's plan does.
func firstLine(msg string) string {
	msg = strings.TrimLeft(msg, " \t\r\n")
	if i := strings.Index(msg, ";\n"); i >= 0 {
		msg = msg[:i]
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSuffix(strings.TrimRight(msg, " \t\r"), ";")
}

// lineDiff renders a line diff of want and got: " " common, "-" only in want, "+" only in got.
func lineDiff(want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	// lcs[i][j]: length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	line := func(prefix, s string) {
		sb.WriteString(prefix)
		sb.WriteString(strings.TrimSuffix(s, "\n"))
		if !strings.HasSuffix(s, "\n") && s != "" {
			sb.WriteString("⏎(no newline)")
		}
		sb.WriteString("\n")
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			line(" ", a[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			line("-", a[i])
			i++
		default:
			line("+", b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		line("-", a[i])
	}
	for ; j < len(b); j++ {
		line("+", b[j])
	}
	return sb.String()
}
