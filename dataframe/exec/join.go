package exec

import (
	"fmt"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// hashJoin builds a hash table on the right input's keys and probes it with
// the left input, then applies the residual condition. Null keys never match.
func hashJoin(j *plan.Join, left, right []arrow.Record, env *Env, need []bool) ([]arrow.Record, error) {
	ls, rs := ArrowSchema(j.Left), ArrowSchema(j.Right)
	if out, ok, err := batchedIntJoin(j, left, right, ls, rs, env, need); ok || err != nil {
		return out, err
	}
	l, err := Concat(ls, left)
	if err != nil {
		return nil, err
	}
	r, err := Concat(rs, right)
	if err != nil {
		return nil, err
	}
	nl, nr := int(l.NumRows()), int(r.NumRows())
	var li, ri []int32 // matched pairs
	if len(j.LeftKeys) > 0 {
		lk, err := evalAll(j.LeftKeys, l, env)
		if err != nil {
			return nil, err
		}
		rk, err := evalAll(j.RightKeys, r, env)
		if err != nil {
			return nil, err
		}
		if li, ri, ok := intKeyJoin(lk, rk, nl, nr); ok {
			return finishJoin(j, l, r, li, ri, nl, nr, ls, rs, env, need)
		}
		table := map[string][]int32{}
		var buf []byte
		for i := 0; i < nr; i++ {
			if anyNull(rk, i) {
				continue
			}
			buf = buf[:0]
			for _, k := range rk {
				buf = appendKey(buf, k, i)
			}
			table[string(buf)] = append(table[string(buf)], int32(i))
		}
		for i := 0; i < nl; i++ {
			if anyNull(lk, i) {
				continue
			}
			buf = buf[:0]
			for _, k := range lk {
				buf = appendKey(buf, k, i)
			}
			for _, m := range table[string(buf)] {
				li = append(li, int32(i))
				ri = append(ri, m)
			}
		}
	} else {
		for i := 0; i < nl; i++ {
			for m := 0; m < nr; m++ {
				li = append(li, int32(i))
				ri = append(ri, int32(m))
			}
		}
	}
	return finishJoin(j, l, r, li, ri, nl, nr, ls, rs, env, need)
}

// batchedIntJoin runs an inner, left semi or left anti join on a single
// integer key batch by batch over the left input (whose rows keep their
// order), without concatenating it; ok is false when it does not apply.
func batchedIntJoin(j *plan.Join, left, right []arrow.Record, ls, rs *arrow.Schema, env *Env, need []bool) ([]arrow.Record, bool, error) {
	switch j.Type {
	case plan.JoinInner, plan.JoinLeftSemi, plan.JoinLeftAnti:
	default:
		return nil, false, nil
	}
	if len(j.LeftKeys) != 1 || len(left) == 0 {
		return nil, false, nil
	}
	r, err := Concat(rs, right)
	if err != nil {
		return nil, false, err
	}
	nr := int(r.NumRows())
	rk, err := evalAll(j.RightKeys, r, env)
	if err != nil {
		return nil, false, err
	}
	t, ok := buildIntJoin(rk, nr)
	if !ok {
		return nil, false, nil
	}
	var out []arrow.Record
	for bi, l := range left {
		nl := int(l.NumRows())
		lk, err := evalAll(j.LeftKeys, l, env)
		if err != nil {
			return nil, false, err
		}
		li, ri, ok := t.probe(lk, nl)
		if !ok {
			if bi == 0 {
				return nil, false, nil
			}
			return nil, false, fmt.Errorf("exec: join key type changed between batches")
		}
		recs, err := finishJoin(j, l, r, li, ri, nl, nr, ls, rs, env, need)
		if err != nil {
			return nil, false, err
		}
		out = append(out, recs...)
	}
	return out, true, nil
}

// finishJoin applies the residual condition and the outer/semi/anti rules
// to the matched pairs and gathers the output rows.
func finishJoin(j *plan.Join, l, r arrow.Record, li, ri []int32, nl, nr int, ls, rs *arrow.Schema, env *Env, need []bool) ([]arrow.Record, error) {
	schema := ArrowSchema(j)
	both := bothSchema(ls, rs)
	if j.Residual != nil && len(li) > 0 {
		pairs, err := combine(both, l, r, li, ri, nil)
		if err != nil {
			return nil, err
		}
		m, err := j.Residual.Eval(env.Ctx, pairs)
		if err != nil {
			return nil, err
		}
		bm := m.(*array.Boolean)
		var fl, fr []int32
		for k := range li {
			if !expr.IsNullAt(bm, k) && bm.Value(k) {
				fl, fr = append(fl, li[k]), append(fr, ri[k])
			}
		}
		li, ri = fl, fr
	}
	switch j.Type {
	case plan.JoinLeftSemi, plan.JoinLeftAnti:
		matched := make([]bool, nl)
		for _, i := range li {
			matched[i] = true
		}
		var keep []int32
		for i := 0; i < nl; i++ {
			if matched[i] == (j.Type == plan.JoinLeftSemi) {
				keep = append(keep, int32(i))
			}
		}
		out, err := Take(l, keep)
		if err != nil {
			return nil, err
		}
		return []arrow.Record{array.NewRecord(schema, out.Columns(), out.NumRows())}, nil
	case plan.JoinLeft, plan.JoinFull:
		matched := make([]bool, nl)
		for _, i := range li {
			matched[i] = true
		}
		for i := 0; i < nl; i++ {
			if !matched[i] {
				li, ri = append(li, int32(i)), append(ri, -1)
			}
		}
	}
	if j.Type == plan.JoinRight || j.Type == plan.JoinFull {
		matched := make([]bool, nr)
		for _, m := range ri {
			if m >= 0 {
				matched[m] = true
			}
		}
		for m := 0; m < nr; m++ {
			if !matched[m] {
				li, ri = append(li, -1), append(ri, int32(m))
			}
		}
	}
	out, err := combine(schema, l, r, li, ri, need)
	if err != nil {
		return nil, err
	}
	return []arrow.Record{out}, nil
}

func bothSchema(ls, rs *arrow.Schema) *arrow.Schema {
	return arrow.NewSchema(append(append([]arrow.Field(nil), ls.Fields()...), rs.Fields()...), nil)
}

// combine gathers the joined rows; columns with need[i] false (when need
// is set) are left as all-null placeholders of the right type.
func combine(schema *arrow.Schema, l, r arrow.Record, li, ri []int32, need []bool) (arrow.Record, error) {
	n := len(li)
	nlc := int(l.NumCols())
	cols := make([]arrow.Array, nlc+int(r.NumCols()))
	for i := range cols {
		if need != nil && i < len(need) && !need[i] {
			cols[i] = unusedColumn(schema.Field(i).Type, n)
			continue
		}
		src, idx := l, li
		c := i
		if i >= nlc {
			src, idx, c = r, ri, i-nlc
		}
		col, err := takeColumn(src.Column(c), idx)
		if err != nil {
			return nil, err
		}
		cols[i] = fixType(col, schema.Field(i).Type)
	}
	return array.NewRecord(schema, cols, int64(n)), nil
}

// takeColumn gathers rows of one column; index -1 gives null.
func takeColumn(a arrow.Array, idx []int32) (arrow.Array, error) {
	if r, ok := fastTake(a, idx); ok {
		return r, nil
	}
	rec := array.NewRecord(arrow.NewSchema([]arrow.Field{{Name: "c", Type: a.DataType(), Nullable: true}}, nil), []arrow.Array{a}, int64(a.Len()))
	t, err := TakeNullable(rec, idx)
	if err != nil {
		return nil, err
	}
	return t.Column(0), nil
}

func evalAll(es []expr.Expr, b arrow.Record, env *Env) ([]arrow.Array, error) {
	out := make([]arrow.Array, len(es))
	for i, e := range es {
		a, err := e.Eval(env.Ctx, b)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

func anyNull(cols []arrow.Array, i int) bool {
	for _, c := range cols {
		if expr.IsNullAt(c, i) {
			return true
		}
	}
	return false
}

// intKeyJoin matches a single integer key.
func intKeyJoin(lk, rk []arrow.Array, nl, nr int) (li, ri []int32, ok bool) {
	t, ok := buildIntJoin(rk, nr)
	if !ok {
		return nil, nil, false
	}
	li, ri, ok = t.probe(lk, nl)
	return li, ri, ok
}

// intJoinTable indexes the build side's rows by a single integer key: a
// dense array over [lo, lo+len) when the keys are compact, else a map.
// Rows with equal keys are chained through next.
type intJoinTable struct {
	dense  []int32 // first row by key-lo, -1 when absent
	lo     int64
	sparse map[int64]int32
	next   []int32 // next row with the same key, -1 ends
	unique bool    // no key repeats: next is unused
}

// buildIntJoin indexes the build side; ok is false unless there is one
// Int32 or Int64 key.
func buildIntJoin(rk []arrow.Array, nr int) (*intJoinTable, bool) {
	if len(rk) != 1 {
		return nil, false
	}
	rget, rok := intGetter(rk[0])
	if !rok {
		return nil, false
	}
	t := &intJoinTable{next: make([]int32, nr), unique: true}
	lo, hi, found := int64(0), int64(0), false
	for i := 0; i < nr; i++ {
		if expr.IsNullAt(rk[0], i) {
			continue
		}
		v := rget(i)
		if !found {
			lo, hi, found = v, v, true
		} else if v < lo {
			lo = v
		} else if v > hi {
			hi = v
		}
	}
	if span := uint64(hi) - uint64(lo) + 1; found && span != 0 && span <= uint64(4*nr+1024) {
		t.dense, t.lo = make([]int32, span), lo
		for i := range t.dense {
			t.dense[i] = -1
		}
	} else {
		t.sparse = make(map[int64]int32, nr)
	}
	for i := nr - 1; i >= 0; i-- {
		if expr.IsNullAt(rk[0], i) {
			continue
		}
		k := rget(i)
		h := t.first(k)
		if h >= 0 {
			t.unique = false
		}
		t.next[i] = h
		if t.dense != nil {
			t.dense[k-t.lo] = int32(i)
		} else {
			t.sparse[k] = int32(i)
		}
	}
	return t, true
}

func (t *intJoinTable) first(k int64) int32 {
	if t.dense != nil {
		if k < t.lo || uint64(k-t.lo) >= uint64(len(t.dense)) {
			return -1
		}
		return t.dense[k-t.lo]
	}
	if h, ok := t.sparse[k]; ok {
		return h
	}
	return -1
}

// probe returns the matched (left row, right row) pairs in left order; ok
// is false when the probe key is not Int32 or Int64.
func (t *intJoinTable) probe(lk []arrow.Array, nl int) (li, ri []int32, ok bool) {
	switch x := lk[0].(type) {
	case *array.Int32:
		li, ri = probeInts(t, x.Int32Values(), x, nl)
	case *array.Int64:
		li, ri = probeInts(t, x.Int64Values(), x, nl)
	default:
		return nil, nil, false
	}
	return li, ri, true
}

func probeInts[T int32 | int64](t *intJoinTable, vals []T, k arrow.Array, nl int) (li, ri []int32) {
	li = make([]int32, 0, nl)
	ri = make([]int32, 0, nl)
	nulls := k.NullN() > 0
	if t.dense != nil && t.unique && !nulls {
		dense, lo, size := t.dense, t.lo, uint64(len(t.dense))
		for i, v := range vals[:nl] {
			d := uint64(int64(v) - lo)
			if d < size {
				if h := dense[d]; h >= 0 {
					li, ri = append(li, int32(i)), append(ri, h)
				}
			}
		}
		return li, ri
	}
	for i, v := range vals[:nl] {
		if nulls && k.IsNull(i) {
			continue
		}
		for h := t.first(int64(v)); h >= 0; h = t.next[h] {
			li, ri = append(li, int32(i)), append(ri, h)
		}
	}
	return li, ri
}

func intGetter(a arrow.Array) (func(i int) int64, bool) {
	switch x := a.(type) {
	case *array.Int32:
		v := x.Int32Values()
		return func(i int) int64 { return int64(v[i]) }, true
	case *array.Int64:
		v := x.Int64Values()
		return func(i int) int64 { return v[i] }, true
	}
	return nil, false
}

// zeroMemory backs the placeholders of unused join columns; it is never
// written.
var (
	zeroMu     sync.Mutex
	zeroMemory []byte
)

func zeroBytes(size int) []byte {
	zeroMu.Lock()
	defer zeroMu.Unlock()
	if len(zeroMemory) < size {
		zeroMemory = make([]byte, max(size, 2*len(zeroMemory)))
	}
	return zeroMemory[:size:size]
}

// unusedColumn returns an all-null column of n rows that nobody reads; for
// fixed-width, string and binary types its buffers share read-only zero
// memory instead of being allocated.
func unusedColumn(t arrow.DataType, n int) arrow.Array {
	bitmap := memory.NewBufferBytes(zeroBytes(int(bitutil.BytesForBits(int64(n)))))
	var bufs []*memory.Buffer
	switch ft := t.(type) {
	case *arrow.StringType, *arrow.BinaryType:
		bufs = []*memory.Buffer{bitmap, memory.NewBufferBytes(zeroBytes(4 * (n + 1))), memory.NewBufferBytes(zeroBytes(0))}
	case *arrow.BooleanType:
		bufs = []*memory.Buffer{bitmap, memory.NewBufferBytes(zeroBytes(int(bitutil.BytesForBits(int64(n)))))}
	case *arrow.DictionaryType, arrow.ExtensionType:
		return array.MakeArrayOfNull(expr.Mem, t, n)
	case arrow.FixedWidthDataType:
		if ft.BitWidth()%8 != 0 {
			return array.MakeArrayOfNull(expr.Mem, t, n)
		}
		bufs = []*memory.Buffer{bitmap, memory.NewBufferBytes(zeroBytes(n * ft.BitWidth() / 8))}
	default:
		return array.MakeArrayOfNull(expr.Mem, t, n)
	}
	return array.MakeFromData(array.NewData(t, n, bufs, nil, n, 0))
}
