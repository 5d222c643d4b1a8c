package streaming

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
)

// kafkaSchema is Spark's Kafka source schema.
func kafkaSchema(headers bool) sqltypes.StructType {
	st := sqltypes.NewStructType(
		sqltypes.NewStructField("key", sqltypes.BinaryType, true),
		sqltypes.NewStructField("value", sqltypes.BinaryType, true),
		sqltypes.NewStructField("topic", sqltypes.StringType, true),
		sqltypes.NewStructField("partition", sqltypes.IntegerType, true),
		sqltypes.NewStructField("offset", sqltypes.LongType, true),
		sqltypes.NewStructField("timestamp", sqltypes.TimestampType, true),
		sqltypes.NewStructField("timestampType", sqltypes.IntegerType, true),
	)
	if headers {
		st.Fields = append(st.Fields, sqltypes.NewStructField("headers", sqltypes.ArrayType{
			ElementType: sqltypes.NewStructType(
				sqltypes.NewStructField("key", sqltypes.StringType, true),
				sqltypes.NewStructField("value", sqltypes.BinaryType, true)),
			ContainsNull: true}, true))
	}
	return st
}

var kafkaStrategies = []string{"subscribe", "subscribepattern", "assign"}

func validateKafkaSource(o options) error {
	n := 0
	for _, s := range kafkaStrategies {
		if o.has(s) {
			n++
		}
	}
	if n == 0 {
		return illegalArgument("One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.")
	}
	if n > 1 {
		return illegalArgument("Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.")
	}
	if o.get("kafka.bootstrap.servers", "") == "" {
		return illegalArgument("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer")
	}
	for _, k := range []string{"kafka.group.id", "kafka.auto.offset.reset", "kafka.key.deserializer", "kafka.value.deserializer", "kafka.enable.auto.commit", "kafka.interceptor.classes"} {
		if o.has(k) && k != "kafka.group.id" {
			return illegalArgument("Kafka option '%s' is not supported as %s", strings.TrimPrefix(k, "kafka."), kafkaUnsupportedReason(k))
		}
	}
	if v := o.get("startingOffsets", ""); strings.EqualFold(v, "latest") || v == "" || strings.EqualFold(v, "earliest") || strings.HasPrefix(strings.TrimSpace(v), "{") {
	} else {
		return illegalArgument("startingOffsets can only be 'earliest', 'latest' or a JSON string, but was %s", v)
	}
	if _, err := o.int("maxOffsetsPerTrigger", 0); err != nil {
		return err
	}
	if _, err := o.bool("failOnDataLoss", true); err != nil {
		return err
	}
	if _, err := o.bool("includeHeaders", false); err != nil {
		return err
	}
	_, err := newKafkaConfig(o)
	return err
}

func kafkaUnsupportedReason(k string) string {
	switch k {
	case "kafka.auto.offset.reset":
		return "starting offsets are specified through startingOffsets"
	case "kafka.enable.auto.commit":
		return "Spark commits offsets in its checkpoint, not in Kafka"
	}
	return "keys and values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys/values."
}

// topicPartition identifies a Kafka partition.
type topicPartition struct {
	topic     string
	partition int
}

// kafkaOffsets is Spark's Kafka offset JSON: {"topic":{"0":23}}.
type kafkaOffsets map[topicPartition]int64

