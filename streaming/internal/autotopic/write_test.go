package autotopic

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
)

// TestWriteToANewTopic writes to a topic that does not exist yet, on the
// embedded broker and, with KAFKA_BOOTSTRAP set, on that broker (a real
// Apache Kafka broker rejects the first write before the topic has a
// leader), then reads the message back.
func TestWriteToANewTopic(t *testing.T) {
	addr := os.Getenv("KAFKA_BOOTSTRAP")
	if addr == "" {
		b, err := broker.Start(broker.Config{})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		addr = b.Addr()
	}
	topic := "autotopic." + time.Now().Format("20060102T150405.000000000")
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, AllowAutoTopicCreation: true, BatchTimeout: time.Millisecond,
		RequiredAcks: kafka.RequireAll, Transport: &kafka.Transport{}}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := Write(ctx, w, kafka.Message{Value: []byte("first")}); err != nil {
		t.Fatal(err)
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: 0, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	m, err := r.ReadMessage(ctx)
	if err != nil || string(m.Value) != "first" {
		t.Fatalf("read back %q, %v", m.Value, err)
	}
}

func TestCreating(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{kafka.UnknownTopicOrPartition, true},
		{kafka.LeaderNotAvailable, true},
		{kafka.TopicAuthorizationFailed, false},
		{kafka.WriteErrors{kafka.UnknownTopicOrPartition}, false},
		{context.DeadlineExceeded, false},
	}
	for _, tt := range tests {
		if got := creating(tt.err); got != tt.want {
			t.Errorf("creating(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
