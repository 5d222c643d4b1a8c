package streaming

import (
	"io"
	"slices"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
)

// kafkaBuilder accumulates the records fetched from one partition into the
// columns of Spark's Kafka schema. Keys and values are read straight into
// the columns' data buffers; topic and partition, the same for every
// record, are filled in once at the end.
type kafkaBuilder struct {
	topic     string
	partition int32
	key       binaryColumn
	value     binaryColumn
	offset    []int64
	ts        []int64
	tsType    []int32
	headers   *array.ListBuilder
}

func newKafkaBuilder(topic string, partition int, headers bool) *kafkaBuilder {
	b := &kafkaBuilder{topic: topic, partition: int32(partition)}
	if headers {
		b.headers = array.NewListBuilder(memory.DefaultAllocator, sqltypes.ToArrow(kafkaSchema(true).Fields[7].DataType).(*arrow.ListType).Elem())
	}
	return b
}

// reserve sizes the columns for n records.
func (b *kafkaBuilder) reserve(n int) {
	b.key.reserve(n, 0)
	b.value.reserve(n, n*64)
	b.offset = make([]int64, 0, n)
	b.ts = make([]int64, 0, n)
	b.tsType = make([]int32, 0, n)
}

// logAppendTime is the record batch attribute bit of broker-assigned
// timestamps (timestampType 1 in Spark's schema).
const logAppendTime = 1 << 3

// timestampType returns Spark's timestampType of a record batch: 0 for
// CreateTime, 1 for LogAppendTime.
func timestampType(rr protocol.RecordReader) int32 {
	var attrs protocol.Attributes
	switch x := rr.(type) {
	case *protocol.RecordBatch:
		attrs = x.Attributes
	case *protocol.MessageSet:
		attrs = x.Attributes
	}
	if attrs&logAppendTime != 0 {
		return 1
	}
	return 0
}

func (b *kafkaBuilder) add(r *protocol.Record, tsType int32) error {
	if err := b.key.add(r.Key); err != nil {
		return err
	}
	if err := b.value.add(r.Value); err != nil {
		return err
	}
	b.offset = append(b.offset, r.Offset)
	b.ts = append(b.ts, r.Time.UnixMicro())
	b.tsType = append(b.tsType, tsType)
	if b.headers != nil {
		b.headers.Append(true)
		sb := b.headers.ValueBuilder().(*array.StructBuilder)
		for _, h := range r.Headers {
			sb.Append(true)
			sb.FieldBuilder(0).(*array.StringBuilder).Append(h.Key)
			if h.Value == nil {
				sb.FieldBuilder(1).(*array.BinaryBuilder).AppendNull()
			} else {
				sb.FieldBuilder(1).(*array.BinaryBuilder).Append(h.Value)
			}
		}
	}
	return nil
}

// expect sizes the columns for records more records, assuming the keys
// and values yet to come are the size of those so far: a large batch
// grows its buffers once instead of by repeated doubling and copying.
func (b *kafkaBuilder) expect(records int) {
	rows := len(b.offset)
	if rows == 0 || records <= 0 {
		return
	}
	b.key.expect(rows, records)
	b.value.expect(rows, records)
	b.offset = slices.Grow(b.offset, records)
	b.ts = slices.Grow(b.ts, records)
	b.tsType = slices.Grow(b.tsType, records)
}

// addRaw appends a record parsed by parseRecordBatches (key and value nil
// for null; ts in microseconds).
func (b *kafkaBuilder) addRaw(key, value []byte, offset, ts int64, tsType int32, headers []kafka.Header) {
	b.key.addBytes(key)
	b.value.addBytes(value)
	b.offset = append(b.offset, offset)
	b.ts = append(b.ts, ts)
	b.tsType = append(b.tsType, tsType)
	if b.headers != nil {
		b.headers.Append(true)
		sb := b.headers.ValueBuilder().(*array.StructBuilder)
		for _, h := range headers {
			sb.Append(true)
			sb.FieldBuilder(0).(*array.StringBuilder).Append(h.Key)
			if h.Value == nil {
				sb.FieldBuilder(1).(*array.BinaryBuilder).AppendNull()
			} else {
				sb.FieldBuilder(1).(*array.BinaryBuilder).Append(h.Value)
			}
		}
	}
}

