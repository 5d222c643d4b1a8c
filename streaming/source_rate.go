package streaming

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// rateSchema is the rate source's schema: timestamp, value.
var rateSchema = sqltypes.NewStructType(
	sqltypes.NewStructField("timestamp", sqltypes.TimestampType, true),
	sqltypes.NewStructField("value", sqltypes.LongType, true),
)

// rateSource generates rowsPerSecond rows per second, as Spark's: its
// offset is the number of whole seconds since the query started, second s
// holds values s*rowsPerSecond .. (s+1)*rowsPerSecond-1, and a value's
// timestamp is the start plus value/rowsPerSecond seconds.
type rateSource struct {
	rowsPerSecond int64
	start         time.Time
	now           func() time.Time
}

func newRateSource(spec *sourceSpec) (Source, error) {
	rps, err := spec.opts.int("rowsPerSecond", 1)
	if err != nil {
		return nil, err
	}
	if rps <= 0 {
		return nil, illegalArgument("Invalid value '%d'. The option 'rowsPerSecond' must be positive", rps)
	}
	return &rateSource{rowsPerSecond: rps, now: time.Now}, nil
}

func (s *rateSource) Open(context.Context) error {
	s.start = s.now()
	return nil
}

func (s *rateSource) Initial() (Offset, error) { return longOffset(0), nil }

func (s *rateSource) Latest(Offset, bool) (Offset, error) {
	return longOffset(int64(s.now().Sub(s.start) / time.Second)), nil
}

func (s *rateSource) Batch(from, to Offset) ([]arrow.Record, error) {
	lo, hi := max(parseLongOffset(from), 0)*s.rowsPerSecond, parseLongOffset(to)*s.rowsPerSecond
	if hi <= lo {
		return nil, nil
	}
	n := int(hi - lo)
	ts := array.NewTimestampBuilder(memory.DefaultAllocator, sqltypes.ArrowTimestamp)
	vals := array.NewInt64Builder(memory.DefaultAllocator)
	ts.Reserve(n)
	vals.Reserve(n)
	startMicros := s.start.UnixMilli() * 1000
	for v := lo; v < hi; v++ {
		rel := int64(math.Round(float64(v) / float64(s.rowsPerSecond) * 1000))
		ts.UnsafeAppend(arrow.Timestamp(startMicros + rel*1000))
		vals.UnsafeAppend(v)
	}
	schema := sqltypes.ToArrowSchema(rateSchema)
	return []arrow.Record{array.NewRecord(schema, []arrow.Array{ts.NewArray(), vals.NewArray()}, int64(n))}, nil
}

func (s *rateSource) Commit(Offset) {}

func (s *rateSource) Close() error { return nil }

func (s *rateSource) Description() string {
	return fmt.Sprintf("RateStreamV2[rowsPerSecond=%d, rampUpTimeSeconds=0, numPartitions=default", s.rowsPerSecond)
}

// definedFromStart is true: as in Spark, batch 0 runs at the first trigger.
func (s *rateSource) definedFromStart() bool { return true }
