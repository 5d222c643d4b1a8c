package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// microBatch measures the floor of a micro-batch: a text-file source on an empty folder and a
// noop sink. "empty" is ProcessAllAvailable when no new file has arrived (one trigger that finds
// no data); "one_row" writes a new one-line file and waits for its micro-batch. Each is run
// --iterations times after a warm-up; the result has the median and mean in milliseconds.
func microBatch(args []string) (result, error) {
	iterations := 1000
	dir := ""
	if err := flags("microbatch", args, map[string]*int{"iterations": &iterations}, map[string]*string{"dir": &dir}); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	spark, startup := newSession()
	defer spark.Stop()
	q := spark.ReadStream().Format("text").Load(dir).WriteStream().Format("noop").Start()
	defer q.Stop()
	q.ProcessAllAvailable()
	empty := make([]time.Duration, 0, iterations)
	for i := 0; i < iterations+10; i++ {
		t0 := time.Now()
		q.ProcessAllAvailable()
		if i >= 10 {
			empty = append(empty, time.Since(t0))
		}
	}
	oneRow := make([]time.Duration, 0, iterations)
	for i := 0; i < iterations+10; i++ {
		name := filepath.Join(dir, fmt.Sprintf("part-%06d.txt", i))
		t0 := time.Now()
		if err := os.WriteFile(name, []byte("one row\n"), 0o644); err != nil {
			return nil, err
		}
		q.ProcessAllAvailable()
		if i >= 10 {
			oneRow = append(oneRow, time.Since(t0))
		}
	}
	if err := q.Exception(); err != nil {
		return nil, err
	}
	var rows int64
	for _, p := range q.RecentProgress() {
		rows += p["numInputRows"].(int64)
	}
	if rows == 0 {
		return nil, fmt.Errorf("no one-row batch was processed")
	}
	return result{"iterations": iterations, "startup_s": startup,
		"empty_median_ms": ms(median(empty)), "empty_mean_ms": ms(mean(empty)),
		"one_row_median_ms": ms(median(oneRow)), "one_row_mean_ms": ms(mean(oneRow))}, nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func mean(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t / time.Duration(len(ds))
}
