package streaming

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"
)

// TestRawFetchMatchesKafkaGo reads the same offsets through the raw fetch
// path and through kafka-go's decoder, from batches that are plain and
// compressed (snappy, gzip, lz4, zstd), with null keys, empty values and
// headers, starting in the middle of a batch and ending before the last
// record: the Arrow columns must be equal.
func TestRawFetchMatchesKafkaGo(t *testing.T) {
	br := startBroker(t, 1, "raw")
	codecs := []compress.Compression{0, compress.Snappy, compress.Gzip, compress.Lz4, compress.Zstd}
	n := 0
	for _, c := range codecs {
		w := &kafka.Writer{Addr: kafka.TCP(br.Addr()), Topic: "raw", Compression: c, BatchSize: 50, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
		var msgs []kafka.Message
		for i := 0; i < 120; i++ {
			m := kafka.Message{Value: []byte(fmt.Sprintf("v%d-%s", n, c))}
			if n%3 != 0 {
				m.Key = []byte(fmt.Sprint(n % 7))
			}
			if n%5 == 0 {
				m.Value = []byte{}
			}
			if n%4 == 0 {
				m.Headers = []kafka.Header{{Key: "h", Value: []byte(fmt.Sprint(n))}, {Key: "nil"}}
			}
			msgs = append(msgs, m)
			n++
		}
		if err := w.WriteMessages(context.Background(), msgs...); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	spec := &sourceSpec{format: "kafka", opts: newOptions(map[string]string{"kafka.bootstrap.servers": br.Addr(), "subscribe": "raw", "includeHeaders": "true"}), schema: kafkaSchema(true)}
	read := func(raw bool, from, to int64) arrow.Record {
		t.Helper()
		src, err := newKafkaSource(spec)
		if err != nil {
			t.Fatal(err)
		}
		ks := src.(*kafkaSource)
		ks.noRaw.Store(!raw)
		if err := ks.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		rec, err := ks.fetch(topicPartition{topic: "raw", partition: 0}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if ks.noRaw.Load() != !raw {
			t.Fatalf("raw path used: %v, want %v", !ks.noRaw.Load(), raw)
		}
		return rec
	}
	for _, r := range [][2]int64{{0, int64(n)}, {17, int64(n) - 3}, {251, 252}} {
		got, want := read(true, r[0], r[1]), read(false, r[0], r[1])
		if got.NumRows() != r[1]-r[0] || want.NumRows() != got.NumRows() {
			t.Fatalf("%v: raw %d rows, kafka-go %d", r, got.NumRows(), want.NumRows())
		}
		for c := 0; c < int(got.NumCols()); c++ {
			for i := 0; i < int(got.NumRows()); i++ {
				g, w := fmt.Sprint(expr.GetValue(got.Column(c), i)), fmt.Sprint(expr.GetValue(want.Column(c), i))
				if g != w {
					t.Fatalf("%v: column %s row %d: raw %s, kafka-go %s", r, got.Schema().Field(c).Name, i, g, w)
				}
			}
		}
	}
}

// FuzzParseRecordBatches checks that no response bytes make the record
// batch parser panic or read records past the requested range.
func FuzzParseRecordBatches(f *testing.F) {
	header := make([]byte, 61)
	header[11] = 49 // batch length: the header alone
	header[16] = 2  // magic
	f.Add([]byte{}, int64(0), int64(10))
	f.Add(header, int64(0), int64(10))
	f.Add(append(header, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x41, 0x00), int64(0), int64(1))
	f.Fuzz(func(t *testing.T, recs []byte, from, to int64) {
		recs = append([]byte(nil), recs...)
		fixCRCs(recs) // reach the records, not only the CRC check
		b := newKafkaBuilder("t", 0, true)
		next, _ := parseRecordBatches(b, recs, from, to)
		if next < from {
			t.Fatalf("next %d before from %d", next, from)
		}
		for _, o := range b.offset {
			if o < from || o >= to {
				t.Fatalf("record at offset %d outside [%d, %d)", o, from, to)
			}
		}
		b.record()
	})
}

// fixCRCs writes the right CRC into every complete v2 batch header of recs.
func fixCRCs(recs []byte) {
	for len(recs) >= batchHeaderBytes {
		size := int(int32(binary.BigEndian.Uint32(recs[8:])))
		if size < batchHeaderBytes-batchLengthEnd || len(recs) < batchLengthEnd+size {
			return
		}
		batch := recs[:batchLengthEnd+size]
		binary.BigEndian.PutUint32(batch[batchCRCAt:], crc32.Checksum(batch[batchAttrsAt:], castagnoli))
		recs = recs[len(batch):]
	}
}
