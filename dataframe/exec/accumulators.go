package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// accumulator holds one aggregate's per-group state. Group ids < 0 are
// skipped (rows outside a sliding window, or duplicates under DISTINCT).
type accumulator interface {
	grow(groups int)
	update(ids []int32, arg arrow.Array)
	merge(other accumulator, mapping []int32)
	final(groups int) arrow.Array
	snapshot(g int) any
	restore(g int, v any)
}

func newAccumulator(f *expr.AggregateFunc) accumulator {
	var argType sqltypes.DataType = sqltypes.NullType
	if f.Arg != nil {
		argType = f.Arg.DataType()
	}
	var acc accumulator
	switch f.Func {
	case "count":
		acc = &countAcc{star: f.Arg == nil}
	case "approx_count_distinct":
		return &hllAcc{}
	case "sum":
		if dt, ok := f.DataType().(sqltypes.DecimalType); ok {
			acc = &sumDecimalAcc{typ: dt}
		} else if f.DataType().Kind() == sqltypes.KindLong {
			acc = &sumIntAcc{}
		} else {
			acc = &sumFloatAcc{}
		}
	case "avg":
		if dt, ok := f.DataType().(sqltypes.DecimalType); ok {
			acc = &sumDecimalAcc{typ: dt, avg: true, in: argType.(sqltypes.DecimalType)}
		} else {
			acc = &avgAcc{}
		}
	case "min", "max":
		acc = &extremeAcc{max: f.Func == "max", typ: argType}
	case "first", "last":
		acc = &firstLastAcc{last: f.Func == "last", typ: argType, ignoreNulls: f.IgnoreNulls}
	case "collect_list", "collect_set":
		acc = &collectAcc{set: f.Func == "collect_set", typ: argType}
	default:
		acc = &countAcc{}
	}
	if f.Distinct {
		return &distinctAcc{inner: acc}
	}
	return acc
}

func growTo[T any](s []T, n int) []T {
	if len(s) < n {
		s = append(s, make([]T, n-len(s))...)
	}
	return s
}

type countAcc struct {
	star bool
	c    []int64
}

func (a *countAcc) grow(n int) { a.c = growTo(a.c, n) }
func (a *countAcc) update(ids []int32, arg arrow.Array) {
	if a.star || arg == nil || arg.NullN() == 0 {
		for _, g := range ids {
			if g >= 0 {
				a.c[g]++
			}
		}
		return
	}
	for i, g := range ids {
		if g >= 0 && !expr.IsNullAt(arg, i) {
			a.c[g]++
		}
	}
}
func (a *countAcc) merge(o accumulator, m []int32) {
	for j, v := range o.(*countAcc).c {
		a.c[m[j]] += v
	}
}
func (a *countAcc) final(n int) arrow.Array {
	return expr.MakeFixed(arrow.PrimitiveTypes.Int64, append([]int64(nil), a.c[:n]...), nil, 0)
}
func (a *countAcc) snapshot(g int) any   { return a.c[g] }
func (a *countAcc) restore(g int, v any) { a.c[g] = v.(int64) }

// sums holds one running sum per group, and whether the group has seen a
// non-null value (a group that has not sums to null, as in Spark). The
// integer and floating sums share everything but update.
type sums[T int64 | float64] struct {
	s    []T
	seen []bool
}

func (a *sums[T]) grow(n int) { a.s, a.seen = growTo(a.s, n), growTo(a.seen, n) }

func (a *sums[T]) add(g int32, v T) {
	a.s[g] += v
	a.seen[g] = true
}

func (a *sums[T]) mergeFrom(ob *sums[T], m []int32) {
	for j := range ob.s {
		if ob.seen[j] {
			a.add(m[j], ob.s[j])
		}
	}
}

func (a *sums[T]) final(n int) arrow.Array { return a.finalRows(n, nil) }

// finalRows returns the sums of groups ids, or of the first n groups when
// ids is nil: bigint for integer sums, double otherwise.
func (a *sums[T]) finalRows(n int, ids []int32) arrow.Array {
	if ids != nil {
		n = len(ids)
	}
	var zero T
	_, isInt := any(zero).(int64)
	var ib *array.Int64Builder
	var fb *array.Float64Builder
	if isInt {
		ib = array.NewInt64Builder(expr.Mem)
		ib.Reserve(n)
	} else {
		fb = array.NewFloat64Builder(expr.Mem)
		fb.Reserve(n)
	}
	for i := 0; i < n; i++ {
		g := i
		if ids != nil {
			g = int(ids[i])
		}
		switch {
		case !a.seen[g] && isInt:
			ib.AppendNull()
		case !a.seen[g]:
			fb.AppendNull()
		case isInt:
			ib.UnsafeAppend(int64(a.s[g]))
		default:
			fb.UnsafeAppend(float64(a.s[g]))
		}
	}
	if isInt {
		return ib.NewArray()
	}
	return fb.NewArray()
}

