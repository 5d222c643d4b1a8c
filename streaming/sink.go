package streaming

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Sink receives the output of every micro-batch.
type Sink interface {
	// AddBatch writes one micro-batch's output. A sink must make a batch id
	// it has already written idempotent (a batch re-run after a restart).
	AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) error
	// Stop is called once when the query ends, with the error that ended it
	// (nil on a clean stop) and the number of batches run.
	Stop(err error, batches int64)
	// Description is the sink.description of a progress report.
	Description() string
}

// progressSink is implemented by sinks that show each batch's progress
// report (the console sink's progress line); batchProgress runs on the
// query's goroutine right after the batch commits.
type progressSink interface {
	batchProgress(p *Progress)
}

// sinkFactory creates a sink for a starting query.
type sinkFactory func(q *query) (Sink, error)

// sinkFormats maps DataStreamWriter.Format names to sinks; tempCheckpoint
// lists the sinks that may run without a checkpoint location.
var (
	sinkFormats    = map[string]sinkFactory{}
	tempCheckpoint = map[string]bool{"console": true, "memory": true, "noop": true, "foreachbatch": true}
)

func registerSink(name string, f sinkFactory) { sinkFormats[name] = f }

func numRows(batches []arrow.Record) int64 {
	var n int64
	for _, b := range batches {
		n += b.NumRows()
	}
	return n
}
