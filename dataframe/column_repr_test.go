package dataframe_test

import (
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// TestColumnRepr checks Column.String against what PySpark 3.5 prints for
// the same columns (print(F.col("a").alias("b")) and so on).
func TestColumnRepr(t *testing.T) {
	cases := []struct {
		col  dataframe.Column
		want string
	}{
		{F.Col("a"), "Column<'a'>"},
		{F.Col("a").Alias("b"), "Column<'a AS b'>"},
		{F.Col("a").Plus(1).Alias("my col"), "Column<'(a + 1) AS `my col`'>"},
		{F.Col("a").Alias("b").Alias("c"), "Column<'a AS b AS c'>"},
		{F.Count("*").Alias("n"), "Column<'count(1) AS n'>"},
	}
	for _, c := range cases {
		if got := c.col.String(); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}
