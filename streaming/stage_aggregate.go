package streaming

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// aggStage is a streaming aggregation. Every micro-batch's rows are folded
// into an exec.AggState kept across batches (partial → merge); the batch
// then emits, by output mode, every group (complete), the groups updated
// in this batch (update), or the groups whose event-time window closed
// under the watermark (append), and evicts groups the watermark passed.
//
// Time windows are expanded here, not inside AggState, so that each window
// instance can be checked against the watermark: the aggregation runs over
// the child's columns plus a precomputed window column.
type aggStage struct {
	node      *plan.Aggregate
	agg       *plan.Aggregate // node with its window group bound to the extra column
	child     stage
	mode      string
	window    *expr.TimeWindow
	winIdx    int // index of the window group, or -1
	eventIdx  int // index of a plain event-time group, or -1
	watermark *plan.Watermark

	state   *exec.AggState
	evtTime []int64 // per group: window end or event time
	hasEvt  []bool

	last stateMetrics
}

func (c *compiler) aggregate(x *plan.Aggregate) (*aggStage, error) {
	x = pruneAggregate(x)
	child, err := c.compile(x.Child)
	if err != nil {
		return nil, err
	}
	s := &aggStage{node: x, child: child, mode: c.mode, winIdx: -1, eventIdx: -1, watermark: findWatermark(x.Child)}
	groups := append([]expr.Expr(nil), x.Groups...)
	for i, g := range x.Groups {
		if w, ok := g.(*expr.TimeWindow); ok && s.winIdx < 0 {
			s.window, s.winIdx = w, i
			groups[i] = &expr.BoundRef{Ordinal: len(x.Child.Output()), Attr: expr.Attribute{ID: expr.NewID(), Name: "window", Type: expr.WindowType}}
		}
		if r, ok := g.(*expr.BoundRef); ok && s.watermark != nil && r.Attr.Name == s.watermark.Col && s.eventIdx < 0 {
			s.eventIdx = i
		}
	}
	s.agg = &plan.Aggregate{Child: x.Child, Groups: groups, Aggs: x.Aggs, Results: x.Results, Attrs: x.Attrs}
	s.state = exec.NewAggState(s.agg)
	c.stateful = append(c.stateful, s)
	return s, nil
}

func boolArray(mask []bool) arrow.Array {
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	b.AppendValues(mask, nil)
	return b.NewArray()
}

func (s *aggStage) run(b *batchRun) ([]arrow.Record, error) {
	recs, err := s.child.run(b)
	if err != nil {
		return nil, err
	}
	m := stateMetrics{OperatorName: "stateStoreSave"}
	before := s.state.Groups()
	for _, r := range recs {
		if r.NumRows() == 0 {
			continue
		}
		if s.window == nil {
			in := r
			if s.eventIdx >= 0 && b.hasWatermark && s.mode != "complete" {
				in, err = s.dropLate(r, s.agg.Groups[s.eventIdx], b, &m)
				if err != nil {
					return nil, err
				}
			}
			if err := s.fold(b, in); err != nil {
				return nil, err
			}
			continue
		}
		for k := 0; k < s.window.Count(); k++ {
			warr, keep, err := s.window.EvalWindow(b.ctx, r, k)
			if err != nil {
				return nil, err
			}
			if b.hasWatermark && s.watermark != nil && s.mode != "complete" {
				ends := expr.Values[int64](warr.(*array.Struct).Field(1))
				for i := range keep {
					if keep[i] && ends[i] <= b.lateWatermark {
						keep[i] = false
						m.NumRowsDroppedByWatermark++
					}
				}
			}
			cols := append(append([]arrow.Array(nil), r.Columns()...), warr)
			fields := append(append([]arrow.Field(nil), r.Schema().Fields()...), arrow.Field{Name: "window", Type: warr.DataType(), Nullable: true})
			wide := array.NewRecord(arrow.NewSchema(fields, nil), cols, r.NumRows())
			in, err := exec.FilterRecord(wide, boolArray(keep))
			if err != nil {
				return nil, err
			}
			if err := s.fold(b, in); err != nil {
				return nil, err
			}
		}
	}
	if err := s.trackEventTimes(before); err != nil {
		return nil, err
	}
	touched := s.state.Touched()
	var result arrow.Record
	if s.mode == "update" {
		// Only the touched groups are emitted: build just their rows, so
		// that a micro-batch costs O(touched groups), not O(state).
		if result, err = s.state.FinalGroups(b.ctx, touched); err != nil {
			return nil, err
		}
	}
	var emit []int32
	var evict []bool
	n := int32(s.state.Groups())
	if s.mode != "update" || (b.hasWatermark && s.usesWatermark()) {
		for id := int32(0); id < n; id++ {
			closed := b.hasWatermark && int(id) < len(s.hasEvt) && s.hasEvt[id] && s.evtTime[id] <= b.watermark
			if s.mode == "complete" || (s.mode != "update" && closed) {
				emit = append(emit, id)
			}
			if closed && s.mode != "complete" {
				if evict == nil {
					evict = make([]bool, n)
				}
				evict[id] = true
				m.NumRowsRemoved++
			}
		}
	}
	if s.mode != "update" {
		out, err := s.state.Final(b.ctx)
		if err != nil {
			return nil, err
		}
		if len(emit) == int(n) {
			result = out
		} else if result, err = exec.Take(out, emit); err != nil {
			return nil, err
		}
	}
	if evict != nil {
		if err := s.evict(evict); err != nil {
			return nil, err
		}
	}
	m.NumRowsUpdated = int64(len(touched))
	m.NumRowsTotal = int64(s.state.Groups())
	m.MemoryUsedBytes = int64(s.state.Groups()) * 64
	s.last = m
	if result.NumRows() == 0 {
		return nil, nil
	}
	return []arrow.Record{result}, nil
}

