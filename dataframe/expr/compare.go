package expr

import (
	"bytes"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Comparison is L op R for op in = <=> < <= > >=, with Spark's coercion of
// both sides to a common type. "<=>" is null-safe equality (never null).
// Spark's != is Not(L = R).
type Comparison struct {
	Op   string
	L, R Expr
}

// NewComparison returns L op R (unresolved).
func NewComparison(op string, l, r Expr) *Comparison { return &Comparison{Op: op, L: l, R: r} }

// Children returns the operands.
func (c *Comparison) Children() []Expr { return []Expr{c.L, c.R} }

// WithChildren replaces the operands.
func (c *Comparison) WithChildren(k []Expr) Expr { return &Comparison{Op: c.Op, L: k[0], R: k[1]} }

// DataType returns boolean.
func (c *Comparison) DataType() sqltypes.DataType { return sqltypes.BooleanType }

// Nullable is false for <=>, otherwise true when an operand is nullable.
func (c *Comparison) Nullable() bool {
	return c.Op != "<=>" && (c.L.Nullable() || c.R.Nullable())
}

// SQL returns "(l op r)".
func (c *Comparison) SQL() string { return "(" + c.L.SQL() + " " + c.Op + " " + c.R.SQL() + ")" }

func (c *Comparison) resolve() (Expr, error) {
	lt, rt := c.L.DataType(), c.R.DataType()
	if c.Op == "=" || c.Op == "<=>" {
		// Spark's BooleanEquality: a boolean equals a number through a cast.
		if lt.Kind() == sqltypes.KindBoolean && sqltypes.IsNumeric(rt) {
			return &Comparison{Op: c.Op, L: castIfNeeded(c.L, rt), R: c.R}, nil
		}
		if rt.Kind() == sqltypes.KindBoolean && sqltypes.IsNumeric(lt) {
			return &Comparison{Op: c.Op, L: c.L, R: castIfNeeded(c.R, lt)}, nil
		}
	}
	t, ok := CommonType(lt, rt)
	if !ok {
		return nil, mismatchBinary(c, lt, rt)
	}
	if t.Kind() == sqltypes.KindMap {
		return nil, mismatchInput(c, 1, "", "", c.L)
	}
	return &Comparison{Op: c.Op, L: castIfNeeded(c.L, t), R: castIfNeeded(c.R, t)}, nil
}

// Eval compares column-wise.
func (c *Comparison) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	la, err := c.L.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	var ra arrow.Array
	var scalar any
	if v, ok := LiteralValue(c.R); ok && v != nil && c.Op != "<=>" {
		scalar = v
	} else if ra, err = c.R.Eval(ctx, b); err != nil {
		return nil, err
	}
	n := la.Len()
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	if scalar != nil {
		compareScalar(c.Op, la, scalar, bits)
		valid, nulls := Validity(n, la)
		return MakeBool(n, bits, valid, nulls), nil
	}
	compareArrays(c.Op, la, ra, bits)
	if c.Op == "<=>" {
		for i := 0; i < n; i++ {
			ln, rn := IsNullAt(la, i), IsNullAt(ra, i)
			if ln || rn {
				if ln && rn {
					bitutil.SetBit(bits, i)
				} else {
					bitutil.ClearBit(bits, i)
				}
			}
		}
		return MakeBool(n, bits, nil, 0), nil
	}
	valid, nulls := Validity(n, la, ra)
	return MakeBool(n, bits, valid, nulls), nil
}

func setIf(bits []byte, i int, ok bool) {
	if ok {
		bits[i>>3] |= 1 << (uint(i) & 7)
	}
}

