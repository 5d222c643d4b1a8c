package main

import (
	"fmt"
	"net"
	"sync/atomic"
	"time"

	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/streaming"
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
	spark, startup := newSession()
	defer spark.Stop()
	var batches int64
	r, err := repeat(runs, int64(rows), func(int) (time.Duration, error) {
		counter := &inputRows{}
		streaming.AddListener(counter)
		defer streaming.RemoveListener(counter)
		t0 := time.Now()
		tx := spark.ReadStream().Format("socket").Option("host", host).Option("port", port).Load().
			Select(F.FromJSON(F.Col("value"), transactionsDDL).Alias("data")).Select("data.*")
		q := tx.Filter("flag = 1").GroupBy("name").Count().WriteStream().Format("noop").OutputMode("update").Start()
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
