package exec

import (
	"bytes"
	"encoding/gob"
	"sort"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// AggState is the running state of a hash aggregation: the distinct group
// keys seen so far and one accumulator per aggregate function. Update is the
// partial step (one batch), Merge combines two states of the same plan, and
// Final produces the output rows. A streaming query keeps one AggState across
// micro-batches and may serialize it with MarshalBinary.
type AggState struct {
	node      *plan.Aggregate
	table     *groupTable
	keyChunks [][]arrow.Array
	accs      []accumulator
	groups    int
	touched   []bool
	// touchedIDs lists the groups marked in touched, so that Touched costs
	// O(touched groups) (markTouched keeps both).
	touchedIDs []int32
	keyCache   []arrow.Array // concatenated keys, nil when stale
}

// NewAggState returns an empty state for an Aggregate node.
func NewAggState(n *plan.Aggregate) *AggState {
	s := &AggState{node: n}
	var single arrow.DataType = arrow.BinaryTypes.Binary
	if len(n.Groups) == 1 {
		single = sqltypes.ToArrow(n.Groups[0].DataType())
	}
	s.table = newGroupTable(single)
	for _, f := range n.Aggs {
		s.accs = append(s.accs, newAccumulator(f))
	}
	return s
}

// Groups returns the number of groups so far.
func (s *AggState) Groups() int { return s.groups }

// Update folds one input batch into the state (the partial step).
func (s *AggState) Update(ctx *expr.Context, b arrow.Record) error {
	n := int(b.NumRows())
	windows := 1
	var win *expr.TimeWindow
	for _, g := range s.node.Groups {
		if w, ok := g.(*expr.TimeWindow); ok && w.Count() > 1 {
			win, windows = w, w.Count()
		}
	}
	args := make([]arrow.Array, len(s.accs))
	for i, f := range s.node.Aggs {
		if f.Arg == nil {
			continue
		}
		a, err := f.Arg.Eval(ctx, b)
		if err != nil {
			return err
		}
		args[i] = a
	}
	for k := 0; k < windows; k++ {
		keys := make([]arrow.Array, len(s.node.Groups))
		var mask []bool
		for i, g := range s.node.Groups {
			if w, ok := g.(*expr.TimeWindow); ok && w == win {
				a, keep, err := w.EvalWindow(ctx, b, k)
				if err != nil {
					return err
				}
				keys[i], mask = a, keep
				continue
			}
			a, err := g.Eval(ctx, b)
			if err != nil {
				return err
			}
			keys[i] = a
		}
		var ids []int32
		var first []int
		if len(keys) == 0 {
			ids = make([]int32, n)
			if s.groups == 0 {
				first = []int{0}
			}
		} else {
			ids, first = s.table.ids(keys, n, mask)
		}
		if err := s.addGroups(keys, first); err != nil {
			return err
		}
		for i, a := range s.accs {
			a.update(ids, args[i])
		}
		s.markTouched(ids)
	}
	return nil
}

// markTouched marks the groups of ids (negative ids are skipped rows) as
// updated, for Touched.
func (s *AggState) markTouched(ids []int32) {
	s.touched = growTo(s.touched, s.groups)
	for _, g := range ids {
		if g >= 0 && !s.touched[g] {
			s.touched[g] = true
			s.touchedIDs = append(s.touchedIDs, g)
		}
	}
}

// addGroups records the new groups whose keys are rows first of keys.
func (s *AggState) addGroups(keys []arrow.Array, first []int) error {
	if len(first) == 0 {
		return nil
	}
	if len(keys) > 0 {
		idx := make([]int32, len(first))
		for i, r := range first {
			idx[i] = int32(r)
		}
		chunk := make([]arrow.Array, len(keys))
		for i, kc := range keys {
			c, err := takeArray(kc, expr.MakeFixed(arrow.PrimitiveTypes.Int32, idx, nil, 0), idx)
			if err != nil {
				return err
			}
			chunk[i] = c
		}
		s.appendKeyChunk(chunk)
	}
	s.groups += len(first)
	for _, a := range s.accs {
		a.grow(s.groups)
	}
	return nil
}

// Touched returns the ids of the groups updated since the previous call
// (for update output mode), in increasing order, and clears the marks. It
// costs O(touched groups).
func (s *AggState) Touched() []int {
	if len(s.touchedIDs) == 0 {
		return nil
	}
	out := make([]int, len(s.touchedIDs))
	for i, g := range s.touchedIDs {
		out[i] = int(g)
		s.touched[g] = false
	}
	s.touchedIDs = s.touchedIDs[:0]
	sort.Ints(out)
	return out
}

// Keys returns the group key columns, one array per grouping expression,
// indexed by group id.
func (s *AggState) Keys() ([]arrow.Array, error) {
	if s.keyCache != nil {
		return s.keyCache, nil
	}
	keys, err := s.keyArrays()
	if err != nil {
		return nil, err
	}
	s.keyChunks = [][]arrow.Array{keys}
	s.keyCache = keys
	return keys, nil
}

// KeyValues returns group g's key values (as expr.GetValue returns them).
func (s *AggState) KeyValues(g int) []any {
	keys, err := s.Keys()
	if err != nil || g < 0 || g >= s.groups {
		return nil
	}
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = expr.GetValue(k, g)
	}
	return out
}

