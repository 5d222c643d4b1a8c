package broker

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestPersistentBrokerAutoCreatesTopics produces to an auto-created topic,
// restarts the broker on its data directory and finds the records again.
func TestPersistentBrokerAutoCreatesTopics(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	b, err := Start(Config{Addr: addr, DataDir: dir, Partitions: 3})
	if err != nil {
		t.Fatal(err)
	}
	if b.Addr() != addr {
		t.Fatalf("Addr %s, want %s", b.Addr(), addr)
	}
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: "auto", AllowAutoTopicCreation: true, Balancer: &kafka.Hash{}, BatchTimeout: time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var err2 error
	for i := 0; i < 50; i++ { // the first write may race the topic creation
		if err2 = w.WriteMessages(ctx, kafka.Message{Key: []byte("k"), Value: []byte("v")}); err2 == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	w.Close()
	if err2 != nil {
		t.Fatal(err2)
	}
	c := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second}
	md, err := c.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{"auto"}})
	if err != nil || len(md.Topics) != 1 || len(md.Topics[0].Partitions) != 3 {
		t.Fatalf("metadata %+v %v", md, err)
	}
	b.Close()
	b, err = Start(Config{Addr: addr, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c = &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second, Transport: &kafka.Transport{}}
	resp, err := c.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{"auto": {kafka.LastOffsetOf(0), kafka.LastOffsetOf(1), kafka.LastOffsetOf(2)}}})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, p := range resp.Topics["auto"] {
		if p.Error != nil {
			t.Fatalf("partition %d: %v", p.Partition, p.Error)
		}
		total += p.LastOffset
	}
	if total != 1 {
		t.Fatalf("after restart the topic holds %d records, want 1", total)
	}
}

func TestInvalidAddress(t *testing.T) {
	if _, err := Start(Config{Addr: "nonsense"}); err == nil {
		t.Fatal("invalid address accepted")
	}
}
