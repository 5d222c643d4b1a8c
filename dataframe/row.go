package dataframe

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Row is one result row. Values are Go values: int32, int64, float32,
// float64, Decimal, string, bool, []byte, time.Time, Row (structs), []any
// (arrays), map[any]any (maps) or nil.
type Row struct {
	schema sqltypes.StructType
	values []any
	// raw holds the engine's values (ordered maps), used by String so that
	// maps print in their stored order; nil for rows built from Go values.
	raw []any
}

// NewRow returns a row with a schema and values.
func NewRow(schema StructType, values []any) Row { return Row{schema: schema, values: values} }

// Len returns the number of fields.
func (r Row) Len() int { return len(r.values) }

// Values returns the values in order.
func (r Row) Values() []any { return r.values }

// Get returns field i, or nil when out of range.
func (r Row) Get(i int) any {
	if i < 0 || i >= len(r.values) {
		return nil
	}
	return r.values[i]
}

// GetAs returns the field with the given name.
func (r Row) GetAs(name string) any {
	idx := r.schema.FieldIndex(name)
	if idx < 0 {
		return nil
	}
	return r.values[idx]
}

// GetString returns field i as a string ("" for null; other types are
// formatted).
func (r Row) GetString(i int) string {
	switch v := r.Get(i).(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// GetInt64 returns field i as an int64 (0 for null or non-numbers).
func (r Row) GetInt64(i int) int64 {
	switch v := r.Get(i).(type) {
	case int32:
		return int64(v)
	case int64:
		return v
	case float32:
		return int64(v)
	case float64:
		return int64(v)
	case bool:
		if v {
			return 1
		}
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n
	}
	return 0
}

// GetFloat64 returns field i as a float64 (0 for null or non-numbers).
func (r Row) GetFloat64(i int) float64 {
	switch v := r.Get(i).(type) {
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case float32:
		return float64(v)
	case float64:
		return v
	case sqltypes.Decimal:
		return v.Float64()
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f
	}
	return 0
}

// GetBool returns field i as a bool.
func (r Row) GetBool(i int) bool {
	b, _ := r.Get(i).(bool)
	return b
}

// AsMap returns the fields by name (nested rows stay Rows).
func (r Row) AsMap() map[string]any {
	out := make(map[string]any, len(r.values))
	for i, f := range r.schema.Fields {
		if i < len(r.values) {
			out[f.Name] = r.values[i]
		}
	}
	return out
}

// AsDict is PySpark's Row.asDict: the fields by name. With recursive true,
// nested rows, also inside arrays and maps, become maps too.
func (r Row) AsDict(recursive ...bool) map[string]any {
	out := r.AsMap()
	if len(recursive) > 0 && recursive[0] {
		for k, v := range out {
			out[k] = rowsAsDicts(v)
		}
	}
	return out
}

// rowsAsDicts converts the rows in v into maps, recursively.
func rowsAsDicts(v any) any {
	switch x := v.(type) {
	case Row:
		return x.AsDict(true)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = rowsAsDicts(e)
		}
		return out
	case map[any]any:
		out := make(map[any]any, len(x))
		for k, e := range x {
			out[k] = rowsAsDicts(e)
		}
		return out
	}
	return v
}

// Schema returns the row's schema.
func (r Row) Schema() StructType { return r.schema }

// String prints the row as PySpark does: Row(vendor_id=1, count=3).
func (r Row) String() string {
	parts := make([]string, len(r.values))
	for i, v := range r.values {
		name := fmt.Sprintf("_%d", i+1)
		if i < len(r.schema.Fields) {
			name = r.schema.Fields[i].Name
		}
		var t sqltypes.DataType = sqltypes.NullType
		if i < len(r.schema.Fields) {
			t = r.schema.Fields[i].DataType
		}
		if r.raw != nil && i < len(r.raw) {
			v = r.raw[i]
		}
		parts[i] = name + "=" + pyRepr(v, t)
	}
	return "Row(" + strings.Join(parts, ", ") + ")"
}

// pyRepr renders a value as Python's repr would.
func pyRepr(v any, t sqltypes.DataType) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return pyString(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float32:
		return pyFloat(float64(x), 64)
	case float64:
		return pyFloat(x, 64)
	case sqltypes.Decimal:
		return "Decimal('" + x.String() + "')"
	case []byte:
		return "bytearray(b'" + string(x) + "')"
	case time.Time:
		if t != nil && t.Kind() == sqltypes.KindDate {
			return fmt.Sprintf("datetime.date(%d, %d, %d)", x.Year(), int(x.Month()), x.Day())
		}
		s := fmt.Sprintf("datetime.datetime(%d, %d, %d, %d, %d", x.Year(), int(x.Month()), x.Day(), x.Hour(), x.Minute())
		if x.Second() != 0 || x.Nanosecond() != 0 {
			s += fmt.Sprintf(", %d", x.Second())
		}
		if x.Nanosecond() != 0 {
			s += fmt.Sprintf(", %d", x.Nanosecond()/1000)
		}
		return s + ")"
	case Row:
		return x.String()
	case []any:
		var et sqltypes.DataType = sqltypes.NullType
		if at, ok := t.(sqltypes.ArrayType); ok {
			et = at.ElementType
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e, et)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case expr.MapValue:
		var kt, vt sqltypes.DataType = sqltypes.NullType, sqltypes.NullType
		if mt, ok := t.(sqltypes.MapType); ok {
			kt, vt = mt.KeyType, mt.ValueType
		}
		parts := make([]string, len(x.Keys))
		for i := range x.Keys {
			parts[i] = pyRepr(x.Keys[i], kt) + ": " + pyRepr(x.Values[i], vt)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case expr.StructValue:
		st, _ := t.(sqltypes.StructType)
		return Row{schema: st, values: x, raw: x}.String()
	case map[any]any:
		var kt, vt sqltypes.DataType = sqltypes.NullType, sqltypes.NullType
		if mt, ok := t.(sqltypes.MapType); ok {
			kt, vt = mt.KeyType, mt.ValueType
		}
		parts := make([]string, 0, len(x))
		for k, val := range x {
			parts = append(parts, pyRepr(k, kt)+": "+pyRepr(val, vt))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

func pyString(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, "\"") {
		q = "\""
	}
	var b strings.Builder
	b.WriteString(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == q:
			b.WriteString(`\` + q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(fmt.Sprintf(`\x%02x`, r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(q)
	return b.String()
}

// pyFloat renders a float as Python's repr: shortest round-trip digits,
// exponent form outside [1e-4, 1e16).
func pyFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, bits)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if len(exp) < 2 {
			exp = strings.Repeat("0", 2-len(exp)) + exp
		}
		return mant + "e" + string(sign) + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, bits)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// toRowValue converts an engine value into Row.Get's Go form.
func toRowValue(v any, t sqltypes.DataType) any {
	switch x := v.(type) {
	case expr.StructValue:
		st, _ := t.(sqltypes.StructType)
		vals := make([]any, len(x))
		for i, fv := range x {
			var ft sqltypes.DataType = sqltypes.NullType
			if i < len(st.Fields) {
				ft = st.Fields[i].DataType
			}
			vals[i] = toRowValue(fv, ft)
		}
		return Row{schema: st, values: vals}
	case []any:
		var et sqltypes.DataType = sqltypes.NullType
		if at, ok := t.(sqltypes.ArrayType); ok {
			et = at.ElementType
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toRowValue(e, et)
		}
		return out
	case expr.MapValue:
		var kt, vt sqltypes.DataType = sqltypes.NullType, sqltypes.NullType
		if mt, ok := t.(sqltypes.MapType); ok {
			kt, vt = mt.KeyType, mt.ValueType
		}
		m := make(map[any]any, len(x.Keys))
		for i := range x.Keys {
			m[toRowValue(x.Keys[i], kt)] = toRowValue(x.Values[i], vt)
		}
		return m
	}
	return v
}
