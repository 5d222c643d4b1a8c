package sqltypes

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// JSON returns Spark's schema JSON, e.g.
// {"fields":[{"metadata":{},"name":"a","nullable":true,"type":"integer"}],"type":"struct"}.
// Keys are sorted, as PySpark's StructType.json() prints them.
func (t StructType) JSON() string { return typeJSON(t) }

// TypeJSON returns Spark's JSON form of any data type.
func TypeJSON(t DataType) string { return typeJSON(t) }

func typeJSON(t DataType) string {
	switch x := t.(type) {
	case StructType:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			parts[i] = `{"metadata":{},"name":` + strconv.Quote(f.Name) + `,"nullable":` + boolText(f.Nullable) + `,"type":` + typeJSON(f.DataType) + `}`
		}
		return `{"fields":[` + strings.Join(parts, ",") + `],"type":"struct"}`
	case ArrayType:
		return `{"containsNull":` + boolText(x.ContainsNull) + `,"elementType":` + typeJSON(x.ElementType) + `,"type":"array"}`
	case MapType:
		return `{"keyType":` + typeJSON(x.KeyType) + `,"type":"map","valueContainsNull":` + boolText(x.ValueContainsNull) + `,"valueType":` + typeJSON(x.ValueType) + `}`
	}
	return `"` + t.TypeName() + `"`
}

// ParseJSONType parses Spark's schema JSON back into a data type.
func ParseJSONType(s string) (DataType, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, err
	}
	return fromJSONValue(v)
}

func fromJSONValue(v any) (DataType, error) {
	switch x := v.(type) {
	case string:
		return ParseType(x)
	case map[string]any:
		switch x["type"] {
		case "struct":
			var st StructType
			fields, _ := x["fields"].([]any)
			for _, f := range fields {
				fm, _ := f.(map[string]any)
				dt, err := fromJSONValue(fm["type"])
				if err != nil {
					return nil, err
				}
				name, _ := fm["name"].(string)
				nullable, _ := fm["nullable"].(bool)
				st.Fields = append(st.Fields, StructField{Name: name, DataType: dt, Nullable: nullable})
			}
			return st, nil
		case "array":
			et, err := fromJSONValue(x["elementType"])
			if err != nil {
				return nil, err
			}
			cn, _ := x["containsNull"].(bool)
			return ArrayType{ElementType: et, ContainsNull: cn}, nil
		case "map":
			kt, err := fromJSONValue(x["keyType"])
			if err != nil {
				return nil, err
			}
			vt, err := fromJSONValue(x["valueType"])
			if err != nil {
				return nil, err
			}
			vn, _ := x["valueContainsNull"].(bool)
			return MapType{KeyType: kt, ValueType: vt, ValueContainsNull: vn}, nil
		}
	}
	return nil, fmt.Errorf("cannot parse schema JSON %v", v)
}
