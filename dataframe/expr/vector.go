package expr

import (
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Mem is the allocator used for every array the engine builds. It is Go's
// garbage-collected allocator, so arrays need no Release.
var Mem = memory.DefaultAllocator

// Fixed is the set of Go element types of fixed-width Arrow columns.
type Fixed interface {
	~int32 | ~int64 | ~float32 | ~float64
}

// Values returns the typed values of a fixed-width array (offset applied).
func Values[T Fixed](a arrow.Array) []T {
	d := a.Data()
	b := d.Buffers()[1]
	if b == nil || b.Len() == 0 {
		return nil
	}
	return arrow.GetData[T](b.Bytes())[d.Offset() : d.Offset()+d.Len()]
}

// Validity combines the validity bitmaps of arrays of length n; it returns
// nil (no nulls) or a bitmap and its null count.
func Validity(n int, arrs ...arrow.Array) (*memory.Buffer, int) {
	var out []byte
	for _, a := range arrs {
		if a == nil || a.NullN() == 0 {
			continue
		}
		if a.DataType().ID() == arrow.NULL {
			out = make([]byte, bitutil.BytesForBits(int64(n)))
			return memory.NewBufferBytes(out), n
		}
		bits := a.NullBitmapBytes()
		off := a.Data().Offset()
		if out == nil {
			out = make([]byte, bitutil.BytesForBits(int64(n)))
			bitutil.CopyBitmap(bits, off, n, out, 0)
		} else {
			bitutil.BitmapAnd(out, bits, 0, int64(off), out, 0, int64(n))
		}
	}
	if out == nil {
		return nil, 0
	}
	nulls := n - bitutil.CountSetBits(out, 0, n)
	if nulls == 0 {
		return nil, 0
	}
	return memory.NewBufferBytes(out), nulls
}

// MakeFixed wraps a slice as an Arrow array of type dt with the given
// validity bitmap.
func MakeFixed[T Fixed](dt arrow.DataType, vals []T, valid *memory.Buffer, nulls int) arrow.Array {
	data := array.NewData(dt, len(vals), []*memory.Buffer{valid, memory.NewBufferBytes(arrow.GetBytes(vals))}, nil, nulls, 0)
	return array.MakeFromData(data)
}

// MakeBool builds a boolean array from a value bitmap and validity.
func MakeBool(n int, bits []byte, valid *memory.Buffer, nulls int) arrow.Array {
	data := array.NewData(arrow.FixedWidthTypes.Boolean, n, []*memory.Buffer{valid, memory.NewBufferBytes(bits)}, nil, nulls, 0)
	return array.MakeFromData(data)
}

// NewBuilder returns a builder for Spark type t.
func NewBuilder(t sqltypes.DataType) array.Builder {
	return array.NewBuilder(Mem, sqltypes.ToArrow(t))
}

// GetValue returns element i of a as a Go value (see dataframe.Row.Get for
// the mapping), or nil.
func GetValue(a arrow.Array, i int) any {
	if IsNullAt(a, i) {
		return nil
	}
	switch x := a.(type) {
	case *array.Boolean:
		return x.Value(i)
	case *array.Int32:
		return x.Value(i)
	case *array.Int64:
		return x.Value(i)
	case *array.Float32:
		return x.Value(i)
	case *array.Float64:
		return x.Value(i)
	case *array.Decimal128:
		return sqltypes.Decimal{Unscaled: x.Value(i), Scale: x.DataType().(*arrow.Decimal128Type).Scale}
	case *array.String:
		return x.Value(i)
	case *array.LargeString:
		return x.Value(i)
	case *array.Binary:
		return append([]byte{}, x.Value(i)...) // non-nil: an empty value is not a null one
	case *array.Timestamp:
		return time.UnixMicro(int64(x.Value(i))).UTC()
	case *array.Date32:
		return time.Unix(int64(x.Value(i))*86400, 0).UTC()
	case *array.Duration:
		return time.Duration(x.Value(i)) * time.Microsecond
	case *array.MonthInterval:
		return x.Value(i)
	case *array.Struct:
		vals := make([]any, x.NumField())
		for f := 0; f < x.NumField(); f++ {
			vals[f] = GetValue(x.Field(f), i)
		}
		return StructValue(vals)
	case *array.Map:
		start, end := x.ValueOffsets(i)
		keys, items := x.Keys(), x.Items()
		m := MapValue{}
		for j := int(start); j < int(end); j++ {
			m.Keys = append(m.Keys, GetValue(keys, j))
			m.Values = append(m.Values, GetValue(items, j))
		}
		return m
	case *array.List:
		start, end := x.ValueOffsets(i)
		vals := x.ListValues()
		out := make([]any, 0, end-start)
		for j := int(start); j < int(end); j++ {
			out = append(out, GetValue(vals, j))
		}
		return out
	case *array.Null:
		return nil
	}
	return a.GetOneForMarshal(i)
}

// StructValue is a struct value as GetValue returns it: the field values in
// order.
type StructValue []any

// MapValue is a map value as GetValue returns it: keys and values in order.
type MapValue struct {
	Keys   []any
	Values []any
}

// AppendValue appends a Go value (as GetValue returns, or a convertible
// number) to a builder; nil appends null.
func AppendValue(b array.Builder, v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch x := b.(type) {
	case *array.BooleanBuilder:
		bv, ok := v.(bool)
		if !ok {
			x.AppendNull()
			return
		}
		x.Append(bv)
	case *array.Int32Builder:
		f, ok := toFloat(v)
		if !ok {
			x.AppendNull()
			return
		}
		if i, ok := v.(int64); ok {
			x.Append(int32(i))
			return
		}
		x.Append(int32(f))
	case *array.Int64Builder:
		switch n := v.(type) {
		case int64:
			x.Append(n)
		case int:
			x.Append(int64(n))
		default:
			f, ok := toFloat(v)
			if !ok {
				x.AppendNull()
				return
			}
			x.Append(int64(f))
		}
	case *array.Float32Builder:
		f, ok := toFloat(v)
		if !ok {
			x.AppendNull()
			return
		}
		x.Append(float32(f))
	case *array.Float64Builder:
		f, ok := toFloat(v)
		if !ok {
			x.AppendNull()
			return
		}
		x.Append(f)
	case *array.Decimal128Builder:
		d, ok := toDecimal(v, x.Type().(*arrow.Decimal128Type))
		if !ok {
			x.AppendNull()
			return
		}
		x.Append(d.Unscaled)
	case *array.StringBuilder:
		switch s := v.(type) {
		case string:
			x.Append(s)
		case []byte:
			x.Append(string(s))
		default:
			x.AppendNull()
		}
	case *array.BinaryBuilder:
		switch s := v.(type) {
		case []byte:
			x.Append(s)
		case string:
			x.AppendString(s)
		default:
			x.AppendNull()
		}
	case *array.TimestampBuilder:
		switch t := v.(type) {
		case time.Time:
			x.Append(arrow.Timestamp(t.UnixMicro()))
		case int64:
			x.Append(arrow.Timestamp(t))
		default:
			x.AppendNull()
		}
	case *array.MonthIntervalBuilder:
		switch m := v.(type) {
		case arrow.MonthInterval:
			x.Append(m)
		case int32:
			x.Append(arrow.MonthInterval(m))
		default:
			x.AppendNull()
		}
	case *array.DurationBuilder:
		switch d := v.(type) {
		case time.Duration:
			x.Append(arrow.Duration(d / time.Microsecond))
		case int64:
			x.Append(arrow.Duration(d))
		default:
			x.AppendNull()
		}
	case *array.Date32Builder:
		switch t := v.(type) {
		case time.Time:
			x.Append(arrow.Date32(floorDiv(t.Unix(), 86400)))
		case int32:
			x.Append(arrow.Date32(t))
		default:
			x.AppendNull()
		}
	case *array.StructBuilder:
		var vals []any
		switch s := v.(type) {
		case StructValue:
			vals = s
		case []any:
			vals = s
		case interface{ Values() []any }:
			vals = s.Values()
		default:
			x.AppendNull()
			return
		}
		x.Append(true)
		for f := 0; f < x.NumField(); f++ {
			var fv any
			if f < len(vals) {
				fv = vals[f]
			}
			AppendValue(x.FieldBuilder(f), fv)
		}
	case *array.MapBuilder:
		switch m := v.(type) {
		case MapValue:
			x.Append(true)
			for j := range m.Keys {
				AppendValue(x.KeyBuilder(), m.Keys[j])
				AppendValue(x.ItemBuilder(), m.Values[j])
			}
		case map[any]any:
			x.Append(true)
			for k, val := range m {
				AppendValue(x.KeyBuilder(), k)
				AppendValue(x.ItemBuilder(), val)
			}
		case map[string]any:
			x.Append(true)
			for k, val := range m {
				AppendValue(x.KeyBuilder(), k)
				AppendValue(x.ItemBuilder(), val)
			}
		default:
			x.AppendNull()
		}
	case *array.ListBuilder:
		vals, ok := v.([]any)
		if !ok {
			x.AppendNull()
			return
		}
		x.Append(true)
		for _, e := range vals {
			AppendValue(x.ValueBuilder(), e)
		}
	default:
		b.AppendNull()
	}
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case float32:
		return float64(n), true
	case float64:
		return n, true
	case sqltypes.Decimal:
		return n.Float64(), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	}
	return 0, false
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Broadcast returns an array of n copies of v (nil gives nulls) of type t.
func Broadcast(v any, t sqltypes.DataType, n int) arrow.Array {
	if v == nil {
		if t.Kind() == sqltypes.KindNull {
			return NullArray(n)
		}
		b := NewBuilder(t)
		b.AppendNulls(n)
		return b.NewArray()
	}
	switch t.Kind() {
	case sqltypes.KindInteger:
		vals := make([]int32, n)
		x := v.(int32)
		for i := range vals {
			vals[i] = x
		}
		return MakeFixed(arrow.PrimitiveTypes.Int32, vals, nil, 0)
	case sqltypes.KindLong:
		vals := make([]int64, n)
		x := v.(int64)
		for i := range vals {
			vals[i] = x
		}
		return MakeFixed(arrow.PrimitiveTypes.Int64, vals, nil, 0)
	case sqltypes.KindDouble:
		vals := make([]float64, n)
		x := v.(float64)
		for i := range vals {
			vals[i] = x
		}
		return MakeFixed(arrow.PrimitiveTypes.Float64, vals, nil, 0)
	}
	b := NewBuilder(t)
	b.Reserve(n)
	for i := 0; i < n; i++ {
		AppendValue(b, v)
	}
	return b.NewArray()
}

// NaN-aware helpers used by comparisons: Spark orders NaN above every other
// double and treats NaN = NaN as true.
func cmpFloat(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func memoryBytes(b []byte) *memory.Buffer { return memory.NewBufferBytes(b) }

// NullArray returns an Arrow null array of length n whose validity bitmap
// is present (all zero), so that IsNull reports true for every element;
// arrow's own NewNull leaves the bitmap out and IsNull would report false.
func NullArray(n int) arrow.Array {
	bm := make([]byte, bitutil.BytesForBits(int64(n)))
	return array.MakeFromData(array.NewData(arrow.Null, n, []*memory.Buffer{memory.NewBufferBytes(bm)}, nil, n, 0))
}

// IsNullAt reports whether element i of a is null; unlike a.IsNull it is
// also true for Arrow null-typed arrays, which carry no validity bitmap.
func IsNullAt(a arrow.Array, i int) bool {
	return a.IsNull(i) || a.DataType().ID() == arrow.NULL
}

// toDecimal converts a Go number (or Decimal) to a value of the Arrow
// decimal type dt; false when it does not fit.
func toDecimal(v any, dt *arrow.Decimal128Type) (sqltypes.Decimal, bool) {
	t := sqltypes.DecimalType{Precision: int(dt.Precision), Scale: int(dt.Scale)}
	switch x := v.(type) {
	case sqltypes.Decimal:
		if x.Scale == dt.Scale && x.Unscaled.FitsInPrecision(dt.Precision) {
			return x, true
		}
		return sqltypes.DecimalFromBig(x.BigInt(), int(x.Scale), t)
	case int32:
		return sqltypes.DecimalFromInt(int64(x), t)
	case int64:
		return sqltypes.DecimalFromInt(x, t)
	case int:
		return sqltypes.DecimalFromInt(int64(x), t)
	case string:
		return sqltypes.ParseDecimal(x, t)
	}
	f, ok := toFloat(v)
	if !ok {
		return sqltypes.Decimal{}, false
	}
	return sqltypes.DecimalFromFloat(f, t)
}
