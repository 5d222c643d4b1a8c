package sqltypes

import (
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
)

// ArrowTimestamp is the Arrow type of Spark timestamps: microseconds, UTC.
var ArrowTimestamp = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}

// ToArrow returns the Arrow type that stores values of t.
func ToArrow(t DataType) arrow.DataType {
	switch x := t.(type) {
	case StructType:
		fs := make([]arrow.Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = arrow.Field{Name: f.Name, Type: ToArrow(f.DataType), Nullable: true}
		}
		return arrow.StructOf(fs...)
	case ArrayType:
		return arrow.ListOf(ToArrow(x.ElementType))
	case MapType:
		return arrow.MapOf(ToArrow(x.KeyType), ToArrow(x.ValueType))
	case DecimalType:
		return &arrow.Decimal128Type{Precision: int32(x.Precision), Scale: int32(x.Scale)}
	case DayTimeIntervalType:
		return arrow.FixedWidthTypes.Duration_us
	case YearMonthIntervalType:
		return arrow.FixedWidthTypes.MonthInterval
	}
	switch t.Kind() {
	case KindBoolean:
		return arrow.FixedWidthTypes.Boolean
	case KindInteger:
		return arrow.PrimitiveTypes.Int32
	case KindLong:
		return arrow.PrimitiveTypes.Int64
	case KindFloat:
		return arrow.PrimitiveTypes.Float32
	case KindDouble:
		return arrow.PrimitiveTypes.Float64
	case KindString:
		return arrow.BinaryTypes.String
	case KindBinary:
		return arrow.BinaryTypes.Binary
	case KindTimestamp:
		return ArrowTimestamp
	case KindDate:
		return arrow.FixedWidthTypes.Date32
	}
	return arrow.Null
}

// ToArrowSchema returns the Arrow schema of a StructType. Every Arrow field
// is nullable, so that batches of either nullability share one layout.
func ToArrowSchema(st StructType) *arrow.Schema {
	fs := make([]arrow.Field, len(st.Fields))
	for i, f := range st.Fields {
		fs[i] = arrow.Field{Name: f.Name, Type: ToArrow(f.DataType), Nullable: true}
	}
	return arrow.NewSchema(fs, nil)
}

// FromArrow returns the Spark type of an Arrow type.
func FromArrow(t arrow.DataType) (DataType, error) {
	switch x := t.(type) {
	case *arrow.StructType:
		var st StructType
		for _, f := range x.Fields() {
			dt, err := FromArrow(f.Type)
			if err != nil {
				return nil, err
			}
			st.Fields = append(st.Fields, StructField{Name: f.Name, DataType: dt, Nullable: f.Nullable})
		}
		return st, nil
	case *arrow.MapType:
		kt, err := FromArrow(x.KeyType())
		if err != nil {
			return nil, err
		}
		vt, err := FromArrow(x.ItemType())
		if err != nil {
			return nil, err
		}
		return MapType{KeyType: kt, ValueType: vt, ValueContainsNull: true}, nil
	case *arrow.ListType:
		et, err := FromArrow(x.Elem())
		if err != nil {
			return nil, err
		}
		return ArrayType{ElementType: et, ContainsNull: true}, nil
	case *arrow.Decimal128Type:
		return DecimalType{Precision: int(x.Precision), Scale: int(x.Scale)}, nil
	case *arrow.LargeListType:
		et, err := FromArrow(x.Elem())
		if err != nil {
			return nil, err
		}
		return ArrayType{ElementType: et, ContainsNull: true}, nil
	}
	switch t.ID() {
	case arrow.NULL:
		return NullType, nil
	case arrow.BOOL:
		return BooleanType, nil
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.UINT8, arrow.UINT16:
		return IntegerType, nil
	case arrow.INT64, arrow.UINT32, arrow.UINT64:
		return LongType, nil
	case arrow.FLOAT16, arrow.FLOAT32:
		return FloatType, nil
	case arrow.FLOAT64, arrow.DECIMAL256:
		return DoubleType, nil
	case arrow.STRING, arrow.LARGE_STRING:
		return StringType, nil
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.FIXED_SIZE_BINARY:
		return BinaryType, nil
	case arrow.TIMESTAMP:
		return TimestampType, nil
	case arrow.DATE32, arrow.DATE64:
		return DateType, nil
	case arrow.DURATION:
		return DayTimeIntervalType{Start: IntervalDay, End: IntervalSecond}, nil
	case arrow.INTERVAL_MONTHS:
		return YearMonthIntervalType{Start: IntervalYear, End: IntervalMonth}, nil
	}
	return nil, fmt.Errorf("unsupported Arrow type %s", t)
}
