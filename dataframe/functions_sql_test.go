package dataframe_test

import (
	"fmt"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// Spark's names and values for the less common built-ins, as PySpark 3.5
// prints them (double literals, since Eddy has no DECIMAL type yet).
func TestMoreBuiltinFunctions(t *testing.T) {
	s := dataframe.NewSession()
	cases := map[string]string{
		"floor(2.5D)":                    "Row(FLOOR(2.5)=2)",
		"ceil(-2.5D)":                    "Row(CEIL(-2.5)=-2)",
		"nvl(NULL, 1)":                   "Row(nvl(NULL, 1)=1)",
		"greatest(1, 5, 3)":              "Row(greatest(1, 5, 3)=5)",
		"lpad('a', 3, 'x')":              "Row(lpad(a, 3, x)='xxa')",
		"size(array(1, 2))":              "Row(size(array(1, 2))=2)",
		"element_at(array(1, 2, 3), -1)": "Row(element_at(array(1, 2, 3), -1)=3)",
		"date_add(DATE '2020-07-01', 1)": "Row(date_add(DATE '2020-07-01', 1)=datetime.date(2020, 7, 2))",
		"datediff(DATE '2020-07-03', DATE '2020-07-01')": "Row(datediff(DATE '2020-07-03', DATE '2020-07-01')=2)",
		"md5('abc')":                       "Row(md5(abc)='900150983cd24fb0d6963f7d28e17f72')",
		"substring_index('a.b.c', '.', 2)": "Row(substring_index(a.b.c, ., 2)='a.b')",
		"nullif(1, 1)":                     "Row(nullif(1, 1)=None)",
	}
	for q, want := range cases {
		df := s.SQL("SELECT " + q)
		if df.Err() != nil {
			t.Errorf("%s: %v", q, df.Err())
			continue
		}
		rows := df.Collect()
		if len(rows) != 1 || rows[0].String() != want {
			t.Errorf("%s = %v, want %s", q, rows, want)
		}
	}
}

func TestLikeEscape(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([]string{"10%", "100"}).ToDF("v")
	n := df.Filter(df.Col("v").Like("10\\%")).Count()
	if n != 1 {
		t.Fatalf("LIKE with \\%% escape matched %d rows", n)
	}
}

func TestLikeCustomEscapeName(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([]string{"10%", "100"}).ToDF("v")
	c := dataframe.NewColumn(expr.NewCall("like", expr.Col("v"), expr.Lit("10#%"), expr.Lit("#")))
	out := df.Filter(c)
	if n := out.Count(); n != 1 {
		t.Fatalf("LIKE ... ESCAPE '#' matched %d rows", n)
	}
	if got := df.Select(c).Columns()[0]; got != "v LIKE 10#% ESCAPE '#'" {
		t.Fatalf("column name %q", got)
	}
}

func TestSplitPartAndMap(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([]string{"1, 2020-07-01 00:25:32, x", "2, , ", "3"})
	parts := F.Split(F.Col("value"), ", ")
	rows := df.Select(parts.GetItem(0).Cast("int").Alias("a"), parts.GetItem(1).Alias("b"), parts.GetItem(2).Alias("c")).Collect()
	got := rows[0].String() + "|" + rows[1].String() + "|" + rows[2].String()
	want := "Row(a=1, b='2020-07-01 00:25:32', c='x')|Row(a=2, b='', c='')|Row(a=3, b=None, c=None)"
	if got != want {
		t.Fatalf("split parts %s\nwant %s", got, want)
	}
	m := s.SQL("SELECT map('k', 1, 'j', 2)['j'] AS v").Collect()
	if len(m) != 1 || m[0].GetInt64(0) != 2 {
		t.Fatalf("map(): %v", m)
	}
	for k := 0; k < 20; k++ { // maps print in their stored order, as Python dicts do
		r := s.SQL("SELECT map('k', 1, 'j', 2, 'a', 3) AS m").Collect()
		if got := r[0].String(); got != "Row(m={'k': 1, 'j': 2, 'a': 3})" {
			t.Fatalf("map row %s", got)
		}
	}
}

// approx_count_distinct reproduces Spark's HyperLogLog++ (XXH64, seed 42,
// 512 registers); the expected figures are PySpark 3.5's for
// spark.range(n) cast to int, long, "s%d" strings and id/7 doubles.
func TestApproxCountDistinctMatchesSpark(t *testing.T) {
	s := dataframe.NewSession()
	want := map[int64]string{
		10:   "[10 10 10 10]",
		30:   "[31 30 29 31]",
		100:  "[99 103 95 101]",
		300:  "[295 296 291 293]",
		390:  "[388 392 384 388]",
		1000: "[1026 1026 997 990]",
		5000: "[4956 4671 4964 4832]",
	}
	for n, w := range want {
		df := s.Range(n).Select(F.Col("id").Cast("int").Alias("i"), F.Col("id").Alias("l"),
			F.ConcatWS("", F.Lit("s"), F.Col("id").Cast("string")).Alias("s"), F.Col("id").Divide(7).Alias("d"))
		r := df.Agg(F.ApproxCountDistinct("i"), F.ApproxCountDistinct("l"), F.ApproxCountDistinct("s"), F.ApproxCountDistinct("d")).Collect()
		if got := fmt.Sprint(r[0].Values()); got != w {
			t.Errorf("n=%d: %s, PySpark %s", n, got, w)
		}
	}
}
