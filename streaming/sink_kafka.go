package streaming

import (
	"context"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/eddykernel/eddy/streaming/internal/autotopic"
	"github.com/segmentio/kafka-go"
)

// kafkaWriter writes rows to Kafka: value is required; key, topic,
// headers and partition columns are optional; the topic option overrides
// the topic column. Both the kafka sink and batch df.Write().Format("kafka")
// use it.
type kafkaWriter struct {
	w                                      *kafka.Writer
	topic                                  string
	valueIdx, keyIdx, topicIdx, headersIdx int
	partIdx                                int
	timeout                                time.Duration
}

func kafkaColumnIndex(st sqltypes.StructType, name string) int {
	for i, f := range st.Fields {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

func newKafkaWriter(o options, st sqltypes.StructType) (*kafkaWriter, error) {
	if o.get("kafka.bootstrap.servers", "") == "" {
		return nil, illegalArgument("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer")
	}
	cfg, err := newKafkaConfig(o)
	if err != nil {
		return nil, err
	}
	kw := &kafkaWriter{topic: o.get("topic", ""), valueIdx: kafkaColumnIndex(st, "value"), keyIdx: kafkaColumnIndex(st, "key"),
		topicIdx: kafkaColumnIndex(st, "topic"), headersIdx: kafkaColumnIndex(st, "headers"), partIdx: kafkaColumnIndex(st, "partition"), timeout: 30 * time.Second}
	binaryOrString := func(i int) bool {
		k := st.Fields[i].DataType.Kind()
		return k == sqltypes.KindString || k == sqltypes.KindBinary
	}
	if kw.topic == "" && kw.topicIdx < 0 {
		return nil, analysis("topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.")
	}
	if kw.topicIdx >= 0 && st.Fields[kw.topicIdx].DataType.Kind() != sqltypes.KindString {
		return nil, analysis("topic attribute type must be a string")
	}
	if kw.valueIdx < 0 {
		return nil, analysis("Required attribute 'value' not found")
	}
	if !binaryOrString(kw.valueIdx) {
		return nil, analysis("value attribute type must be a string or binary")
	}
	if kw.keyIdx >= 0 && !binaryOrString(kw.keyIdx) {
		return nil, analysis("key attribute type must be a string or binary")
	}
	if kw.partIdx >= 0 && st.Fields[kw.partIdx].DataType.Kind() != sqltypes.KindInteger {
		return nil, analysis("partition attribute type must be an int")
	}
	if kw.headersIdx >= 0 {
		if at, ok := st.Fields[kw.headersIdx].DataType.(sqltypes.ArrayType); !ok || at.ElementType.Kind() != sqltypes.KindStruct {
			return nil, analysis("headers attribute type must be an array<struct<key:string,value:binary>>")
		}
	}
	var balancer kafka.Balancer = &kafka.Murmur2Balancer{}
	if kw.partIdx >= 0 {
		balancer = explicitPartition{fallback: balancer}
	}
	kw.w = &kafka.Writer{Addr: cfg.addr(), Transport: cfg.transport(), Balancer: balancer, BatchSize: 10000,
		BatchBytes: 16 << 20, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll, AllowAutoTopicCreation: true}
	return kw, nil
}

func bytesAt(a arrow.Array, i int) []byte {
	if a.IsNull(i) {
		return nil
	}
	switch x := a.(type) {
	case *array.Binary:
		return append([]byte{}, x.Value(i)...) // non-nil: an empty value is not a null one
	case *array.String:
		return []byte(x.Value(i))
	}
	return nil
}

func (kw *kafkaWriter) write(ctx context.Context, batches []arrow.Record) error {
	var msgs []kafka.Message
	for _, b := range batches {
		for i := 0; i < int(b.NumRows()); i++ {
			m := kafka.Message{Topic: kw.topic, Value: bytesAt(b.Column(kw.valueIdx), i)}
			if m.Topic == "" {
				tc := b.Column(kw.topicIdx)
				if tc.IsNull(i) {
					return illegalArgument("Got null topic in the 'topic' column; set the topic option or fill the column")
				}
				m.Topic = tc.(*array.String).Value(i)
			}
			if kw.keyIdx >= 0 {
				m.Key = bytesAt(b.Column(kw.keyIdx), i)
			}
			if kw.partIdx >= 0 {
				m.Partition = -1
				if pc := b.Column(kw.partIdx); pc.IsValid(i) {
					m.Partition = int(pc.(*array.Int32).Value(i))
				}
			}
			if kw.headersIdx >= 0 {
				if hs, ok := expr.GetValue(b.Column(kw.headersIdx), i).([]any); ok {
					for _, h := range hs {
						sv, ok := h.(expr.StructValue)
						if !ok || len(sv) < 2 {
							continue
						}
						k, _ := sv[0].(string)
						var v []byte
						switch x := sv[1].(type) {
						case []byte:
							v = x
						case string:
							v = []byte(x)
						}
						m.Headers = append(m.Headers, kafka.Header{Key: k, Value: v})
					}
				}
			}
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, kw.timeout)
	defer cancel()
	return autotopic.Write(ctx, kw.w, msgs...)
}

func (kw *kafkaWriter) close() error { return kw.w.Close() }

// explicitPartition sends a message to the partition of its row's
// partition column (carried in Message.Partition, which only the balancer
// reads), and uses the key's murmur2 hash, as Kafka's default partitioner,
// when the column is null.
type explicitPartition struct{ fallback kafka.Balancer }

func (e explicitPartition) Balance(msg kafka.Message, partitions ...int) int {
	if msg.Partition >= 0 {
		return msg.Partition
	}
	return e.fallback.Balance(msg, partitions...)
}

// kafkaSink is the streaming kafka sink.
type kafkaSink struct {
	q  *query
	kw *kafkaWriter
}

func init() {
	registerSink("kafka", func(q *query) (Sink, error) {
		kw, err := newKafkaWriter(q.opts, schemaOf(q.plan))
		if err != nil {
			return nil, err
		}
		return &kafkaSink{q: q, kw: kw}, nil
	})
	dataframe.BatchWriters["kafka"] = writeKafkaBatch
}

func (s *kafkaSink) AddBatch(_ int64, _ sqltypes.StructType, batches []arrow.Record) error {
	return s.kw.write(s.q.ctx, batches)
}

func (s *kafkaSink) Stop(error, int64) { _ = s.kw.close() }

func (s *kafkaSink) Description() string {
	return "org.apache.spark.sql.kafka010.KafkaSourceProvider$KafkaTable@eddy"
}

// writeKafkaBatch is df.Write().Format("kafka").Save().
func writeKafkaBatch(df *dataframe.DataFrame, opts map[string]string) error {
	res, err := df.Execute()
	if err != nil {
		return err
	}
	kw, err := newKafkaWriter(newOptions(opts), res.Schema)
	if err != nil {
		return err
	}
	defer kw.close()
	return kw.write(context.Background(), res.Batches)
}