func cmpResult(op string, c int) bool {
	switch op {
	case "=", "<=>":
		return c == 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

func cmpOrdered[T int32 | int64 | string](op string, l []T, r T, bits []byte) {
	switch op {
	case "=":
		packBits(len(l), bits, func(i int) bool { return l[i] == r })
	case "<=>":
		for i, v := range l {
			setIf(bits, i, v == r)
		}
	case "<":
		for i, v := range l {
			setIf(bits, i, v < r)
		}
	case "<=":
		for i, v := range l {
			setIf(bits, i, v <= r)
		}
	case ">":
		for i, v := range l {
			setIf(bits, i, v > r)
		}
	case ">=":
		for i, v := range l {
			setIf(bits, i, v >= r)
		}
	}
}

// packBits sets bit i of bits when pred(i), eight rows per byte.
func packBits(n int, bits []byte, pred func(i int) bool) {
	full := n &^ 7
	for i := 0; i < full; i += 8 {
		var b byte
		for k := 0; k < 8; k++ {
			if pred(i + k) {
				b |= 1 << k
			}
		}
		bits[i>>3] = b
	}
	for i := full; i < n; i++ {
		if pred(i) {
			bits[i>>3] |= 1 << (uint(i) & 7)
		}
	}
}

func cmpFloats[T float32 | float64](op string, l []T, r T, bits []byte) {
	if r == r {
		switch op {
		case "<":
			ltScalar(l, r, bits)
			return
		case ">":
			gtScalar(l, r, bits)
			return
		}
	}
	if r != r {
		for i, v := range l {
			setIf(bits, i, cmpResult(op, cmpFloat(float64(v), float64(r))))
		}
		return
	}
	switch op {
	case "=", "<=>":
		for i, v := range l {
			setIf(bits, i, v == r)
		}
	case "<":
		for i, v := range l {
			setIf(bits, i, v < r)
		}
	case "<=":
		for i, v := range l {
			setIf(bits, i, v <= r)
		}
	case ">":
		for i, v := range l {
			setIf(bits, i, v > r || (v != v))
		}
	case ">=":
		for i, v := range l {
			setIf(bits, i, v >= r || (v != v))
		}
	}
}

func compareScalar(op string, la arrow.Array, s any, bits []byte) {
	switch x := la.(type) {
	case *array.Int32:
		switch op {
		case "<":
			ltScalar(x.Int32Values(), s.(int32), bits)
		case ">":
			gtScalar(x.Int32Values(), s.(int32), bits)
		default:
			cmpOrdered(op, x.Int32Values(), s.(int32), bits)
		}
		return
	case *array.Int64:
		switch op {
		case "<":
			ltScalar(x.Int64Values(), s.(int64), bits)
		case ">":
			gtScalar(x.Int64Values(), s.(int64), bits)
		default:
			cmpOrdered(op, x.Int64Values(), s.(int64), bits)
		}
		return
	case *array.Float64:
		cmpFloats(op, x.Float64Values(), s.(float64), bits)
		return
	case *array.Float32:
		cmpFloats(op, x.Float32Values(), s.(float32), bits)
		return
	case *array.String:
		r := s.(string)
		for i := 0; i < x.Len(); i++ {
			setIf(bits, i, cmpResult(op, strings.Compare(x.Value(i), r)))
		}
		return
	case *array.Timestamp:
		if t, ok := s.(interface{ UnixMicro() int64 }); ok {
			cmpOrdered(op, Values[int64](la), t.UnixMicro(), bits)
			return
		}
	}
	ra := Broadcast(s, typeOfArrow(la), la.Len())
	compareArrays(op, la, ra, bits)
}

func typeOfArrow(a arrow.Array) sqltypes.DataType {
	t, err := sqltypes.FromArrow(a.DataType())
	if err != nil {
		return sqltypes.NullType
	}
	return t
}

func compareArrays(op string, la, ra arrow.Array, bits []byte) {
	n := la.Len()
	switch x := la.(type) {
	case *array.Int32:
		l, r := x.Int32Values(), ra.(*array.Int32).Int32Values()
		for i := 0; i < n; i++ {
			setIf(bits, i, cmpResult(op, cmp3(l[i], r[i])))
		}
	case *array.Int64:
		l, r := x.Int64Values(), ra.(*array.Int64).Int64Values()
		for i := 0; i < n; i++ {
			setIf(bits, i, cmpResult(op, cmp3(l[i], r[i])))
		}
	case *array.Float64:
		l, r := x.Float64Values(), ra.(*array.Float64).Float64Values()
		for i := 0; i < n; i++ {
			setIf(bits, i, cmpResult(op, cmpFloat(l[i], r[i])))
		}
	case *array.String:
		r := ra.(*array.String)
		for i := 0; i < n; i++ {
			setIf(bits, i, cmpResult(op, strings.Compare(x.Value(i), r.Value(i))))
		}
	default:
		for i := 0; i < n; i++ {
			if IsNullAt(la, i) || IsNullAt(ra, i) {
				continue
			}
			setIf(bits, i, cmpResult(op, CompareValues(GetValue(la, i), GetValue(ra, i))))
		}
	}
}

func cmp3[T int32 | int64](a, b T) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// CompareValues orders two non-null Go values of the same Spark type.
func CompareValues(a, b any) int {
	switch x := a.(type) {
	case bool:
		y := b.(bool)
		if x == y {
			return 0
		}
		if !x {
			return -1
		}
		return 1
	case int32:
		return cmp3(x, b.(int32))
	case int64:
		return cmp3(x, b.(int64))
	case float32:
		return cmpFloat(float64(x), float64(b.(float32)))
	case float64:
		return cmpFloat(x, b.(float64))
	case sqltypes.Decimal:
		return x.Cmp(b.(sqltypes.Decimal))
	case string:
		return strings.Compare(x, b.(string))
	case []byte:
		return bytes.Compare(x, b.([]byte))
	case interface{ UnixMicro() int64 }:
		return cmp3(x.UnixMicro(), b.(interface{ UnixMicro() int64 }).UnixMicro())
	case StructValue:
		y := b.(StructValue)
		for i := range x {
			if c := compareNullable(x[i], y[i]); c != 0 {
				return c
			}
		}
		return 0
	case []any:
		y := b.([]any)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := compareNullable(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmp3(int64(len(x)), int64(len(y)))
	}
	return 0
}

func compareNullable(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return CompareValues(a, b)
}

// b2u converts a bool to 0/1 without a branch.
func b2u(b bool) byte {
	var x byte
	if b {
		x = 1
	}
	return x
}

func ltScalar[T float32 | float64 | int32 | int64](l []T, r T, bits []byte) {
	n := len(l)
	full := n &^ 7
	for i := 0; i < full; i += 8 {
		v := l[i : i+8 : i+8]
		bits[i>>3] = b2u(v[0] < r) | b2u(v[1] < r)<<1 | b2u(v[2] < r)<<2 | b2u(v[3] < r)<<3 |
			b2u(v[4] < r)<<4 | b2u(v[5] < r)<<5 | b2u(v[6] < r)<<6 | b2u(v[7] < r)<<7
	}
	for i := full; i < n; i++ {
		bits[i>>3] |= b2u(l[i] < r) << (uint(i) & 7)
	}
}

// gtScalar sets l[i] > r; NaN sorts above every number, as in Spark.
func gtScalar[T float32 | float64 | int32 | int64](l []T, r T, bits []byte) {
	n := len(l)
	full := n &^ 7
	for i := 0; i < full; i += 8 {
		v := l[i : i+8 : i+8]
		bits[i>>3] = b2u(v[0] > r || v[0] != v[0]) | b2u(v[1] > r || v[1] != v[1])<<1 | b2u(v[2] > r || v[2] != v[2])<<2 | b2u(v[3] > r || v[3] != v[3])<<3 |
			b2u(v[4] > r || v[4] != v[4])<<4 | b2u(v[5] > r || v[5] != v[5])<<5 | b2u(v[6] > r || v[6] != v[6])<<6 | b2u(v[7] > r || v[7] != v[7])<<7
	}
	for i := full; i < n; i++ {
		bits[i>>3] |= b2u(l[i] > r || l[i] != l[i]) << (uint(i) & 7)
	}
}
