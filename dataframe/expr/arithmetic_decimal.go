package expr

import (
	"math/big"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// resolveDecimal types l op r when an operand is a decimal, following
// Spark's DecimalPrecision rule: a float or double operand makes the
// operation double; an integral operand becomes DECIMAL(10,0) (int) or
// DECIMAL(20,0) (long), or, for a literal, a decimal of just its digits; the
// result's precision and scale follow the operator, adjusted to 38 digits
// with precision loss allowed.
func (a *Arithmetic) resolveDecimal(l, r Expr) (Expr, error) {
	lt, rt := l.DataType(), r.DataType()
	if k := lt.Kind(); k == sqltypes.KindFloat || k == sqltypes.KindDouble || rt.Kind() == sqltypes.KindFloat || rt.Kind() == sqltypes.KindDouble {
		t := sqltypes.DoubleType
		return &Arithmetic{Op: a.Op, L: castIfNeeded(l, t), R: castIfNeeded(r, t), typ: t}, nil
	}
	dl, dr := operandDecimal(l), operandDecimal(r)
	l, r = castIfNeeded(l, dl), castIfNeeded(r, dr)
	p1, s1, p2, s2 := dl.Precision, dl.Scale, dr.Precision, dr.Scale
	var t sqltypes.DecimalType
	switch a.Op {
	case "+", "-":
		s := max(s1, s2)
		t = sqltypes.AdjustedDecimal(max(p1-s1, p2-s2)+s+1, s)
	case "*":
		t = sqltypes.AdjustedDecimal(p1+p2+1, s1+s2)
	case "/":
		s := max(6, s1+p2+1)
		t = sqltypes.AdjustedDecimal(p1-s1+s2+s, s)
	default: // %
		s := max(s1, s2)
		t = sqltypes.AdjustedDecimal(min(p1-s1, p2-s2)+s, s)
	}
	return &Arithmetic{Op: a.Op, L: l, R: r, typ: t}, nil
}

// operandDecimal is the decimal type an operand of decimal arithmetic takes:
// its own, or its integral type's, or for an integral literal the digits of
// its value (Spark's literalPickMinimumPrecision).
func operandDecimal(e Expr) sqltypes.DecimalType {
	if v, ok := LiteralValue(e); ok && v != nil && sqltypes.IsIntegral(e.DataType()) {
		var n int64
		switch x := v.(type) {
		case int32:
			n = int64(x)
		case int64:
			n = x
		}
		digits := len(big.NewInt(n).Text(10))
		if n < 0 {
			digits--
		}
		return sqltypes.DecimalType{Precision: digits}
	}
	d, _ := sqltypes.DecimalForIntegral(e.DataType())
	return d
}

// evalDecimal computes a decimal operation row by row, exactly, rounding
// HALF_UP to the result type; overflow and division by zero give null.
func (a *Arithmetic) evalDecimal(ctx *Context, b arrow.Record) (arrow.Array, error) {
	la, err := a.L.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	ra, err := a.R.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	t := a.typ.(sqltypes.DecimalType)
	n := la.Len()
	bld := NewBuilder(t)
	bld.Reserve(n)
	for i := 0; i < n; i++ {
		lv, rv := GetValue(la, i), GetValue(ra, i)
		if lv == nil || rv == nil {
			bld.AppendNull()
			continue
		}
		ld, rd := lv.(sqltypes.Decimal), rv.(sqltypes.Decimal)
		res, ok := decimalOp(a.Op, ld, rd, t)
		if !ok {
			bld.AppendNull()
			continue
		}
		AppendValue(bld, res)
	}
	return bld.NewArray(), nil
}

// decimalOp returns x op y rounded to t.
func decimalOp(op string, x, y sqltypes.Decimal, t sqltypes.DecimalType) (sqltypes.Decimal, bool) {
	xi, yi := x.BigInt(), y.BigInt()
	sx, sy := int(x.Scale), int(y.Scale)
	if op == "/" {
		return sqltypes.DecimalQuo(xi, sx, yi, sy, t)
	}
	if op == "*" {
		return sqltypes.DecimalFromBig(xi.Mul(xi, yi), sx+sy, t)
	}
	s := max(sx, sy)
	xi.Mul(xi, bigPow10(s-sx))
	yi.Mul(yi, bigPow10(s-sy))
	switch op {
	case "+":
		xi.Add(xi, yi)
	case "-":
		xi.Sub(xi, yi)
	default:
		if yi.Sign() == 0 {
			return sqltypes.Decimal{}, false
		}
		xi.Rem(xi, yi)
	}
	return sqltypes.DecimalFromBig(xi, s, t)
}

func bigPow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
