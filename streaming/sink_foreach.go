package streaming

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// foreachBatchSink calls the user's function with each micro-batch as a
// DataFrame. A panic in the function fails the query (as
// StreamingQueryException), never the process.
type foreachBatchSink struct {
	q *query
}

func newForeachBatchSink(q *query) (Sink, error) { return &foreachBatchSink{q: q}, nil }

func (s *foreachBatchSink) AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) (err error) {
	df := s.q.session.NewDataFrame(plan.NewLocalRelation(schema, batches, "LocalRelation"))
	s.q.inCallback.Store(true)
	defer func() {
		s.q.inCallback.Store(false)
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	s.q.batchFunc(df, batchID)
	return nil
}

func (s *foreachBatchSink) Stop(error, int64) {}

func (s *foreachBatchSink) Description() string { return "ForeachBatchSink" }

// noopSink discards its input (format "noop"), for benchmarks.
type noopSink struct{}

func init() {
	registerSink("noop", func(*query) (Sink, error) { return noopSink{}, nil })
}

func (noopSink) AddBatch(int64, sqltypes.StructType, []arrow.Record) error { return nil }

func (noopSink) Stop(error, int64) {}

func (noopSink) Description() string {
	return "org.apache.spark.sql.execution.datasources.noop.NoopTable$@eddy"
}
