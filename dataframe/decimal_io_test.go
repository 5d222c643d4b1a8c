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

// TestDecimalParquetRoundTrip writes decimal(10,2) columns to Parquet,
// reads them back with the same type and exact values, and checks that
// pyarrow sees decimal128(10, 2) with the same values.
func TestDecimalParquetRoundTrip(t *testing.T) {
	s := dataframe.NewSession()
	dir := filepath.Join(t.TempDir(), "dec")
	df := decimalDF(s)
	if err := df.Write().Parquet(dir); err != nil {
		t.Fatal(err)
	}
	back := s.Read().Parquet(dir)
	if got := back.Schema().SimpleString(); got != "struct<k:string,amt:decimal(10,2)>" {
		t.Fatalf("schema read back: %s", got)
	}
	var vals []string
	for _, r := range back.OrderBy("amt").Collect() {
		vals = append(vals, r.String())
	}
	want := "Row(k='b', amt=None) Row(k='b', amt=Decimal('-0.10')) Row(k='a', amt=Decimal('1.50')) Row(k='a', amt=Decimal('2.25')) Row(k='c', amt=Decimal('12345678.99'))"
	if got := strings.Join(vals, " "); got != want {
		t.Fatalf("rows read back:\n%s\nwant\n%s", got, want)
	}
	py := pyarrowPython(t)
	b, err := exec.Command(py, "-c", `import sys, pyarrow.dataset as ds
t = ds.dataset(sys.argv[1], format="parquet").to_table()
print(t.schema.field("amt").type, sorted(str(v) for v in t.column("amt").to_pylist() if v is not None))`, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, b)
	}
	if got := strings.TrimSpace(string(b)); got != "decimal128(10, 2) ['-0.10', '1.50', '12345678.99', '2.25']" {
		t.Fatalf("pyarrow read: %s", got)
	}
}

// TestDecimalTextFormats reads decimals from CSV and JSON with a schema
// (invalid and overflowing values become null), groups by a decimal key and
// writes decimals back as CSV text.
func TestDecimalTextFormats(t *testing.T) {
	s := dataframe.NewSession()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(csvPath, []byte("id,price\n1,1.005\n2,abc\n3,123456789\n4,-7\n5,1.01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	df := s.Read().Option("header", true).Schema("id INT, price DECIMAL(5,2)").CSV(csvPath)
	got := rowsText(df.OrderBy("id").Collect())
	want := "Row(id=1, price=Decimal('1.01')) Row(id=2, price=None) Row(id=3, price=None) Row(id=4, price=Decimal('-7.00')) Row(id=5, price=Decimal('1.01'))"
	if got != want {
		t.Fatalf("csv rows:\n%s\nwant\n%s", got, want)
	}
	groups := rowsText(df.GroupBy("price").Count().OrderBy("price").Collect())
	if want := "Row(price=None, count=2) Row(price=Decimal('-7.00'), count=1) Row(price=Decimal('1.01'), count=2)"; groups != want {
		t.Fatalf("group by decimal:\n%s\nwant\n%s", groups, want)
	}
	jsonPath := filepath.Join(dir, "in.json")
	if err := os.WriteFile(jsonPath, []byte(`{"v": 2.5}`+"\n"+`{"v": "x"}`+"\n"+`{"v": 10}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	j := rowsText(s.Read().Schema("v DECIMAL(4,1)").JSON(jsonPath).Collect())
	if want := "Row(v=Decimal('2.5')) Row(v=None) Row(v=Decimal('10.0'))"; j != want {
		t.Fatalf("json rows:\n%s\nwant\n%s", j, want)
	}
	out := filepath.Join(dir, "out")
	if err := df.Filter(F.Col("price").IsNotNull()).OrderBy("id").Write().Option("header", true).CSV(out); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "part-*"))
	var text strings.Builder
	for _, f := range files {
		b, _ := os.ReadFile(f)
		text.Write(b)
	}
	if want := "id,price\n1,1.01\n4,-7.00\n5,1.01\n"; text.String() != want {
		t.Fatalf("csv written:\n%s\nwant\n%s", text.String(), want)
	}
}

func rowsText(rows []dataframe.Row) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.String()
	}
	return strings.Join(parts, " ")
}
