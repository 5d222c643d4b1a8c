package expr

import (
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// CaseWhen is CASE WHEN c1 THEN v1 ... [ELSE e] END.
type CaseWhen struct {
	Conds  []Expr
	Values []Expr
	Else   Expr // nil means NULL
	typ    sqltypes.DataType
}

// NewCaseWhen returns a CASE expression (unresolved); elseValue may be nil.
func NewCaseWhen(conds, values []Expr, elseValue Expr) *CaseWhen {
	return &CaseWhen{Conds: conds, Values: values, Else: elseValue}
}

// Children returns conditions, values, then the else value.
func (c *CaseWhen) Children() []Expr {
	out := append(append([]Expr{}, c.Conds...), c.Values...)
	if c.Else != nil {
		out = append(out, c.Else)
	}
	return out
}

// WithChildren replaces the inputs.
func (c *CaseWhen) WithChildren(k []Expr) Expr {
	n := len(c.Conds)
	out := &CaseWhen{Conds: k[:n:n], Values: k[n : 2*n : 2*n], typ: c.typ}
	if c.Else != nil {
		out.Else = k[2*n]
	}
	return out
}

// DataType returns the common type of the values.
func (c *CaseWhen) DataType() sqltypes.DataType { return c.typ }

// Nullable is false only when every branch and the ELSE are non-nullable.
func (c *CaseWhen) Nullable() bool {
	if c.Else == nil || c.Else.Nullable() {
		return true
	}
	for _, v := range c.Values {
		if v.Nullable() {
			return true
		}
	}
	return false
}

// SQL returns "CASE WHEN c THEN v ELSE e END".
func (c *CaseWhen) SQL() string {
	var b strings.Builder
	b.WriteString("CASE")
	for i := range c.Conds {
		b.WriteString(" WHEN " + c.Conds[i].SQL() + " THEN " + c.Values[i].SQL())
	}
	if c.Else != nil {
		b.WriteString(" ELSE " + c.Else.SQL())
	}
	b.WriteString(" END")
	return b.String()
}

func (c *CaseWhen) resolve() (Expr, error) {
	vals := append([]Expr{}, c.Values...)
	if c.Else != nil {
		vals = append(vals, c.Else)
	}
	t := sqltypes.NullType
	for _, v := range vals {
		nt, ok := commonTypeForValues(t, v.DataType())
		if !ok {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `casewhen` should all be the same type, but it's [%s].", quoteSQL(c), typeList(vals))
		}
		t = nt
	}
	out := &CaseWhen{typ: t}
	for i, cond := range c.Conds {
		if k := cond.DataType().Kind(); k != sqltypes.KindBoolean && k != sqltypes.KindNull {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Cannot resolve %s due to data type mismatch: Parameter %d requires the \"BOOLEAN\" type, however %s has the type %s.", quoteSQL(c), 2*i+1, quoteSQL(cond), quoteType(cond.DataType()))
		}
		out.Conds = append(out.Conds, castIfNeeded(cond, sqltypes.BooleanType))
		out.Values = append(out.Values, castIfNeeded(c.Values[i], t))
	}
	if c.Else != nil {
		out.Else = castIfNeeded(c.Else, t)
	}
	return out, nil
}

func typeList(es []Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = quoteType(e.DataType())
	}
	return strings.Join(parts, ", ")
}

// Eval picks, for each row, the value of the first true condition.
func (c *CaseWhen) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	n := int(b.NumRows())
	chosen := make([]int, n) // branch index, len(Conds) = else, -1 = pending
	for i := range chosen {
		chosen[i] = -1
	}
	for ci, cond := range c.Conds {
		ca, err := cond.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		ba := ca.(*array.Boolean)
		for i := 0; i < n; i++ {
			if chosen[i] < 0 && !IsNullAt(ba, i) && ba.Value(i) {
				chosen[i] = ci
			}
		}
	}
	vals := make([]arrow.Array, len(c.Values)+1)
	for i, v := range c.Values {
		a, err := v.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		vals[i] = a
	}
	if c.Else != nil {
		a, err := c.Else.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		vals[len(c.Values)] = a
	}
	for i := range chosen {
		if chosen[i] < 0 {
			chosen[i] = len(c.Values)
		}
	}
	return pickRows(c.typ, n, vals, chosen), nil
}

// pickRows builds row i from vals[chosen[i]] (nil arrays give nulls).
func pickRows(t sqltypes.DataType, n int, vals []arrow.Array, chosen []int) arrow.Array {
	bld := NewBuilder(t)
	bld.Reserve(n)
	switch bb := bld.(type) {
	case *array.Float64Builder:
		for i := 0; i < n; i++ {
			a := vals[chosen[i]]
			if a == nil || IsNullAt(a, i) {
				bb.AppendNull()
			} else {
				bb.Append(a.(*array.Float64).Value(i))
			}
		}
		return bb.NewArray()
	case *array.StringBuilder:
		for i := 0; i < n; i++ {
			a := vals[chosen[i]]
			if a == nil || IsNullAt(a, i) {
				bb.AppendNull()
			} else {
				bb.Append(a.(*array.String).Value(i))
			}
		}
		return bb.NewArray()
	}
	for i := 0; i < n; i++ {
		a := vals[chosen[i]]
		if a == nil {
			bld.AppendNull()
		} else {
			AppendValue(bld, GetValue(a, i))
		}
	}
	return bld.NewArray()
}

