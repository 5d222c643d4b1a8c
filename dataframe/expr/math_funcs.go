package expr

import (
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// The numeric functions: abs and round.
func init() {
	D := sqltypes.DoubleType
	Register(FuncDef{Name: "abs", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) {
		a := c.Args[0]
		if a.DataType().Kind() == sqltypes.KindString {
			a = castIfNeeded(a, D)
		}
		if !sqltypes.IsNumeric(a.DataType()) {
			return nil, mismatchInput(c, 1, "", `"NUMERIC"`, a)
		}
		t := a.DataType()
		return &ScalarFunc{Name: "abs", Args: []Expr{a}, Type: t, Null: a.Nullable(), Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(t, x, n, true, func(v []any) any {
				switch y := v[0].(type) {
				case int32:
					if y < 0 {
						return -y
					}
					return y
				case int64:
					if y < 0 {
						return -y
					}
					return y
				case sqltypes.Decimal:
					y.Unscaled = y.Unscaled.Abs()
					return y
				case float32:
					return float32(math.Abs(float64(y)))
				case float64:
					return math.Abs(y)
				}
				return nil
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "round", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		a := c.Args[0]
		if a.DataType().Kind() == sqltypes.KindString {
			a = castIfNeeded(a, D)
		}
		if !sqltypes.IsNumeric(a.DataType()) {
			return nil, mismatchInput(c, 1, "", `"NUMERIC"`, a)
		}
		scale := Expr(Lit(0))
		if len(c.Args) > 1 {
			scale = c.Args[1]
		}
		sc, _ := literalInt(scale)
		t := a.DataType()
		if d, ok := t.(sqltypes.DecimalType); ok {
			t = roundDecimalType(d, int(sc))
		}
		return &ScalarFunc{Name: "round", Args: []Expr{a, scale}, Type: t, Null: a.Nullable(), Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(t, x[:1], n, true, func(v []any) any {
				switch y := v[0].(type) {
				case int32, int64:
					if sc >= 0 {
						return y
					}
					f, _ := toFloat(y)
					p := math.Pow(10, float64(-sc))
					r := math.Round(f/p) * p
					if _, ok := y.(int32); ok {
						return int32(r)
					}
					return int64(r)
				case sqltypes.Decimal:
					return roundDecimal(y, int(sc), t.(sqltypes.DecimalType))
				case float32:
					return float32(roundHalfUp(float64(y), int(sc)))
				case float64:
					return roundHalfUp(y, int(sc))
				}
				return nil
			}), nil
		}}, nil
	}})
}

// roundHalfUp rounds as Spark's ROUND does (HALF_UP on the decimal value).
func roundHalfUp(f float64, scale int) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	p := math.Pow(10, float64(scale))
	v := f * p
	r := math.Floor(math.Abs(v) + 0.5)
	if math.Abs(math.Abs(v)-math.Trunc(math.Abs(v))-0.5) < 1e-9 {
		r = math.Trunc(math.Abs(v)) + 1
	}
	out := math.Copysign(r, v) / p
	if out == 0 {
		return 0
	}
	return out
}

// roundDecimalType is the type of Spark's round(decimal(p,s), d): the
// integral digits plus one and min(s, d) fraction digits (none for d < 0).
func roundDecimalType(t sqltypes.DecimalType, d int) sqltypes.DecimalType {
	intDigits := t.Precision - t.Scale + 1
	if d < 0 {
		return sqltypes.DecimalType{Precision: min(max(intDigits, -d+1), sqltypes.MaxDecimalPrecision)}
	}
	s := min(t.Scale, d)
	return sqltypes.DecimalType{Precision: min(intDigits+s, sqltypes.MaxDecimalPrecision), Scale: s}
}

// roundDecimal rounds v HALF_UP to d fraction digits (tens, hundreds, ...
// for d < 0) as a value of t; nil when it does not fit.
func roundDecimal(v sqltypes.Decimal, d int, t sqltypes.DecimalType) any {
	if d >= 0 {
		r, ok := sqltypes.DecimalFromBig(v.BigInt(), int(v.Scale), t)
		if !ok {
			return nil
		}
		return r
	}
	// Round at scale d (< 0), then express the result at scale 0.
	q, ok := sqltypes.DecimalFromBig(v.BigInt(), int(v.Scale)-d, sqltypes.DecimalType{Precision: sqltypes.MaxDecimalPrecision})
	if !ok {
		return nil
	}
	r, ok := sqltypes.DecimalFromBig(q.BigInt().Mul(q.BigInt(), bigPow10(-d)), 0, t)
	if !ok {
		return nil
	}
	return r
}
