package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// hashJoin builds a hash table on the right input's keys and probes it with
// the left input, then applies the residual condition. Null keys never match.
func hashJoin(j *plan.Join, left, right []arrow.Record, env *Env, need []bool) ([]arrow.Record, error) {
	ls, rs := ArrowSchema(j.Left), ArrowSchema(j.Right)
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
			cols[i] = array.MakeArrayOfNull(expr.Mem, schema.Field(i).Type, n)
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

// intKeyJoin matches a single integer key through a map of int64.
func intKeyJoin(lk, rk []arrow.Array, nl, nr int) (li, ri []int32, ok bool) {
	if len(lk) != 1 {
		return nil, nil, false
	}
	lget, lok := intGetter(lk[0])
	rget, rok := intGetter(rk[0])
	if !lok || !rok {
		return nil, nil, false
	}
	first := make(map[int64]int32, nr)
	next := make([]int32, nr) // chain of right rows with the same key, -1 ends
	for i := nr - 1; i >= 0; i-- {
		if expr.IsNullAt(rk[0], i) {
			continue
		}
		k := rget(i)
		if h, ok := first[k]; ok {
			next[i] = h
		} else {
			next[i] = -1
		}
		first[k] = int32(i)
	}
	li = make([]int32, 0, nl)
	ri = make([]int32, 0, nl)
	for i := 0; i < nl; i++ {
		if expr.IsNullAt(lk[0], i) {
			continue
		}
		h, ok := first[lget(i)]
		for ok && h >= 0 {
			li, ri = append(li, int32(i)), append(ri, h)
			h = next[h]
		}
	}
	return li, ri, true
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
