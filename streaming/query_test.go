package streaming

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

func rowsText(rows []dataframe.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.String()
	}
	sort.Strings(out)
	return out
}

// TestSocketToMemoryComplete counts words per batch from a socket source
// into a memory table in complete mode.
func TestSocketToMemoryComplete(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	lines := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load()
	words := lines.Select(F.Split(F.Col("value"), " ").GetItem(0).Alias("word"))
	q := words.GroupBy("word").Count().WriteStream().Format("memory").QueryName("words").OutputMode("complete").Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	defer q.Stop()
	c := srv.accept(t)
	send(t, c, "a x", "b", "a y", "c")
	waitRows(t, q, 4)
	q.ProcessAllAvailable()
	got := rowsText(spark.Table("words").Collect())
	want := []string{"Row(word='a', count=2)", "Row(word='b', count=1)", "Row(word='c', count=1)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after batch 1: %v, want %v", got, want)
	}
	send(t, c, "a", "d")
	waitRows(t, q, 6)
	got = rowsText(spark.Table("words").Collect())
	want = []string{"Row(word='a', count=3)", "Row(word='b', count=1)", "Row(word='c', count=1)", "Row(word='d', count=1)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after batch 2: %v, want %v", got, want)
	}
	if n := q.LastProgress()["stateOperators"].([]any)[0].(map[string]any)["numRowsTotal"]; n != int64(4) {
		t.Errorf("numRowsTotal = %v, want 4", n)
	}
	sql := spark.SQL("SELECT count(DISTINCT word) AS words, sum(count) AS total FROM words").Collect()
	if len(sql) != 1 || sql[0].String() != "Row(words=4, total=6)" {
		t.Errorf("SQL over the memory table: %v", sql)
	}
}

// TestUpdateModeEmitsChangedGroups checks that update mode writes only the
// groups a batch changed.
func TestUpdateModeEmitsChangedGroups(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	var mu sync.Mutex
	var batches [][]string
	q := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load().
		GroupBy("value").Count().WriteStream().OutputMode("update").
		ForeachBatch(func(df *dataframe.DataFrame, id int64) {
			rows := rowsText(df.Collect())
			if len(rows) == 0 {
				return // batch 0 may run before the first line arrives
			}
			mu.Lock()
			batches = append(batches, rows)
			mu.Unlock()
		}).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	defer q.Stop()
	c := srv.accept(t)
	send(t, c, "x", "y", "x")
	waitRows(t, q, 3)
	send(t, c, "y")
	waitRows(t, q, 4)
	mu.Lock()
	defer mu.Unlock()
	got := fmt.Sprint(batches)
	want := "[[Row(value='x', count=2) Row(value='y', count=1)] [Row(value='y', count=2)]]"
	if got != want {
		t.Fatalf("batches %s, want %s", got, want)
	}
}

// TestForeachBatchPanicFailsOnlyTheQuery checks that a panicking callback
// ends its query with a StreamingQueryException while another query keeps
// running.
func TestForeachBatchPanicFailsOnlyTheQuery(t *testing.T) {
	spark := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "hello\n")
	bad := spark.ReadStream().Format("text").Load(dir).WriteStream().
		ForeachBatch(func(df *dataframe.DataFrame, id int64) { panic("boom in batch") }).Start()
	good := spark.ReadStream().Format("rate").Option("rowsPerSecond", 1000).Load().WriteStream().Format("noop").Start()
	defer good.Stop()
	if !bad.AwaitTermination(30 * time.Second) {
		t.Fatal("the failing query did not end")
	}
	err := bad.Exception()
	if err == nil {
		t.Fatal("no exception")
	}
	var qe *QueryException
	if !errors.As(err, &qe) || qe.ExceptionName() != "StreamingQueryException" {
		t.Fatalf("exception %T %v", err, err)
	}
	if !strings.Contains(err.Error(), "boom in batch") || !strings.HasPrefix(err.Error(), "[STREAM_FAILED] Query [id = "+bad.ID()+", runId = "+bad.RunID()+"] terminated with exception: ") {
		t.Errorf("message %q", err)
	}
	if bad.IsActive() || bad.Status()["message"] != "Stopped" {
		t.Errorf("status after failure: %v", bad.Status())
	}
	if !good.IsActive() {
		t.Fatalf("the other query stopped: %v", good.Exception())
	}
}

