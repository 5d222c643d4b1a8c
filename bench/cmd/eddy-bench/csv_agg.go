package main

import (
	"fmt"
	"os"
	"time"

	"github.com/eddykernel/eddy/dataframe/benchdata"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// csvAgg is workload 3: a CSV file of --rows rides (benchdata.WriteRidesCSV) → groupBy
// passenger_count with count, sum and avg → sorted → show (bench/pyspark/workloads.py runs the
// same query), --runs times. A run's time goes from the read to the end of show; the shown
// text goes to stdout and into the result, so that the harness can compare it with PySpark's.
func csvAgg(args []string) (result, error) {
	rows, runs := 10_000_000, 1
	path := ""
	if err := flags("csv-agg", args, map[string]*int{"rows": &rows, "runs": &runs}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	spark, startup := newSession()
	defer spark.Stop()
	var text string
	r, err := repeat(runs, int64(rows), func(int) (time.Duration, error) {
		t0 := time.Now()
		df := spark.Read().Option("header", true).Schema(benchdata.RidesDDL).CSV(path)
		agg := df.GroupBy("passenger_count").Agg(F.Count(F.Lit(1)).Alias("count"),
			F.Round(F.Sum("total_amount"), 2).Alias("sum_total_amount"),
			F.Round(F.Avg("trip_distance"), 4).Alias("avg_trip_distance")).OrderBy("passenger_count")
		var err error
		if text, err = agg.ShowString(); err != nil {
			return 0, err
		}
		fmt.Fprint(os.Stdout, text)
		return time.Since(t0), nil
	})
	if err != nil {
		return nil, err
	}
	r["startup_s"], r["show"] = startup, text
	return r, nil
}

// genCSV writes the rides file of workload 3.
func genCSV(args []string) (result, error) {
	rows := 10_000_000
	path := ""
	if err := flags("gen-csv", args, map[string]*int{"rows": &rows}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := benchdata.WriteRidesCSV(path, rows); err != nil {
		return nil, err
	}
	return result{"rows": rows, "path": path, "seconds": time.Since(t0).Seconds()}, nil
}

// genKeys writes the keys file of the state-memory workload.
func genKeys(args []string) (result, error) {
	keys := 1_000_000
	path := ""
	if err := flags("gen-keys", args, map[string]*int{"keys": &keys}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	if err := benchdata.WriteKeys(path, keys); err != nil {
		return nil, err
	}
	return result{"rows": keys, "path": path}, nil
}
