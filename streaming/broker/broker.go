package broker

import (
	"crypto/tls"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kversion"
)

// Config configures an embedded broker.
type Config struct {
	// Addr is host:port to listen on; port 0 picks a free port.
	Addr string
	// Topics are created at start with Partitions partitions each.
	Topics []string
	// Partitions is the partition count of created and auto-created topics
	// (default 1).
	Partitions int
	// DataDir, when set, makes the broker persistent: the log is written
	// to segment files as records arrive and reloaded on restart.
	DataDir string
	// TLS, when set, makes the listener speak TLS with this configuration
	// (its Certificates): clients connect with security.protocol SSL or
	// SASL_SSL.
	TLS *tls.Config
	// Users, when set, makes every client authenticate with SASL as one of
	// these users (name → password), by PLAIN, SCRAM-SHA-256 or
	// SCRAM-SHA-512: security.protocol SASL_PLAINTEXT, or SASL_SSL with TLS.
	Users map[string]string
	// MaxVersions caps the Kafka API versions the broker advertises and
	// accepts; nil means DefaultMaxVersions.
	MaxVersions *kversion.Versions
}

// DefaultMaxVersions is the API versions of Apache Kafka 3.7, which every
// client Eddy meets speaks: kafka-go, librdkafka (kcat), kafka-python, and
// the kafka-clients 3.4.1 of PySpark 3.5's Kafka connector. Uncapped,
// kfake advertises features with minVersion 0 to every ApiVersions request
// (Kafka sends those only to v4+ requests, KIP-1022), which kafka-clients
// before 3.9 reject, and DescribeTopicPartitions, whose answer kafka-clients
// 3.9 cannot read.
func DefaultMaxVersions() *kversion.Versions { return kversion.V3_7_0() }

// SASLMechanisms are the SASL mechanisms a broker with Users accepts.
var SASLMechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}

// Broker is a running embedded Kafka broker.
type Broker struct {
	cluster *kfake.Cluster
	addr    string
}

// Start starts a broker.
func Start(cfg Config) (*Broker, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = 1
	}
	host, portText, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("broker: invalid address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("broker: invalid port %q", portText)
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(cfg.Partitions),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) {
			return net.Listen(network, net.JoinHostPort(host, strconv.Itoa(port)))
		}),
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	if cfg.MaxVersions == nil {
		cfg.MaxVersions = DefaultMaxVersions()
	}
	opts = append(opts, kfake.MaxVersions(cfg.MaxVersions))
	if cfg.TLS != nil {
		opts = append(opts, kfake.TLS(cfg.TLS))
	}
	if len(cfg.Users) > 0 {
		opts = append(opts, kfake.EnableSASL())
		for user, pass := range cfg.Users {
			for _, m := range SASLMechanisms {
				opts = append(opts, kfake.Superuser(m, user, pass))
			}
		}
	}
	var topics []string
	for _, t := range cfg.Topics {
		if t = strings.TrimSpace(t); t != "" {
			topics = append(topics, t)
		}
	}
	if len(topics) > 0 {
		opts = append(opts, kfake.SeedTopics(int32(cfg.Partitions), topics...))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	return &Broker{cluster: c, addr: c.ListenAddrs()[0]}, nil
}

// Addr returns the bootstrap address (host:port).
func (b *Broker) Addr() string { return b.addr }

// CreateTopic creates a topic with the given number of partitions.
func (b *Broker) CreateTopic(name string, partitions int) error {
	return b.cluster.CreateTopic(name, int32(partitions), nil)
}

// Close stops the broker.
func (b *Broker) Close() { b.cluster.Close() }

// DeleteRecords deletes a partition's records before offset, as retention
// would (for tests of failOnDataLoss).
func (b *Broker) DeleteRecords(topic string, partition int, offset int64) error {
	return b.cluster.DeleteRecords(topic, int32(partition), offset)
}
