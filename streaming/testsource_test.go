package streaming

import (
	"context"
	"sync"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// countingSource is an in-memory source of bigint values, for benchmarks.
type countingSource struct {
	mu sync.Mutex
	n  int64
}

func (s *countingSource) add(k int64) { s.mu.Lock(); s.n += k; s.mu.Unlock() }

func (s *countingSource) Open(context.Context) error { return nil }
func (s *countingSource) Initial() (Offset, error)   { return longOffset(0), nil }
func (s *countingSource) Latest(Offset, bool) (Offset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return longOffset(s.n), nil
}
func (s *countingSource) Batch(from, to Offset) ([]arrow.Record, error) {
	b := array.NewInt64Builder(memory.DefaultAllocator)
	for v := parseLongOffset(from); v < parseLongOffset(to); v++ {
		b.Append(v)
	}
	a := b.NewArray()
	return []arrow.Record{array.NewRecord(sqltypes.ToArrowSchema(countingSchema), []arrow.Array{a}, int64(a.Len()))}, nil
}
func (s *countingSource) Commit(Offset)       {}
func (s *countingSource) Close() error        { return nil }
func (s *countingSource) Description() string { return "CountingSource" }

var countingSchema = sqltypes.NewStructType(sqltypes.NewStructField("value", sqltypes.LongType, true))

func startWithSource(tb testing.TB, spark *dataframe.Session, src Source) *dataframe.StreamingQuery {
	spec := &sourceSpec{format: "counting", schema: countingSchema, newFn: func(*sourceSpec) (Source, error) { return src, nil }}
	df := spark.NewDataFrame(plan.NewStreamSource(countingSchema, "counting", spec))
	q := df.Filter("value >= 0").WriteStream().Format("noop").Start()
	if q.Err() != nil {
		tb.Fatal(q.Err())
	}
	return q
}
