package difftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe/difftest/pycases"
)

// TestGoldensMatchCases checks that every case has a golden file and every golden file a case.
func TestGoldensMatchCases(t *testing.T) {
	names := map[string]bool{}
	for _, c := range pycases.All {
		names[c.Name] = true
		if _, err := os.Stat(goldenPath(c.Name)); err != nil {
			t.Errorf("case %s has no golden (run scripts/pyspark_goldens.py %s): %v", c.Name, c.Name, err)
		}
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		if !names[name] {
			t.Errorf("golden %s has no case", f)
		}
	}
}

func goldenPath(name string) string {
	return filepath.Join("testdata", "golden", name+".txt")
}
