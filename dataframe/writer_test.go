package dataframe_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// pyarrowPython returns a Python with pyarrow from the project's venvs.
func pyarrowPython(t *testing.T) string {
	for _, p := range []string{"../.venv-spark/bin/python", "../.venv/bin/python"} {
		if _, err := os.Stat(p); err == nil {
			if exec.Command(p, "-c", "import pyarrow").Run() == nil {
				return p
			}
		}
	}
	t.Skip("no venv with pyarrow (make venv)")
	return ""
}

func TestWriteModesAndPartitionBy(t *testing.T) {
	s := dataframe.NewSession()
	dir := t.TempDir()
	out := filepath.Join(dir, "rides")
	df := s.Read().Option("header", true).Option("inferSchema", true).CSV("../data/rides.csv").
		Select(F.Col("VendorID").Alias("vendor_id"), "passenger_count", "total_amount")
	if err := df.Write().PartitionBy("vendor_id").Parquet(out); err != nil {
		t.Fatal(err)
	}
	if err := df.Write().Parquet(out); err == nil || !strings.Contains(err.Error(), "PATH_ALREADY_EXISTS") {
		t.Fatalf("errorifexists: got %v", err)
	}
	if err := df.Write().Mode("ignore").Parquet(out); err != nil {
		t.Fatal(err)
	}
	if err := df.Write().Mode("append").PartitionBy("vendor_id").Parquet(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "vendor_id=1")); err != nil {
		t.Fatalf("no Hive partition folder: %v", err)
	}
	back := s.Read().Parquet(out)
	if n, want := back.Count(), 2*df.Count(); n != want {
		t.Fatalf("read back %d rows, want %d", n, want)
	}
	sum := back.GroupBy("vendor_id").Count().OrderBy("vendor_id").Collect()
	if len(sum) != 2 || sum[0].GetInt64(1) != 2*87 || sum[1].GetInt64(1) != 2*179 {
		t.Fatalf("per-partition counts %v", sum)
	}
	if err := df.Write().Mode("overwrite").JSON(filepath.Join(dir, "j")); err != nil {
		t.Fatal(err)
	}
	if n := s.Read().JSON(filepath.Join(dir, "j")).Count(); n != df.Count() {
		t.Fatalf("json round trip: %d rows", n)
	}
	py := pyarrowPython(t)
	cmd := exec.Command(py, "-c", `import sys, pyarrow.dataset as ds
t = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
print(t.num_rows, sorted(t.column_names))`, out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, b)
	}
	if got := strings.TrimSpace(string(b)); got != "532 ['passenger_count', 'total_amount', 'vendor_id']" {
		t.Fatalf("pyarrow read: %s", got)
	}
}