// TestSocketClosedByProducer checks that the query processes the lines sent
// and then ends with an exception that says the producer closed the socket.
func TestSocketClosedByProducer(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	q := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load().
		WriteStream().Format("memory").QueryName("lines").Start()
	c := srv.accept(t)
	send(t, c, "one", "two")
	c.Close()
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("query did not end after the socket closed")
	}
	if err := q.Exception(); err == nil || !strings.Contains(err.Error(), "closed by the producer after 2 lines") {
		t.Fatalf("exception %v", err)
	}
	if n := spark.Table("lines").Count(); n != 2 {
		t.Fatalf("memory table has %d rows, want 2", n)
	}
}

func TestSocketConnectionRefused(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	port := srv.port()
	srv.ln.Close()
	q := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", port).Load().
		WriteStream().Format("noop").Start()
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("query did not fail")
	}
	if err := q.Exception(); err == nil || !strings.Contains(err.Error(), "Connection refused") {
		t.Fatalf("exception %v", err)
	}
}

// TestStatusProgressAndManager checks the handle's status messages,
// progress fields and the session's query manager.
func TestStatusProgressAndManager(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	q := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load().
		WriteStream().Format("noop").QueryName("status_q").Start()
	c := srv.accept(t)
	if q.ID() == "" || q.RunID() == "" || q.ID() == q.RunID() || q.Name() != "status_q" {
		t.Fatalf("ids %q %q name %q", q.ID(), q.RunID(), q.Name())
	}
	dup := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName("status_q").Start()
	if dup.Err() == nil || dup.Err().Error() != "Cannot start query with name status_q as a query with that name is already active in this SparkSession" {
		t.Fatalf("duplicate name: %v", dup.Err())
	}
	send(t, c, "a", "b", "c")
	waitRows(t, q, 3)
	q.ProcessAllAvailable()
	st := q.Status()
	if st["message"] != "Waiting for data to arrive" || st["isDataAvailable"] != false || st["isTriggerActive"] != false {
		t.Errorf("idle status %v", st)
	}
	p := q.LastProgress()
	for _, k := range []string{"id", "runId", "name", "timestamp", "batchId", "numInputRows", "inputRowsPerSecond", "processedRowsPerSecond", "durationMs", "stateOperators", "sources", "sink"} {
		if _, ok := p[k]; !ok {
			t.Errorf("progress lacks %s: %v", k, p)
		}
	}
	if p["id"] != q.ID() || p["name"] != "status_q" {
		t.Errorf("progress ids %v", p)
	}
	src := p["sources"].([]any)[0].(map[string]any)
	if !strings.HasPrefix(src["description"].(string), "TextSocketV2[host: 127.0.0.1, port: ") {
		t.Errorf("source description %v", src["description"])
	}
	active := spark.Streams().Active()
	if len(active) != 1 || active[0].ID() != q.ID() || spark.Streams().Get(q.ID()) == nil {
		t.Fatalf("manager lists %d queries", len(active))
	}
	if spark.Streams().AwaitAnyTermination(10 * time.Millisecond) {
		t.Fatal("AwaitAnyTermination returned true with no terminated query")
	}
	q.Stop()
	if q.IsActive() || q.Status()["message"] != "Stopped" || q.Exception() != nil {
		t.Fatalf("after stop: %v %v", q.Status(), q.Exception())
	}
	if !spark.Streams().AwaitAnyTermination() || len(spark.Streams().Active()) != 0 {
		t.Fatal("manager did not see the termination")
	}
	spark.Streams().ResetTerminated()
	if spark.Streams().AwaitAnyTermination(5 * time.Millisecond) {
		t.Fatal("ResetTerminated did not reset")
	}
}

