package dataframe

import "github.com/eddykernel/eddy/dataframe/sqltypes"

// DataType is a Spark SQL data type.
type DataType = sqltypes.DataType

// StructType is a row schema: Fields, FieldNames(), Add(...),
// SimpleString(), JSON(), TreeString().
type StructType = sqltypes.StructType

// StructField is one field of a StructType: Name, DataType, Nullable.
type StructField = sqltypes.StructField

// ArrayType is array<ElementType>.
type ArrayType = sqltypes.ArrayType

// MapType is map<KeyType, ValueType>.
type MapType = sqltypes.MapType

// DecimalType is decimal(Precision, Scale), stored as Arrow decimal128.
type DecimalType = sqltypes.DecimalType

// Decimal is a decimal value as Row.Get returns it: an unscaled 128-bit
// integer and a scale; String prints it with exactly Scale digits.
type Decimal = sqltypes.Decimal

// AtomicType is a type without children (string, integer, ...).
type AtomicType = sqltypes.AtomicType

// The atomic types, also available as T.StringType etc.
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
