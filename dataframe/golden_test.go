package dataframe_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// goldenCases mirror the cases of testdata/gen_goldens.py, which writes the
// PySpark 3.5 output of each into testdata/<name>.golden.
var goldenCases = map[string]func(s *dataframe.Session){
	"show_types": func(s *dataframe.Session) {
		df := typesDF(s)
		df.Show()
		df.Show(20, false)
		df.Show(1, true, true)
		df.Show(20, 5, true)
	},
	"schema_generated_names": func(s *dataframe.Session) {
		typesDF(s).Select(F.Col("a").Cast("string"), F.Col("a").Plus(F.Col("c")), F.Col("a").Divide(2), F.Lit("x"),
			F.Col("a").NotEq(1), F.Col("f").GetField("p"), F.Col("e").GetItem(0), F.Struct("a", "b"), F.Split(F.Col("b"), " ")).PrintSchema()
	},
	"rides_schema": func(s *dataframe.Session) { rides(s).PrintSchema() },
	"rides_group_show": func(s *dataframe.Session) {
		rides(s).GroupBy("VendorID").Agg(F.Count("*"), F.Sum("total_amount"), F.Avg("passenger_count"), F.Max("tpep_pickup_datetime")).OrderBy("VendorID").Show()
	},
	"rides_sort_nulls": func(s *dataframe.Session) {
		s.CreateDataFrame([][]any{{1, nil}, {2, "b"}, {3, nil}, {4, "a"}}, "id int, s string").OrderBy(F.Col("s").Desc(), "id").Show()
	},
	"show_more_rows": func(s *dataframe.Session) { rides(s).Select("VendorID", "total_amount").Show(3) },
	"show_one_row":   func(s *dataframe.Session) { rides(s).Select("VendorID").Show(1) },
}

func typesDF(s *dataframe.Session) *dataframe.DataFrame {
	return s.CreateDataFrame([][]any{
		{1, nil, 1.5, []byte("ab"), []any{1, nil}, []any{"x", nil}},
		{2, "long string that is more than twenty chars", 1e10, nil, nil, nil},
	}, "a int, b string, c double, d binary, e array<int>, f struct<p:string,q:int>")
}

func rides(s *dataframe.Session) *dataframe.DataFrame {
	return s.Read().Option("header", true).Option("inferSchema", true).CSV("../data/rides.csv")
}

func TestGoldenOutput(t *testing.T) {
	for name, run := range goldenCases {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			s := dataframe.NewSession()
			var buf bytes.Buffer
			s.SetOutput(&buf)
			run(s)
			if got := buf.String(); got != string(want) {
				t.Errorf("output differs from PySpark\n--- pyspark\n%s\n--- eddy\n%s", want, got)
			}
		})
	}
}

func TestErrorsKeptInDataFrame(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([][]any{{1, "x"}}, "a int, b string")
	bad := df.Select("zz").Filter(F.Col("a").Gt(1))
	if bad.Err() == nil || !strings.HasPrefix(bad.Err().Error(), "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `zz` cannot be resolved. Did you mean one of the following? [`a`, `b`].") {
		t.Fatalf("error = %v", bad.Err())
	}
	if _, err := bad.CollectE(); err == nil {
		t.Fatal("action on an invalid DataFrame succeeded")
	}
	var got error
	dataframe.SetErrorHandler(func(err error) { got = err })
	defer dataframe.SetErrorHandler(nil)
	df.Select(F.Col("a").Plus(F.Lit(true)))
	if got == nil || !strings.Contains(got.Error(), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES") {
		t.Fatalf("handler got %v", got)
	}
	if e, ok := got.(interface{ ExceptionName() string }); !ok || e.ExceptionName() != "AnalysisException" {
		t.Fatalf("exception name of %v", got)
	}
}
