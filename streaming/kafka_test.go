package streaming

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
)

func startBroker(t *testing.T, partitions int, topics ...string) *broker.Broker {
	t.Helper()
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Topics: topics, Partitions: partitions})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

func produce(t *testing.T, addr, topic string, msgs ...kafka.Message) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var err error
	for i := 0; i < 50; i++ { // a topic created a moment ago may not be known yet
		// A fresh transport: kafka-go's default one caches topic metadata.
		w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, Balancer: &kafka.Murmur2Balancer{}, BatchTimeout: time.Millisecond,
			RequiredAcks: kafka.RequireAll, Transport: &kafka.Transport{}}
		err = w.WriteMessages(ctx, msgs...)
		w.Close()
		if err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal(err)
}

func kafkaReader(spark *dataframe.Session, addr, topic string) *dataframe.DataStreamReader {
	return spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", addr).Option("subscribe", topic).Option("startingOffsets", "earliest")
}

// TestKafkaSourceAvailableNow reads a two-partition topic from the embedded
// broker with Spark's schema.
func TestKafkaSourceAvailableNow(t *testing.T) {
	b := kafkaBroker(t, 2, "rides")
	rides := b.Topic("rides")
	var msgs []kafka.Message
	for i := 0; i < 50; i++ {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprint(i % 3)), Value: []byte(fmt.Sprintf("ride %d", i)), Headers: []kafka.Header{{Key: "h", Value: []byte("v")}}})
	}
	produce(t, b.Addr(), rides, msgs...)
	spark := newSession(t)
	raw := kafkaReader(spark, b.Addr(), rides).Option("includeHeaders", true).Option("maxOffsetsPerTrigger", 20).Load()
	if got := raw.Schema().SimpleString(); got != "struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:timestamp,timestampType:int,headers:array<struct<key:string,value:binary>>>" {
		t.Fatalf("schema %s", got)
	}
	q := raw.SelectExpr("CAST(key AS STRING)", "CAST(value AS STRING)", "topic", "partition", "offset").
		WriteStream().Format("memory").QueryName("rides_raw").Trigger(AvailableNow()).Start()
	if !q.AwaitTermination(60 * time.Second) {
		t.Fatal("AvailableNow did not finish")
	}
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	if n := len(q.RecentProgress()); n < 3 {
		t.Errorf("maxOffsetsPerTrigger=20 over 50 records ran %d batches, want at least 3", n)
	}
	rows := spark.Table("rides_raw").Collect()
	if len(rows) != 50 {
		t.Fatalf("%d rows, want 50", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		v := r.GetString(1)
		if seen[v] {
			t.Fatalf("duplicate %s", v)
		}
		seen[v] = true
		if r.GetString(2) != rides {
			t.Fatalf("topic %v", r.Get(2))
		}
	}
	last := q.LastProgress()["sources"].([]any)[0].(map[string]any)
	if last["description"] != "KafkaV2[Subscribe["+rides+"]]" {
		t.Errorf("description %v", last["description"])
	}
	end := last["endOffset"].(map[string]any)[rides].(map[string]any)
	total := int64(0)
	for _, v := range end {
		total += v.(int64)
	}
	if total != 50 {
		t.Errorf("end offsets %v sum to %d, want 50", end, total)
	}
}

// TestKafkaSinkRoundTrip writes a stream to Kafka and reads it back.
func TestKafkaSinkRoundTrip(t *testing.T) {
	b := kafkaBroker(t, 1, "in", "out")
	in, out := b.Topic("in"), b.Topic("out")
	produce(t, b.Addr(), in, kafka.Message{Key: []byte("k1"), Value: []byte("a")}, kafka.Message{Key: []byte("k2"), Value: []byte("b")})
	spark := newSession(t)
	ck := t.TempDir()
	q := kafkaReader(spark, b.Addr(), in).Load().
		SelectExpr("key", "CONCAT(CAST(value AS STRING), '!') AS value").
		WriteStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("topic", out).
		Option("checkpointLocation", ck).Trigger(AvailableNow()).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	if !q.AwaitTermination(20*time.Second) || q.Exception() != nil {
		t.Fatalf("write failed: %v", q.Exception())
	}
	back := kafkaReader(spark, b.Addr(), out).Load().SelectExpr("CAST(key AS STRING)", "CAST(value AS STRING)").
		WriteStream().Format("memory").QueryName("out_rows").Trigger(AvailableNow()).Start()
	back.AwaitTermination(60 * time.Second)
	got := fmt.Sprint(rowsText(spark.Table("out_rows").Collect()))
	if got != "[Row(key='k1', value='a!') Row(key='k2', value='b!')]" {
		t.Fatalf("read back %s", got)
	}
}

