package pycases

import (
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"testing"
)

var dumpPath = flag.String("dump", "", "write the cases as JSON [{name, py}] to this file")

// TestDumpCases writes every case's name and PySpark snippet for scripts/pyspark_goldens.py.
func TestDumpCases(t *testing.T) {
	if *dumpPath == "" {
		t.Skip("no -dump path")
	}
	type entry struct {
		Name string `json:"name"`
		Py   string `json:"py"`
	}
	out := make([]entry, 0, len(All))
	for _, c := range All {
		out = append(out, entry(c))
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*dumpPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCaseNames checks that names are unique and usable as golden file names.
func TestCaseNames(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9_]+$`)
	seen := map[string]bool{}
	for _, c := range All {
		if !valid.MatchString(c.Name) {
			t.Errorf("case name %q: want [a-z0-9_]+", c.Name)
		}
		if seen[c.Name] {
			t.Errorf("duplicate case %q", c.Name)
		}
		seen[c.Name] = true
		if c.Py == "" {
			t.Errorf("case %q has no snippet", c.Name)
		}
	}
	if len(All) < 150 {
		t.Errorf("%d cases, want at least 150", len(All))
	}
}
