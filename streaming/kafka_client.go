package streaming

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// kafkaConfig is the kafka.* client options mapped onto kafka-go.
type kafkaConfig struct {
	brokers   []string
	tls       *tls.Config
	mechanism sasl.Mechanism
	timeout   time.Duration
}

var jaasField = regexp.MustCompile(`(username|password)\s*=\s*"((?:[^"\\]|\\.)*)"`)

// parseJAAS returns the username and password of a sasl.jaas.config value
// such as `org.apache.kafka.common.security.plain.PlainLoginModule required
// username="u" password="p";`.
func parseJAAS(s string) (user, pass string) {
	for _, m := range jaasField.FindAllStringSubmatch(s, -1) {
		v := strings.ReplaceAll(m[2], `\"`, `"`)
		if m[1] == "username" {
			user = v
		} else {
			pass = v
		}
	}
	return user, pass
}

// newKafkaConfig reads kafka.bootstrap.servers, kafka.security.protocol
// (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), kafka.sasl.mechanism (PLAIN,
// SCRAM-SHA-256, SCRAM-SHA-512), kafka.sasl.jaas.config, a CA file
// (kafka.ssl.ca.location, or a PEM kafka.ssl.truststore.location) and a
// client certificate (kafka.ssl.certificate.location and
// kafka.ssl.key.location, PEM).
func newKafkaConfig(o options) (*kafkaConfig, error) {
	servers := o.get("kafka.bootstrap.servers", "")
	if servers == "" {
		return nil, illegalArgument("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer")
	}
	c := &kafkaConfig{timeout: 10 * time.Second}
	for _, s := range strings.Split(servers, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.brokers = append(c.brokers, s)
		}
	}
	if ms, err := o.int("kafka.request.timeout.ms", 0); err == nil && ms > 0 {
		c.timeout = time.Duration(ms) * time.Millisecond
	}
	proto := strings.ToUpper(o.get("kafka.security.protocol", "PLAINTEXT"))
	switch proto {
	case "PLAINTEXT", "SASL_PLAINTEXT":
	case "SSL", "SASL_SSL":
		c.tls = &tls.Config{MinVersion: tls.VersionTLS12}
		ca := o.get("kafka.ssl.ca.location", o.get("kafka.ssl.truststore.location", ""))
		if ca != "" {
			pem, err := os.ReadFile(ca)
			if err != nil {
				return nil, illegalArgument("cannot read the CA file %s: %v", ca, err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, illegalArgument("the CA file %s holds no PEM certificate", ca)
			}
			c.tls.RootCAs = pool
		}
		cert, key := o.get("kafka.ssl.certificate.location", ""), o.get("kafka.ssl.key.location", "")
		if cert != "" || key != "" {
			pair, err := tls.LoadX509KeyPair(cert, key)
			if err != nil {
				return nil, illegalArgument("cannot load the client certificate %s and key %s: %v", cert, key, err)
			}
			c.tls.Certificates = []tls.Certificate{pair}
		}
		if strings.EqualFold(o.get("kafka.ssl.endpoint.identification.algorithm", "https"), "") {
			c.tls.InsecureSkipVerify = true
		}
	default:
		return nil, illegalArgument("No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.%s", proto)
	}
	if strings.HasPrefix(proto, "SASL") {
		user, pass := parseJAAS(o.get("kafka.sasl.jaas.config", ""))
		if user == "" {
			user, pass = o.get("kafka.sasl.username", ""), o.get("kafka.sasl.password", "")
		}
		switch mech := strings.ToUpper(o.get("kafka.sasl.mechanism", "GSSAPI")); mech {
		case "PLAIN":
			c.mechanism = plain.Mechanism{Username: user, Password: pass}
		case "SCRAM-SHA-256", "SCRAM-SHA-512":
			algo := scram.SHA256
			if mech == "SCRAM-SHA-512" {
				algo = scram.SHA512
			}
			m, err := scram.Mechanism(algo, user, pass)
			if err != nil {
				return nil, illegalArgument("invalid SCRAM credentials: %v", err)
			}
			c.mechanism = m
		default:
			return nil, illegalArgument("Unsupported SASL mechanism %s: Eddy supports PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512", mech)
		}
	}
	return c, nil
}

func (c *kafkaConfig) transport() *kafka.Transport {
	return &kafka.Transport{DialTimeout: c.timeout, TLS: c.tls, SASL: c.mechanism, ClientID: "eddy", MetadataTTL: 2 * time.Second}
}

func (c *kafkaConfig) client() *kafka.Client {
	return &kafka.Client{Addr: kafka.TCP(c.brokers...), Timeout: c.timeout, Transport: c.transport()}
}

func (c *kafkaConfig) addr() net.Addr { return kafka.TCP(c.brokers...) }