// Coalesce returns the first non-null argument.
type Coalesce struct {
	Args []Expr
	typ  sqltypes.DataType
}

// NewCoalesce returns coalesce(args...) (unresolved).
func NewCoalesce(args ...Expr) *Coalesce { return &Coalesce{Args: args} }

// Children returns the arguments.
func (c *Coalesce) Children() []Expr { return c.Args }

// WithChildren replaces the arguments.
func (c *Coalesce) WithChildren(k []Expr) Expr { return &Coalesce{Args: k, typ: c.typ} }

// DataType returns the common type.
func (c *Coalesce) DataType() sqltypes.DataType { return c.typ }

// Nullable is true only when every argument is nullable.
func (c *Coalesce) Nullable() bool {
	for _, a := range c.Args {
		if !a.Nullable() {
			return false
		}
	}
	return true
}

// SQL returns "coalesce(a, b)".
func (c *Coalesce) SQL() string { return "coalesce(" + sqlList(c.Args) + ")" }

func (c *Coalesce) resolve() (Expr, error) {
	if len(c.Args) == 0 {
		return nil, sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `coalesce` requires > 0 parameters but the actual number is 0.")
	}
	t := sqltypes.NullType
	for _, a := range c.Args {
		nt, ok := commonTypeForValues(t, a.DataType())
		if !ok {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `coalesce` should all be the same type, but it's [%s].", quoteSQL(c), typeList(c.Args))
		}
		t = nt
	}
	args := make([]Expr, len(c.Args))
	for i, a := range c.Args {
		args[i] = castIfNeeded(a, t)
	}
	return &Coalesce{Args: args, typ: t}, nil
}

// Eval picks the first non-null value per row.
func (c *Coalesce) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	n := int(b.NumRows())
	vals := make([]arrow.Array, len(c.Args)+1)
	chosen := make([]int, n)
	for i := range chosen {
		chosen[i] = -1
	}
	for ai, a := range c.Args {
		arr, err := a.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		vals[ai] = arr
		for i := 0; i < n; i++ {
			if chosen[i] < 0 && !IsNullAt(arr, i) {
				chosen[i] = ai
			}
		}
	}
	for i := range chosen {
		if chosen[i] < 0 {
			chosen[i] = len(c.Args)
		}
	}
	return pickRows(c.typ, n, vals, chosen), nil
}

// In is "x IN (v1, v2, ...)": null when x is null, or when no value matches
// and the list holds a null.
type In struct {
	Value Expr
	List  []Expr
}

// NewIn returns value IN (list...) (unresolved).
func NewIn(value Expr, list ...Expr) *In { return &In{Value: value, List: list} }

// Children returns the value then the list.
func (in *In) Children() []Expr { return append([]Expr{in.Value}, in.List...) }

// WithChildren replaces the inputs.
func (in *In) WithChildren(k []Expr) Expr { return &In{Value: k[0], List: k[1:]} }

// DataType returns boolean.
func (in *In) DataType() sqltypes.DataType { return sqltypes.BooleanType }

// Nullable returns true.
func (in *In) Nullable() bool { return true }

// SQL returns "(x IN (1, 2))".
func (in *In) SQL() string { return "(" + in.Value.SQL() + " IN (" + sqlList(in.List) + "))" }

func (in *In) resolve() (Expr, error) {
	t := in.Value.DataType()
	for _, v := range in.List {
		nt, ok := CommonType(t, v.DataType())
		if !ok {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `in` should all be the same type, but it's [%s].", quoteSQL(in), typeList(in.Children()))
		}
		t = nt
	}
	out := &In{Value: castIfNeeded(in.Value, t)}
	for _, v := range in.List {
		out.List = append(out.List, castIfNeeded(v, t))
	}
	return out, nil
}

// Eval tests membership row by row against the evaluated list.
func (in *In) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	va, err := in.Value.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := va.Len()
	lists := make([]arrow.Array, len(in.List))
	for i, e := range in.List {
		if lists[i], err = e.Eval(ctx, b); err != nil {
			return nil, err
		}
	}
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	valid := make([]byte, len(bits))
	nulls := 0
	for i := 0; i < n; i++ {
		if IsNullAt(va, i) {
			nulls++
			continue
		}
		v := GetValue(va, i)
		found, sawNull := false, false
		for _, l := range lists {
			if IsNullAt(l, i) {
				sawNull = true
				continue
			}
			if CompareValues(v, GetValue(l, i)) == 0 {
				found = true
				break
			}
		}
		if !found && sawNull {
			nulls++
			continue
		}
		bitutil.SetBit(valid, i)
		setIf(bits, i, found)
	}
	if nulls == 0 {
		return MakeBool(n, bits, nil, 0), nil
	}
	return MakeBool(n, bits, memoryBytes(valid), nulls), nil
}
