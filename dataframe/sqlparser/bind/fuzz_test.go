package bind

import (
	"testing"
	"time"
)

// FuzzBind checks that parsing and binding any query over the rides views
// never panics: bad input gives an error value. (Execution is left out: a
// fuzzed cross join can be arbitrarily large.)
func FuzzBind(f *testing.F) {
	for _, q := range readQueries(f) {
		f.Add(q)
	}
	cat := ridesCatalog(f)
	f.Fuzz(func(t *testing.T, q string) {
		node, err := Query(q, cat, time.UTC)
		if err == nil && node == nil {
			t.Fatalf("%q: no plan and no error", q)
		}
		if err != nil && err.Error() == "" {
			t.Fatalf("%q: empty error", q)
		}
	})
}

// readQueries returns the statements of testdata/queries.sql.
func readQueries(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, g := range loadGoldens(tb) {
		out = append(out, g.Query)
	}
	return out
}