func (a *sums[T]) snapshot(g int) any {
	if !a.seen[g] {
		return nil
	}
	return a.s[g]
}

func (a *sums[T]) restore(g int, v any) {
	if v != nil {
		a.s[g], a.seen[g] = v.(T), true
	}
}

type sumIntAcc struct{ sums[int64] }

func (a *sumIntAcc) update(ids []int32, arg arrow.Array) {
	add := func(i int, v int64) {
		if g := ids[i]; g >= 0 && !expr.IsNullAt(arg, i) {
			a.add(g, v)
		}
	}
	switch x := arg.(type) {
	case *array.Int64:
		for i, v := range x.Int64Values() {
			add(i, v)
		}
	case *array.Int32:
		for i, v := range x.Int32Values() {
			add(i, int64(v))
		}
	}
}
func (a *sumIntAcc) merge(o accumulator, m []int32) { a.mergeFrom(&o.(*sumIntAcc).sums, m) }

func floatsOf(arg arrow.Array) []float64 {
	switch x := arg.(type) {
	case *array.Float64:
		return x.Float64Values()
	case *array.Float32:
		out := make([]float64, x.Len())
		for i, v := range x.Float32Values() {
			out[i] = float64(v)
		}
		return out
	case *array.Int32:
		out := make([]float64, x.Len())
		for i, v := range x.Int32Values() {
			out[i] = float64(v)
		}
		return out
	case *array.Int64:
		out := make([]float64, x.Len())
		for i, v := range x.Int64Values() {
			out[i] = float64(v)
		}
		return out
	}
	return make([]float64, arg.Len())
}

type sumFloatAcc struct{ sums[float64] }

func (a *sumFloatAcc) update(ids []int32, arg arrow.Array) {
	vals := floatsOf(arg)
	for i, g := range ids {
		if g >= 0 && !expr.IsNullAt(arg, i) {
			a.add(g, vals[i])
		}
	}
}
func (a *sumFloatAcc) merge(o accumulator, m []int32) { a.mergeFrom(&o.(*sumFloatAcc).sums, m) }

type avgAcc struct {
	s []float64
	c []int64
}

