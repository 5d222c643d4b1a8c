package dataframe

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// toSchema accepts a StructType, a *StructType or a DDL string.
func toSchema(v any) (sqltypes.StructType, error) {
	switch x := v.(type) {
	case sqltypes.StructType:
		return x, nil
	case *sqltypes.StructType:
		return *x, nil
	case string:
		return sqltypes.ParseDDL(x)
	}
	return sqltypes.StructType{}, sparkerr.IllegalArgument("schema should be StructType or a DDL string, got %T", v)
}

// CreateDataFrame builds a DataFrame from Go data: a slice of structs (fields
// named by a `spark:"name"` or `json:"name"` tag or the field name), a
// [][]any of rows, a []Row, a []map[string]any, or a []string (one column
// named value). The optional schema is a StructType, a DDL string, or a list
// of column names ([]string or several strings) applied to inferred types.
func (s *Session) CreateDataFrame(data any, schema ...any) *DataFrame {
	df, err := s.createDataFrame(data, schema)
	if err != nil {
		return s.ErrDataFrame(err)
	}
	return df
}

func (s *Session) createDataFrame(data any, schema []any) (*DataFrame, error) {
	var rows [][]any
	var names []string
	var inferred []sqltypes.DataType
	switch x := data.(type) {
	case []string:
		for _, v := range x {
			rows = append(rows, []any{v})
		}
		names, inferred = []string{"value"}, []sqltypes.DataType{sqltypes.StringType}
	case [][]any:
		rows = x
	case []Row:
		for _, r := range x {
			rows = append(rows, r.values)
		}
		if len(x) > 0 {
			names = x[0].schema.FieldNames()
		}
	case []map[string]any:
		keys := map[string]bool{}
		for _, m := range x {
			for k := range m {
				keys[k] = true
			}
		}
		for k := range keys {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, m := range x {
			row := make([]any, len(names))
			for i, k := range names {
				row[i] = m[k]
			}
			rows = append(rows, row)
		}
	default:
		rv := reflect.ValueOf(data)
		if rv.Kind() != reflect.Slice {
			return nil, sparkerr.IllegalArgument("[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `%T`.", data)
		}
		et := rv.Type().Elem()
		for et.Kind() == reflect.Pointer {
			et = et.Elem()
		}
		if et.Kind() != reflect.Struct {
			for i := 0; i < rv.Len(); i++ {
				rows = append(rows, []any{rv.Index(i).Interface()})
			}
			names = []string{"value"}
			break
		}
		var fields []int
		for i := 0; i < et.NumField(); i++ {
			f := et.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag := f.Tag.Get("spark"); tag != "" {
				name = strings.Split(tag, ",")[0]
			} else if tag := f.Tag.Get("json"); tag != "" && tag != "-" {
				name = strings.Split(tag, ",")[0]
			}
			names = append(names, name)
			fields = append(fields, i)
		}
		for i := 0; i < rv.Len(); i++ {
			ev := rv.Index(i)
			for ev.Kind() == reflect.Pointer {
				ev = ev.Elem()
			}
			row := make([]any, len(fields))
			for j, fi := range fields {
				row[j] = ev.Field(fi).Interface()
			}
			rows = append(rows, row)
		}
	}
	ncols := len(names)
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	var st sqltypes.StructType
	userSchema := false
	if len(schema) > 0 {
		switch x := schema[0].(type) {
		case []string:
			names = x
		case string:
			if len(schema) > 1 || (!strings.ContainsAny(x, " :<") && len(schema) == 1 && ncols == 1 && !looksDDL(x)) {
				for _, n := range schema {
					ns, _ := n.(string)
					names = append(names[:0:0], names...)
					_ = ns
				}
				names = nil
				for _, n := range schema {
					ns, _ := n.(string)
					names = append(names, ns)
				}
			} else {
				p, err := sqltypes.ParseDDL(x)
				if err != nil {
					return nil, err
				}
				st, userSchema = p, true
			}
		default:
			p, err := toSchema(schema[0])
			if err != nil {
				return nil, err
			}
			st, userSchema = p, true
		}
	}
	if !userSchema {
		for c := 0; c < ncols; c++ {
			var t sqltypes.DataType = sqltypes.NullType
			if c < len(inferred) {
				t = inferred[c]
			}
			for _, r := range rows {
				if c < len(r) && r[c] != nil {
					vt, err := inferType(r[c])
					if err != nil {
						return nil, err
					}
					if t.Kind() == sqltypes.KindNull {
						t = vt
					} else if wt, ok := expr.CommonType(t, vt); ok && t.Kind() != vt.Kind() && sqltypes.IsNumeric(t) && sqltypes.IsNumeric(vt) {
						t = wt
					}
				}
			}
			name := fmt.Sprintf("_%d", c+1)
			if c < len(names) {
				name = names[c]
			}
			st.Fields = append(st.Fields, sqltypes.StructField{Name: name, DataType: t, Nullable: true})
		}
	}
	rec, err := buildRecord(st, rows)
	if err != nil {
		return nil, err
	}
	return s.NewDataFrame(plan.NewLocalRelation(st, []arrow.Record{rec}, "LocalRelation")), nil
}

func looksDDL(s string) bool {
	_, err := sqltypes.ParseDDL(s)
	return err == nil && strings.Contains(s, " ")
}

// inferType maps a Go value onto a Spark type as PySpark infers Python
// values (int → bigint).
func inferType(v any) (sqltypes.DataType, error) {
	switch x := v.(type) {
	case bool:
		return sqltypes.BooleanType, nil
	case int, int64, uint32, uint, uint64:
		return sqltypes.LongType, nil
	case int32, int16, int8, uint8, uint16:
		return sqltypes.IntegerType, nil
	case float64:
		return sqltypes.DoubleType, nil
	case float32:
		return sqltypes.FloatType, nil
	case string:
		return sqltypes.StringType, nil
	case []byte:
		return sqltypes.BinaryType, nil
	case time.Time:
		return sqltypes.TimestampType, nil
	case Row:
		st := sqltypes.StructType{}
		for i, val := range x.values {
			t, err := inferType(val)
			if err != nil {
				return nil, err
			}
			name := fmt.Sprintf("_%d", i+1)
			if i < len(x.schema.Fields) {
				name = x.schema.Fields[i].Name
			}
			st.Fields = append(st.Fields, sqltypes.StructField{Name: name, DataType: t, Nullable: true})
		}
		return st, nil
	case []any:
		var et sqltypes.DataType = sqltypes.NullType
		for _, e := range x {
			if e != nil {
				t, err := inferType(e)
				if err != nil {
					return nil, err
				}
				et = t
				break
			}
		}
		return sqltypes.ArrayType{ElementType: et, ContainsNull: true}, nil
	case []string:
		return sqltypes.ArrayType{ElementType: sqltypes.StringType, ContainsNull: true}, nil
	case []int:
		return sqltypes.ArrayType{ElementType: sqltypes.LongType, ContainsNull: true}, nil
	case []float64:
		return sqltypes.ArrayType{ElementType: sqltypes.DoubleType, ContainsNull: true}, nil
	case map[string]any:
		var vt sqltypes.DataType = sqltypes.NullType
		for _, e := range x {
			if e != nil {
				t, err := inferType(e)
				if err != nil {
					return nil, err
				}
				vt = t
				break
			}
		}
		return sqltypes.MapType{KeyType: sqltypes.StringType, ValueType: vt, ValueContainsNull: true}, nil
	case map[string]string:
		return sqltypes.MapType{KeyType: sqltypes.StringType, ValueType: sqltypes.StringType, ValueContainsNull: true}, nil
	}
	return nil, sparkerr.IllegalArgument("[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field for value %v (%T).", v, v)
}

// normalizeValue converts Go values into forms expr.AppendValue accepts.
func normalizeValue(v any, t sqltypes.DataType) any {
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = int64(s)
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case map[string]string:
		m := expr.MapValue{}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			m.Keys, m.Values = append(m.Keys, k), append(m.Values, x[k])
		}
		return m
	case []any:
		if at, ok := t.(sqltypes.ArrayType); ok {
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = normalizeValue(e, at.ElementType)
			}
			return out
		}
		if st, ok := t.(sqltypes.StructType); ok {
			out := make([]any, len(x))
			for i, e := range x {
				if i < len(st.Fields) {
					out[i] = normalizeValue(e, st.Fields[i].DataType)
				}
			}
			return out
		}
	case Row:
		if st, ok := t.(sqltypes.StructType); ok {
			out := make([]any, len(x.values))
			for i, e := range x.values {
				if i < len(st.Fields) {
					out[i] = normalizeValue(e, st.Fields[i].DataType)
				}
			}
			return out
		}
	case string:
		switch t.Kind() {
		case sqltypes.KindTimestamp:
			if us, ok := expr.ParseTimestamp(x, time.UTC); ok {
				return us
			}
			return nil
		case sqltypes.KindDate:
			if d, ok := expr.ParseDate(x); ok {
				return d
			}
			return nil
		}
	case time.Time:
		if t.Kind() == sqltypes.KindDate {
			return int32(x.Unix() / 86400)
		}
	}
	return v
}

func buildRecord(st sqltypes.StructType, rows [][]any) (arrow.Record, error) {
	schema := sqltypes.ToArrowSchema(st)
	b := array.NewRecordBuilder(expr.Mem, schema)
	for ri, r := range rows {
		if len(r) > len(st.Fields) {
			return nil, sparkerr.IllegalArgument("[LENGTH_SHOULD_BE_THE_SAME] obj and fields should be of the same length, got %d and %d. (row %d)", len(r), len(st.Fields), ri)
		}
		for c := range st.Fields {
			var v any
			if c < len(r) {
				v = normalizeValue(r[c], st.Fields[c].DataType)
			}
			if v != nil && !st.Fields[c].Nullable && false {
				continue
			}
			expr.AppendValue(b.Field(c), v)
		}
	}
	return b.NewRecord(), nil
}
