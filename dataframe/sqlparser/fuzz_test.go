package sqlparser

import (
	"errors"
	"fmt"
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
		// Backtracking must stay polynomial: an input that takes long
		// crashes the worker, which makes the fuzzer keep it.
		watchdog := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("parsing %q takes over 5s", s)) })
		defer watchdog.Stop()
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
		st, err := ParseStatement(s)
		check("ParseStatement", err)
		if err == nil {
			_ = DumpStatement(st)
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
