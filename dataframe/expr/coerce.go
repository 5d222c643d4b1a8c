package expr

import (
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// WiderNumeric returns the wider of two numeric types (integer < long <
// float < double).
func WiderNumeric(a, b sqltypes.DataType) sqltypes.DataType {
	if a.Kind() == sqltypes.KindDecimal || b.Kind() == sqltypes.KindDecimal {
		return widerDecimal(a, b)
	}
	if a.Kind() >= b.Kind() {
		return a
	}
	return b
}

// castIfNeeded wraps e in a Cast to t unless it already has type t.
func castIfNeeded(e Expr, t sqltypes.DataType) Expr {
	if sqltypes.Equal(e.DataType(), t) {
		return e
	}
	if l, ok := e.(*Literal); ok {
		if l.Value == nil {
			return &Literal{Type: t}
		}
		if sqltypes.IsNumeric(t) && sqltypes.IsNumeric(l.Type) {
			switch t.Kind() {
			case sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindFloat, sqltypes.KindDouble:
				return &foldedLiteral{Literal: Literal{Value: numericAs(l.Value, t), Type: t}, orig: l}
			}
		}
	}
	return &Cast{Child: e, To: t, Implicit: true}
}

// CommonType finds the type two operands of a comparison, IN, CASE or
// COALESCE are converted to, following Spark's non-ANSI coercion rules.
func CommonType(a, b sqltypes.DataType) (sqltypes.DataType, bool) {
	ak, bk := a.Kind(), b.Kind()
	switch {
	case sqltypes.Equal(a, b):
		return a, true
	case ak == sqltypes.KindNull:
		return b, true
	case bk == sqltypes.KindNull:
		return a, true
	case sqltypes.IsNumeric(a) && sqltypes.IsNumeric(b):
		return WiderNumeric(a, b), true
	case ak == sqltypes.KindString && bk != sqltypes.KindString && isAtomic(b):
		return b, true
	case bk == sqltypes.KindString && ak != sqltypes.KindString && isAtomic(a):
		return a, true
	case (ak == sqltypes.KindDate && bk == sqltypes.KindTimestamp) || (bk == sqltypes.KindDate && ak == sqltypes.KindTimestamp):
		return sqltypes.TimestampType, true
	}
	if at, ok := a.(sqltypes.ArrayType); ok {
		if bt, ok := b.(sqltypes.ArrayType); ok {
			if et, ok := CommonType(at.ElementType, bt.ElementType); ok {
				return sqltypes.ArrayType{ElementType: et, ContainsNull: true}, true
			}
		}
	}
	return nil, false
}

// commonTypeForValues is CommonType for CASE/COALESCE branches, where a
// string with a number widens to string (Spark's findWiderCommonType).
func commonTypeForValues(a, b sqltypes.DataType) (sqltypes.DataType, bool) {
	if (a.Kind() == sqltypes.KindString && isAtomic(b) && b.Kind() != sqltypes.KindNull) ||
		(b.Kind() == sqltypes.KindString && isAtomic(a) && a.Kind() != sqltypes.KindNull) {
		return sqltypes.StringType, true
	}
	return CommonType(a, b)
}

func isAtomic(t sqltypes.DataType) bool {
	switch t.(type) {
	case sqltypes.AtomicType, sqltypes.DecimalType:
		return true
	}
	return false
}

func mismatchBinary(e Expr, l, r sqltypes.DataType) error {
	return sparkerr.Analysis("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: the left and right operands of the binary operator have incompatible types (%s and %s).", quoteSQL(e), quoteType(l), quoteType(r))
}

func mismatchInput(e Expr, idx int, param string, required string, arg Expr) error {
	return sparkerr.Analysis("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Cannot resolve %s due to data type mismatch: Parameter %d requires the %s type, however %s has the type %s.", quoteSQL(e), idx, required, quoteSQL(arg), quoteType(arg.DataType()))
}

// numericAs converts a numeric Go value to t's Go type.
func numericAs(v any, t sqltypes.DataType) any {
	f, _ := toFloat(v)
	var i int64
	switch x := v.(type) {
	case int32:
		i = int64(x)
	case int64:
		i = x
	default:
		i = toInt64(f)
	}
	switch t.Kind() {
	case sqltypes.KindInteger:
		return int32(i)
	case sqltypes.KindLong:
		return i
	case sqltypes.KindFloat:
		return float32(f)
	}
	return f
}

// foldedLiteral is a literal the analyzer converted to another numeric
// type; it keeps the original's SQL text for column names.
type foldedLiteral struct {
	Literal
	orig *Literal
}

// SQL returns the original literal's text.
func (f *foldedLiteral) SQL() string { return f.orig.SQL() }

// WithChildren returns the node.
func (f *foldedLiteral) WithChildren([]Expr) Expr { return f }

// LiteralValue returns the value of a (possibly folded) literal.
func LiteralValue(e Expr) (any, bool) {
	switch x := e.(type) {
	case *Literal:
		return x.Value, true
	case *foldedLiteral:
		return x.Value, true
	}
	return nil, false
}

// widerDecimal is Spark's DecimalPrecision.widerDecimalType for a decimal and
// another number: a float or double wins; an integral type counts as its
// decimal form; the result keeps the larger scale and integral part.
func widerDecimal(a, b sqltypes.DataType) sqltypes.DataType {
	if a.Kind() == sqltypes.KindFloat || a.Kind() == sqltypes.KindDouble || b.Kind() == sqltypes.KindFloat || b.Kind() == sqltypes.KindDouble {
		return sqltypes.DoubleType
	}
	da, _ := sqltypes.DecimalForIntegral(a)
	db, _ := sqltypes.DecimalForIntegral(b)
	scale := max(da.Scale, db.Scale)
	intDigits := max(da.Precision-da.Scale, db.Precision-db.Scale)
	return sqltypes.BoundedDecimal(intDigits+scale, scale)
}
