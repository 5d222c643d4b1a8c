package interp

import (
	"fmt"
	"strings"
	"testing"
)

// TestSplitCell shows how cells are split into runs, against
// testdata/split.golden.
func TestSplitCell(t *testing.T) {
	cells := []string{
		"1 + 1",
		"import \"fmt\"\nfmt.Println(1)",
		"import \"fmt\"\nx := 1\nfunc f() int { return x }\ntype T struct{}\nfunc (T) M() {}\nfmt.Println(f())\nimport \"os\"\nos.Getpid()",
		"func() { println(1) }()\nfunc (t T) Name() string { return \"\" }\nfunc (x int) { println(x) }(3)",
		"var x = 1\nconst c = 2\nvar (\n\ta = 1\n\tb = 2\n)\ntype (\n\tA int\n\tB string\n)",
		"for i := 0; i < 3; i++ {\n\tfunc() {}()\n}\nfunc g() {}",
		"// comment only",
		"x := map[string]func(){\n\t\"a\": func() {},\n}; y := 2; func h() {}",
		"é := \"ü\"; func ö() {}",
		"s := `raw\nfunc not() {}\n`\nfunc yes() {}",
	}
	var out strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&out, "==== %q\n", c)
		for _, r := range splitCell(c) {
			fmt.Fprintf(&out, "%s at %d:%d %q\n", r.kind, r.line, r.col, r.text)
		}
	}
	golden(t, "split.golden", out.String())
}
