package streaming

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
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
	user      string // the SASL user, for messages
	timeout   time.Duration
}

// jaasField matches username and password in a JAAS login module's options,
// quoted with " or ' (as Confluent Cloud's copied configuration is) or bare,
// as Kafka's JaasConfig tokenizer reads them.
var jaasField = regexp.MustCompile(`\b(username|password)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s;"']+))`)

var jaasEscape = regexp.MustCompile(`\\(.)`)

// parseJAAS returns the username and password of a sasl.jaas.config value
// such as `org.apache.kafka.common.security.plain.PlainLoginModule required
// username='u' password='p';`.
func parseJAAS(s string) (user, pass string) {
	for _, m := range jaasField.FindAllStringSubmatch(s, -1) {
		v := m[4]
		if m[2] != "" || m[3] != "" || strings.Contains(m[0], `""`) || strings.Contains(m[0], `''`) {
			v = jaasEscape.ReplaceAllString(m[2]+m[3], "$1")
		}
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
// SCRAM-SHA-256, SCRAM-SHA-512), kafka.sasl.jaas.config (or
// kafka.sasl.username and kafka.sasl.password), and for SSL the truststore
// and keystore options of kafkaTLS.
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
		t, err := kafkaTLS(o)
		if err != nil {
			return nil, err
		}
		c.tls = t
	default:
		return nil, illegalArgument("No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.%s", proto)
	}
	if strings.HasPrefix(proto, "SASL") {
		user, pass := parseJAAS(o.get("kafka.sasl.jaas.config", ""))
		if user == "" {
			user, pass = o.get("kafka.sasl.username", ""), o.get("kafka.sasl.password", "")
		}
		mech := strings.ToUpper(o.get("kafka.sasl.mechanism", "GSSAPI"))
		c.user = user
		switch mech {
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

func (c *kafkaConfig) transport() kafka.RoundTripper {
	t := authTransport{Transport: &kafka.Transport{DialTimeout: c.timeout, TLS: c.tls, ClientID: "eddy", MetadataTTL: 2 * time.Second}, cfg: c}
	if c.mechanism != nil {
		t.sasl = &saslWatch{Mechanism: c.mechanism}
		t.Transport.SASL = t.sasl
	}
	return t
}

// saslWatch counts the SASL exchanges that started and those that
// finished. A broker may reject credentials by closing the connection
// (kfake does; Kafka answers SASL_AUTHENTICATION_FAILED), which kafka-go
// reports as SASLAuthenticationFailed only for a clean EOF: an exchange
// that started during a request and never finished tells the two apart
// from an unreachable broker.
type saslWatch struct {
	sasl.Mechanism
	started, finished atomic.Int64
}

func (w *saslWatch) Start(ctx context.Context) (sasl.StateMachine, []byte, error) {
	sm, ir, err := w.Mechanism.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	w.started.Add(1)
	return saslSession{sm, w}, ir, nil
}

type saslSession struct {
	sasl.StateMachine
	w *saslWatch
}

func (s saslSession) Next(ctx context.Context, challenge []byte) (bool, []byte, error) {
	done, resp, err := s.StateMachine.Next(ctx, challenge)
	if done && err == nil {
		s.w.finished.Add(1)
	}
	return done, resp, err
}

// authTransport is a client's kafka-go transport whose authentication
// failures are permanent: wrong SASL credentials, a mechanism the broker
// does not enable, or a broker certificate the client does not trust fail a
// query at once with Kafka's exception, as in Spark, instead of being
// retried like an unreachable broker.
type authTransport struct {
	*kafka.Transport
	cfg  *kafkaConfig
	sasl *saslWatch // nil without SASL
}

func (t authTransport) RoundTrip(ctx context.Context, addr net.Addr, req kafka.Request) (kafka.Response, error) {
	var started, finished int64
	if t.sasl != nil {
		started, finished = t.sasl.started.Load(), t.sasl.finished.Load()
	}
	resp, err := t.Transport.RoundTrip(ctx, addr, req)
	if err != nil {
		if t.sasl != nil && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)) &&
			t.sasl.started.Load()-started > t.sasl.finished.Load()-finished {
			err = fmt.Errorf("%w: the broker closed the connection during authentication", kafka.SASLAuthenticationFailed)
		}
		if auth := t.cfg.authError(err); auth != nil {
			return resp, permanent{auth}
		}
	}
	return resp, err
}

// authError is Kafka's exception for an authentication failure, or nil when
// err is not one. It names the mechanism and the user, never the password.
func (c *kafkaConfig) authError(err error) error {
	brokers := strings.Join(c.brokers, ",")
	var (
		unknownCA *x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		alert     tls.AlertError
		op        *net.OpError
	)
	switch {
	case errors.Is(err, kafka.SASLAuthenticationFailed):
		return fmt.Errorf("org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism %s (user '%s', broker %s)", c.mechanism.Name(), c.user, brokers)
	case errors.Is(err, kafka.UnsupportedSASLMechanism):
		return fmt.Errorf("org.apache.kafka.common.errors.UnsupportedSaslMechanismException: the broker %s does not enable SASL mechanism %s", brokers, c.mechanism.Name())
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify), errors.As(err, &alert),
		errors.As(err, &op) && op.Op == "remote error": // a TLS alert from the broker, such as "certificate required"
		return fmt.Errorf("org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake with %s failed: %v", brokers, err)
	}
	return nil
}

func (c *kafkaConfig) client() *kafka.Client {
	return &kafka.Client{Addr: kafka.TCP(c.brokers...), Timeout: c.timeout, Transport: c.transport()}
}

func (c *kafkaConfig) addr() net.Addr { return kafka.TCP(c.brokers...) }
