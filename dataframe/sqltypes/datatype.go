package sqltypes

import (
	"strings"
)

// Kind identifies a data type's family.
type Kind int

// The kinds of data type, in Spark's numeric precedence order for the numbers.
const (
	KindNull Kind = iota
	KindBoolean
	KindInteger
	KindLong
	KindFloat
	KindDouble
	KindString
	KindBinary
	KindTimestamp
	KindDate
	KindArray
	KindMap
	KindStruct
	KindDecimal
	KindDayTimeInterval
	KindYearMonthInterval
)

// DataType is a Spark SQL data type.
type DataType interface {
	// Kind returns the type's family.
	Kind() Kind
	// SimpleString returns Spark's short form, e.g. "int" or "array<string>".
	SimpleString() string
	// TypeName returns Spark's type name, as printSchema shows it, e.g. "integer".
	TypeName() string
	// String returns Spark's Scala-style name, e.g. "IntegerType".
	String() string
}

// AtomicType is a type without children: the numbers, string, boolean,
// binary, timestamp, date and null.
type AtomicType struct{ kind Kind }

// The atomic types.
var (
	NullType      DataType = AtomicType{KindNull}
	BooleanType   DataType = AtomicType{KindBoolean}
	IntegerType   DataType = AtomicType{KindInteger}
	LongType      DataType = AtomicType{KindLong}
	FloatType     DataType = AtomicType{KindFloat}
	DoubleType    DataType = AtomicType{KindDouble}
	StringType    DataType = AtomicType{KindString}
	BinaryType    DataType = AtomicType{KindBinary}
	TimestampType DataType = AtomicType{KindTimestamp}
	DateType      DataType = AtomicType{KindDate}
)

var atomicNames = map[Kind][3]string{
	KindNull:      {"void", "void", "NullType"},
	KindBoolean:   {"boolean", "boolean", "BooleanType"},
	KindInteger:   {"int", "integer", "IntegerType"},
	KindLong:      {"bigint", "long", "LongType"},
	KindFloat:     {"float", "float", "FloatType"},
	KindDouble:    {"double", "double", "DoubleType"},
	KindString:    {"string", "string", "StringType"},
	KindBinary:    {"binary", "binary", "BinaryType"},
	KindTimestamp: {"timestamp", "timestamp", "TimestampType"},
	KindDate:      {"date", "date", "DateType"},
}

// Kind returns the type's family.
func (t AtomicType) Kind() Kind { return t.kind }

// SimpleString returns Spark's short form ("int", "bigint", ...).
func (t AtomicType) SimpleString() string { return atomicNames[t.kind][0] }

// TypeName returns Spark's type name ("integer", "long", ...).
func (t AtomicType) TypeName() string { return atomicNames[t.kind][1] }

// String returns Spark's Scala-style name ("IntegerType", ...).
func (t AtomicType) String() string { return atomicNames[t.kind][2] + "()" }

// ArrayType is an array of ElementType.
type ArrayType struct {
	ElementType  DataType
	ContainsNull bool
}

// Kind returns KindArray.
func (t ArrayType) Kind() Kind { return KindArray }

// SimpleString returns "array<elem>".
func (t ArrayType) SimpleString() string { return "array<" + t.ElementType.SimpleString() + ">" }

// TypeName returns "array".
func (t ArrayType) TypeName() string { return "array" }

// String returns "ArrayType(elem, containsNull)".
func (t ArrayType) String() string {
	return "ArrayType(" + t.ElementType.String() + ", " + boolText(t.ContainsNull) + ")"
}

// MapType maps KeyType to ValueType.
type MapType struct {
	KeyType           DataType
	ValueType         DataType
	ValueContainsNull bool
}

// Kind returns KindMap.
func (t MapType) Kind() Kind { return KindMap }

// SimpleString returns "map<k,v>".
func (t MapType) SimpleString() string {
	return "map<" + t.KeyType.SimpleString() + "," + t.ValueType.SimpleString() + ">"
}

// TypeName returns "map".
func (t MapType) TypeName() string { return "map" }

// String returns "MapType(k, v, valueContainsNull)".
func (t MapType) String() string {
	return "MapType(" + t.KeyType.String() + ", " + t.ValueType.String() + ", " + boolText(t.ValueContainsNull) + ")"
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// IsNumeric reports whether t is integer, long, float, double or decimal.
func IsNumeric(t DataType) bool {
	k := t.Kind()
	return (k >= KindInteger && k <= KindDouble) || k == KindDecimal
}

// IsIntegral reports whether t is integer or long.
func IsIntegral(t DataType) bool {
	k := t.Kind()
	return k == KindInteger || k == KindLong
}

// Equal reports whether two types are the same, ignoring nullability flags.
func Equal(a, b DataType) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.Kind() != b.Kind() {
		return false
	}
	switch x := a.(type) {
	case DecimalType:
		return x == b.(DecimalType)
	case DayTimeIntervalType:
		return x == b.(DayTimeIntervalType)
	case YearMonthIntervalType:
		return x == b.(YearMonthIntervalType)
	case ArrayType:
		return Equal(x.ElementType, b.(ArrayType).ElementType)
	case MapType:
		y := b.(MapType)
		return Equal(x.KeyType, y.KeyType) && Equal(x.ValueType, y.ValueType)
	case StructType:
		y := b.(StructType)
		if len(x.Fields) != len(y.Fields) {
			return false
		}
		for i := range x.Fields {
			if !strings.EqualFold(x.Fields[i].Name, y.Fields[i].Name) || !Equal(x.Fields[i].DataType, y.Fields[i].DataType) {
				return false
			}
		}
		return true
	}
	return true
}

// CatalogString returns the type as DDL text, e.g. "STRING" or "ARRAY<INT>".
func CatalogString(t DataType) string { return strings.ToUpper(t.SimpleString()) }

// SQLString returns Spark's DataType.sql text, e.g.
// "STRUCT<a: BIGINT, `User-Agent`: STRING>" or "ARRAY<DOUBLE>".
func SQLString(t DataType) string {
	switch x := t.(type) {
	case StructType:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			name := f.Name
			if !isPlainIdent(name) {
				name = "`" + strings.ReplaceAll(name, "`", "``") + "`"
			}
			parts[i] = name + ": " + SQLString(f.DataType)
		}
		return "STRUCT<" + strings.Join(parts, ", ") + ">"
	case ArrayType:
		return "ARRAY<" + SQLString(x.ElementType) + ">"
	case MapType:
		return "MAP<" + SQLString(x.KeyType) + ", " + SQLString(x.ValueType) + ">"
	}
	return strings.ToUpper(t.SimpleString())
}

func isPlainIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}