func TestKafkaOptionErrors(t *testing.T) {
	spark := newSession(t)
	tests := []struct {
		name string
		opts map[string]any
		want string
	}{
		{"no strategy", map[string]any{"kafka.bootstrap.servers": "x:1"}, "One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details."},
		{"two strategies", map[string]any{"kafka.bootstrap.servers": "x:1", "subscribe": "a", "assign": `{"a":[0]}`}, "Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details."},
		{"no servers", map[string]any{"subscribe": "a"}, "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer"},
		{"bad starting", map[string]any{"kafka.bootstrap.servers": "x:1", "subscribe": "a", "startingOffsets": "soon"}, "startingOffsets can only be 'earliest', 'latest' or a JSON string, but was soon"},
		{"bad protocol", map[string]any{"kafka.bootstrap.servers": "x:1", "subscribe": "a", "kafka.security.protocol": "FOO"}, "No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.FOO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := spark.ReadStream().Format("kafka").Options(tt.opts).Load()
			if df.Err() == nil || df.Err().Error() != tt.want {
				t.Fatalf("error %v, want %q", df.Err(), tt.want)
			}
		})
	}
}

func TestParseJAAS(t *testing.T) {
	u, p := parseJAAS(`org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3\"cret";`)
	if u != "alice" || p != `s3"cret` {
		t.Fatalf("got %q %q", u, p)
	}
}

// TestKafkaBatchRead reads a topic in batch, whole and up to endingOffsets.
func TestKafkaBatchRead(t *testing.T) {
	b := kafkaBroker(t, 1, "events")
	events := b.Topic("events")
	produce(t, b.Addr(), events, kafka.Message{Value: []byte(`{"event_type":"a"}`)}, kafka.Message{Value: []byte(`{"event_type":"b"}`)}, kafka.Message{Value: []byte(`{"event_type":"c"}`)})
	spark := newSession(t)
	all := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", events).Load()
	if all.Err() != nil {
		t.Fatal(all.Err())
	}
	if n := all.Count(); n != 3 {
		t.Fatalf("%d records", n)
	}
	some := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", events).
		Option("startingOffsets", `{"`+events+`":{"0":1}}`).Option("endingOffsets", `{"`+events+`":{"0":2}}`).Load().
		SelectExpr("CAST(value AS STRING)").Collect()
	if len(some) != 1 || some[0].GetString(0) != `{"event_type":"b"}` {
		t.Fatalf("offsets [1,2): %v", some)
	}
	bad := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", events).Option("startingOffsets", "latest").Load()
	if bad.Err() == nil || bad.Err().Error() != "starting offset can't be latest for batch queries on Kafka" {
		t.Fatalf("error %v", bad.Err())
	}
}

// TestKafkaSubscribePatternAndAssign discovers topics by pattern and reads
// assigned partitions from JSON starting offsets.
func TestKafkaSubscribePatternAndAssign(t *testing.T) {
	b := kafkaBroker(t, 2, "logs-a", "logs-b", "other")
	other := b.Topic("other")
	produce(t, b.Addr(), b.Topic("logs-a"), kafka.Message{Key: []byte("x"), Value: []byte("1")})
	produce(t, b.Addr(), b.Topic("logs-b"), kafka.Message{Key: []byte("y"), Value: []byte("2")})
	produce(t, b.Addr(), other, kafka.Message{Value: []byte("3")})
	spark := newSession(t)
	q := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribePattern", regexp.QuoteMeta(b.Topic("logs-"))+".*").
		Option("startingOffsets", "earliest").Load().SelectExpr("CAST(value AS STRING)").
		WriteStream().Format("memory").QueryName("logs").Trigger(AvailableNow()).Start()
	q.AwaitTermination(60 * time.Second)
	if got := sortedValues(t, spark.Table("logs")); got != "[1 2]" {
		t.Fatalf("pattern read %s", got)
	}
	var msgs []kafka.Message
	for i := 0; i < 6; i++ {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprint(i)), Value: []byte(fmt.Sprint(10 + i))})
	}
	produce(t, b.Addr(), other, msgs...)
	all := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("assign", `{"`+other+`":[0]}`).Load().Count()
	q = spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("assign", `{"`+other+`":[0]}`).
		Option("startingOffsets", `{"`+other+`":{"0":1}}`).Load().SelectExpr("CAST(value AS STRING)").
		WriteStream().Format("memory").QueryName("assigned").Trigger(AvailableNow()).Start()
	q.AwaitTermination(60 * time.Second)
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	if n := spark.Table("assigned").Count(); n != all-1 || all < 2 {
		t.Fatalf("assign from offset 1 read %d of %d records", n, all)
	}
}

