package expr

import (
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Arithmetic is L op R for op in + - * / %. Integer overflow wraps as in
// Spark's non-ANSI mode; "/" always yields a double; division or modulo by
// zero yields null.
type Arithmetic struct {
	Op   string
	L, R Expr
	typ  sqltypes.DataType
}

// NewArithmetic returns L op R (unresolved).
func NewArithmetic(op string, l, r Expr) *Arithmetic { return &Arithmetic{Op: op, L: l, R: r} }

// Children returns the operands.
func (a *Arithmetic) Children() []Expr { return []Expr{a.L, a.R} }

// WithChildren replaces the operands.
func (a *Arithmetic) WithChildren(k []Expr) Expr {
	return &Arithmetic{Op: a.Op, L: k[0], R: k[1], typ: a.typ}
}

// DataType returns the result type.
func (a *Arithmetic) DataType() sqltypes.DataType { return a.typ }

// Nullable is true when an operand is nullable or the operator divides.
func (a *Arithmetic) Nullable() bool {
	if a.typ != nil && a.typ.Kind() == sqltypes.KindDecimal {
		return true
	}
	return a.L.Nullable() || a.R.Nullable() || a.Op == "/" || a.Op == "%"
}

// SQL returns "(l op r)".
func (a *Arithmetic) SQL() string { return "(" + a.L.SQL() + " " + a.Op + " " + a.R.SQL() + ")" }

func (a *Arithmetic) resolve() (Expr, error) {
	l, r := a.L, a.R
	if e, ok, err := a.resolveIntervalArithmetic(l, r); ok {
		return e, err
	}
	lt, rt := l.DataType(), r.DataType()
	if lt.Kind() == sqltypes.KindString {
		l, lt = castIfNeeded(l, sqltypes.DoubleType), sqltypes.DoubleType
	}
	if rt.Kind() == sqltypes.KindString {
		r, rt = castIfNeeded(r, sqltypes.DoubleType), sqltypes.DoubleType
	}
	if lt.Kind() == sqltypes.KindNull && rt.Kind() == sqltypes.KindNull {
		lt, rt = sqltypes.DoubleType, sqltypes.DoubleType
		l, r = castIfNeeded(l, lt), castIfNeeded(r, rt)
	}
	if lt.Kind() == sqltypes.KindNull {
		l, lt = castIfNeeded(l, rt), rt
	}
	if rt.Kind() == sqltypes.KindNull {
		r, rt = castIfNeeded(r, lt), lt
	}
	if !sqltypes.IsNumeric(lt) || !sqltypes.IsNumeric(rt) {
		if sqltypes.Equal(lt, rt) {
			return nil, mismatchInput(a, 1, "", `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`, a.L)
		}
		return nil, mismatchBinary(a, lt, rt)
	}
	if lt.Kind() == sqltypes.KindDecimal || rt.Kind() == sqltypes.KindDecimal {
		return a.resolveDecimal(l, r)
	}
	t := WiderNumeric(lt, rt)
	if a.Op == "/" {
		t = sqltypes.DoubleType
	}
	return &Arithmetic{Op: a.Op, L: castIfNeeded(l, t), R: castIfNeeded(r, t), typ: t}, nil
}

// Eval computes the operation column-wise.
func (a *Arithmetic) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	if a.typ.Kind() == sqltypes.KindDecimal {
		return a.evalDecimal(ctx, b)
	}
	la, err := a.L.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	if v, ok := LiteralValue(a.R); ok && v != nil && a.Op != "/" && a.Op != "%" {
		valid, nulls := Validity(la.Len(), la)
		dt := sqltypes.ToArrow(a.typ)
		switch a.typ.Kind() {
		case sqltypes.KindDayTimeInterval:
			return arithScalar(a.Op, dt, Values[int64](la), int64(v.(time.Duration)/time.Microsecond), valid, nulls), nil
		case sqltypes.KindYearMonthInterval:
			return arithScalar(a.Op, dt, Values[int32](la), int32(v.(arrow.MonthInterval)), valid, nulls), nil
		case sqltypes.KindInteger:
			return arithScalar(a.Op, dt, Values[int32](la), v.(int32), valid, nulls), nil
		case sqltypes.KindLong:
			return arithScalar(a.Op, dt, Values[int64](la), v.(int64), valid, nulls), nil
		case sqltypes.KindFloat:
			return arithScalar(a.Op, dt, Values[float32](la), v.(float32), valid, nulls), nil
		default:
			return arithScalar(a.Op, dt, Values[float64](la), v.(float64), valid, nulls), nil
		}
	}
	ra, err := a.R.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := la.Len()
	valid, nulls := Validity(n, la, ra)
	dt := sqltypes.ToArrow(a.typ)
	switch a.typ.Kind() {
	case sqltypes.KindInteger, sqltypes.KindYearMonthInterval:
		return arith(a.Op, dt, Values[int32](la), Values[int32](ra), valid, nulls, false), nil
	case sqltypes.KindLong, sqltypes.KindDayTimeInterval:
		return arith(a.Op, dt, Values[int64](la), Values[int64](ra), valid, nulls, false), nil
	case sqltypes.KindFloat:
		return arith(a.Op, dt, Values[float32](la), Values[float32](ra), valid, nulls, true), nil
	default:
		return arith(a.Op, dt, Values[float64](la), Values[float64](ra), valid, nulls, true), nil
	}
}