func (b *kafkaBuilder) record() arrow.Record {
	n := len(b.offset)
	topic := make([]byte, 0, n*len(b.topic))
	offsets := make([]int32, n+1)
	part := make([]int32, n)
	for i := 0; i < n; i++ {
		topic = append(topic, b.topic...)
		offsets[i+1] = int32(len(topic))
		part[i] = b.partition
	}
	topicArr := array.NewStringData(array.NewData(arrow.BinaryTypes.String, n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets)), memory.NewBufferBytes(topic)}, nil, 0, 0))
	cols := []arrow.Array{b.key.array(), b.value.array(), topicArr,
		fixedArray(arrow.PrimitiveTypes.Int32, arrow.Int32Traits.CastToBytes(part), n),
		fixedArray(arrow.PrimitiveTypes.Int64, arrow.Int64Traits.CastToBytes(b.offset), n),
		fixedArray(sqltypes.ArrowTimestamp, arrow.Int64Traits.CastToBytes(b.ts), n),
		fixedArray(arrow.PrimitiveTypes.Int32, arrow.Int32Traits.CastToBytes(b.tsType), n)}
	if b.headers != nil {
		cols = append(cols, b.headers.NewArray())
	}
	return array.NewRecord(sqltypes.ToArrowSchema(kafkaSchema(b.headers != nil)), cols, int64(n))
}

func fixedArray(t arrow.DataType, data []byte, n int) arrow.Array {
	return array.MakeFromData(array.NewData(t, n, []*memory.Buffer{nil, memory.NewBufferBytes(data)}, nil, 0, 0))
}

// binaryColumn is a binary Arrow column under construction: the values'
// bytes, their offsets and (once a null is seen) a validity bitmap.
type binaryColumn struct {
	offsets []int32
	data    []byte
	valid   []byte
	nulls   int
}

func (c *binaryColumn) reserve(n, bytes int) {
	c.offsets = make([]int32, 1, n+1)
	c.data = make([]byte, 0, bytes)
}

// add appends a record's key or value (nil is null), read straight into
// the column's data.
func (c *binaryColumn) add(v protocol.Bytes) error {
	if len(c.offsets) == 0 {
		c.offsets = append(c.offsets, 0)
	}
	row := len(c.offsets) - 1
	if v == nil {
		if c.valid == nil {
			c.valid = make([]byte, bitutil.BytesForBits(int64(cap(c.offsets))))
			bitutil.SetBitsTo(c.valid, 0, int64(row), true)
		}
		c.setValid(row, false)
		c.nulls++
		c.offsets = append(c.offsets, int32(len(c.data)))
		return nil
	}
	n := v.Len()
	at := len(c.data)
	if cap(c.data)-at < n {
		grown := make([]byte, at, max(2*cap(c.data), at+n))
		copy(grown, c.data)
		c.data = grown
	}
	c.data = c.data[:at+n]
	if ra, ok := v.(io.ReaderAt); ok {
		if _, err := ra.ReadAt(c.data[at:], 0); err != nil && err != io.EOF {
			return err
		}
	} else if _, err := io.ReadFull(v, c.data[at:]); err != nil {
		return err
	}
	if c.valid != nil {
		c.setValid(row, true)
	}
	c.offsets = append(c.offsets, int32(len(c.data)))
	return nil
}

// expect grows the column for more values, the size of the rows so far on
// average (plus an eighth).
func (c *binaryColumn) expect(rows, more int) {
	if rows == 0 {
		return
	}
	c.offsets = slices.Grow(c.offsets, more)
	need := len(c.data) / rows * more
	need += need / 8
	if cap(c.data)-len(c.data) < need {
		c.data = slices.Grow(c.data, need)
	}
}

// addBytes appends v (nil is null).
func (c *binaryColumn) addBytes(v []byte) {
	if len(c.offsets) == 0 {
		c.offsets = append(c.offsets, 0)
	}
	row := len(c.offsets) - 1
	if v == nil {
		if c.valid == nil {
			c.valid = make([]byte, bitutil.BytesForBits(int64(cap(c.offsets))))
			bitutil.SetBitsTo(c.valid, 0, int64(row), true)
		}
		c.setValid(row, false)
		c.nulls++
	} else {
		c.data = append(c.data, v...)
		if c.valid != nil {
			c.setValid(row, true)
		}
	}
	c.offsets = append(c.offsets, int32(len(c.data)))
}

func (c *binaryColumn) setValid(row int, ok bool) {
	if need := int(bitutil.BytesForBits(int64(row + 1))); len(c.valid) < need {
		c.valid = append(c.valid, make([]byte, need-len(c.valid))...)
	}
	bitutil.SetBitTo(c.valid, row, ok)
}

func (c *binaryColumn) array() arrow.Array {
	if len(c.offsets) == 0 {
		c.offsets = append(c.offsets, 0)
	}
	n := len(c.offsets) - 1
	var valid *memory.Buffer
	if c.nulls > 0 {
		valid = memory.NewBufferBytes(c.valid[:bitutil.BytesForBits(int64(n))])
	}
	return array.MakeFromData(array.NewData(arrow.BinaryTypes.Binary, n,
		[]*memory.Buffer{valid, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.offsets)), memory.NewBufferBytes(c.data)}, nil, c.nulls, 0))
}
