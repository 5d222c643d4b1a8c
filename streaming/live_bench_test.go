package streaming

import (
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/display"
)

// BenchmarkLiveConsoleQueries runs 10 concurrent console queries with live
// displays, each fed about 50k rows/s, for b.N × 100 ms (issue 5's load
// case, without the kernel). It reports the highest update rate of any one
// display (updates/s, which the throttle keeps at or below about 4) and the
// micro-batches run per second over all queries.
func BenchmarkLiveConsoleQueries(b *testing.B) {
	const queries, rowsPerTick, tick = 10, 5000, 100 * time.Millisecond
	pub := &livePublisher{}
	spark := dataframe.NewSession()
	defer spark.Stop()
	sources := make([]*countingSource, queries)
	qs := make([]*dataframe.StreamingQuery, queries)
	display.SetResolver(func() display.Publisher { return pub })
	for i := range sources {
		src := &countingSource{}
		sources[i] = src
		spec := &sourceSpec{format: "counting", schema: countingSchema, newFn: func(*sourceSpec) (Source, error) { return src, nil }}
		df := spark.NewDataFrame(plan.NewStreamSource(countingSchema, "counting", spec))
		qs[i] = df.WriteStream().Format("console").Start()
		if qs[i].Err() != nil {
			b.Fatal(qs[i].Err())
		}
	}
	display.SetResolver(nil)
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		for _, s := range sources {
			s.add(rowsPerTick)
		}
		time.Sleep(tick)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	var batches int64
	for _, q := range qs {
		q.Stop()
		if p := q.LastProgress(); p != nil {
			batches += p["batchId"].(int64) + 1
		}
	}
	perDisplay := map[string]int{}
	for _, c := range pub.snapshot() {
		if c.kind == "update" {
			perDisplay[c.id]++
		}
	}
	most := 0
	for _, n := range perDisplay {
		most = max(most, n)
	}
	b.ReportMetric(float64(most)/elapsed.Seconds(), "updates/s/display")
	b.ReportMetric(float64(batches)/elapsed.Seconds(), "batches/s")
}
