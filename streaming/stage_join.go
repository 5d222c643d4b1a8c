package streaming

import (
	"bytes"
	"encoding/gob"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// joinStage is a stream-stream inner join. Both sides' rows are kept in
// state; each micro-batch joins the new left rows with every right row and
// the earlier left rows with the new right rows, so every matching pair is
// produced exactly once. Rows behind the watermark of their side are
// dropped as late. When the condition bounds one side's event time by the
// other's (join_eviction.go), state rows that can no longer match are
// evicted once the watermark passes them.
type joinStage struct {
	node         *plan.Join
	join         *plan.Join
	left, right  stage
	lLeaf, rLeaf *plan.StreamSource
	lEvt, rEvt   int // event-time column of each side, or -1
	lRows, rRows []arrow.Record
	// lBound and rBound are the eviction bounds of each side's state.
	lBound, rBound timeBound
	last           stateMetrics
}

func (c *compiler) streamJoin(x *plan.Join) (*joinStage, error) {
	if x.Type != plan.JoinInner {
		return nil, sparkerr.Analysis("", "Stream-stream %s joins are not supported yet by Eddy's streaming engine; use an inner join", x.Type)
	}
	left, err := c.compile(x.Left)
	if err != nil {
		return nil, err
	}
	right, err := c.compile(x.Right)
	if err != nil {
		return nil, err
	}
	s := &joinStage{node: x, left: left, right: right, lEvt: -1, rEvt: -1,
		lLeaf: &plan.StreamSource{Attrs: x.Left.Output(), Format: "stage"}, rLeaf: &plan.StreamSource{Attrs: x.Right.Output(), Format: "stage"}}
	j := *x
	j.Left, j.Right = s.lLeaf, s.rLeaf
	s.join = &j
	s.lEvt = eventColumn(x.Left)
	s.rEvt = eventColumn(x.Right)
	s.lBound, s.rBound = joinTimeBounds(x.Cond, len(x.Left.Output()), s.lEvt, s.rEvt)
	c.stateful = append(c.stateful, s)
	return s, nil
}

// eventColumn returns the position in n's output of its withWatermark
// column, or -1.
func eventColumn(n plan.Node) int {
	wm := findWatermark(n)
	if wm == nil {
		return -1
	}
	for i, a := range n.Output() {
		if a.Name == wm.Col {
			return i
		}
	}
	return -1
}

// dropLateRows removes rows whose event time is at or below the late-events
// watermark.
func dropLateRows(recs []arrow.Record, col int, b *batchRun, m *stateMetrics) ([]arrow.Record, error) {
	if col < 0 || !b.hasWatermark {
		return recs, nil
	}
	var out []arrow.Record
	for _, r := range recs {
		a := r.Column(col)
		vals := expr.Values[int64](a)
		keep := make([]bool, len(vals))
		for i, v := range vals {
			keep[i] = a.IsNull(i) || v > b.lateWatermark
			if !keep[i] {
				m.NumRowsDroppedByWatermark++
			}
		}
		fr, err := exec.FilterRecord(r, boolArray(keep))
		if err != nil {
			return nil, err
		}
		if fr.NumRows() > 0 {
			out = append(out, fr)
		}
	}
	return out, nil
}

func (s *joinStage) run(b *batchRun) ([]arrow.Record, error) {
	m := stateMetrics{OperatorName: "symmetricHashJoin"}
	newL, err := s.left.run(b)
	if err != nil {
		return nil, err
	}
	newR, err := s.right.run(b)
	if err != nil {
		return nil, err
	}
	if newL, err = dropLateRows(newL, s.lEvt, b, &m); err != nil {
		return nil, err
	}
	if newR, err = dropLateRows(newR, s.rEvt, b, &m); err != nil {
		return nil, err
	}
	allR := append(append([]arrow.Record(nil), s.rRows...), newR...)
	var out []arrow.Record
	if len(newL) > 0 && len(allR) > 0 {
		res, err := exec.Execute(s.join, &exec.Env{Ctx: b.ctx, Sources: map[*plan.StreamSource][]arrow.Record{s.lLeaf: newL, s.rLeaf: allR}})
		if err != nil {
			return nil, err
		}
		out = append(out, res.Batches...)
	}
	if len(s.lRows) > 0 && len(newR) > 0 {
		res, err := exec.Execute(s.join, &exec.Env{Ctx: b.ctx, Sources: map[*plan.StreamSource][]arrow.Record{s.lLeaf: s.lRows, s.rLeaf: newR}})
		if err != nil {
			return nil, err
		}
		out = append(out, res.Batches...)
	}
	s.lRows = append(s.lRows, newL...)
	s.rRows = allR
	if err := s.evict(b, &m); err != nil {
		return nil, err
	}
	m.NumRowsUpdated = numRows(newL) + numRows(newR)
	m.NumRowsTotal = numRows(s.lRows) + numRows(s.rRows)
	for _, r := range s.lRows {
		m.MemoryUsedBytes += recordBytes(r)
	}
	for _, r := range s.rRows {
		m.MemoryUsedBytes += recordBytes(r)
	}
	s.last = m
	return out, nil
}

// evict drops the state rows of each side that the watermark has passed.
func (s *joinStage) evict(b *batchRun, m *stateMetrics) error {
	if !b.hasWatermark {
		return nil
	}
	var n int64
	var err error
	if s.lBound.ok {
		if s.lRows, n, err = evictRows(s.lRows, s.lEvt, b.watermark+s.lBound.offset); err != nil {
			return err
		}
		m.NumRowsRemoved += n
	}
	if s.rBound.ok {
		if s.rRows, n, err = evictRows(s.rRows, s.rEvt, b.watermark+s.rBound.offset); err != nil {
			return err
		}
		m.NumRowsRemoved += n
	}
	return nil
}

func recordBytes(r arrow.Record) int64 {
	var n int64
	for _, c := range r.Columns() {
		for _, b := range c.Data().Buffers() {
			if b != nil {
				n += int64(b.Len())
			}
		}
	}
	return n
}

func (s *joinStage) metrics() stateMetrics { return s.last }

// joinSnapshot is the serialized join state: each side as an Arrow IPC
// stream.
type joinSnapshot struct{ Left, Right []byte }

func ipcBytes(recs []arrow.Record) ([]byte, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(recs[0].Schema()))
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ipcRecords(data []byte) ([]arrow.Record, error) {
	if len(data) == 0 {
		return nil, nil
	}
	r, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, err
	}
	defer r.Release()
	var out []arrow.Record
	for r.Next() {
		rec := r.Record()
		rec.Retain()
		out = append(out, rec)
	}
	return out, r.Err()
}

func (s *joinStage) snapshot() ([]byte, error) {
	l, err := ipcBytes(s.lRows)
	if err != nil {
		return nil, err
	}
	r, err := ipcBytes(s.rRows)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = gob.NewEncoder(&buf).Encode(joinSnapshot{Left: l, Right: r})
	return buf.Bytes(), err
}

func (s *joinStage) restore(data []byte) error {
	var snap joinSnapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&snap); err != nil {
		return err
	}
	l, err := ipcRecords(snap.Left)
	if err != nil {
		return err
	}
	r, err := ipcRecords(snap.Right)
	if err != nil {
		return err
	}
	s.lRows, s.rRows = l, r
	return nil
}

// usesWatermark reports whether the join evicts state, so that a moved
// watermark runs a batch without new data (as Spark does).
func (s *joinStage) usesWatermark() bool { return s.lBound.ok || s.rBound.ok }
