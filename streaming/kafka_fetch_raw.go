package streaming

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
	"github.com/segmentio/kafka-go/protocol/fetch"
)

// The Kafka fetch path reads record batches straight into Arrow columns.
// kafka-go decodes a Fetch response record by record through an io.Reader
// (one interface call and one CRC update per varint byte), which cost more
// than everything else of the rides benchmark together. A rawFetch goes
// through kafka-go's transport (connection pool, TLS, SASL, leader
// routing, version negotiation) but asks, through kafka-go's RawExchanger
// hook, for the response's bytes; parseRecordBatches then walks the v2
// record batches itself. Anything it does not handle (message sets of
// magic 0 and 1, Fetch versions below 4) falls back to kafka-go's
// decoder.

// errRawUnsupported makes fetch fall back to kafka-go's decoder.
var errRawUnsupported = errors.New("kafka: raw fetch not supported here")

// rawFetch is a Fetch request (v4–v11) whose response is returned as bytes.
type rawFetch struct {
	fetch.Request
	version int16
}

// Prepare records the negotiated Fetch version (kafka-go's
// PreparedMessage).
func (r *rawFetch) Prepare(v int16) { r.version = v }

// Required reports whether the raw exchange is used: for Fetch v4 to v11,
// whose response layout parseFetchResponse knows.
func (r *rawFetch) Required(versions map[protocol.ApiKey]int16) bool {
	v := versions[protocol.Fetch]
	return v >= 4 && v <= 11
}

// RawExchange writes the request and reads the response's bytes.
func (r *rawFetch) RawExchange(rw io.ReadWriter) (protocol.Message, error) {
	const correlationID = 1
	if err := protocol.WriteRequest(rw, r.version, correlationID, "eddy", &r.Request); err != nil {
		return nil, err
	}
	var size [4]byte
	if _, err := io.ReadFull(rw, size[:]); err != nil {
		return nil, err
	}
	body := make([]byte, binary.BigEndian.Uint32(size[:]))
	if _, err := io.ReadFull(rw, body); err != nil {
		return nil, err
	}
	if len(body) < 4 || binary.BigEndian.Uint32(body) != correlationID {
		return nil, fmt.Errorf("kafka: fetch response with a wrong correlation id")
	}
	return &rawFetchResponse{version: r.version, body: body[4:]}, nil
}

// rawFetchResponse is a Fetch response's bytes after the correlation id.
type rawFetchResponse struct {
	version int16
	body    []byte
}

// ApiKey returns protocol.Fetch.
func (r *rawFetchResponse) ApiKey() protocol.ApiKey { return protocol.Fetch }

// fetchedPartition is the one partition of a parsed Fetch response.
type fetchedPartition struct {
	errorCode      int16
	highWatermark  int64
	logStartOffset int64
	records        []byte
}

// wire reads big-endian Kafka protocol fields; a short read sets bad.
type wire struct {
	b   []byte
	bad bool
}

func (w *wire) take(n int) []byte {
	if n < 0 || len(w.b) < n {
		w.bad = true
		w.b = nil
		return nil
	}
	out := w.b[:n]
	w.b = w.b[n:]
	return out
}

func (w *wire) int16() int16 {
	if b := w.take(2); b != nil {
		return int16(binary.BigEndian.Uint16(b))
	}
	return 0
}

func (w *wire) int32() int32 {
	if b := w.take(4); b != nil {
		return int32(binary.BigEndian.Uint32(b))
	}
	return 0
}

func (w *wire) int64() int64 {
	if b := w.take(8); b != nil {
		return int64(binary.BigEndian.Uint64(b))
	}
	return 0
}

func (w *wire) varint() int64 {
	v, n := binary.Varint(w.b) // Kafka's varints are zigzag, as Go's
	if n <= 0 {
		w.bad = true
		w.b = nil
		return 0
	}
	w.b = w.b[n:]
	return v
}