func arith[T Fixed](op string, dt arrow.DataType, l, r []T, valid *memory.Buffer, nulls int, float bool) arrow.Array {
	n := len(l)
	out := make([]T, n)
	switch op {
	case "+":
		for i := range out {
			out[i] = l[i] + r[i]
		}
	case "-":
		for i := range out {
			out[i] = l[i] - r[i]
		}
	case "*":
		for i := range out {
			out[i] = l[i] * r[i]
		}
	case "/", "%":
		var bits []byte
		if valid != nil {
			bits = valid.Bytes()
		}
		for i := range out {
			if r[i] == 0 {
				if bits == nil {
					bits = make([]byte, bitutil.BytesForBits(int64(n)))
					bitutil.SetBitsTo(bits, 0, int64(n), true)
				}
				if bitutil.BitIsSet(bits, i) {
					bitutil.ClearBit(bits, i)
					nulls++
				}
				continue
			}
			if op == "/" {
				out[i] = l[i] / r[i]
			} else if float {
				out[i] = T(math.Mod(float64(l[i]), float64(r[i])))
			} else if r[i] == T(0)-1 {
				out[i] = 0
			} else {
				out[i] = modInt(l[i], r[i])
			}
		}
		if bits != nil {
			valid = memory.NewBufferBytes(bits)
		}
	}
	return MakeFixed(dt, out, valid, nulls)
}

func modInt[T Fixed](a, b T) T {
	return T(int64(a) % int64(b))
}

// Negate is unary minus.
type Negate struct{ Child Expr }

// Children returns the operand.
func (n *Negate) Children() []Expr { return []Expr{n.Child} }

// WithChildren replaces the operand.
func (n *Negate) WithChildren(k []Expr) Expr { return &Negate{Child: k[0]} }

// DataType returns the operand's type.
func (n *Negate) DataType() sqltypes.DataType { return n.Child.DataType() }

// Nullable returns the operand's nullability.
func (n *Negate) Nullable() bool { return n.Child.Nullable() }

// SQL returns "(- x)".
func (n *Negate) SQL() string { return "(- " + n.Child.SQL() + ")" }

func (n *Negate) resolve() (Expr, error) {
	if n.Child.DataType().Kind() == sqltypes.KindString {
		return &Negate{Child: castIfNeeded(n.Child, sqltypes.DoubleType)}, nil
	}
	if !sqltypes.IsNumeric(n.Child.DataType()) && !isInterval(n.Child.DataType()) {
		return nil, mismatchInput(n, 1, "", `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`, n.Child)
	}
	return n, nil
}

// Eval negates column-wise.
func (n *Negate) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	zero := &Literal{Type: n.Child.DataType()}
	switch n.Child.DataType().Kind() {
	case sqltypes.KindInteger:
		zero.Value = int32(0)
	case sqltypes.KindLong:
		zero.Value = int64(0)
	case sqltypes.KindFloat:
		zero.Value = float32(0)
	case sqltypes.KindDayTimeInterval:
		zero.Value = time.Duration(0)
	case sqltypes.KindYearMonthInterval:
		zero.Value = arrow.MonthInterval(0)
	case sqltypes.KindDecimal:
		zero.Value = sqltypes.Decimal{Scale: int32(n.Child.DataType().(sqltypes.DecimalType).Scale)}
	default:
		zero.Value = float64(0)
	}
	return (&Arithmetic{Op: "-", L: zero, R: n.Child, typ: n.Child.DataType()}).Eval(ctx, b)
}

func arithScalar[T Fixed](op string, dt arrow.DataType, l []T, r T, valid *memory.Buffer, nulls int) arrow.Array {
	out := make([]T, len(l))
	switch op {
	case "+":
		for i, v := range l {
			out[i] = v + r
		}
	case "-":
		for i, v := range l {
			out[i] = v - r
		}
	case "*":
		for i, v := range l {
			out[i] = v * r
		}
	}
	return MakeFixed(dt, out, valid, nulls)
}
