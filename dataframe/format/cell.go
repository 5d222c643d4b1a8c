package format

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Cell returns the text show() prints for element i of a (Spark 3.5's
// ToPrettyString: NULL for nulls at any depth).
func Cell(a arrow.Array, i int, t sqltypes.DataType, loc *time.Location) string {
	if expr.IsNullAt(a, i) {
		return "NULL"
	}
	switch x := a.(type) {
	case *array.String:
		return x.Value(i)
	case *array.Int32:
		return strconv.FormatInt(int64(x.Value(i)), 10)
	case *array.Int64:
		return strconv.FormatInt(x.Value(i), 10)
	}
	return Value(expr.GetValue(a, i), t, loc)
}

// Value renders a Go value (as expr.GetValue returns) the way show() does.
func Value(v any, t sqltypes.DataType, loc *time.Location) string {
	if v == nil {
		return "NULL"
	}
	if loc == nil {
		loc = time.UTC
	}
	switch x := v.(type) {
	case []byte:
		parts := make([]string, len(x))
		for i, b := range x {
			parts[i] = fmt.Sprintf("%02X", b)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case expr.StructValue:
		st, _ := t.(sqltypes.StructType)
		parts := make([]string, len(x))
		for i, fv := range x {
			var ft sqltypes.DataType = sqltypes.StringType
			if i < len(st.Fields) {
				ft = st.Fields[i].DataType
			}
			parts[i] = Value(fv, ft, loc)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		var et sqltypes.DataType = sqltypes.StringType
		if at, ok := t.(sqltypes.ArrayType); ok {
			et = at.ElementType
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Value(e, et, loc)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case expr.MapValue:
		kt, vt := sqltypes.StringType, sqltypes.StringType
		if mt, ok := t.(sqltypes.MapType); ok {
			kt, vt = mt.KeyType, mt.ValueType
		}
		parts := make([]string, len(x.Keys))
		for i := range x.Keys {
			parts[i] = Value(x.Keys[i], kt, loc) + " -> " + Value(x.Values[i], vt, loc)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return expr.ValueString(v, t, loc)
}