type recordingListener struct {
	mu     sync.Mutex
	events []string
}

func (l *recordingListener) OnQueryStarted(e QueryStartedEvent) {
	l.mu.Lock()
	l.events = append(l.events, "started "+e.Name)
	l.mu.Unlock()
}
func (l *recordingListener) OnQueryProgress(e QueryProgressEvent) {
	l.mu.Lock()
	l.events = append(l.events, fmt.Sprintf("progress %d", e.Progress.BatchID))
	l.mu.Unlock()
}
func (l *recordingListener) OnQueryTerminated(e QueryTerminatedEvent) {
	l.mu.Lock()
	l.events = append(l.events, fmt.Sprintf("terminated %v", e.Exception))
	l.mu.Unlock()
}

func TestListenerEvents(t *testing.T) {
	spark := newSession(t)
	l := &recordingListener{}
	AddListener(l)
	defer RemoveListener(l)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "x\ny\n")
	writeFile(t, dir, "bb.txt", "z\n")
	q := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(dir).
		WriteStream().Format("noop").QueryName("listened").Trigger(AvailableNow()).Start()
	q.AwaitTermination()
	l.mu.Lock()
	defer l.mu.Unlock()
	if got := strings.Join(l.events, "; "); got != "started listened; progress 0; progress 1; terminated <nil>" {
		t.Fatalf("events: %s", got)
	}
}

func TestRateSource(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 20).Load().
		WriteStream().Format("memory").QueryName("rate_rows").Start()
	waitRows(t, q, 20) // the first second's rows
	q.Stop()
	rows := spark.Table("rate_rows").Collect()
	if len(rows)%20 != 0 || len(rows) == 0 {
		t.Fatalf("%d rows, want whole seconds of 20 rows", len(rows))
	}
	if p := q.RecentProgress(); p[0]["batchId"] != int64(0) || p[0]["numInputRows"] != int64(0) || p[0]["sources"].([]any)[0].(map[string]any)["endOffset"] != int64(0) {
		t.Errorf("batch 0 (at the first trigger, empty, offset 0 seconds): %v", p[0])
	}
	var prev time.Time
	for i, r := range rows {
		if r.GetInt64(1) != int64(i) {
			t.Fatalf("row %d has value %d", i, r.GetInt64(1))
		}
		ts := r.Get(0).(time.Time)
		if ts.Before(prev) {
			t.Fatalf("timestamps go back at row %d", i)
		}
		prev = ts
	}
	if got := spark.Table("rate_rows").Schema().SimpleString(); got != "struct<timestamp:timestamp,value:bigint>" {
		t.Errorf("schema %s", got)
	}
}

func TestTriggerOnceAndProcessingTime(t *testing.T) {
	spark := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "1\n2\n")
	writeFile(t, dir, "bb.txt", "3\n")
	once := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(dir).
		WriteStream().Format("memory").QueryName("once_rows").Trigger(Once()).Start()
	if !once.AwaitTermination(30 * time.Second) {
		t.Fatal("Once did not stop")
	}
	if n := spark.Table("once_rows").Count(); n != 3 || len(once.RecentProgress()) != 1 {
		t.Fatalf("Once: %d rows in %d batches, want 3 rows in one batch", n, len(once.RecentProgress()))
	}
	pt := spark.ReadStream().Format("text").Load(dir).
		WriteStream().Format("memory").QueryName("pt_rows").Trigger(ProcessingTime("50 milliseconds")).Start()
	defer pt.Stop()
	pt.ProcessAllAvailable()
	if n := spark.Table("pt_rows").Count(); n != 3 {
		t.Fatalf("ProcessingTime: %d rows", n)
	}
	if bad := ProcessingTime("soon"); bad.err == nil {
		t.Error("ProcessingTime accepted an invalid interval")
	}
}

