package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"os"
	"sync/atomic"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/streaming"
	"github.com/eddykernel/eddy/streaming/producer"
)

// transactionsDDL is the schema of the transactions producer's JSON lines.
const transactionsDDL = "name STRING, surname STRING, amount DOUBLE, delta_t DOUBLE, flag INT"

// socketJSON is workload 2: JSON lines from a socket server that sends --rows lines and closes
// → from_json → filter flag = 1 → groupBy name count, update mode, noop sink. The query ends
// when the server closes the socket; a run's time goes from building the query to its
// termination, and the rows its progress reports must add up to --rows. The server serves every
// connection the same lines, so --runs connects again for each run.
func socketJSON(args []string) (result, error) {
	rows, runs := 1_000_000, 1
	addr := "127.0.0.1:5555"
	if err := flags("socket-json", args, map[string]*int{"rows": &rows, "runs": &runs}, map[string]*string{"addr": &addr}); err != nil {
		return nil, err
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	return flaggedCounts(runs, rows, nil, func(spark *dataframe.Session) *dataframe.DataFrame {
		return spark.ReadStream().Format("socket").Option("host", host).Option("port", port).Load()
	})
}

// flaggedCounts runs workload 2's query over the lines that read gives —
// from_json → filter flag = 1 → groupBy name count, update mode, noop sink,
// with trigger unless it is nil — --runs times. A run's time goes from
// building the query to its termination, and the rows its progress reports
// must add up to rows.
func flaggedCounts(runs, rows int, trigger any, read func(*dataframe.Session) *dataframe.DataFrame) (result, error) {
	spark, startup := newSession()
	defer spark.Stop()
	var batches int64
	r, err := repeat(runs, int64(rows), func(int) (time.Duration, error) {
		counter := &inputRows{}
		streaming.AddListener(counter)
		defer streaming.RemoveListener(counter)
		t0 := time.Now()
		tx := read(spark).Select(F.FromJSON(F.Col("value"), transactionsDDL).Alias("data")).Select("data.*")
		w := tx.Filter("flag = 1").GroupBy("name").Count().WriteStream().Format("noop").OutputMode("update")
		if trigger != nil {
			w = w.Trigger(trigger)
		}
		q := w.Start()
		q.AwaitTermination()
		elapsed := time.Since(t0)
		if got := counter.rows.Load(); got != int64(rows) {
			return 0, fmt.Errorf("the query read %d of %d lines (%v)", got, rows, q.Exception())
		}
		batches = counter.batches.Load()
		return elapsed, nil
	})
	if err != nil {
		return nil, err
	}
	r["startup_s"], r["batches"] = startup, batches
	return r, nil
}

// inputRows is a streaming.Listener that adds up the input rows and batches of every progress
// report.
type inputRows struct{ rows, batches atomic.Int64 }

func (c *inputRows) OnQueryStarted(streaming.QueryStartedEvent) {}
func (c *inputRows) OnQueryProgress(e streaming.QueryProgressEvent) {
	c.rows.Add(e.Progress.NumInputRows)
	c.batches.Add(1)
}
func (c *inputRows) OnQueryTerminated(streaming.QueryTerminatedEvent) {}

// jsonFile is workload 2 without the socket: the same query over a folder holding the
// transactions producer's JSON lines (gen-json), read by the text file source with AvailableNow,
// --runs times. It measures the engine's from_json → filter → groupBy path where Spark's socket
// source cannot (it reads its buffered lines by index from a linked list, quadratic in the
// batch size).
func jsonFile(args []string) (result, error) {
	rows, runs := 1_000_000, 1
	path := ""
	if err := flags("json-file", args, map[string]*int{"rows": &rows, "runs": &runs}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	return flaggedCounts(runs, rows, streaming.AvailableNow(), func(spark *dataframe.Session) *dataframe.DataFrame {
		return spark.ReadStream().Format("text").Load(path)
	})
}

// genJSON writes --rows lines of the transactions producer (seed 1, the lines every socket
// client gets) to --path.
func genJSON(args []string) (result, error) {
	rows := 1_000_000
	path := ""
	if err := flags("gen-json", args, map[string]*int{"rows": &rows}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < rows; i++ {
		if err := enc.Encode(producer.NewTransaction(r)); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return result{"rows": rows, "path": path}, f.Close()
}