// parseFetchResponse reads the response to a one-partition Fetch request
// (versions 4 to 11).
func parseFetchResponse(r *rawFetchResponse) (fetchedPartition, error) {
	w := &wire{b: r.body}
	var p fetchedPartition
	w.int32() // throttle time
	if r.version >= 7 {
		if code := w.int16(); code != 0 {
			return p, kafka.Error(code)
		}
		w.int32() // session id
	}
	if n := w.int32(); n != 1 {
		return p, fmt.Errorf("kafka: fetch response with %d topics, want 1", n)
	}
	w.take(int(w.int16())) // topic name
	if n := w.int32(); n != 1 {
		return p, fmt.Errorf("kafka: fetch response with %d partitions, want 1", n)
	}
	w.int32() // partition
	p.errorCode = w.int16()
	p.highWatermark = w.int64()
	w.int64() // last stable offset
	if r.version >= 5 {
		p.logStartOffset = w.int64()
	}
	if n := w.int32(); n > 0 { // aborted transactions
		w.take(16 * int(n))
	}
	if r.version >= 11 {
		w.int32() // preferred read replica
	}
	if n := w.int32(); n > 0 {
		p.records = w.take(int(n))
	}
	if w.bad {
		return p, fmt.Errorf("kafka: truncated fetch response")
	}
	return p, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// recordBatchV2 is the layout of a v2 record batch header.
const (
	batchLengthEnd   = 12 // baseOffset int64, batchLength int32
	batchMagicAt     = 16
	batchCRCAt       = 17
	batchAttrsAt     = 21
	batchHeaderBytes = 61
)

// parseRecordBatches adds the records of recs with offsets in [from, to)
// to b, skipping control batches. It returns the offset after the last
// record read or control batch skipped (from when none; to once a record
// at or past to is seen), and errRawUnsupported for message sets
// older than v2. A batch cut off at the end of recs (the fetch's byte
// limit) is left for the next fetch; a corrupt or cut first batch, a bad
// CRC or a malformed record is an error, never silently skipped.
func parseRecordBatches(b *kafkaBuilder, recs []byte, from, to int64) (int64, error) {
	next := from
	complete := false // a whole batch was seen
	for len(recs) > 0 {
		if len(recs) < batchLengthEnd {
			if !complete {
				return next, fmt.Errorf("kafka: truncated record batch header (%d bytes)", len(recs))
			}
			break
		}
		baseOffset := int64(binary.BigEndian.Uint64(recs))
		size := int(int32(binary.BigEndian.Uint32(recs[8:])))
		if size < batchHeaderBytes-batchLengthEnd {
			return next, fmt.Errorf("kafka: corrupt record batch at offset %d: length %d", baseOffset, size)
		}
		if len(recs) < batchLengthEnd+size {
			// The fetch's byte limit cut the last batch; Kafka always
			// returns the first one whole, so a cut first batch is an error.
			if !complete {
				return next, fmt.Errorf("kafka: truncated record batch at offset %d: %d of %d bytes", baseOffset, len(recs), batchLengthEnd+size)
			}
			break
		}
		complete = true
		batch := recs[:batchLengthEnd+size]
		recs = recs[len(batch):]
		if batch[batchMagicAt] != 2 {
			return next, errRawUnsupported
		}
		if crc32.Checksum(batch[batchAttrsAt:], castagnoli) != binary.BigEndian.Uint32(batch[batchCRCAt:]) {
			return next, fmt.Errorf("kafka: record batch at offset %d: CRC mismatch", baseOffset)
		}
		h := &wire{b: batch[batchAttrsAt:]}
		attrs := protocol.Attributes(h.int16())
		lastOffsetDelta := h.int32()
		baseTimestamp := h.int64()
		maxTimestamp := h.int64()
		h.take(8 + 2 + 4) // producer id, epoch, base sequence
		count := int(h.int32())
		if h.bad || count < 0 {
			return next, fmt.Errorf("kafka: corrupt record batch at offset %d", baseOffset)
		}
		if attrs.Control() {
			// Transaction markers take offsets but are not records.
			next = min(max(next, baseOffset+int64(lastOffsetDelta)+1), max(to, next))
			continue
		}
		body := h.b
		if c := attrs.Compression(); c != 0 {
			codec := c.Codec()
			if codec == nil {
				return next, fmt.Errorf("kafka: record batch at offset %d: unsupported compression %d", baseOffset, c)
			}
			zr := codec.NewReader(bytes.NewReader(body))
			var err error
			body, err = io.ReadAll(zr)
			zr.Close()
			if err != nil {
				return next, fmt.Errorf("kafka: record batch at offset %d: %w", baseOffset, err)
			}
		}
		var tsType int32
		if attrs&logAppendTime != 0 {
			tsType = 1
		}
		records := &wire{b: body}
		for i := 0; i < count; i++ {
			// Each record is read within its length.
			w := &wire{b: records.take(int(records.varint()))}
			if records.bad {
				return next, fmt.Errorf("kafka: record batch at offset %d: malformed record %d", baseOffset, i)
			}
			w.take(1) // record attributes
			ts := baseTimestamp + w.varint()
			offset := baseOffset + w.varint()
			if tsType == 1 {
				ts = maxTimestamp
			}
			key := w.bytes()
			value := w.bytes()
			nh := int(w.varint())
			var headers []kafka.Header
			for j := 0; j < nh && !w.bad; j++ {
				k := w.bytes()
				headers = append(headers, kafka.Header{Key: string(k), Value: w.bytes()})
			}
			if w.bad || len(w.b) != 0 {
				// As Kafka's Java client (InvalidRecordException): the
				// fields must fill the record's length exactly.
				return next, fmt.Errorf("kafka: record batch at offset %d: malformed record %d", baseOffset, i)
			}
			if offset < next {
				continue
			}
			if offset >= to {
				return max(to, next), nil // the offsets up to to are compacted away
			}
			b.addRaw(key, value, offset, ts*1000, tsType, headers)
			next = offset + 1
		}
	}
	return next, nil
}

// bytes reads a varint-length byte string; length -1 is null (nil).
func (w *wire) bytes() []byte {
	n := w.varint()
	if n < 0 || w.bad {
		return nil
	}
	b := w.take(int(n))
	if b == nil {
		return []byte{}
	}
	return b
}

// rawFetchOnce sends one raw Fetch for tp at offset and parses the
// response's header; errRawUnsupported when the broker's Fetch version
// is not one rawFetch handles.
func (s *kafkaSource) rawFetchOnce(ctx context.Context, tp topicPartition, offset int64) (fetchedPartition, error) {
	req := &rawFetch{Request: fetch.Request{
		ReplicaID:   -1,
		MaxWaitTime: 500,
		MinBytes:    1,
		MaxBytes:    fetchMaxBytes,
		Topics: []fetch.RequestTopic{{Topic: tp.topic, Partitions: []fetch.RequestPartition{{
			Partition: int32(tp.partition), CurrentLeaderEpoch: -1, FetchOffset: offset, LogStartOffset: -1, PartitionMaxBytes: fetchMaxBytes,
		}}}},
	}}
	tr := s.client.Transport
	if tr == nil {
		tr = kafka.DefaultTransport
	}
	resp, err := tr.RoundTrip(ctx, s.client.Addr, req)
	if err != nil {
		return fetchedPartition{}, err
	}
	raw, ok := resp.(*rawFetchResponse)
	if !ok {
		return fetchedPartition{}, errRawUnsupported
	}
	p, err := parseFetchResponse(raw)
	if err == nil && p.errorCode != 0 {
		err = kafka.Error(p.errorCode)
	}
	return p, err
}
