package streaming

import (
	"bytes"
	"encoding/gob"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// dedupStage is dropDuplicates on a stream: it remembers every key seen and
// passes a row only the first time its key appears. When the key includes
// the withWatermark column, rows at or below the watermark are dropped as
// late and keys the watermark passed are evicted.
type dedupStage struct {
	node     *plan.Distinct
	child    stage
	eventIdx int // position in node.Keys of the watermark column, or -1
	seen     map[string]int64
	last     stateMetrics
}

func newDedupStage(x *plan.Distinct, child stage, wm *plan.Watermark) *dedupStage {
	s := &dedupStage{node: x, child: child, eventIdx: -1, seen: map[string]int64{}}
	if wm != nil {
		out := x.Child.Output()
		for i, k := range x.Keys {
			if out[k].Name == wm.Col {
				s.eventIdx = i
			}
		}
	}
	return s
}

func (s *dedupStage) run(b *batchRun) ([]arrow.Record, error) {
	recs, err := s.child.run(b)
	if err != nil {
		return nil, err
	}
	m := stateMetrics{OperatorName: "dedupe"}
	var out []arrow.Record
	var buf []byte
	for _, r := range recs {
		n := int(r.NumRows())
		keys := make([]arrow.Array, len(s.node.Keys))
		for i, k := range s.node.Keys {
			keys[i] = r.Column(k)
		}
		keep := make([]bool, n)
		kept := 0
		for i := 0; i < n; i++ {
			var evt int64
			if s.eventIdx >= 0 {
				if t, ok := eventTimeOf(expr.GetValue(keys[s.eventIdx], i)); ok {
					evt = t
					if b.hasWatermark && t <= b.lateWatermark {
						m.NumRowsDroppedByWatermark++
						continue
					}
				}
			}
			buf = rowKey(buf[:0], keys, i)
			if _, dup := s.seen[string(buf)]; dup {
				continue
			}
			s.seen[string(buf)] = evt
			keep[i] = true
			kept++
		}
		m.NumRowsUpdated += int64(kept)
		if kept == 0 {
			continue
		}
		fr, err := exec.FilterRecord(r, boolArray(keep))
		if err != nil {
			return nil, err
		}
		out = append(out, fr)
	}
	if s.eventIdx >= 0 && b.hasWatermark {
		for k, t := range s.seen {
			if t <= b.watermark {
				delete(s.seen, k)
				m.NumRowsRemoved++
			}
		}
	}
	m.NumRowsTotal = int64(len(s.seen))
	m.MemoryUsedBytes = int64(len(s.seen)) * 48
	s.last = m
	return out, nil
}

func (s *dedupStage) metrics() stateMetrics { return s.last }

func (s *dedupStage) snapshot() ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(s.seen)
	return buf.Bytes(), err
}

func (s *dedupStage) restore(data []byte) error {
	seen := map[string]int64{}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&seen); err != nil {
		return err
	}
	s.seen = seen
	return nil
}

func (s *dedupStage) usesWatermark() bool { return s.eventIdx >= 0 }
