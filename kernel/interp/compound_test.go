package interp

import "testing"

// Statement forms that yaegi v0.16.1 gets wrong at the top level of a cell
// or in parallel assignments (compound.go, parallelassign.go). Each case
// runs its cells in order in one interpreter and checks the last value.
func TestYaegiStatementWorkarounds(t *testing.T) {
	runCellCases(t, []cellCase{
		{"multi-result define in an if", []string{`import "strconv"`, `got := 0`, `if n, err := strconv.Atoi("42"); err == nil { got = n }; got`}, "42"},
		{"multi-result define in a loop body", []string{`import "strconv"`, `sum := 0`, `for _, s := range []string{"1", "x", "3"} { n, err := strconv.Atoi(s); if err == nil { sum += n } }; sum`}, "4"},
		{"comma-ok map index in an if", []string{`m := map[string]int{"a": 7}`, `got := 0`, `if v, ok := m["a"]; ok { got = v }; got`}, "7"},
		{"comma-ok type assertion in an if", []string{`var e any = 3`, `got := 0`, `if n, ok := e.(int); ok { got = n }; got`}, "3"},
		{"type switch", []string{`var e any = "s"`, `kind := ""`, `switch e.(type) { case int: kind = "int"; case string: kind = "string" }; kind`}, "string"},
		{"labeled loop", []string{`n := 0`, `outer: for i := 0; i < 3; i++ { for j := 0; j < 3; j++ { if j == 1 { continue outer }; n++ } }; n`}, "3"},
		{"parallel assignment of a call and a constant", []string{`func two() string { return "x" }`, `s, ok := "", false`, `s, ok = two(), true; fmt.Sprintf("%v %v", s, ok)`}, "x true"},
		{"parallel assignment, call last", []string{`func two() string { return "x" }`, `var a int; var s string`, `a, s = 5, two(); fmt.Sprintf("%v %v", a, s)`}, "5 x"},
		{"parallel assignment in a function", []string{`func two() string { return "x" }`, `func pair() (string, bool) { var a string; var b bool; a, b = two(), true; return a, b }`, `a, b := pair(); fmt.Sprintf("%v %v", a, b)`}, "x true"},
		{"parallel assignment in a nested block", []string{`func two() string { return "x" }`, `s, ok := "", false`, `if !ok { s, ok = two(), true }; fmt.Sprintf("%v %v", s, ok)`}, "x true"},
		{"swap keeps Go's order", []string{`x := []int{1, 2}`, `x[0], x[1] = x[1], x[0]; fmt.Sprint(x)`}, "[2 1]"},
	})
}
