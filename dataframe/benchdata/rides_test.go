package benchdata_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/benchdata"
)

// The benchmark files read back with the schema the benchmarks use: every row parses, and the
// aggregate the CSV benchmark shows has the expected counts.
func TestRidesCSVReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rides.csv")
	if err := benchdata.WriteRidesCSV(path, 1000); err != nil {
		t.Fatal(err)
	}
	s := dataframe.NewSession()
	defer s.Stop()
	df := s.Read().Option("header", true).Option("mode", "FAILFAST").Schema(benchdata.RidesDDL).CSV(path)
	rows, err := df.GroupBy("passenger_count").Count().OrderBy("passenger_count").CollectE()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d groups, want 4: %v", len(rows), rows)
	}
	for _, r := range rows {
		if r.GetInt64(1) != 250 {
			t.Errorf("group %v has %d rows, want 250", r.Get(0), r.GetInt64(1))
		}
	}
	nulls, err := df.Filter("total_amount IS NULL OR tpep_pickup_datetime IS NULL").CountE()
	if err != nil || nulls != 0 {
		t.Fatalf("%d rows with nulls (%v)", nulls, err)
	}
}

func TestKeysAreDistinctLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.txt")
	if err := benchdata.WriteKeys(path, 100); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		seen[l] = true
	}
	if len(lines) != 100 || len(seen) != 100 || lines[99] != "key99" {
		t.Fatalf("%d lines, %d distinct, last %q", len(lines), len(seen), lines[len(lines)-1])
	}
}
