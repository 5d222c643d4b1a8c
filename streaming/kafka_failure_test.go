package streaming

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
)

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestKafkaBrokerDownAtStart checks that a query whose broker is down
// retries, says so in its status, and fails with a clear exception after
// kafka.default.api.timeout.ms.
func TestKafkaBrokerDownAtStart(t *testing.T) {
	spark := newSession(t)
	addr := freePort(t)
	q := kafkaReader(spark, addr, "nothing").Option("kafka.default.api.timeout.ms", 600).Load().
		WriteStream().Format("noop").Start()
	deadline := time.Now().Add(20 * time.Second)
	sawRetry := false
	for time.Now().Before(deadline) && q.IsActive() {
		if msg, _ := q.Status()["message"].(string); strings.HasPrefix(msg, "Waiting for the Kafka broker at "+addr+" (retrying)") {
			sawRetry = true
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !sawRetry {
		t.Error("the status never said that the query waits for the broker")
	}
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("the query hangs")
	}
	if err := q.Exception(); err == nil || !strings.Contains(err.Error(), "Timed out after 600ms waiting for the Kafka broker at "+addr) {
		t.Fatalf("exception %v", err)
	}
}

// TestKafkaBrokerRestartMidQuery restarts a persistent broker under a
// running query: the query waits and then resumes without loss.
func TestKafkaBrokerRestartMidQuery(t *testing.T) {
	skipOnExternalKafka(t, "it kills and restarts its broker")
	addr := freePort(t)
	dataDir := t.TempDir()
	b, err := broker.Start(broker.Config{Addr: addr, Topics: []string{"t"}, DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []kafka.Message
	for i := 0; i < 10; i++ {
		msgs = append(msgs, kafka.Message{Value: []byte(fmt.Sprint(i))})
	}
	produce(t, addr, "t", msgs...)
	spark := newSession(t)
	q := kafkaReader(spark, addr, "t").Load().SelectExpr("CAST(value AS STRING)").
		WriteStream().Format("memory").QueryName("restarted").Start()
	defer q.Stop()
	waitRows(t, q, 10)
	b.Close()
	time.Sleep(50 * time.Millisecond)
	b, err = broker.Start(broker.Config{Addr: addr, DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	msgs = msgs[:0]
	for i := 10; i < 20; i++ {
		msgs = append(msgs, kafka.Message{Value: []byte(fmt.Sprint(i))})
	}
	produce(t, addr, "t", msgs...)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && spark.Table("restarted").Count() < 20 {
		if !q.IsActive() {
			t.Fatalf("query ended: %v", q.Exception())
		}
		time.Sleep(10 * time.Millisecond)
	}
	rows := spark.Table("restarted").Collect()
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.GetString(0)] = true
	}
	if len(rows) != 20 || len(seen) != 20 {
		t.Fatalf("%d rows, %d distinct, want 20", len(rows), len(seen))
	}
}
