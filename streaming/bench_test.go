package streaming

import (
	"context"
	"encoding/csv"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/eddykernel/eddy/streaming/producer"
	"github.com/segmentio/kafka-go"
)

// benchRides is how many rides_csv messages BenchmarkKafkaRidesAggregation
// and BenchmarkKafkaFetch read per iteration: the one million.
const benchRides = 1_000_000

// benchBroker starts an in-process broker whose rides_csv topic (2
// partitions) holds benchRides messages as `eddy produce rides --loop`
// sends them: the seven columns of data/rides.csv joined with ", ", keyed
// by vendor id, cycling through the file.
func benchBroker(b *testing.B) *broker.Broker {
	b.Helper()
	br, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Topics: []string{"rides_csv"}, Partitions: 2})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(br.Close)
	f, err := os.Open(filepath.Join("..", "data", "rides.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var rides []kafka.Message
	for _, rec := range recs[1:] {
		key, value, err := producer.RideMessage(rec)
		if err == nil {
			rides = append(rides, kafka.Message{Key: []byte(key), Value: []byte(value)})
		}
	}
	w := &kafka.Writer{Addr: kafka.TCP(br.Addr()), Topic: "rides_csv", Balancer: &kafka.Murmur2Balancer{}, BatchSize: 10000,
		BatchBytes: 16 << 20, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	msgs := make([]kafka.Message, 0, 10000)
	for i := 0; i < benchRides; i++ {
		msgs = append(msgs, rides[i%len(rides)])
		if len(msgs) == cap(msgs) || i == benchRides-1 {
			if err := w.WriteMessages(context.Background(), msgs...); err != nil {
				b.Fatal(err)
			}
			msgs = msgs[:0]
		}
	}
	return br
}

// BenchmarkKafkaRidesAggregation is the first benchmark: one
// million rides_csv messages → split/cast of the seven columns → groupBy
// vendor_id count, complete mode, memory sink, AvailableNow (the query of
// notebook 02 and of bench/cmd/eddy-bench). The messages are produced
// before the timer starts; it reports rows/s.
func BenchmarkKafkaRidesAggregation(b *testing.B) {
	br := benchBroker(b)
	spark := dataframe.NewSession()
	defer spark.Stop()
	cpu := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		raw := kafkaReader(spark, br.Addr(), "rides_csv").Load()
		parts := F.Split(F.Col("value"), ", ")
		rides := raw.SelectExpr("CAST(value AS STRING) AS value").Select(
			parts.GetItem(0).Cast("int").Alias("vendor_id"),
			parts.GetItem(1).Cast("timestamp").Alias("tpep_pickup_datetime"),
			parts.GetItem(2).Cast("timestamp").Alias("tpep_dropoff_datetime"),
			parts.GetItem(3).Cast("int").Alias("passenger_count"),
			parts.GetItem(4).Cast("float").Alias("trip_distance"),
			parts.GetItem(5).Cast("int").Alias("payment_type"),
			parts.GetItem(6).Cast("float").Alias("total_amount"))
		name := fmt.Sprintf("bench_%d", i)
		q := rides.GroupBy("vendor_id").Count().WriteStream().Format("memory").QueryName(name).
			OutputMode("complete").Trigger(AvailableNow()).Start()
		q.AwaitTermination()
		if err := q.Exception(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu -= processCPU()
		rows := spark.SQL("SELECT sum(count) FROM " + name).Collect()
		if len(rows) != 1 || rows[0].GetInt64(0) != benchRides {
			b.Fatalf("the memory table counts %v rows, want %d", rows, benchRides)
		}
		cpu += processCPU()
		b.StartTimer()
	}
	cpu = processCPU() - cpu
	b.ReportMetric(float64(benchRides)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	// CPU time of the whole process (query and in-process broker) per row:
	// unlike rows/s, it does not depend on what else the machine runs.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(benchRides*b.N), "cpu-ns/row")
}

// processCPU returns the process's user and system CPU time so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkEmptyMicroBatch measures one trigger that finds no new data and
// one micro-batch without rows (ProcessAllAvailable round trips).
func BenchmarkEmptyMicroBatch(b *testing.B) {
	spark := dataframe.NewSession()
	defer spark.Stop()
	dir := filepath.Join(b.TempDir(), "empty")
	q := spark.ReadStream().Format("text").Load(dir).WriteStream().Format("noop").Start()
	defer q.Stop()
	q.ProcessAllAvailable()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.ProcessAllAvailable()
	}
}

// BenchmarkMicroBatchOverhead measures a micro-batch of one row through a
// stateless query: source, plan, sink and progress bookkeeping.
func BenchmarkMicroBatchOverhead(b *testing.B) {
	spark := dataframe.NewSession()
	defer spark.Stop()
	src := &countingSource{}
	q := startWithSource(b, spark, src)
	defer q.Stop()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src.add(1)
		q.ProcessAllAvailable()
	}
	b.StopTimer()
	if n := len(q.RecentProgress()); n == 0 {
		b.Fatal("no batches ran")
	}
}

// BenchmarkKafkaFetch measures reading benchRides rides_csv records into
// Arrow (kafkaSource.Batch) from the in-process broker; cpu-ns/row counts
// the broker's work too.
func BenchmarkKafkaFetch(b *testing.B) {
	br := benchBroker(b)
	spec := &sourceSpec{format: "kafka", opts: newOptions(map[string]string{"kafka.bootstrap.servers": br.Addr(), "subscribe": "rides_csv", "startingOffsets": "earliest"}), schema: kafkaSchema(false)}
	src, err := newKafkaSource(spec)
	if err != nil {
		b.Fatal(err)
	}
	if err := src.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	from, err := src.Initial()
	if err != nil {
		b.Fatal(err)
	}
	to, err := src.Latest(from, false)
	if err != nil {
		b.Fatal(err)
	}
	cpu := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		recs, err := src.Batch(from, to)
		if err != nil || numRows(recs) != benchRides {
			b.Fatalf("%d rows: %v", numRows(recs), err)
		}
	}
	cpu = processCPU() - cpu
	b.ReportMetric(float64(benchRides)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(benchRides*b.N), "cpu-ns/row")
}