// dropLate removes rows whose event time is at or below the late-events
// watermark.
func (s *aggStage) dropLate(r arrow.Record, g expr.Expr, b *batchRun, m *stateMetrics) (arrow.Record, error) {
	a, err := g.Eval(b.ctx, r)
	if err != nil {
		return nil, err
	}
	vals := expr.Values[int64](a)
	keep := make([]bool, len(vals))
	for i, v := range vals {
		keep[i] = a.IsNull(i) || v > b.lateWatermark
		if !keep[i] {
			m.NumRowsDroppedByWatermark++
		}
	}
	return exec.FilterRecord(r, boolArray(keep))
}

// fold adds one record to the state.
func (s *aggStage) fold(b *batchRun, r arrow.Record) error {
	if r.NumRows() == 0 {
		return nil
	}
	return s.state.Update(b.ctx, r)
}

// trackEventTimes records the event time (window end or timestamp) of the
// groups created since the state had from groups.
func (s *aggStage) trackEventTimes(from int) error {
	n := s.state.Groups()
	evtCol := s.winIdx
	if evtCol < 0 {
		evtCol = s.eventIdx
	}
	if evtCol < 0 || n <= from {
		s.evtTime = growInt64(s.evtTime, n)
		s.hasEvt = growBool(s.hasEvt, n)
		return nil
	}
	ids := make([]int32, n-from)
	for i := range ids {
		ids[i] = int32(from + i)
	}
	keys, err := s.state.KeysOf(ids)
	if err != nil {
		return err
	}
	col := keys[evtCol]
	for i := range ids {
		t, ok := eventTimeOf(expr.GetValue(col, i))
		s.evtTime = append(s.evtTime[:from+i], t)
		s.hasEvt = append(s.hasEvt[:from+i], ok)
	}
	return nil
}

func growInt64(s []int64, n int) []int64 {
	for len(s) < n {
		s = append(s, 0)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	for len(s) < n {
		s = append(s, false)
	}
	return s[:n]
}

// evict removes the groups marked in drop from the state and the
// event-time index.
func (s *aggStage) evict(drop []bool) error {
	if err := s.state.Evict(drop); err != nil {
		return err
	}
	k := 0
	for g := range s.evtTime {
		if g < len(drop) && drop[g] {
			continue
		}
		s.evtTime[k], s.hasEvt[k] = s.evtTime[g], s.hasEvt[g]
		k++
	}
	s.evtTime, s.hasEvt = s.evtTime[:k], s.hasEvt[:k]
	return nil
}

func (s *aggStage) snapshot() ([]byte, error) { return s.state.MarshalBinary() }

// restore loads a snapshot and rebuilds the event-time index.
func (s *aggStage) restore(data []byte) error {
	if err := s.state.UnmarshalBinary(data); err != nil {
		return err
	}
	s.state.Touched()
	s.evtTime, s.hasEvt = s.evtTime[:0], s.hasEvt[:0]
	return s.trackEventTimes(0)
}

func (s *aggStage) metrics() stateMetrics { return s.last }

func (s *aggStage) usesWatermark() bool {
	return s.mode != "complete" && (s.winIdx >= 0 || s.eventIdx >= 0) && s.watermark != nil
}
