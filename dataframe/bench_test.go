package dataframe_test

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	T "github.com/eddykernel/eddy/dataframe/types"
)

// Benchmarks report rows/s; bench/README.md records the figures and the
// PySpark ratios.

func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// numbers builds n rows of (id bigint, key int, amount double) in 64k batches.
func numbers(s *dataframe.Session, n, keys int) *dataframe.DataFrame {
	st := sqltypes.NewStructType(
		sqltypes.NewStructField("id", sqltypes.LongType),
		sqltypes.NewStructField("key", sqltypes.IntegerType),
		sqltypes.NewStructField("amount", sqltypes.DoubleType))
	schema := sqltypes.ToArrowSchema(st)
	r := rand.New(rand.NewSource(1))
	var batches []arrow.Record
	for start := 0; start < n; start += 1 << 16 {
		m := min(1<<16, n-start)
		ids, ks, am := make([]int64, m), make([]int32, m), make([]float64, m)
		for i := range ids {
			ids[i] = int64(start + i)
			ks[i] = int32(r.Intn(keys))
			am[i] = float64(r.Intn(10000)) / 100
		}
		batches = append(batches, array.NewRecord(schema, []arrow.Array{
			expr.MakeFixed(arrow.PrimitiveTypes.Int64, ids, nil, 0),
			expr.MakeFixed(arrow.PrimitiveTypes.Int32, ks, nil, 0),
			expr.MakeFixed(arrow.PrimitiveTypes.Float64, am, nil, 0)}, int64(m)))
	}
	return s.NewDataFrame(plan.NewLocalRelation(st, batches, "bench"))
}

func BenchmarkFilterProject(b *testing.B) {
	s := dataframe.NewSession()
	const n = 4 << 20
	df := numbers(s, n, 1000).Filter(F.Col("amount").Gt(50.0)).Select(F.Col("id"), F.Col("amount").Multiply(2).Alias("double_amount"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := df.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, n)
}

func benchGroupBy(b *testing.B, n, keys int) {
	s := dataframe.NewSession()
	df := numbers(s, n, keys).GroupBy("key").Count()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := df.Execute()
		if err != nil {
			b.Fatal(err)
		}
		if res.NumRows() == 0 {
			b.Fatal("no groups")
		}
	}
	reportRows(b, n)
}

func BenchmarkGroupByCount1kKeys(b *testing.B) { benchGroupBy(b, 4<<20, 1000) }

func BenchmarkGroupByCount1MKeys(b *testing.B) {
	benchGroupBy(b, 4<<20, 1<<20)
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// peakRSSMB returns the process's peak resident set (VmHWM) in MiB.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

func BenchmarkFromJSON5Fields(b *testing.B) {
	s := dataframe.NewSession()
	const n = 1 << 20
	lines := make([]string, n)
	r := rand.New(rand.NewSource(1))
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"name":"n%d","surname":"s%d","amount":%d.%02d,"delta_t":%d,"flag":%d}`, r.Intn(100), r.Intn(1000), r.Intn(1000), r.Intn(100), r.Intn(100000), r.Intn(2))
	}
	schema := T.StructType(T.StructField("name", T.StringType), T.StructField("surname", T.StringType),
		T.StructField("amount", T.DoubleType), T.StructField("delta_t", T.LongType), T.StructField("flag", T.IntegerType))
	df := s.CreateDataFrame(lines).Select(F.FromJSON(F.Col("value"), schema).Alias("data")).Select("data.*")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := df.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, n)
}

func BenchmarkCSVRead(b *testing.B) {
	n := benchRows(1 << 20)
	path := filepath.Join(b.TempDir(), "rides.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,payment_type,total_amount\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "%d,2020-07-01 00:%02d:%02d,2020-07-01 01:%02d:%02d,%d,%d.%02d,%d,%d.%02d\n", 1+i%2, i%60, i%60, i%60, (i+7)%60, i%4, i%30, i%100, 1+i%4, i%90, i%100)
	}
	w.Flush()
	f.Close()
	s := dataframe.NewSession()
	schema := "VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, passenger_count INT, trip_distance DOUBLE, payment_type INT, total_amount DOUBLE"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		df := s.Read().Option("header", true).Schema(schema).CSV(path)
		if df.Err() != nil {
			b.Fatal(df.Err())
		}
	}
	reportRows(b, n)
}

func BenchmarkJoinZones(b *testing.B) {
	s := dataframe.NewSession()
	const n = 1 << 20
	zones := s.Read().Option("header", true).Option("inferSchema", true).CSV("../data/taxi_zone_lookup.csv")
	rides := numbers(s, n, 265).WithColumn("locationid", F.Col("key").Plus(1))
	df := rides.Join(zones, "locationid").GroupBy("borough").Count()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := df.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, n)
}

// benchRows is the row count of a benchmark: def, or EDDY_BENCH_ROWS when set
// (issue 3 measures CSV reads at 10M rows: EDDY_BENCH_ROWS=10000000).
func benchRows(def int) int {
	if v, err := strconv.Atoi(os.Getenv("EDDY_BENCH_ROWS")); err == nil && v > 0 {
		return v
	}
	return def
}
