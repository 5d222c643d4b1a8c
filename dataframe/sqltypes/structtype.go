package sqltypes

import (
	"strings"
)

// StructField is one field of a StructType.
type StructField struct {
	Name     string
	DataType DataType
	Nullable bool
}

// NewStructField returns a field; nullable defaults to true as in PySpark.
func NewStructField(name string, t DataType, nullable ...bool) StructField {
	n := true
	if len(nullable) > 0 {
		n = nullable[0]
	}
	return StructField{Name: name, DataType: t, Nullable: n}
}

// SimpleString returns "name:type".
func (f StructField) SimpleString() string { return f.Name + ":" + f.DataType.SimpleString() }

// String returns Spark's "StructField('name', StringType(), True)".
func (f StructField) String() string {
	n := "True"
	if !f.Nullable {
		n = "False"
	}
	return "StructField('" + f.Name + "', " + f.DataType.String() + ", " + n + ")"
}

// StructType is a row schema: an ordered list of fields.
type StructType struct {
	Fields []StructField
}

// NewStructType returns a StructType of the given fields.
func NewStructType(fields ...StructField) StructType {
	return StructType{Fields: append([]StructField(nil), fields...)}
}

// Kind returns KindStruct.
func (t StructType) Kind() Kind { return KindStruct }

// TypeName returns "struct".
func (t StructType) TypeName() string { return "struct" }

// SimpleString returns "struct<a:int,b:string>".
func (t StructType) SimpleString() string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.SimpleString()
	}
	return "struct<" + strings.Join(parts, ",") + ">"
}

// String returns PySpark's "StructType([StructField('a', IntegerType(), True)])".
func (t StructType) String() string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.String()
	}
	return "StructType([" + strings.Join(parts, ", ") + "])"
}

// FieldNames returns the names of the fields in order.
func (t StructType) FieldNames() []string {
	out := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		out[i] = f.Name
	}
	return out
}

// Add returns a copy of t with one more field. The arguments are either a
// StructField, or a name followed by a type (a DataType or a DDL type name
// such as "string") and an optional nullable bool.
func (t StructType) Add(args ...any) StructType {
	out := StructType{Fields: append([]StructField(nil), t.Fields...)}
	if len(args) == 0 {
		return out
	}
	if f, ok := args[0].(StructField); ok {
		out.Fields = append(out.Fields, f)
		return out
	}
	name, _ := args[0].(string)
	var dt DataType = StringType
	if len(args) > 1 {
		switch x := args[1].(type) {
		case DataType:
			dt = x
		case string:
			if p, err := ParseType(x); err == nil {
				dt = p
			}
		}
	}
	nullable := true
	if len(args) > 2 {
		if b, ok := args[2].(bool); ok {
			nullable = b
		}
	}
	out.Fields = append(out.Fields, StructField{Name: name, DataType: dt, Nullable: nullable})
	return out
}

// FieldIndex returns the index of the field named name (case-insensitive),
// or -1.
func (t StructType) FieldIndex(name string) int {
	for i, f := range t.Fields {
		if f.Name == name {
			return i
		}
	}
	for i, f := range t.Fields {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

// TreeString returns Spark's printSchema text, starting with "root".
func (t StructType) TreeString() string {
	var b strings.Builder
	b.WriteString("root\n")
	for _, f := range t.Fields {
		writeField(&b, " |", f.Name, f.DataType, "nullable", f.Nullable)
	}
	return b.String()
}

func writeField(b *strings.Builder, prefix, name string, dt DataType, flag string, v bool) {
	b.WriteString(prefix)
	b.WriteString("-- ")
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(dt.TypeName())
	if flag != "" {
		b.WriteString(" (" + flag + " = " + boolText(v) + ")")
	}
	b.WriteString("\n")
	writeChildren(b, prefix+"    |", dt)
}

func writeChildren(b *strings.Builder, prefix string, dt DataType) {
	switch x := dt.(type) {
	case StructType:
		for _, f := range x.Fields {
			writeField(b, prefix, f.Name, f.DataType, "nullable", f.Nullable)
		}
	case ArrayType:
		writeField(b, prefix, "element", x.ElementType, "containsNull", x.ContainsNull)
	case MapType:
		writeField(b, prefix, "key", x.KeyType, "", false)
		writeField(b, prefix, "value", x.ValueType, "valueContainsNull", x.ValueContainsNull)
	}
}
