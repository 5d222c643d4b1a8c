package streaming

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
)

// externalKafka is the bootstrap address of an external broker for the Kafka
// integration tests (KAFKA_BOOTSTRAP, set by `make test-kafka-real` to the
// Apache Kafka broker of scripts/kafka/start-kafka), or "".
func externalKafka() string { return os.Getenv("KAFKA_BOOTSTRAP") }

// skipOnExternalKafka skips a test that must own its broker (it kills,
// restarts or truncates it): such a test runs on the embedded broker in the
// normal pass, and says so when KAFKA_BOOTSTRAP is set.
func skipOnExternalKafka(t *testing.T, why string) {
	t.Helper()
	if externalKafka() != "" {
		t.Skipf("%s, so it runs on the embedded broker only (KAFKA_BOOTSTRAP=%s is ignored)", why, externalKafka())
	}
}

// testKafka is the broker of one Kafka integration test: a fresh embedded
// broker, or the external broker of KAFKA_BOOTSTRAP. On an external broker
// every topic name gets a prefix unique to the test and the run, so tests
// and reruns never share a topic.
type testKafka struct {
	addr     string
	prefix   string
	embedded *broker.Broker
}

var unsafeTopicChars = regexp.MustCompile(`[^a-zA-Z0-9._-]+`)

// kafkaBroker starts the test's broker and creates topics (bare names, see
// Topic) with partitions partitions each.
func kafkaBroker(t *testing.T, partitions int, topics ...string) *testKafka {
	t.Helper()
	addr := externalKafka()
	if addr == "" {
		return &testKafka{embedded: startBroker(t, partitions, topics...)}
	}
	k := &testKafka{addr: addr, prefix: fmt.Sprintf("%s.%d.", unsafeTopicChars.ReplaceAllString(t.Name(), "_"), time.Now().UnixNano())}
	for _, topic := range topics {
		if err := k.CreateTopic(topic, partitions); err != nil {
			t.Fatal(err)
		}
	}
	return k
}

// Addr is the bootstrap address.
func (k *testKafka) Addr() string {
	if k.embedded != nil {
		return k.embedded.Addr()
	}
	return k.addr
}

// Topic is the real name of the test's topic name: name itself on the
// embedded broker.
func (k *testKafka) Topic(name string) string { return k.prefix + name }

// CreateTopic creates the test's topic name and, on an external broker,
// waits until every partition has a leader.
func (k *testKafka) CreateTopic(name string, partitions int) error {
	if k.embedded != nil {
		return k.embedded.CreateTopic(name, partitions)
	}
	topic := k.Topic(name)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := &kafka.Client{Addr: kafka.TCP(k.addr), Timeout: 10 * time.Second, Transport: &kafka.Transport{}}
	resp, err := c.CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{{Topic: topic, NumPartitions: partitions, ReplicationFactor: 1}}})
	if err != nil {
		return fmt.Errorf("create topic %s on %s: %w", topic, k.addr, err)
	}
	if err := resp.Errors[topic]; err != nil {
		return fmt.Errorf("create topic %s on %s: %w", topic, k.addr, err)
	}
	for {
		md, err := c.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err == nil && len(md.Topics) == 1 && md.Topics[0].Error == nil && len(md.Topics[0].Partitions) == partitions {
			ready := true
			for _, p := range md.Topics[0].Partitions {
				ready = ready && p.Error == nil && p.Leader.Host != ""
			}
			if ready {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("topic %s on %s has no leader after 30s (%v)", topic, k.addr, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
