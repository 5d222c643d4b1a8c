package interp

import (
	"go/token"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"1+1",
	"import \"fmt\"\nx := 1\nfunc f() {}\nfmt.Println(x)",
	"func (",
	"s := `unterminated",
	"}}}{{{",
	"/* comment",
	"x := \"é\"; func ö() {}",
	"\xff\xfe invalid utf-8",
	"type T struct{\n",
	"package main\nfunc main() {}",
}

// The splitter never panics, and its runs are pieces of the cell, in order.
func FuzzSplitCell(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		last := 0
		for _, r := range splitCell(code) {
			i := strings.Index(code[last:], r.text)
			if i < 0 {
				t.Fatalf("run %q is not in the rest of the cell %q", r.text, code[last:])
			}
			last += i + len(r.text)
			if r.line < 1 || r.col < 1 {
				t.Fatalf("run %q at %d:%d", r.text, r.line, r.col)
			}
		}
		// Parsing the runs never panics either.
		fset := token.NewFileSet()
		for _, r := range splitCell(code) {
			_, _ = parseRun(fset, r)
		}
	})
}

// IsComplete never panics and answers one of its three statuses.
func FuzzIsComplete(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		switch status, _ := IsComplete(code); status {
		case "complete", "incomplete", "invalid":
		default:
			t.Fatalf("IsComplete(%q) = %q", code, status)
		}
	})
}

// Complete and Inspect accept any cursor on any text.
func FuzzCompleteCursor(f *testing.F) {
	it, _ := newTestInterpreter(f)
	for _, s := range fuzzSeeds {
		f.Add(s, len(s))
	}
	f.Fuzz(func(t *testing.T, code string, cursor int) {
		matches, start, end := it.Complete(code, cursor)
		n := utf8.RuneCountInString(code)
		if start < 0 || end < start || end > n {
			t.Fatalf("Complete(%q, %d) = %q [%d:%d]", code, cursor, matches, start, end)
		}
		it.Inspect(code, cursor, 0)
	})
}
