package streaming

import (
	"encoding/binary"
	"errors"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// limitStage is a streaming limit in append mode (Spark's
// StreamingGlobalLimitExec): it passes rows until n have been emitted over
// the whole query, counting across micro-batches and restarts.
type limitStage struct {
	n       int64
	child   stage
	emitted int64
	last    stateMetrics
}

func (c *compiler) streamLimit(x *plan.Limit) (*limitStage, error) {
	child, err := c.compile(x.Child)
	if err != nil {
		return nil, err
	}
	s := &limitStage{n: x.N, child: child}
	c.stateful = append(c.stateful, s)
	return s, nil
}

func (s *limitStage) run(b *batchRun) ([]arrow.Record, error) {
	recs, err := s.child.run(b)
	if err != nil {
		return nil, err
	}
	var out []arrow.Record
	var added int64
	for _, r := range recs {
		left := s.n - s.emitted
		if left <= 0 {
			break
		}
		if r.NumRows() > left {
			r = r.NewSlice(0, left)
		}
		out = append(out, r)
		s.emitted += r.NumRows()
		added += r.NumRows()
	}
	s.last = stateMetrics{OperatorName: "globalLimit", NumRowsTotal: 1, NumRowsUpdated: min(added, 1), MemoryUsedBytes: 8}
	return out, nil
}

func (s *limitStage) metrics() stateMetrics { return s.last }

func (s *limitStage) snapshot() ([]byte, error) {
	return binary.AppendVarint(nil, s.emitted), nil
}

func (s *limitStage) restore(data []byte) error {
	v, n := binary.Varint(data)
	if n <= 0 {
		return errors.New("corrupt limit state")
	}
	s.emitted = v
	return nil
}

func (s *limitStage) usesWatermark() bool { return false }
