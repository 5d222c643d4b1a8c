package expr

import (
	"fmt"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Literal is a constant. Value holds the canonical Go value for Type:
// bool, int32, int64, float32, float64, string, []byte, time.Time (timestamp
// and date), time.Duration (day-time interval), arrow.MonthInterval
// (year-month interval), or nil.
type Literal struct {
	leaf
	Value any
	Type  sqltypes.DataType
}

// Lit returns a literal of a Go value: int becomes integer when it fits (as
// in PySpark) and long otherwise; int64 long; float64 double; string, bool,
// []byte, time.Time (timestamp) and nil (null).
func Lit(v any) *Literal {
	switch x := v.(type) {
	case nil:
		return &Literal{Value: nil, Type: sqltypes.NullType}
	case bool:
		return &Literal{Value: x, Type: sqltypes.BooleanType}
	case int:
		if x >= -1<<31 && x < 1<<31 {
			return &Literal{Value: int32(x), Type: sqltypes.IntegerType}
		}
		return &Literal{Value: int64(x), Type: sqltypes.LongType}
	case int8:
		return &Literal{Value: int32(x), Type: sqltypes.IntegerType}
	case int16:
		return &Literal{Value: int32(x), Type: sqltypes.IntegerType}
	case int32:
		return &Literal{Value: x, Type: sqltypes.IntegerType}
	case int64:
		return &Literal{Value: x, Type: sqltypes.LongType}
	case uint8:
		return &Literal{Value: int32(x), Type: sqltypes.IntegerType}
	case uint16:
		return &Literal{Value: int32(x), Type: sqltypes.IntegerType}
	case uint32:
		return &Literal{Value: int64(x), Type: sqltypes.LongType}
	case uint:
		return &Literal{Value: int64(x), Type: sqltypes.LongType}
	case uint64:
		return &Literal{Value: int64(x), Type: sqltypes.LongType}
	case float32:
		return &Literal{Value: x, Type: sqltypes.FloatType}
	case float64:
		return &Literal{Value: x, Type: sqltypes.DoubleType}
	case string:
		return &Literal{Value: x, Type: sqltypes.StringType}
	case []byte:
		return &Literal{Value: x, Type: sqltypes.BinaryType}
	case time.Time:
		return &Literal{Value: x, Type: sqltypes.TimestampType}
	case time.Duration:
		return &Literal{Value: x, Type: sqltypes.DayTimeIntervalType{Start: sqltypes.IntervalDay, End: sqltypes.IntervalSecond}}
	}
	return &Literal{Value: fmt.Sprint(v), Type: sqltypes.StringType}
}

// TypedLit returns a literal of an explicit type (v must already be the
// canonical Go value for t).
func TypedLit(v any, t sqltypes.DataType) *Literal { return &Literal{Value: v, Type: t} }

// WithChildren returns the node.
func (l *Literal) WithChildren([]Expr) Expr { return l }

// DataType returns the literal's type.
func (l *Literal) DataType() sqltypes.DataType { return l.Type }

// Nullable reports whether the value is null.
func (l *Literal) Nullable() bool { return l.Value == nil }

// SQL returns Spark's pretty form: strings and numbers as they are, NULL,
// true/false, TIMESTAMP '...'.
func (l *Literal) SQL() string {
	switch x := l.Value.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return sqltypes.FormatDouble(x)
	case float32:
		return sqltypes.FormatFloat(x)
	case time.Time:
		if l.Type.Kind() == sqltypes.KindDate {
			return "DATE '" + x.Format("2006-01-02") + "'"
		}
		return "TIMESTAMP '" + sqltypes.FormatTimestamp(x.UnixMicro(), time.UTC) + "'"
	case []byte:
		return fmt.Sprintf("X'%X'", x)
	case time.Duration:
		if it, ok := l.Type.(sqltypes.DayTimeIntervalType); ok {
			return sqltypes.FormatDayTimeInterval(x.Microseconds(), it)
		}
	case arrow.MonthInterval:
		it, _ := l.Type.(sqltypes.YearMonthIntervalType)
		return sqltypes.FormatYearMonthInterval(int32(x), it)
	}
	return fmt.Sprint(l.Value)
}

// Eval broadcasts the value to the batch length.
func (l *Literal) Eval(_ *Context, b arrow.Record) (arrow.Array, error) {
	return Broadcast(l.Value, l.Type, int(b.NumRows())), nil
}
