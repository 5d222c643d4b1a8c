package interp

import (
	"context"
	"testing"
)

// Binding one more package or value is one entry in the prelude tables.
func TestPreludeTables(t *testing.T) {
	answer := 41
	preludePackages["S"] = "strings"
	preludeValues["answer"] = &answer
	defer func() {
		delete(preludePackages, "S")
		delete(preludeValues, "answer")
	}()
	it, _ := newTestInterpreter(t)
	ctx := context.Background()
	if r := it.Execute(ctx, "c", `S.ToUpper("bound")`); r.Value != "BOUND" {
		t.Errorf(`S.ToUpper("bound") = %v, %v`, r.Value, r.Err)
	}
	answer++
	if r := it.Execute(ctx, "c", "answer"); r.Value != 42 {
		t.Errorf("answer = %v, %v; want the variable's current value 42", r.Value, r.Err)
	}
	// A prelude package name is not imported again when a cell imports it.
	if r := it.Execute(ctx, "c", "import S \"strings\"\nS.Repeat(\"a\", 2)"); r.Value != "aa" {
		t.Errorf("re-import of a prelude package: %v, %v", r.Value, r.Err)
	}
	if m, _, _ := it.Complete("S.ToL", 5); len(m) == 0 || m[0] != "ToLower" {
		t.Errorf("completion of a prelude package: %q", m)
	}
}
