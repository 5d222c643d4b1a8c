package streaming

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/expr"
)

// rowKey encodes the values of row i of cols as a string that is equal for
// equal (null-safe) keys; it keys the state of aggregation and
// dropDuplicates.
func rowKey(buf []byte, cols []arrow.Array, i int) []byte {
	for _, c := range cols {
		buf = appendKey(buf, expr.GetValue(c, i))
	}
	return buf
}

func appendKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 0)
	case bool:
		if x {
			return append(b, 1, 1)
		}
		return append(b, 1, 0)
	case int32:
		return binary.LittleEndian.AppendUint64(append(b, 2), uint64(int64(x)))
	case int64:
		return binary.LittleEndian.AppendUint64(append(b, 2), uint64(x))
	case float32:
		return binary.LittleEndian.AppendUint64(append(b, 3), math.Float64bits(float64(x)))
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, 3), math.Float64bits(x))
	case string:
		b = binary.LittleEndian.AppendUint32(append(b, 4), uint32(len(x)))
		return append(b, x...)
	case []byte:
		b = binary.LittleEndian.AppendUint32(append(b, 5), uint32(len(x)))
		return append(b, x...)
	case time.Time:
		return binary.LittleEndian.AppendUint64(append(b, 6), uint64(x.UnixMicro()))
	case expr.StructValue:
		b = append(b, 7, byte(len(x)))
		for _, f := range x {
			b = appendKey(b, f)
		}
		return b
	case []any:
		b = binary.LittleEndian.AppendUint32(append(b, 8), uint32(len(x)))
		for _, f := range x {
			b = appendKey(b, f)
		}
		return b
	}
	s := fmt.Sprint(v)
	b = binary.LittleEndian.AppendUint32(append(b, 9), uint32(len(s)))
	return append(b, s...)
}

// eventTimeOf returns the event time (microseconds) of a key value: a
// window's end or a timestamp.
func eventTimeOf(v any) (int64, bool) {
	switch x := v.(type) {
	case time.Time:
		return x.UnixMicro(), true
	case expr.StructValue:
		if len(x) == 2 {
			if t, ok := x[1].(time.Time); ok {
				return t.UnixMicro(), true
			}
		}
	}
	return 0, false
}
