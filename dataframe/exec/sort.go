package exec

import (
	"slices"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// keyComparator compares rows i and j of one sort key, nulls excluded.
func keyComparator(a arrow.Array) func(i, j int) int {
	switch x := a.(type) {
	case *array.Int32:
		v := x.Int32Values()
		return func(i, j int) int { return cmpOrdered(v[i], v[j]) }
	case *array.Int64:
		v := x.Int64Values()
		return func(i, j int) int { return cmpOrdered(v[i], v[j]) }
	case *array.Timestamp:
		v := expr.Values[int64](x)
		return func(i, j int) int { return cmpOrdered(v[i], v[j]) }
	case *array.Date32:
		v := expr.Values[int32](x)
		return func(i, j int) int { return cmpOrdered(v[i], v[j]) }
	case *array.Float64:
		v := x.Float64Values()
		return func(i, j int) int { return expr.CompareValues(v[i], v[j]) }
	case *array.String:
		return func(i, j int) int { return strings.Compare(x.Value(i), x.Value(j)) }
	}
	return func(i, j int) int { return expr.CompareValues(expr.GetValue(a, i), expr.GetValue(a, j)) }
}

func cmpOrdered[T int32 | int64](a, b T) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// SortIndices returns the row order of keys under the given orders (stable).
func SortIndices(keys []arrow.Array, orders []plan.SortOrder, n int) []int32 {
	cmps := make([]func(i, j int) int, len(keys))
	for k, a := range keys {
		cmps[k] = keyComparator(a)
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(x, y int32) int {
		i, j := int(x), int(y)
		for k, a := range keys {
			o := orders[k]
			in, jn := expr.IsNullAt(a, i), expr.IsNullAt(a, j)
			switch {
			case in && jn:
				continue
			case in:
				if o.NullsFirst {
					return -1
				}
				return 1
			case jn:
				if o.NullsFirst {
					return 1
				}
				return -1
			}
			c := cmps[k](i, j)
			if c != 0 {
				if !o.Ascending {
					return -c
				}
				return c
			}
		}
		return 0
	})
	return idx
}

func sortBatches(s *plan.Sort, in []arrow.Record, env *Env) ([]arrow.Record, error) {
	all, err := Concat(ArrowSchema(s), in)
	if err != nil {
		return nil, err
	}
	keys := make([]arrow.Array, len(s.Orders))
	for k, o := range s.Orders {
		a, err := o.Expr.Eval(env.Ctx, all)
		if err != nil {
			return nil, err
		}
		keys[k] = a
	}
	idx := SortIndices(keys, s.Orders, int(all.NumRows()))
	r, err := Take(all, idx)
	if err != nil {
		return nil, err
	}
	return []arrow.Record{r}, nil
}

func distinct(d *plan.Distinct, in []arrow.Record) ([]arrow.Record, error) {
	seen := map[string]bool{}
	var out []arrow.Record
	var buf []byte
	for _, b := range in {
		var keep []int32
		for i := 0; i < int(b.NumRows()); i++ {
			buf = buf[:0]
			for _, k := range d.Keys {
				buf = appendKey(buf, b.Column(k), i)
			}
			if !seen[string(buf)] {
				seen[string(buf)] = true
				keep = append(keep, int32(i))
			}
		}
		if len(keep) == 0 {
			continue
		}
		r, err := Take(b, keep)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