func (k kafkaOffsets) json() Offset {
	topics := map[string]map[string]int64{}
	for tp, o := range k {
		if topics[tp.topic] == nil {
			topics[tp.topic] = map[string]int64{}
		}
		topics[tp.topic][strconv.Itoa(tp.partition)] = o
	}
	// encoding/json sorts map keys: topics, then partitions as strings.
	// Spark orders partitions numerically; write them in that order.
	var names []string
	for t := range topics {
		names = append(names, t)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("{")
	for i, t := range names {
		if i > 0 {
			b.WriteString(",")
		}
		tb, _ := json.Marshal(t)
		b.Write(tb)
		b.WriteString(":{")
		var parts []int
		for p := range topics[t] {
			n, _ := strconv.Atoi(p)
			parts = append(parts, n)
		}
		sort.Ints(parts)
		for j, p := range parts {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "\"%d\":%d", p, topics[t][strconv.Itoa(p)])
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	return Offset(b.String())
}

func parseKafkaOffsets(o Offset) (kafkaOffsets, error) {
	out := kafkaOffsets{}
	if o == "" {
		return out, nil
	}
	var m map[string]map[string]int64
	if err := json.Unmarshal([]byte(o), &m); err != nil {
		return nil, illegalArgument("Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got %s", o)
	}
	for t, parts := range m {
		for p, off := range parts {
			n, err := strconv.Atoi(p)
			if err != nil {
				return nil, illegalArgument("Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got %s", o)
			}
			out[topicPartition{t, n}] = off
		}
	}
	return out, nil
}

// kafkaOffsetBeyond reports whether offset o is past target in any
// partition.
func kafkaOffsetBeyond(o, target Offset) bool {
	a, err1 := parseKafkaOffsets(o)
	b, err2 := parseKafkaOffsets(target)
	if err1 != nil || err2 != nil {
		return false
	}
	for tp, v := range a {
		if t, ok := b[tp]; ok && v > t {
			return true
		}
	}
	return false
}

// kafkaSource reads Kafka with kafka-go: one fetch loop per partition per
// batch, large fetches (no per-record round trips), and offsets kept in the
// query's checkpoint, never committed to Kafka.
type kafkaSource struct {
	cfg            *kafkaConfig
	client         *kafka.Client
	subscribe      []string
	pattern        *regexp.Regexp
	assign         []topicPartition
	starting       string
	maxPerTrigger  int64
	failOnDataLoss bool
	headers        bool
	schema         sqltypes.StructType
	ctx            context.Context
	retryTimeout   time.Duration
	status         func(string)
	known          map[topicPartition]bool
	// noRaw is set once a broker answers in a form rawFetch does not
	// parse: kafka-go's decoder reads the partitions from then on.
	noRaw atomic.Bool
}

func newKafkaSource(spec *sourceSpec) (Source, error) {
	o := spec.opts
	cfg, err := newKafkaConfig(o)
	if err != nil {
		return nil, err
	}
	s := &kafkaSource{cfg: cfg, client: cfg.client(), starting: o.get("startingOffsets", "latest"), schema: spec.schema, known: map[topicPartition]bool{}}
	s.maxPerTrigger, _ = o.int("maxOffsetsPerTrigger", 0)
	ms, err := o.int("kafka.default.api.timeout.ms", 60000)
	if err != nil {
		return nil, err
	}
	s.retryTimeout = time.Duration(ms) * time.Millisecond
	s.failOnDataLoss, _ = o.bool("failOnDataLoss", true)
	s.headers, _ = o.bool("includeHeaders", false)
	switch {
	case o.has("subscribe"):
		for _, t := range strings.Split(o.get("subscribe", ""), ",") {
			if t = strings.TrimSpace(t); t != "" {
				s.subscribe = append(s.subscribe, t)
			}
		}
		if len(s.subscribe) == 0 {
			return nil, illegalArgument("No topics to subscribe to as specified value for option 'subscribe' is '%s'", o.get("subscribe", ""))
		}
	case o.has("subscribePattern"):
		re, err := regexp.Compile(o.get("subscribePattern", ""))
		if err != nil {
			return nil, illegalArgument("Pattern to subscribe is invalid: %v", err)
		}
		s.pattern = re
	case o.has("assign"):
		offs, err := parseKafkaOffsets(Offset(o.get("assign", "")))
		if err != nil {
			var m map[string][]int
			if json.Unmarshal([]byte(o.get("assign", "")), &m) != nil {
				return nil, illegalArgument("Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got %s", o.get("assign", ""))
			}
			for t, ps := range m {
				for _, p := range ps {
					s.assign = append(s.assign, topicPartition{t, p})
				}
			}
		} else {
			for tp := range offs {
				s.assign = append(s.assign, tp)
			}
		}
	}
	return s, nil
}

func (s *kafkaSource) Open(ctx context.Context) error {
	s.ctx = ctx
	return nil
}

func (s *kafkaSource) reportStatus(f func(string)) { s.status = f }

// permanent marks an error that retry must not retry.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

// retry runs f until it succeeds, the query stops, or retryTimeout
// (kafka.default.api.timeout.ms, 60 s by default) passes; meanwhile the
// query's status says that it is waiting for the broker.
func (s *kafkaSource) retry(f func() error) error {
	deadline := time.Now().Add(s.retryTimeout)
	backoff := 50 * time.Millisecond
	for {
		err := f()
		if err == nil {
			return nil
		}
		var perm permanent
		if errors.As(err, &perm) {
			return err
		}
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		if !time.Now().Before(deadline) {
			return fmt.Errorf("Timed out after %s waiting for the Kafka broker at %s: %w", s.retryTimeout, strings.Join(s.cfg.brokers, ","), err)
		}
		if s.status != nil {
			s.status(fmt.Sprintf("Waiting for the Kafka broker at %s (retrying): %v", strings.Join(s.cfg.brokers, ","), err))
		}
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}

// partitions returns the current partitions of the subscribed topics.
func (s *kafkaSource) partitions() ([]topicPartition, error) {
	if s.assign != nil {
		return s.assign, nil
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.timeout)
	defer cancel()
	req := &kafka.MetadataRequest{Addr: s.cfg.addr()}
	if s.pattern == nil {
		req.Topics = s.subscribe
	}
	md, err := s.client.Metadata(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("Kafka metadata request to %s failed: %w", strings.Join(s.cfg.brokers, ","), err)
	}
	var out []topicPartition
	for _, t := range md.Topics {
		if t.Error != nil || t.Internal {
			continue
		}
		if s.pattern != nil && !s.pattern.MatchString(t.Name) {
			continue
		}
		for _, p := range t.Partitions {
			out = append(out, topicPartition{t.Name, p.ID})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].topic != out[j].topic {
			return out[i].topic < out[j].topic
		}
		return out[i].partition < out[j].partition
	})
	return out, nil
}

// listOffsets returns the earliest and latest offsets of partitions.
func (s *kafkaSource) listOffsets(parts []topicPartition) (first, last kafkaOffsets, err error) {
	first, last = kafkaOffsets{}, kafkaOffsets{}
	if len(parts) == 0 {
		return first, last, nil
	}
	req := &kafka.ListOffsetsRequest{Addr: s.cfg.addr(), Topics: map[string][]kafka.OffsetRequest{}}
	for _, tp := range parts {
		req.Topics[tp.topic] = append(req.Topics[tp.topic], kafka.FirstOffsetOf(tp.partition), kafka.LastOffsetOf(tp.partition))
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.timeout)
	defer cancel()
	resp, err := s.client.ListOffsets(ctx, req)
	if err != nil {
		return nil, nil, fmt.Errorf("Kafka ListOffsets failed: %w", err)
	}
	for t, ps := range resp.Topics {
		for _, p := range ps {
			if p.Error != nil {
				return nil, nil, fmt.Errorf("Kafka ListOffsets %s-%d: %w", t, p.Partition, p.Error)
			}
			first[topicPartition{t, p.Partition}] = p.FirstOffset
			last[topicPartition{t, p.Partition}] = p.LastOffset
		}
	}
	return first, last, nil
}

// discover returns the partitions and their earliest and latest offsets,
// retrying while the broker is unreachable.
func (s *kafkaSource) discover() (parts []topicPartition, first, last kafkaOffsets, err error) {
	err = s.retry(func() error {
		var e error
		if parts, e = s.partitions(); e != nil {
			return e
		}
		first, last, e = s.listOffsets(parts)
		return e
	})
	return parts, first, last, err
}

func (s *kafkaSource) Initial() (Offset, error) {
	parts, first, last, err := s.discover()
	if err != nil {
		return "", err
	}
	out := kafkaOffsets{}
	st := strings.TrimSpace(s.starting)
	var given kafkaOffsets
	if strings.HasPrefix(st, "{") {
		if given, err = parseKafkaOffsets(Offset(st)); err != nil {
			return "", err
		}
	}
	for _, tp := range parts {
		s.known[tp] = true
		switch {
		case given != nil:
			v, ok := given[tp]
			switch {
			case !ok || v == -1:
				out[tp] = last[tp]
			case v == -2:
				out[tp] = first[tp]
			default:
				out[tp] = v
			}
		case strings.EqualFold(st, "earliest"):
			out[tp] = first[tp]
		default:
			out[tp] = last[tp]
		}
	}
	return out.json(), nil
}

func (s *kafkaSource) Latest(from Offset, limit bool) (Offset, error) {
	start, err := parseKafkaOffsets(from)
	if err != nil {
		return "", err
	}
	parts, first, last, err := s.discover()
	if err != nil {
		return "", err
	}
	end := kafkaOffsets{}
	for tp, v := range start {
		end[tp] = v
	}
	for _, tp := range parts {
		if _, ok := start[tp]; !ok {
			start[tp] = first[tp] // a new partition starts from its earliest offset
			end[tp] = first[tp]
		}
		end[tp] = max(end[tp], last[tp])
	}
	if limit && s.maxPerTrigger > 0 {
		var total int64
		for tp := range end {
			total += end[tp] - start[tp]
		}
		if total > s.maxPerTrigger {
			// Spark splits the limit across partitions by their lag.
			var keys []topicPartition
			for tp := range end {
				keys = append(keys, tp)
			}
			sort.Slice(keys, func(i, j int) bool {
				if keys[i].topic != keys[j].topic {
					return keys[i].topic < keys[j].topic
				}
				return keys[i].partition < keys[j].partition
			})
			left := s.maxPerTrigger
			for i, tp := range keys {
				lag := end[tp] - start[tp]
				share := int64(float64(lag) / float64(total) * float64(s.maxPerTrigger))
				if i == len(keys)-1 {
					share = min(lag, left)
				}
				share = min(share, lag, left)
				end[tp] = start[tp] + share
				left -= share
			}
		}
	}
	return end.json(), nil
}

func (s *kafkaSource) Batch(from, to Offset) ([]arrow.Record, error) {
	start, err := parseKafkaOffsets(from)
	if err != nil {
		return nil, err
	}
	end, err := parseKafkaOffsets(to)
	if err != nil {
		return nil, err
	}
	var fresh []topicPartition
	for tp := range end {
		if _, ok := start[tp]; !ok {
			fresh = append(fresh, tp)
		}
	}
	if len(fresh) > 0 {
		// Partitions discovered after the batch's start begin at their
		// earliest offset.
		var first kafkaOffsets
		err := s.retry(func() error {
			var e error
			first, _, e = s.listOffsets(fresh)
			return e
		})
		if err != nil {
			return nil, err
		}
		for _, tp := range fresh {
			start[tp] = first[tp]
		}
	}
	var tps []topicPartition
	for tp, e := range end {
		if e > start[tp] {
			tps = append(tps, tp)
		}
	}
	sort.Slice(tps, func(i, j int) bool {
		if tps[i].topic != tps[j].topic {
			return tps[i].topic < tps[j].topic
		}
		return tps[i].partition < tps[j].partition
	})
	recs := make([]arrow.Record, len(tps))
	errs := make([]error, len(tps))
	var wg sync.WaitGroup
	for i, tp := range tps {
		wg.Add(1)
		go func(i int, tp topicPartition) {
			defer wg.Done()
			defer func() {
				// A malformed response must fail the query, not the process.
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("Kafka fetch of %s-%d failed: %v", tp.topic, tp.partition, r)
				}
			}()
			recs[i], errs[i] = s.fetch(tp, start[tp], end[tp])
		}(i, tp)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []arrow.Record
	for _, r := range recs {
		if r != nil && r.NumRows() > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// fetchMaxBytes sizes each fetch so that kafka-go's batching is not the
// bottleneck.
const fetchMaxBytes = 32 << 20

// fetch reads the records [from, to) of one partition.
func (s *kafkaSource) fetch(tp topicPartition, from, to int64) (arrow.Record, error) {
	b := newKafkaBuilder(tp.topic, tp.partition, s.headers)
	b.reserve(int(min(to-from, 1<<20)))
	next := from
	for next < to {
		var resp *kafka.FetchResponse
		var raw fetchedPartition
		usedRaw := false
		err := s.retry(func() error {
			// A batch in progress is not interrupted by Stop: only the
			// retry wait is.
			ctx, cancel := context.WithTimeout(context.Background(), s.cfg.timeout)
			defer cancel()
			if !s.noRaw.Load() {
				p, err := s.rawFetchOnce(ctx, tp, next)
				if !errors.Is(err, errRawUnsupported) {
					if errors.Is(err, kafka.OffsetOutOfRange) {
						return permanent{err}
					}
					raw, usedRaw = p, err == nil
					return err
				}
				s.noRaw.Store(true)
			}
			r, err := s.client.Fetch(ctx, &kafka.FetchRequest{Topic: tp.topic, Partition: tp.partition, Offset: next, MinBytes: 1, MaxBytes: fetchMaxBytes, MaxWait: 500 * time.Millisecond})
			if err == nil && r.Error != nil {
				err = r.Error
			}
			if errors.Is(err, kafka.OffsetOutOfRange) {
				return permanent{err}
			}
			resp = r
			return err
		})
		var perm permanent
		if errors.As(err, &perm) {
			err = perm.err
		}
		if err != nil {
			if errors.Is(err, kafka.OffsetOutOfRange) {
				if s.failOnDataLoss {
					return nil, fmt.Errorf("Cannot fetch offset %d of %s-%d: some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you don't want your streaming query to fail on such cases, set the source option \"failOnDataLoss\" to \"false\"", next, tp.topic, tp.partition)
				}
				first, _, lerr := s.listOffsets([]topicPartition{tp})
				if lerr != nil {
					return nil, lerr
				}
				if first[tp] <= next {
					return nil, err
				}
				next = first[tp]
				continue
			}
			return nil, fmt.Errorf("Kafka fetch of %s-%d at offset %d failed: %w", tp.topic, tp.partition, next, err)
		}
		progressed := false
		if usedRaw {
			first := len(b.offset) == 0
			n, err := parseRecordBatches(b, raw.records, next, to)
			progressed, next = n > next, n
			if first && next < to {
				b.expect(int(min(to-next, 1<<26)))
			}
			if errors.Is(err, errRawUnsupported) {
				s.noRaw.Store(true) // old message formats: kafka-go decodes them
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("Kafka fetch of %s-%d at offset %d failed: %w", tp.topic, tp.partition, next, err)
			}
			if !progressed {
				if raw.highWatermark <= next {
					if raw.highWatermark < to && s.failOnDataLoss {
						return nil, fmt.Errorf("Kafka partition %s-%d ends at offset %d, before the batch's end offset %d", tp.topic, tp.partition, raw.highWatermark, to)
					}
					break
				}
				if raw.logStartOffset > next {
					next = raw.logStartOffset
					continue
				}
				next++
			}
			continue
		}
		readers := []protocol.RecordReader{resp.Records}
		if rs, ok := resp.Records.(*protocol.RecordStream); ok {
			readers = rs.Records
		}
	batches:
		for _, rr := range readers {
			if _, ok := rr.(*protocol.ControlBatch); ok {
				continue // transaction markers are not records
			}
			tsType := timestampType(rr)
			for {
				r, rerr := rr.ReadRecord()
				if rerr != nil {
					if !errors.Is(rerr, io.EOF) {
						return nil, rerr
					}
					break
				}
				if r.Offset < next {
					continue
				}
				if r.Offset >= to {
					break batches
				}
				if err := b.add(r, tsType); err != nil {
					return nil, err
				}
				next = r.Offset + 1
				progressed = true
			}
		}
		if !progressed {
			if resp.HighWatermark <= next {
				if resp.HighWatermark < to && s.failOnDataLoss {
					return nil, fmt.Errorf("Kafka partition %s-%d ends at offset %d, before the batch's end offset %d", tp.topic, tp.partition, resp.HighWatermark, to)
				}
				break
			}
			// Compacted or transaction-marker offsets: skip ahead.
			if resp.LogStartOffset > next {
				next = resp.LogStartOffset
				continue
			}
			next++
		}
	}
	return b.record(), nil
}

func (s *kafkaSource) Commit(Offset) {}

func (s *kafkaSource) Close() error { return nil }

func (s *kafkaSource) Description() string {
	switch {
	case s.pattern != nil:
		return "KafkaV2[SubscribePattern[" + s.pattern.String() + "]]"
	case s.assign != nil:
		var parts []string
		for _, tp := range s.assign {
			parts = append(parts, fmt.Sprintf("%s-%d", tp.topic, tp.partition))
		}
		return "KafkaV2[Assign[" + strings.Join(parts, ", ") + "]]"
	}
	return "KafkaV2[Subscribe[" + strings.Join(s.subscribe, ",") + "]]"
}

func init() { sourceFormats["kafka"] = newKafkaSource }

// definedFromStart is true: as in Spark, batch 0 runs at the first trigger.
func (s *kafkaSource) definedFromStart() bool { return true }