func (a *avgAcc) grow(n int) { a.s, a.c = growTo(a.s, n), growTo(a.c, n) }
func (a *avgAcc) update(ids []int32, arg arrow.Array) {
	vals := floatsOf(arg)
	for i, g := range ids {
		if g >= 0 && !expr.IsNullAt(arg, i) {
			a.s[g] += vals[i]
			a.c[g]++
		}
	}
}
func (a *avgAcc) merge(o accumulator, m []int32) {
	ob := o.(*avgAcc)
	for j := range ob.s {
		a.s[m[j]] += ob.s[j]
		a.c[m[j]] += ob.c[j]
	}
}
func (a *avgAcc) final(n int) arrow.Array {
	b := array.NewFloat64Builder(expr.Mem)
	for g := 0; g < n; g++ {
		if a.c[g] > 0 {
			b.Append(a.s[g] / float64(a.c[g]))
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray()
}
func (a *avgAcc) snapshot(g int) any { return []any{a.s[g], a.c[g]} }
func (a *avgAcc) restore(g int, v any) {
	p := v.([]any)
	a.s[g], a.c[g] = p[0].(float64), p[1].(int64)
}

type extremeAcc struct {
	max  bool
	typ  sqltypes.DataType
	vals []any
}

func (a *extremeAcc) grow(n int) { a.vals = growTo(a.vals, n) }
func (a *extremeAcc) offer(g int32, v any) {
	cur := a.vals[g]
	if cur == nil {
		a.vals[g] = v
		return
	}
	c := expr.CompareValues(v, cur)
	if (a.max && c > 0) || (!a.max && c < 0) {
		a.vals[g] = v
	}
}
func (a *extremeAcc) update(ids []int32, arg arrow.Array) {
	if x, ok := arg.(*array.Float64); ok {
		for i, v := range x.Float64Values() {
			if g := ids[i]; g >= 0 && !expr.IsNullAt(x, i) {
				cur, ok := a.vals[g].(float64)
				if a.vals[g] == nil || (a.max && (v > cur || v != v)) || (!a.max && v < cur) {
					if ok && cur != cur && a.max {
						continue
					}
					a.vals[g] = v
				}
			}
		}
		return
	}
	for i, g := range ids {
		if g >= 0 && !expr.IsNullAt(arg, i) {
			a.offer(g, expr.GetValue(arg, i))
		}
	}
}
func (a *extremeAcc) merge(o accumulator, m []int32) {
	for j, v := range o.(*extremeAcc).vals {
		if v != nil {
			a.offer(m[j], v)
		}
	}
}
func (a *extremeAcc) final(n int) arrow.Array { return buildValues(a.typ, a.vals[:n]) }
func (a *extremeAcc) snapshot(g int) any      { return a.vals[g] }
func (a *extremeAcc) restore(g int, v any)    { a.vals[g] = v }

func buildValues(t sqltypes.DataType, vals []any) arrow.Array {
	if t.Kind() == sqltypes.KindNull {
		return expr.NullArray(len(vals))
	}
	b := expr.NewBuilder(t)
	b.Reserve(len(vals))
	for _, v := range vals {
		expr.AppendValue(b, v)
	}
	return b.NewArray()
}

type firstLastAcc struct {
	ignoreNulls bool
	last        bool
	typ         sqltypes.DataType
	vals        []any
	set         []bool
}

func (a *firstLastAcc) grow(n int) { a.vals, a.set = growTo(a.vals, n), growTo(a.set, n) }
func (a *firstLastAcc) update(ids []int32, arg arrow.Array) {
	for i, g := range ids {
		if g >= 0 && (a.last || !a.set[g]) {
			if a.ignoreNulls && expr.IsNullAt(arg, i) {
				continue
			}
			a.vals[g], a.set[g] = expr.GetValue(arg, i), true
		}
	}
}
func (a *firstLastAcc) merge(o accumulator, m []int32) {
	ob := o.(*firstLastAcc)
	for j := range ob.vals {
		if ob.set[j] && (a.last || !a.set[m[j]]) {
			a.vals[m[j]], a.set[m[j]] = ob.vals[j], true
		}
	}
}
func (a *firstLastAcc) final(n int) arrow.Array { return buildValues(a.typ, a.vals[:n]) }
func (a *firstLastAcc) snapshot(g int) any {
	return []any{a.vals[g], a.set[g]}
}
func (a *firstLastAcc) restore(g int, v any) {
	p := v.([]any)
	a.vals[g], a.set[g] = p[0], p[1].(bool)
}

type collectAcc struct {
	set  bool
	typ  sqltypes.DataType
	vals [][]any
}

func (a *collectAcc) grow(n int) { a.vals = growTo(a.vals, n) }
func (a *collectAcc) add(g int32, v any) {
	if a.set {
		for _, e := range a.vals[g] {
			if expr.CompareValues(e, v) == 0 {
				return
			}
		}
	}
	a.vals[g] = append(a.vals[g], v)
}
func (a *collectAcc) update(ids []int32, arg arrow.Array) {
	for i, g := range ids {
		if g >= 0 && !expr.IsNullAt(arg, i) {
			a.add(g, expr.GetValue(arg, i))
		}
	}
}
func (a *collectAcc) merge(o accumulator, m []int32) {
	for j, vs := range o.(*collectAcc).vals {
		for _, v := range vs {
			a.add(m[j], v)
		}
	}
}
func (a *collectAcc) final(n int) arrow.Array {
	out := make([]any, n)
	for g := 0; g < n; g++ {
		l := a.vals[g]
		if l == nil {
			l = []any{}
		}
		out[g] = l
	}
	return buildValues(sqltypes.ArrayType{ElementType: a.typ, ContainsNull: false}, out)
}
func (a *collectAcc) snapshot(g int) any { return a.vals[g] }
func (a *collectAcc) restore(g int, v any) {
	if v != nil {
		a.vals[g] = v.([]any)
	}
}

// distinctAcc feeds its inner accumulator each (group, value) pair once.
type distinctAcc struct {
	inner accumulator
	seen  []map[string]bool
}

func (a *distinctAcc) grow(n int) {
	a.inner.grow(n)
	for len(a.seen) < n {
		a.seen = append(a.seen, map[string]bool{})
	}
}
func (a *distinctAcc) update(ids []int32, arg arrow.Array) {
	keep := make([]int32, len(ids))
	var buf []byte
	for i, g := range ids {
		keep[i] = -1
		if g < 0 || expr.IsNullAt(arg, i) {
			continue
		}
		buf = appendKey(buf[:0], arg, i)
		if !a.seen[g][string(buf)] {
			a.seen[g][string(buf)] = true
			keep[i] = g
		}
	}
	a.inner.update(keep, arg)
}
func (a *distinctAcc) merge(o accumulator, m []int32) {
	ob := o.(*distinctAcc)
	// Re-derive the inner state from the union of the value sets is not
	// possible from keys alone, so distinct states merge their sets and
	// counts only for count(DISTINCT): the common streaming case.
	for j, s := range ob.seen {
		for k := range s {
			if !a.seen[m[j]][k] {
				a.seen[m[j]][k] = true
				if c, ok := a.inner.(*countAcc); ok {
					c.c[m[j]]++
				}
			}
		}
	}
}
func (a *distinctAcc) final(n int) arrow.Array { return a.inner.final(n) }
func (a *distinctAcc) snapshot(g int) any {
	keys := make([]any, 0, len(a.seen[g]))
	for k := range a.seen[g] {
		keys = append(keys, k)
	}
	return []any{a.inner.snapshot(g), keys}
}
func (a *distinctAcc) restore(g int, v any) {
	p := v.([]any)
	a.inner.restore(g, p[0])
	for _, k := range p[1].([]any) {
		a.seen[g][k.(string)] = true
	}
}
