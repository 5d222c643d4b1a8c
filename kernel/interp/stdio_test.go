package interp

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// os.Stdout and os.Stderr of cells are *os.File values with their whole
// method set; what is written to them reaches the cell's streams, in order
// with fmt and log, before Execute returns.
func TestOSStdioFiles(t *testing.T) {
	it, r := newTestInterpreter(t)
	t.Cleanup(func() { it.Close() })
	code := "import (\n\t\"fmt\"\n\t\"log\"\n\t\"os\"\n)\n" +
		"fmt.Println(\"one\")\n" +
		"fmt.Fprintln(os.Stderr, \"two\")\n" +
		"log.SetFlags(0)\n" +
		"log.Println(\"three\")\n" +
		"os.Stdout.Write([]byte(\"four\\n\"))\n" +
		"os.Stdout.WriteString(\"five\\n\")\n" +
		"os.Stderr.WriteString(\"six\\n\")\n" +
		"fmt.Println(\"seven\")\n" +
		"var f *os.File = os.Stdout\n" +
		"fmt.Fprintf(f, \"%v %d\\n\", os.Stdout.Name() != \"\", os.Stderr.Fd())\n" +
		"os.Stdout.Sync()\n" +
		"é := \"é\"\n" +
		"os.Stdout.Write([]byte(é)[:1])\n" +
		"os.Stdout.Write([]byte(é)[1:])"
	res := it.Execute(context.Background(), "c", code)
	if res.Err != nil {
		t.Fatalf("%s: %s", res.Err.Name, res.Err.Value)
	}
	streams := map[string]string{}
	for _, e := range r.take() {
		for _, s := range []string{"stdout", "stderr"} {
			if prefix := "[c] " + s + " "; strings.HasPrefix(e, prefix) {
				streams[s] += unquote(t, strings.TrimPrefix(e, prefix))
			}
		}
	}
	fd := it.stderrFile.w.Fd()
	if want := "one\nfour\nfive\nseven\ntrue " + itoa(int(fd)) + "\né"; streams["stdout"] != want {
		t.Errorf("stdout %q, want %q", streams["stdout"], want)
	}
	if want := "two\nthree\nsix\n"; streams["stderr"] != want {
		t.Errorf("stderr %q, want %q", streams["stderr"], want)
	}
}

func unquote(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return u
}

func itoa(i int) string { return strconv.Itoa(i) }

// A cell whose trailing expression does not compile runs nothing.
func TestCompileErrorRunsNothing(t *testing.T) {
	it, r := newTestInterpreter(t)
	t.Cleanup(func() { it.Close() })
	ctx := context.Background()
	res := it.Execute(ctx, "c", "import \"os\"\nn := 1\nfmt.Println(\"ran\")\nn = 2\nos.Stderr.NoSuchMethod(\"x\")")
	if res.Err == nil || res.Err.Name != NameCompile {
		t.Fatalf("result %+v, want a CompileError", res)
	}
	if events := r.take(); len(events) != 0 {
		t.Errorf("the cell ran: %q", events)
	}
	if res := it.Execute(ctx, "c", "y := 3\ny * 2"); res.Value != 6 {
		t.Errorf("trailing value of a variable of the same cell: %v, %v", res.Value, res.Err)
	}
	// A declaration after statements that does not compile: nothing runs.
	res = it.Execute(ctx, "c", "fmt.Println(\"ran\")\nfunc broken() int { return undefinedName }\nfmt.Println(\"ran too\")")
	if res.Err == nil || res.Err.Name != NameCompile {
		t.Fatalf("result %+v, want a CompileError", res)
	}
	if events := r.take(); len(events) != 0 {
		t.Errorf("the cell ran: %q", events)
	}
	// Statements, declarations using them, and statements using those,
	// compiled ahead and run in order.
	res = it.Execute(ctx, "c", "z := 5\nfunc twice() int { return z * 2 }\nz = 7\ntwice()")
	if res.Value != 14 {
		t.Errorf("mixed cell: %v, %v; want 14", res.Value, res.Err)
	}
}
