package exec

import (
	"math/big"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// sumDecimalAcc sums decimals exactly (unscaled, at the input's scale) for
// sum and avg of a decimal column. sum yields DECIMAL(p+10, s), null on
// overflow; avg divides by the count as Spark's Average does: through
// sum / CAST(count AS DECIMAL(20,0)) and a cast to DECIMAL(p+4, s+4).
type sumDecimalAcc struct {
	typ sqltypes.DecimalType
	avg bool
	in  sqltypes.DecimalType
	s   []*big.Int
	c   []int64
}

func (a *sumDecimalAcc) grow(n int) { a.s, a.c = growTo(a.s, n), growTo(a.c, n) }

func (a *sumDecimalAcc) add(g int32, v *big.Int, c int64) {
	if a.s[g] == nil {
		a.s[g] = new(big.Int)
	}
	a.s[g].Add(a.s[g], v)
	a.c[g] += c
}

func (a *sumDecimalAcc) update(ids []int32, arg arrow.Array) {
	for i, g := range ids {
		if g < 0 || expr.IsNullAt(arg, i) {
			continue
		}
		d, ok := expr.GetValue(arg, i).(sqltypes.Decimal)
		if !ok {
			continue
		}
		a.add(g, d.BigInt(), 1)
	}
}

func (a *sumDecimalAcc) merge(o accumulator, m []int32) {
	ob := o.(*sumDecimalAcc)
	for j, v := range ob.s {
		if v != nil {
			a.add(m[j], v, ob.c[j])
		}
	}
}

// scale is the input's scale (sums are kept unscaled at that scale).
func (a *sumDecimalAcc) scale() int {
	if a.avg {
		return a.in.Scale
	}
	return a.typ.Scale
}

func (a *sumDecimalAcc) final(n int) arrow.Array {
	b := expr.NewBuilder(a.typ).(*array.Decimal128Builder)
	for g := 0; g < n; g++ {
		d, ok := a.value(g)
		if !ok {
			b.AppendNull()
			continue
		}
		b.Append(d.Unscaled)
	}
	return b.NewArray()
}

func (a *sumDecimalAcc) value(g int) (sqltypes.Decimal, bool) {
	if a.s[g] == nil {
		return sqltypes.Decimal{}, false
	}
	s := a.scale()
	if !a.avg {
		return sqltypes.DecimalFromBig(a.s[g], s, a.typ)
	}
	sumType := sqltypes.BoundedDecimal(a.in.Precision+10, a.in.Scale)
	sum, ok := sqltypes.DecimalFromBig(a.s[g], s, sumType)
	if !ok {
		return sqltypes.Decimal{}, false
	}
	// Spark's Divide(sum, count AS DECIMAL(20,0)) result type.
	scale := max(6, sumType.Scale+20+1)
	divType := sqltypes.AdjustedDecimal(sumType.Precision-sumType.Scale+scale, scale)
	q, ok := sqltypes.DecimalQuo(sum.BigInt(), sumType.Scale, big.NewInt(a.c[g]), 0, divType)
	if !ok {
		return sqltypes.Decimal{}, false
	}
	return sqltypes.DecimalFromBig(q.BigInt(), divType.Scale, a.typ)
}

func (a *sumDecimalAcc) snapshot(g int) any {
	if a.s[g] == nil {
		return nil
	}
	return []any{a.s[g].String(), a.c[g]}
}

func (a *sumDecimalAcc) restore(g int, v any) {
	p, ok := v.([]any)
	if !ok {
		return
	}
	s, _ := new(big.Int).SetString(p[0].(string), 10)
	a.s[g], a.c[g] = s, p[1].(int64)
}
