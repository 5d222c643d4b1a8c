package broker

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

func write(t *testing.T, addr, topic string) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, AllowAutoTopicCreation: true, Balancer: &kafka.Hash{}, BatchTimeout: time.Millisecond,
		RequiredAcks: kafka.RequireAll, Transport: &kafka.Transport{}}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var err error
	for i := 0; i < 50; i++ { // the first write may race an auto-creation
		if err = w.WriteMessages(ctx, kafka.Message{Key: []byte("k"), Value: []byte("v")}); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal(err)
}

func records(t *testing.T, addr, topic string, partitions int) int64 {
	t.Helper()
	c := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second, Transport: &kafka.Transport{}}
	var reqs []kafka.OffsetRequest
	for p := 0; p < partitions; p++ {
		reqs = append(reqs, kafka.LastOffsetOf(p))
	}
	resp, err := c.ListOffsets(context.Background(), &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{topic: reqs}})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			t.Fatalf("partition %d: %v", p.Partition, p.Error)
		}
		total += p.LastOffset
	}
	return total
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestAutoCreatedTopics produces to a topic that does not exist yet.
func TestAutoCreatedTopics(t *testing.T) {
	b, err := Start(Config{Addr: "127.0.0.1:0", Partitions: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	write(t, b.Addr(), "auto")
	c := &kafka.Client{Addr: kafka.TCP(b.Addr()), Timeout: 5 * time.Second, Transport: &kafka.Transport{}}
	md, err := c.Metadata(context.Background(), &kafka.MetadataRequest{Topics: []string{"auto"}})
	if err != nil || len(md.Topics) != 1 || len(md.Topics[0].Partitions) != 3 {
		t.Fatalf("metadata %+v %v", md, err)
	}
	if n := records(t, b.Addr(), "auto", 3); n != 1 {
		t.Fatalf("%d records", n)
	}
}

// TestPersistentBroker restarts the broker on its data directory and finds
// the records again.
func TestPersistentBroker(t *testing.T) {
	addr := freeAddr(t)
	dir := t.TempDir()
	b, err := Start(Config{Addr: addr, DataDir: dir, Partitions: 2, Topics: []string{"kept"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Addr() != addr {
		t.Fatalf("Addr %s, want %s", b.Addr(), addr)
	}
	write(t, addr, "kept")
	b.Close()
	b, err = Start(Config{Addr: addr, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n := records(t, addr, "kept", 2); n != 1 {
		t.Fatalf("after restart the topic holds %d records, want 1", n)
	}
}

func TestInvalidAddress(t *testing.T) {
	if _, err := Start(Config{Addr: "nonsense"}); err == nil {
		t.Fatal("invalid address accepted")
	}
}

// TestDefaultMaxVersions: the broker advertises Apache Kafka 3.7's API
// versions, without DescribeTopicPartitions (key 75), so that PySpark 3.5's
// kafka-clients 3.4.1 can talk to it; kafka-go still produces and reads
// (kcat and kafka-python are checked by streaming's TestKcatInterop and
// tests/test_kafka_interop.py).
func TestDefaultMaxVersions(t *testing.T) {
	b, err := Start(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c := &kafka.Client{Addr: kafka.TCP(b.Addr()), Timeout: 5 * time.Second, Transport: &kafka.Transport{}}
	resp, err := c.ApiVersions(context.Background(), &kafka.ApiVersionsRequest{})
	if err != nil || resp.Error != nil {
		t.Fatalf("ApiVersions: %v %v", err, resp.Error)
	}
	want := DefaultMaxVersions()
	for _, k := range resp.ApiKeys {
		max, ok := want.LookupMaxKeyVersion(int16(k.ApiKey))
		if !ok || int16(k.MaxVersion) > max {
			t.Errorf("API key %d (%s) advertised up to v%d, Kafka 3.7 has %v (%v)", k.ApiKey, k.ApiName, k.MaxVersion, max, ok)
		}
	}
	for _, k := range resp.ApiKeys {
		if k.ApiKey == 75 {
			t.Errorf("DescribeTopicPartitions is advertised")
		}
	}
	write(t, b.Addr(), "capped")
	if n := records(t, b.Addr(), "capped", 1); n != 1 {
		t.Fatalf("%d records", n)
	}
}