// TestKafkaSinkPartitionColumn writes rows to the partition named by a
// partition column (batch write).
func TestKafkaSinkPartitionColumn(t *testing.T) {
	b := kafkaBroker(t, 3, "parts")
	parts := b.Topic("parts")
	spark := newSession(t)
	df := spark.CreateDataFrame([][]any{{"a", int32(2)}, {"b", int32(0)}, {"c", int32(2)}}, "value STRING, partition INT")
	if err := df.Write().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("topic", parts).Save(); err != nil {
		t.Fatal(err)
	}
	rows := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", parts).Load().
		SelectExpr("CAST(value AS STRING)", "partition").Collect()
	got := rowsText(rows)
	if fmt.Sprint(got) != "[Row(value='a', partition=2) Row(value='b', partition=0) Row(value='c', partition=2)]" {
		t.Fatalf("read back %v", got)
	}
	bad := spark.CreateDataFrame([][]any{{"a"}}, "v STRING")
	err := bad.Write().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("topic", parts).Save()
	if err == nil || err.Error() != "Required attribute 'value' not found" {
		t.Fatalf("error %v", err)
	}
}

// TestKafkaPatternDiscoversNewTopics adds a matching topic while the query
// runs; its records are read from the earliest offset.
func TestKafkaPatternDiscoversNewTopics(t *testing.T) {
	b := kafkaBroker(t, 1, "m-1")
	produce(t, b.Addr(), b.Topic("m-1"), kafka.Message{Value: []byte("a")})
	spark := newSession(t)
	q := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribePattern", regexp.QuoteMeta(b.Topic("m-"))+".*").
		Option("startingOffsets", "earliest").Load().SelectExpr("CAST(value AS STRING)").
		WriteStream().Format("memory").QueryName("discovered").Start()
	defer q.Stop()
	waitRows(t, q, 1)
	if err := b.CreateTopic("m-2", 2); err != nil {
		t.Fatal(err)
	}
	produce(t, b.Addr(), b.Topic("m-2"), kafka.Message{Key: []byte("x"), Value: []byte("b")}, kafka.Message{Key: []byte("y"), Value: []byte("c")})
	waitRows(t, q, 3)
	if got := sortedValues(t, spark.Table("discovered")); got != "[a b c]" {
		t.Fatalf("read %s", got)
	}
}

// TestKafkaPrintSchema checks Spark's printSchema text of a Kafka stream;
// Load does not connect.
func TestKafkaPrintSchema(t *testing.T) {
	spark := newSession(t)
	df := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", "localhost:9092").Option("subscribe", "rides_csv").Load()
	want := "root\n |-- key: binary (nullable = true)\n |-- value: binary (nullable = true)\n |-- topic: string (nullable = true)\n |-- partition: integer (nullable = true)\n |-- offset: long (nullable = true)\n |-- timestamp: timestamp (nullable = true)\n |-- timestampType: integer (nullable = true)\n"
	if got := df.Schema().TreeString(); got != want {
		t.Fatalf("schema\n%s\nwant\n%s", got, want)
	}
	if !df.IsStreaming() {
		t.Fatal("not streaming")
	}
}

// TestKafkaTimestampType checks timestampType: 0 for records with their
// producer's CreateTime, 1 for batches marked LogAppendTime.
func TestKafkaTimestampType(t *testing.T) {
	b := kafkaBroker(t, 1, "create_time")
	produce(t, b.Addr(), b.Topic("create_time"), kafka.Message{Value: []byte("c"), Time: time.Unix(1000, 0)})
	spark := newSession(t)
	rows := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", b.Topic("create_time")).Load().
		Select("timestampType", "timestamp").Collect()
	if len(rows) != 1 || rows[0].Get(0) != int32(0) || !rows[0].Get(1).(time.Time).Equal(time.Unix(1000, 0)) {
		t.Fatalf("create_time: %v", rows)
	}
	// kfake (like Kafka) sets LogAppendTime only on the batch attributes.
	if got := timestampType(&protocol.RecordBatch{Attributes: logAppendTime}); got != 1 {
		t.Errorf("LogAppendTime batch: %d", got)
	}
	if got := timestampType(&protocol.RecordBatch{Attributes: protocol.Gzip}); got != 0 {
		t.Errorf("CreateTime batch: %d", got)
	}
}
