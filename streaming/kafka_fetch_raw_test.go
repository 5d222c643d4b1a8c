package streaming

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"
	"github.com/segmentio/kafka-go/protocol"
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
// batch parser panic or read records outside the requested range, and that
// whatever it accepts, kafka-go's decoder reads the same way. The corpus
// starts from real record sets fetched from kfake: plain and compressed
// (snappy, gzip, lz4, zstd), with null keys, empty values and headers.
func FuzzParseRecordBatches(f *testing.F) {
	for _, seed := range fetchedRecordSets(f) {
		f.Add(seed, int64(0), int64(1<<40))
		f.Add(seed, int64(7), int64(30))
	}
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
		next, err := parseRecordBatches(b, recs, from, to)
		if next < from {
			t.Fatalf("next %d before from %d", next, from)
		}
		for _, o := range b.offset {
			if o < from || o >= to {
				t.Fatalf("record at offset %d outside [%d, %d)", o, from, to)
			}
		}
		got := b.record()
		if err != nil {
			return
		}
		if !plausibleCounts(recs) {
			return // kafka-go allocates per announced record: it would run out of memory
		}
		want, ok := kafkaGoRecords(recs, from, to)
		if !ok {
			return
		}
		if int(got.NumRows()) != len(want) {
			t.Fatalf("raw parser read %d records, kafka-go %d", got.NumRows(), len(want))
		}
		for i, w := range want {
			row := []string{fmt.Sprint(expr.GetValue(got.Column(0), i)), fmt.Sprint(expr.GetValue(got.Column(1), i)),
				fmt.Sprint(expr.GetValue(got.Column(4), i)), fmt.Sprint(expr.GetValue(got.Column(7), i))}
			if b.tsType[i] == 0 {
				row = append(row, fmt.Sprint(b.ts[i]))
			} else {
				w = w[:4]
			}
			if fmt.Sprint(row) != fmt.Sprint(w) {
				t.Fatalf("record %d: raw %v, kafka-go %v", i, row, w)
			}
		}
	})
}

// kafkaGoRecords decodes a record set with kafka-go: per record in
// [from, to), key, value, offset, headers and timestamp as the raw
// parser's columns print them; ok is false when kafka-go fails.
func kafkaGoRecords(recs []byte, from, to int64) (out [][]string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	var rs protocol.RecordSet
	sized := binary.BigEndian.AppendUint32(nil, uint32(len(recs))) // the record set's size prefix
	if _, err := rs.ReadFrom(bytes.NewBuffer(append(sized, recs...))); err != nil {
		return nil, false
	}
	if rs.Records == nil {
		return nil, true
	}
	readers := []protocol.RecordReader{rs.Records}
	if st, isStream := rs.Records.(*protocol.RecordStream); isStream {
		readers = st.Records
	}
	read := func(v protocol.Bytes) string {
		if v == nil {
			return "<nil>"
		}
		data, _ := io.ReadAll(v)
		return fmt.Sprint(data)
	}
	next := from // as a Kafka consumer: records below the position are skipped
	for _, rr := range readers {
		if _, control := rr.(*protocol.ControlBatch); control {
			continue
		}
		for {
			r, err := rr.ReadRecord()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, false
			}
			if r.Offset >= to {
				return out, true
			}
			if r.Offset < next {
				continue
			}
			next = r.Offset + 1
			var hs []any
			for _, h := range r.Headers {
				var v any
				if h.Value != nil {
					v = h.Value
				}
				hs = append(hs, expr.StructValue{h.Key, v})
			}
			hv := any(hs)
			if hs == nil {
				hv = []any{}
			}
			out = append(out, []string{read(r.Key), read(r.Value), fmt.Sprint(r.Offset), fmt.Sprint(hv), fmt.Sprint(r.Time.UnixMicro())})
		}
	}
	return out, true
}

// fetchedRecordSets produces batches into kfake with each compression
// codec and returns the record sets of raw fetches from several offsets.
func fetchedRecordSets(tb testing.TB) [][]byte {
	br, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Topics: []string{"seed"}, Partitions: 1})
	if err != nil {
		tb.Fatal(err)
	}
	defer br.Close()
	n := 0
	for _, c := range []compress.Compression{0, compress.Snappy, compress.Gzip, compress.Lz4, compress.Zstd} {
		w := &kafka.Writer{Addr: kafka.TCP(br.Addr()), Topic: "seed", Compression: c, BatchSize: 8, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
		var msgs []kafka.Message
		for i := 0; i < 16; i++ {
			m := kafka.Message{Value: []byte(fmt.Sprintf("v%d", n))}
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
			tb.Fatal(err)
		}
		w.Close()
	}
	spec := &sourceSpec{format: "kafka", opts: newOptions(map[string]string{"kafka.bootstrap.servers": br.Addr(), "subscribe": "seed"}), schema: kafkaSchema(true)}
	src, err := newKafkaSource(spec)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, at := range []int64{0, 20, 45, 70} {
		p, err := src.(*kafkaSource).rawFetchOnce(context.Background(), topicPartition{topic: "seed", partition: 0}, at)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, p.records)
	}
	return out
}

// plausibleCounts reports whether no batch of recs announces more records
// than it has bytes, and none is a control batch.
func plausibleCounts(recs []byte) bool {
	for len(recs) >= batchHeaderBytes {
		size := int(int32(binary.BigEndian.Uint32(recs[8:])))
		if size < batchHeaderBytes-batchLengthEnd || len(recs) < batchLengthEnd+size {
			return true
		}
		if n := int32(binary.BigEndian.Uint32(recs[57:])); n < 0 || int(n) > size {
			return false
		}
		if recs[22]&0x20 != 0 {
			return false // a control batch: kafka-go keeps no offsets of it to compare
		}
		recs = recs[batchLengthEnd+size:]
	}
	return true
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

// TestParseRecordBatchesCorruptInput checks that damaged record sets are
// errors with a clear message, never silently skipped records, while a
// set cut after whole batches (the fetch's byte limit) yields those
// batches and resumes after them.
func TestParseRecordBatchesCorruptInput(t *testing.T) {
	set := fetchedRecordSets(t)[0]
	first := batchLengthEnd + int(binary.BigEndian.Uint32(set[8:]))
	if len(set) <= first+batchLengthEnd {
		t.Fatalf("want at least two batches, have %d bytes, first %d", len(set), first)
	}
	cases := []struct {
		name string
		recs []byte
		want string
	}{
		{"first batch cut", set[:first-5], "truncated record batch at offset 0"},
		{"header cut", set[:7], "truncated record batch header"},
		{"flipped byte", func() []byte {
			c := append([]byte(nil), set...)
			c[first-3] ^= 0xff
			return c
		}(), "CRC mismatch"},
		{"bad length", func() []byte {
			c := append([]byte(nil), set...)
			binary.BigEndian.PutUint32(c[8:], 3)
			return c
		}(), "corrupt record batch at offset 0: length 3"},
	}
	for _, c := range cases {
		b := newKafkaBuilder("t", 0, false)
		_, err := parseRecordBatches(b, c.recs, 0, 1<<40)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	// Cut inside the second batch: the first batch's records, then resume.
	b := newKafkaBuilder("t", 0, false)
	next, err := parseRecordBatches(b, set[:first+20], 0, 1<<40)
	if err != nil || next != int64(len(b.offset)) || next == 0 || b.offset[len(b.offset)-1] != next-1 {
		t.Fatalf("cut in the second batch: next %d, %d records, %v", next, len(b.offset), err)
	}
}
