package interp

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Top-level definitions that index compiled containers: yaegi alone fails
// them with "constant definition loop" (typeddefine.go). Each case runs its
// cells in order in one interpreter and checks the last cell's value.
func TestTypedDefinitions(t *testing.T) {
	runCellCases(t, []cellCase{
		{"row of a collected slice", []string{`rows := spark.SQL("SELECT 1 AS n").Collect()`, `r := rows[0]`, `r.GetInt64(0)`}, "1"},
		{"index of a call", []string{`r := spark.SQL("SELECT 2 AS n").Collect()[0]; r.GetInt64(0)`}, "2"},
		{"selector after the index", []string{`name := spark.SQL("SELECT 1 AS n").Schema().Fields[0].Name; name`}, "n"},
		{"method after the index", []string{`rows := spark.SQL("SELECT 1 AS n").Collect()`, `m := rows[0].AsMap(); m["n"]`}, "1"},
		{"field, then index", []string{`sch := spark.SQL("SELECT 1 AS n").Schema()`, `f := sch.Fields[0]; f.Name`}, "n"},
		{"same cell chain", []string{`import "strings"`, `a := strings.Split("x;y", ";"); b := a[1]; strings.ToUpper(b)`}, "Y"},
		{"var form", []string{`import "strings"`, `parts := strings.Split("a,b", ",")`, `var z = parts[1]; z`}, "b"},
		{"byte of a string", []string{`s := "abc"`, `c := s[1]; c`}, "98"},
		{"map value", []string{`import "os"`, `env := map[string][]string{"k": os.Args[:0]}`, `e := env["k"]; len(e)`}, "0"},
		{"static type kept", []string{`import "fmt"`, `rows := spark.SQL("SELECT 1 AS n").Collect()`, `r := rows[0]; fmt.Sprintf("%T", r)`}, "dataframe.Row"},
		{"rerun redefines", []string{`rows := spark.SQL("SELECT 1 AS n UNION ALL SELECT 2").Collect()`, `r := rows[0]`, `r := rows[1]`, `r.GetInt64(0)`}, "2"},
		{"value computed once", []string{`n := 0`, `next := func() []int { n++; return []int{n} }`, `v := next()[0]`, `n*10 + v`}, "11"},
	})
}

// A definition whose type cannot be worked out keeps yaegi's error, and
// nothing of the cell runs.
func TestTypedDefinitionUnknown(t *testing.T) {
	it, rec := newTestInterpreter(t)
	r := it.Execute(context.Background(), "c", `fmt.Println("ran")`+"\n"+`x := undefinedThing[0]`)
	if r.Err == nil {
		t.Fatal("want a compile error")
	}
	time.Sleep(50 * time.Millisecond) // output is flushed asynchronously
	for _, e := range rec.take() {
		if strings.Contains(e, "ran") {
			t.Errorf("the cell ran before its compile error: %q", e)
		}
	}
}