// BenchmarkStateMemory1MKeys aggregates one million distinct keys in
// update mode and reports the heap the aggregation state holds.
func BenchmarkStateMemory1MKeys(b *testing.B) {
	const keys = 1_000_000
	for i := 0; i < b.N; i++ {
		spark := dataframe.NewSession()
		src := &countingSource{}
		spec := &sourceSpec{format: "counting", schema: countingSchema, newFn: func(*sourceSpec) (Source, error) { return src, nil }}
		df := spark.NewDataFrame(plan.NewStreamSource(countingSchema, "counting", spec))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		q := df.GroupBy("value").Count().WriteStream().Format("noop").OutputMode("update").Start()
		src.add(keys)
		q.ProcessAllAvailable()
		runtime.GC()
		runtime.ReadMemStats(&after)
		st := q.LastProgress()["stateOperators"].([]any)[0].(map[string]any)
		if st["numRowsTotal"] != int64(keys) {
			b.Fatalf("state rows %v", st["numRowsTotal"])
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/keys, "heap-bytes/key")
		q.Stop()
		spark.Stop()
	}
}

// BenchmarkSocketJSON is the second benchmark: socket JSON lines →
// from_json → filter → count (the transactions producer's data). It
// reports rows/s.
func BenchmarkSocketJSON(b *testing.B) {
	const lines = 200_000
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		addrCh := make(chan string, 1)
		go func() {
			_ = producer.Transactions(ctx, producer.TransactionsConfig{Listen: "127.0.0.1:0", Count: lines, Seed: 1}, func(a string) { addrCh <- a })
		}()
		host, port, _ := net.SplitHostPort(<-addrCh)
		spark := dataframe.NewSession()
		counter := &rowCounter{}
		AddListener(counter)
		tx := spark.ReadStream().Format("socket").Option("host", host).Option("port", port).Load().
			Select(F.FromJSON(F.Col("value"), "name STRING, surname STRING, amount DOUBLE, delta_t DOUBLE, flag INT").Alias("data")).Select("data.*")
		q := tx.Filter("flag = 1").GroupBy("name").Count().WriteStream().Format("noop").OutputMode("complete").Start()
		// The producer closes the socket after its lines, which ends the
		// query once everything received is processed.
		q.AwaitTermination()
		RemoveListener(counter)
		done := counter.rows.Load()
		if done != lines {
			b.Fatalf("processed %d of %d lines: %v", done, lines, q.Exception())
		}
		spark.Stop()
		cancel()
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// rowCounter is a Listener that sums the input rows of every progress
// report.
type rowCounter struct{ rows atomic.Int64 }

func (c *rowCounter) OnQueryStarted(QueryStartedEvent) {}
func (c *rowCounter) OnQueryProgress(e QueryProgressEvent) {
	c.rows.Add(e.Progress.NumInputRows)
}
func (c *rowCounter) OnQueryTerminated(QueryTerminatedEvent) {}

// BenchmarkUpdateModeSmallBatches1MKeys measures an update-mode
// aggregation whose state holds one million groups, fed micro-batches of
// 1000 rows that touch 1000 of them: one op is one micro-batch. With
// AggState.FinalGroups its cost follows the touched groups, not the state.
func BenchmarkUpdateModeSmallBatches1MKeys(b *testing.B) {
	const keys, batch = 1_000_000, 1000
	spark := dataframe.NewSession()
	defer spark.Stop()
	src := &countingSource{}
	spec := &sourceSpec{format: "counting", schema: countingSchema, newFn: func(*sourceSpec) (Source, error) { return src, nil }}
	df := spark.NewDataFrame(plan.NewStreamSource(countingSchema, "counting", spec))
	var emitted atomic.Int64
	q := df.SelectExpr(fmt.Sprintf("value %% %d AS k", keys)).GroupBy("k").Agg(F.Count("*").Alias("n"), F.Max("k").Alias("m")).
		WriteStream().OutputMode("update").ForeachBatch(func(df *dataframe.DataFrame, id int64) {
		emitted.Add(df.Count())
	}).Start()
	defer q.Stop()
	src.add(keys)
	q.ProcessAllAvailable()
	if st := q.LastProgress()["stateOperators"].([]any)[0].(map[string]any); st["numRowsTotal"] != int64(keys) {
		b.Fatalf("state rows %v", st["numRowsTotal"])
	}
	emitted.Store(0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src.add(batch)
		q.ProcessAllAvailable()
	}
	b.StopTimer()
	if got := emitted.Load(); got != int64(b.N*batch) {
		b.Fatalf("emitted %d rows, want %d", got, b.N*batch)
	}
	b.ReportMetric(float64(batch), "touched-groups/op")
}
