package main

import (
	"fmt"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/streaming"
)

// kafkaRides is workload 1: the rides_csv messages of a topic → split/cast → groupBy vendor_id
// count, complete mode, memory sink, AvailableNow, --runs times. A run's time goes from building
// the query to its termination; the memory table is then read (read_table_s) and its counts must
// add up to --rows.
func kafkaRides(args []string) (result, error) {
	rows, runs := 1_000_000, 1
	bootstrap, topic := "127.0.0.1:9092", "rides_csv"
	if err := flags("kafka-rides", args, map[string]*int{"rows": &rows, "runs": &runs},
		map[string]*string{"bootstrap": &bootstrap, "topic": &topic}); err != nil {
		return nil, err
	}
	spark, startup := newSession()
	defer spark.Stop()
	var readTable time.Duration
	var groups map[string]int64
	batches := 0
	r, err := repeat(runs, int64(rows), func(i int) (time.Duration, error) {
		t0 := time.Now()
		raw := spark.ReadStream().Format("kafka").
			Option("kafka.bootstrap.servers", bootstrap).
			Option("subscribe", topic).
			Option("startingOffsets", "earliest").
			Load()
		parts := F.Split(F.Col("value"), ", ")
		rides := raw.SelectExpr("CAST(value AS STRING) AS value").Select(
			parts.GetItem(0).Cast("int").Alias("vendor_id"),
			parts.GetItem(1).Cast("timestamp").Alias("tpep_pickup_datetime"),
			parts.GetItem(2).Cast("timestamp").Alias("tpep_dropoff_datetime"),
			parts.GetItem(3).Cast("int").Alias("passenger_count"),
			parts.GetItem(4).Cast("float").Alias("trip_distance"),
			parts.GetItem(5).Cast("int").Alias("payment_type"),
			parts.GetItem(6).Cast("float").Alias("total_amount"))
		name := fmt.Sprintf("vendor_counts_%d", i)
		q := rides.GroupBy("vendor_id").Count().WriteStream().Format("memory").QueryName(name).
			OutputMode("complete").Trigger(streaming.AvailableNow()).Start()
		q.AwaitTermination()
		elapsed := time.Since(t0)
		if err := q.Exception(); err != nil {
			return 0, err
		}
		batches = len(q.RecentProgress())
		t1 := time.Now()
		var err error
		groups, err = countGroups(spark, name, rows)
		readTable = time.Since(t1)
		return elapsed, err
	})
	if err != nil {
		return nil, err
	}
	r["read_table_s"], r["startup_s"], r["groups"], r["batches"] = readTable.Seconds(), startup, groups, batches
	return r, nil
}

// countGroups reads the memory table name (vendor_id, count) and checks that its counts add up
// to rows.
func countGroups(spark *dataframe.Session, name string, rows int) (map[string]int64, error) {
	counts, err := spark.SQL("SELECT vendor_id, count FROM " + name + " ORDER BY vendor_id").CollectE()
	if err != nil {
		return nil, err
	}
	var total int64
	groups := map[string]int64{}
	for _, r := range counts {
		total += r.GetInt64(1)
		groups[fmt.Sprint(r.Get(0))] = r.GetInt64(1)
	}
	if total != int64(rows) {
		return nil, fmt.Errorf("the memory table counts %d rows, want %d", total, rows)
	}
	return groups, nil
}