// TestIdleProgress checks that an idle query still reports progress
// (noDataProgressEventInterval, shortened here).
func TestIdleProgress(t *testing.T) {
	old := noDataProgressInterval
	noDataProgressInterval = 20 * time.Millisecond
	defer func() { noDataProgressInterval = old }()
	spark := newSession(t)
	q := spark.ReadStream().Format("text").Load(t.TempDir()).WriteStream().Format("noop").QueryName("idle").Start()
	defer q.Stop()
	deadline := time.Now().Add(30 * time.Second)
	for q.LastProgress() == nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	p := q.LastProgress()
	if p == nil || p["numInputRows"] != int64(0) || p["batchId"] != int64(0) || p["name"] != "idle" {
		t.Fatalf("idle progress %v", p)
	}
}

// TestStreamingLimitAppend keeps the first rows over several batches and a
// restart.
func TestStreamingLimitAppend(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	in, ck := root+"/in", root+"/ck"
	writeFile(t, in, "a.txt", "1\n2\n")
	writeFile(t, in, "bb.txt", "3\n4\n")
	var got []string
	run := func() {
		q := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(in).Limit(3).
			WriteStream().Option("checkpointLocation", ck).Trigger(AvailableNow()).
			ForeachBatch(func(df *dataframe.DataFrame, id int64) {
				for _, r := range df.Collect() {
					got = append(got, fmt.Sprintf("%d:%s", id, r.GetString(0)))
				}
			}).Start()
		if q.Err() != nil {
			t.Fatal(q.Err())
		}
		q.AwaitTermination()
		if err := q.Exception(); err != nil {
			t.Fatal(err)
		}
	}
	run()
	writeFile(t, in, "ccc.txt", "5\n")
	run()
	if fmt.Sprint(got) != "[0:1 0:2 1:3]" {
		t.Fatalf("limit 3 emitted %v", got)
	}
}

// TestStopFromForeachBatch stops a query from its own callback without
// deadlocking.
func TestStopFromForeachBatch(t *testing.T) {
	spark := newSession(t)
	var q *dataframe.StreamingQuery
	ready := make(chan struct{})
	q = spark.ReadStream().Format("rate").Option("rowsPerSecond", 1000).Load().WriteStream().
		ForeachBatch(func(df *dataframe.DataFrame, id int64) {
			<-ready
			q.Stop()
		}).Start()
	close(ready)
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("query did not stop")
	}
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
}

func TestWriteStreamOnBatchDataFrame(t *testing.T) {
	spark := newSession(t)
	q := spark.Range(3).WriteStream().Format("console").Start()
	if q.Err() == nil || q.Err().Error() != "[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame." {
		t.Fatalf("error %v", q.Err())
	}
}

func TestTriggerValues(t *testing.T) {
	tests := []struct {
		in   any
		kind TriggerKind
		d    time.Duration
		err  bool
	}{
		{nil, TriggerDefault, 0, false},
		{ProcessingTime("2 seconds"), TriggerProcessingTime, 2 * time.Second, false},
		{ProcessingTime(500), TriggerProcessingTime, 500 * time.Millisecond, false},
		{"1 minute", TriggerProcessingTime, time.Minute, false},
		{3 * time.Second, TriggerProcessingTime, 3 * time.Second, false},
		{Once(), TriggerOnce, 0, false},
		{AvailableNow(), TriggerAvailableNow, 0, false},
		{"soon", TriggerProcessingTime, 0, true},
		{42.5, TriggerDefault, 0, true},
	}
	for _, tt := range tests {
		got, err := toTrigger(tt.in)
		if (err != nil) != tt.err || (!tt.err && (got.Kind != tt.kind || got.Interval != tt.d)) {
			t.Errorf("toTrigger(%v) = %+v, %v", tt.in, got, err)
		}
	}
}
