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
	"decimal_sql_arith": func(s *dataframe.Session) {
		sqlShow(s, "SELECT 1.5 + 2 AS a, 1.25 * 3 AS b, 10.0 / 3 AS c, 1.5 + 1.0D AS d, 7.5 % 2 AS e, -1.50 AS f, "+
			"CAST(1 AS DECIMAL(10,2)) + CAST(2 AS BIGINT) AS g, CAST(1 AS DECIMAL(38,10)) * CAST(3 AS DECIMAL(38,10)) AS h, "+
			"CAST(1 AS DECIMAL(38,2)) / 3 AS i, 0.1 + 0.2 = 0.3 AS j, 2.50 > 2 AS k, 1.5 / 0 AS l")
	},
	"decimal_casts": func(s *dataframe.Session) {
		sqlShow(s, "SELECT CAST('12.345' AS DECIMAL(10,2)) AS a, CAST('abc' AS DECIMAL(10,2)) AS b, "+
			"CAST(123456.7 AS DECIMAL(5,1)) AS c, CAST(-12.5 AS INT) AS d, CAST(CAST(2.5 AS DECIMAL(3,1)) AS DOUBLE) AS e, "+
			"CAST(3.14159D AS DECIMAL(4,2)) AS f, CAST(-2.555 AS DECIMAL(4,2)) AS g, CAST(99 AS DECIMAL(3,1)) AS h, "+
			"CAST(CAST(0.05 AS DECIMAL(3,2)) AS STRING) AS i, CAST(' 7 ' AS DECIMAL) AS j, CAST(1e40D AS DECIMAL(38,0)) AS k, "+
			"CAST(true AS DECIMAL(2,1)) AS l")
	},
	"decimal_agg": func(s *dataframe.Session) {
		decimalDF(s).PrintSchema()
		decimalDF(s).GroupBy("k").Agg(F.Sum("amt"), F.Avg("amt"), F.Min("amt"), F.Max("amt"), F.Count("amt")).OrderBy("k").Show()
		decimalDF(s).Agg(F.Sum("amt"), F.Avg("amt")).PrintSchema()
	},
	"decimal_df_ops": func(s *dataframe.Session) {
		decimalDF(s).Select("amt", F.Col("amt").Multiply(2).Alias("x2"), F.Col("amt").Plus(F.Lit(0.5)).Alias("plus_double"),
			F.Col("amt").Minus(F.Col("amt")).Alias("zero"), F.Col("amt").Divide(4).Alias("q"), F.Col("amt").Negate().Alias("neg")).
			Filter(F.Col("amt").Gt(1)).OrderBy(F.Col("amt").Desc()).Show()
	},
	"decimal_rides_sum": func(s *dataframe.Session) {
		rides(s).GroupBy("VendorID").Agg(
			F.Sum(F.Col("total_amount").Cast("decimal(10,2)")).Alias("total"),
			F.Avg(F.Col("tip_amount").Cast("decimal(6,2)")).Alias("tip")).OrderBy("VendorID").Show()
	},
	"decimal_functions": func(s *dataframe.Session) {
		decimalDF(s).Select("amt", F.Abs("amt"), F.Round("amt", 1), F.Round("amt", -1),
			F.Coalesce("amt", F.Lit(0)), F.When(F.Col("amt").Gt(2), F.Col("amt")).Otherwise(F.Lit(1)).Alias("w"),
			F.ToJSON(F.Struct("amt")).Alias("j"), F.Concat(F.Lit("$"), "amt").Alias("c")).
			OrderBy("amt").Show(20, false)
	},
	"decimal_sql_mixed": func(s *dataframe.Session) {
		decimalDF(s).CreateOrReplaceTempView("d")
		sqlShow(s, "SELECT amt, amt IN (1.5, 2) AS i, amt BETWEEN 1 AND 2 AS b, CASE WHEN amt > 2 THEN amt ELSE 0.5 END AS c, amt * amt AS sq, amt / amt AS q, amt % 1 AS m, amt + 1.0E0 AS dbl, amt = '1.50' AS s FROM d")
		sqlShow(s, "SELECT k, sum(amt) s, count(DISTINCT amt) c, max(amt) FROM d GROUP BY k ORDER BY s DESC")
	},
	"decimal_csv_schema": func(s *dataframe.Session) {
		s.Read().Option("header", true).Schema(ridesDecimalDDL).CSV("../data/rides.csv").
			Select("VendorID", "trip_distance", "total_amount").OrderBy(F.Col("total_amount").Desc(), "VendorID").Show(5)
	},
}

const ridesDecimalDDL = "VendorID int, tpep_pickup_datetime timestamp, tpep_dropoff_datetime timestamp, passenger_count int, " +
	"trip_distance decimal(5,1), RatecodeID int, store_and_fwd_flag string, PULocationID int, DOLocationID int, " +
	"payment_type int, fare_amount double, extra double, mta_tax double, tip_amount double, tolls_amount double, " +
	"improvement_surcharge double, total_amount decimal(10,2), congestion_surcharge double"

func sqlShow(s *dataframe.Session, q string) {
	df := s.SQL(q)
	df.PrintSchema()
	df.Show()
}

// decimalDF holds decimal(10,2) values given as Go float64s (converted
// exactly through their shortest text, as PySpark's Decimal values are).
func decimalDF(s *dataframe.Session) *dataframe.DataFrame {
	return s.CreateDataFrame([][]any{{"a", 1.50}, {"a", 2.25}, {"b", nil}, {"b", -0.10}, {"c", 12345678.99}}, "k string, amt decimal(10,2)")
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
