package sqlparser

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse checks that no input makes the parser panic, and that every
// failure is a *ParseException or *ArithmeticException with a message.
// Seeds are the golden cases plus testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, c := range readCases(&testing.T{}, filepath.Join("testdata", "cases.txt")) {
		f.Add(c.Input)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		defer func() {
			// Backtracking must stay polynomial: no input may take long.
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("parsing %d bytes took %v", len(s), d)
			}
		}()
		check := func(what string, err error) {
			if err == nil {
				return
			}
			var pe *ParseException
			var ae *ArithmeticException
			if !errors.As(err, &pe) && !errors.As(err, &ae) {
				t.Fatalf("%s(%q): unexpected error type %T", what, s, err)
			}
			if err.Error() == "" {
				t.Fatalf("%s(%q): empty error message", what, s)
			}
		}
		q, err := ParseQuery(s)
		check("ParseQuery", err)
		if err == nil {
			_ = DumpQuery(q)
		}
		e, err := ParseExpression(s)
		check("ParseExpression", err)
		if err == nil {
			_ = DumpExpr(e)
		}
		dt, err := ParseDataType(s)
		check("ParseDataType", err)
		if err == nil {
			_ = dt.String()
		}
		_, _, err = ParseSchema(s)
		check("ParseSchema", err)
	})
}
