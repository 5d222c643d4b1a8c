package types

import "github.com/eddykernel/eddy/dataframe/sqltypes"

// The atomic types.
var (
	StringType    = sqltypes.StringType
	IntegerType   = sqltypes.IntegerType
	LongType      = sqltypes.LongType
	FloatType     = sqltypes.FloatType
	DoubleType    = sqltypes.DoubleType
	BooleanType   = sqltypes.BooleanType
	BinaryType    = sqltypes.BinaryType
	TimestampType = sqltypes.TimestampType
	DateType      = sqltypes.DateType
	NullType      = sqltypes.NullType
)

// StructType returns a schema of the given fields.
func StructType(fields ...sqltypes.StructField) sqltypes.StructType {
	return sqltypes.NewStructType(fields...)
}

// StructField returns a field; nullable defaults to true.
func StructField(name string, t sqltypes.DataType, nullable ...bool) sqltypes.StructField {
	return sqltypes.NewStructField(name, t, nullable...)
}

// ArrayType returns array<t>; containsNull defaults to true.
func ArrayType(t sqltypes.DataType, containsNull ...bool) sqltypes.ArrayType {
	cn := true
	if len(containsNull) > 0 {
		cn = containsNull[0]
	}
	return sqltypes.ArrayType{ElementType: t, ContainsNull: cn}
}

// MapType returns map<k, v>; valueContainsNull defaults to true.
func MapType(k, v sqltypes.DataType, valueContainsNull ...bool) sqltypes.MapType {
	vn := true
	if len(valueContainsNull) > 0 {
		vn = valueContainsNull[0]
	}
	return sqltypes.MapType{KeyType: k, ValueType: v, ValueContainsNull: vn}
}

// ParseDDL parses "name STRING, amount DOUBLE, flag INT" into a StructType.
func ParseDDL(s string) (sqltypes.StructType, error) { return sqltypes.ParseDDL(s) }

// DecimalType returns decimal(precision, scale); as in PySpark the precision
// defaults to 10 and the scale to 0 (T.DecimalType(10, 2)).
func DecimalType(precisionScale ...int) sqltypes.DecimalType {
	t := sqltypes.DecimalType{Precision: 10}
	if len(precisionScale) > 0 {
		t.Precision = precisionScale[0]
	}
	if len(precisionScale) > 1 {
		t.Scale = precisionScale[1]
	}
	return t
}
