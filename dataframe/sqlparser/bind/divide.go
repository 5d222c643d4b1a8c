package bind

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// integralDivide is Spark's `a DIV b`: both sides as bigint, the quotient
// truncated toward zero, null when b is 0 (non-ANSI mode).
type integralDivide struct {
	L, R expr.Expr
}

// Children returns the operands.
func (d *integralDivide) Children() []expr.Expr { return []expr.Expr{d.L, d.R} }

// WithChildren replaces the operands; resolved operands are type-checked.
func (d *integralDivide) WithChildren(k []expr.Expr) expr.Expr {
	return &integralDivide{L: k[0], R: k[1]}
}

// DataType returns bigint.
func (d *integralDivide) DataType() sqltypes.DataType { return sqltypes.LongType }

// Nullable returns true: division by zero gives null.
func (d *integralDivide) Nullable() bool { return true }

// SQL returns "(a div b)".
func (d *integralDivide) SQL() string { return "(" + d.L.SQL() + " div " + d.R.SQL() + ")" }

// Eval divides column-wise.
func (d *integralDivide) Eval(ctx *expr.Context, b arrow.Record) (arrow.Array, error) {
	var cols [2]*array.Int64
	for i, e := range []expr.Expr{d.L, d.R} {
		t := e.DataType()
		if !sqltypes.IsNumeric(t) && t.Kind() != sqltypes.KindNull && t.Kind() != sqltypes.KindString {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "Cannot resolve %q due to data type mismatch: the binary operator requires the input type \"NUMERIC\", not %q.", d.SQL(), sqltypes.CatalogString(t))
		}
		v, err := e.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		c, err := expr.CastArray(ctx, v, t, sqltypes.LongType)
		if err != nil {
			return nil, err
		}
		cols[i] = c.(*array.Int64)
	}
	l, r := cols[0], cols[1]
	bld := array.NewInt64Builder(memory.DefaultAllocator)
	defer bld.Release()
	bld.Reserve(l.Len())
	for i := 0; i < l.Len(); i++ {
		if l.IsNull(i) || r.IsNull(i) || r.Value(i) == 0 {
			bld.AppendNull()
			continue
		}
		bld.Append(l.Value(i) / r.Value(i))
	}
	return bld.NewArray(), nil
}