// Evict removes the groups with drop[g] set (for example windows behind the
// watermark); the remaining groups are renumbered in order.
func (s *AggState) Evict(drop []bool) error {
	keys, err := s.Keys()
	if err != nil {
		return err
	}
	var keep []int32
	for g := 0; g < s.groups; g++ {
		if g >= len(drop) || !drop[g] {
			keep = append(keep, int32(g))
		}
	}
	if len(keep) == s.groups {
		return nil
	}
	fresh := NewAggState(s.node)
	if len(keys) > 0 {
		kept := make([]arrow.Array, len(keys))
		for i, k := range keys {
			c, err := takeArray(k, nil, keep)
			if err != nil {
				return err
			}
			kept[i] = c
		}
		_, _ = fresh.table.ids(kept, len(keep), nil)
		fresh.keyChunks = [][]arrow.Array{kept}
	}
	fresh.groups = len(keep)
	fresh.touched = make([]bool, len(keep))
	for ng, og := range keep {
		if int(og) < len(s.touched) && s.touched[og] {
			fresh.touched[ng] = true
			fresh.touchedIDs = append(fresh.touchedIDs, int32(ng))
		}
	}
	for i, a := range fresh.accs {
		a.grow(len(keep))
		for ng, og := range keep {
			a.restore(ng, s.accs[i].snapshot(int(og)))
		}
	}
	*s = *fresh
	return nil
}

func (s *AggState) keyArrays() ([]arrow.Array, error) {
	out := make([]arrow.Array, len(s.node.Groups))
	for i, g := range s.node.Groups {
		var parts []arrow.Array
		for _, c := range s.keyChunks {
			parts = append(parts, c[i])
		}
		if len(parts) == 0 {
			out[i] = array.MakeArrayOfNull(expr.Mem, sqltypes.ToArrow(g.DataType()), 0)
			continue
		}
		if len(parts) == 1 {
			out[i] = parts[0]
			continue
		}
		c, err := array.Concatenate(parts, expr.Mem)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Merge folds another state of the same plan into s.
func (s *AggState) Merge(o *AggState) error {
	if o.groups == 0 {
		return nil
	}
	var mapping []int32
	if len(s.node.Groups) == 0 {
		mapping = []int32{0}
		if s.groups == 0 {
			s.groups = 1
			for _, a := range s.accs {
				a.grow(1)
			}
		}
	} else {
		keys, err := o.keyArrays()
		if err != nil {
			return err
		}
		var first []int
		mapping, first = s.table.ids(keys, o.groups, nil)
		if err := s.addGroups(keys, first); err != nil {
			return err
		}
	}
	for i, a := range s.accs {
		a.merge(o.accs[i], mapping)
	}
	return nil
}

// Final returns the aggregation's output rows for the current state.
func (s *AggState) Final(ctx *expr.Context) (arrow.Record, error) {
	groups := s.groups
	if len(s.node.Groups) == 0 && groups == 0 {
		groups = 1
		for _, a := range s.accs {
			a.grow(1)
		}
	}
	keys, err := s.keyArrays()
	if err != nil {
		return nil, err
	}
	cols := keys
	for _, a := range s.accs {
		cols = append(cols, a.final(groups))
	}
	inter := array.NewRecord(sqltypes.ToArrowSchema(s.node.IntermediateSchema()), cols, int64(groups))
	schema := sqltypes.ToArrowSchema(plan.Schema(s.node))
	out := make([]arrow.Array, len(s.node.Results))
	for i, e := range s.node.Results {
		a, err := e.Eval(ctx, inter)
		if err != nil {
			return nil, err
		}
		out[i] = fixType(a, schema.Field(i).Type)
	}
	return array.NewRecord(schema, out, int64(groups)), nil
}

func init() {
	gob.Register(time.Time{})
	gob.Register(expr.StructValue{})
	gob.Register(expr.MapValue{})
	gob.Register([]any{})
	gob.Register([]byte{})
	gob.Register(int32(0))
	gob.Register(float32(0))
	gob.Register(sqltypes.Decimal{})
}

type aggSnapshot struct {
	Keys   [][]any
	States [][]any
}

// MarshalBinary serializes the state (group keys and accumulator values).
func (s *AggState) MarshalBinary() ([]byte, error) {
	keys, err := s.keyArrays()
	if err != nil {
		return nil, err
	}
	snap := aggSnapshot{}
	for g := 0; g < s.groups; g++ {
		row := make([]any, len(keys))
		for i, k := range keys {
			row[i] = expr.GetValue(k, g)
		}
		snap.Keys = append(snap.Keys, row)
		st := make([]any, len(s.accs))
		for i, a := range s.accs {
			st[i] = a.snapshot(g)
		}
		snap.States = append(snap.States, st)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snap); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary replaces the state with one serialized by MarshalBinary
// for the same plan.
func (s *AggState) UnmarshalBinary(data []byte) error {
	var snap aggSnapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&snap); err != nil {
		return err
	}
	fresh := NewAggState(s.node)
	*s = *fresh
	if len(snap.Keys) == 0 {
		return nil
	}
	keys := make([]arrow.Array, len(s.node.Groups))
	for i, g := range s.node.Groups {
		col := make([]any, len(snap.Keys))
		for r := range snap.Keys {
			col[r] = snap.Keys[r][i]
		}
		keys[i] = buildValues(g.DataType(), col)
	}
	n := len(snap.Keys)
	if len(keys) > 0 {
		_, _ = s.table.ids(keys, n, nil)
		s.keyChunks = [][]arrow.Array{keys}
	}
	s.groups = n
	for i, a := range s.accs {
		a.grow(n)
		for g := 0; g < n; g++ {
			a.restore(g, snap.States[g][i])
		}
	}
	return nil
}
