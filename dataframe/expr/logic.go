package expr

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Logical is L AND R or L OR R with SQL's three-valued logic.
type Logical struct {
	Op   string // "AND" or "OR"
	L, R Expr
}

// NewLogical returns L AND/OR R (unresolved).
func NewLogical(op string, l, r Expr) *Logical { return &Logical{Op: op, L: l, R: r} }

// Children returns the operands.
func (l *Logical) Children() []Expr { return []Expr{l.L, l.R} }

// WithChildren replaces the operands.
func (l *Logical) WithChildren(k []Expr) Expr { return &Logical{Op: l.Op, L: k[0], R: k[1]} }

// DataType returns boolean.
func (l *Logical) DataType() sqltypes.DataType { return sqltypes.BooleanType }

// Nullable reports whether an operand is nullable.
func (l *Logical) Nullable() bool { return l.L.Nullable() || l.R.Nullable() }

// SQL returns "(l AND r)".
func (l *Logical) SQL() string { return "(" + l.L.SQL() + " " + l.Op + " " + l.R.SQL() + ")" }

func (l *Logical) resolve() (Expr, error) {
	lt, rt := l.L.DataType(), l.R.DataType()
	if !sqltypes.Equal(lt, rt) && lt.Kind() != sqltypes.KindNull && rt.Kind() != sqltypes.KindNull {
		return nil, mismatchBinary(l, lt, rt)
	}
	for i, k := range []Expr{l.L, l.R} {
		if k.DataType().Kind() != sqltypes.KindBoolean && k.DataType().Kind() != sqltypes.KindNull {
			return nil, mismatchInput(l, i+1, "", `"BOOLEAN"`, k)
		}
	}
	return &Logical{Op: l.Op, L: castIfNeeded(l.L, sqltypes.BooleanType), R: castIfNeeded(l.R, sqltypes.BooleanType)}, nil
}

// Eval applies Kleene logic: false AND null = false, true OR null = true.
func (l *Logical) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	la, err := l.L.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	ra, err := l.R.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := la.Len()
	lb, rb := la.(*array.Boolean), ra.(*array.Boolean)
	out := make([]byte, bitutil.BytesForBits(int64(n)))
	if la.NullN() == 0 && ra.NullN() == 0 {
		lbits, rbits := lb.Data().Buffers()[1].Bytes(), rb.Data().Buffers()[1].Bytes()
		lo, ro := int64(lb.Data().Offset()), int64(rb.Data().Offset())
		if l.Op == "AND" {
			bitutil.BitmapAnd(lbits, rbits, lo, ro, out, 0, int64(n))
		} else {
			bitutil.BitmapOr(lbits, rbits, lo, ro, out, 0, int64(n))
		}
		return MakeBool(n, out, nil, 0), nil
	}
	valid := make([]byte, len(out))
	nulls := 0
	for i := 0; i < n; i++ {
		ln, rn := IsNullAt(lb, i), IsNullAt(rb, i)
		lv := !ln && lb.Value(i)
		rv := !rn && rb.Value(i)
		var v, isNull bool
		if l.Op == "AND" {
			switch {
			case (!ln && !lv) || (!rn && !rv):
				v = false
			case ln || rn:
				isNull = true
			default:
				v = true
			}
		} else {
			switch {
			case lv || rv:
				v = true
			case ln || rn:
				isNull = true
			}
		}
		if isNull {
			nulls++
			continue
		}
		bitutil.SetBit(valid, i)
		setIf(out, i, v)
	}
	var vb *memory.Buffer
	if nulls > 0 {
		vb = memory.NewBufferBytes(valid)
	}
	return MakeBool(n, out, vb, nulls), nil
}

// Not is boolean negation (null stays null).
type Not struct{ Child Expr }

// Children returns the operand.
func (n *Not) Children() []Expr { return []Expr{n.Child} }

// WithChildren replaces the operand.
func (n *Not) WithChildren(k []Expr) Expr { return &Not{Child: k[0]} }

// DataType returns boolean.
func (n *Not) DataType() sqltypes.DataType { return sqltypes.BooleanType }

// Nullable returns the operand's nullability.
func (n *Not) Nullable() bool { return n.Child.Nullable() }

// SQL returns "(NOT x)".
func (n *Not) SQL() string { return "(NOT " + n.Child.SQL() + ")" }

func (n *Not) resolve() (Expr, error) {
	k := n.Child.DataType().Kind()
	if k != sqltypes.KindBoolean && k != sqltypes.KindNull {
		return nil, mismatchInput(n, 1, "", `"BOOLEAN"`, n.Child)
	}
	return &Not{Child: castIfNeeded(n.Child, sqltypes.BooleanType)}, nil
}

// Eval negates the bits, keeping validity.
func (n *Not) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	a, err := n.Child.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	cnt := a.Len()
	ba := a.(*array.Boolean)
	out := make([]byte, bitutil.BytesForBits(int64(cnt)))
	bitutil.CopyBitmap(ba.Data().Buffers()[1].Bytes(), ba.Data().Offset(), cnt, out, 0)
	for i := range out {
		out[i] = ^out[i]
	}
	valid, nulls := Validity(cnt, a)
	return MakeBool(cnt, out, valid, nulls), nil
}

// IsNull is "x IS NULL" or, with Negated, "x IS NOT NULL".
type IsNull struct {
	Child   Expr
	Negated bool
}

// Children returns the operand.
func (n *IsNull) Children() []Expr { return []Expr{n.Child} }

// WithChildren replaces the operand.
func (n *IsNull) WithChildren(k []Expr) Expr { return &IsNull{Child: k[0], Negated: n.Negated} }

// DataType returns boolean.
func (n *IsNull) DataType() sqltypes.DataType { return sqltypes.BooleanType }

// Nullable returns false.
func (n *IsNull) Nullable() bool { return false }

// SQL returns "(x IS NULL)" or "(x IS NOT NULL)".
func (n *IsNull) SQL() string {
	if n.Negated {
		return "(" + n.Child.SQL() + " IS NOT NULL)"
	}
	return "(" + n.Child.SQL() + " IS NULL)"
}

// Eval tests the validity bitmap.
func (n *IsNull) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	a, err := n.Child.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	cnt := a.Len()
	out := make([]byte, bitutil.BytesForBits(int64(cnt)))
	for i := 0; i < cnt; i++ {
		setIf(out, i, IsNullAt(a, i) != n.Negated)
	}
	return MakeBool(cnt, out, nil, 0), nil
}
