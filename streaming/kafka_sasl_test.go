package streaming

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/streaming/broker"
)

// testCA is a certificate authority made for one test, with its certificate
// in a PEM file.
type testCA struct {
	cert    *x509.Certificate
	key     *ecdsa.PrivateKey
	pemPath string
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Eddy test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	ca := &testCA{cert: cert, key: key, pemPath: filepath.Join(t.TempDir(), "ca.pem")}
	if err := os.WriteFile(ca.pemPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return ca
}

// issue signs a certificate for 127.0.0.1 and localhost (a server's, or a
// client's for mutual TLS).
func (ca *testCA) issue(t *testing.T, cn string, usage x509.ExtKeyUsage) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

// The SASL users of the secured broker. The passwords must never show up
// in anything Eddy prints.
const (
	saslUser     = "eddy-api-key"
	saslPassword = "s3cr3t-Pa55w0rd-9f8e7d"
	wrongSecret  = "wr0ng-Pa55w0rd-1a2b3c"
)

// startSecuredBroker starts the embedded broker with a TLS listener (a
// certificate signed by a CA made here) and SASL users, as Confluent Cloud
// requires SASL_SSL.
func startSecuredBroker(t *testing.T, topics ...string) (*broker.Broker, *testCA) {
	t.Helper()
	ca := newTestCA(t)
	b, err := broker.Start(broker.Config{
		Addr: "127.0.0.1:0", Topics: topics, Partitions: 1,
		TLS:   &tls.Config{Certificates: []tls.Certificate{ca.issue(t, "127.0.0.1", x509.ExtKeyUsageServerAuth)}, MinVersion: tls.VersionTLS12},
		Users: map[string]string{saslUser: saslPassword},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b, ca
}

// confluentOptions is the option set a Confluent Cloud user copies into a
// Spark job (Confluent's "Java client" configuration with the kafka.
// prefix), plus the PEM truststore of the test's CA as Spark users set it.
func confluentOptions(addr, mechanism, user, password, caPath string) map[string]any {
	module := "org.apache.kafka.common.security.plain.PlainLoginModule"
	if strings.HasPrefix(mechanism, "SCRAM") {
		module = "org.apache.kafka.common.security.scram.ScramLoginModule"
	}
	return map[string]any{
		"kafka.bootstrap.servers":       addr,
		"kafka.security.protocol":       "SASL_SSL",
		"kafka.sasl.mechanism":          mechanism,
		"kafka.sasl.jaas.config":        fmt.Sprintf("%s required username='%s' password='%s';", module, user, password),
		"kafka.ssl.truststore.location": caPath,
		"kafka.ssl.truststore.type":     "PEM",
	}
}

// outputs gathers everything a query can print: the session's console
// output, display output, the standard logger, and what the test adds.
type outputs struct {
	session, display, logs *syncBuffer
	more                   []string
}

func captureOutputs(t *testing.T, spark *dataframe.Session) *outputs {
	o := &outputs{session: &syncBuffer{}, logs: &syncBuffer{}}
	spark.SetOutput(o.session)
	o.display = captureStdout(t)
	prev := log.Writer()
	log.SetOutput(o.logs)
	t.Cleanup(func() { log.SetOutput(prev) })
	return o
}

// add records the progress JSON, status, exception and status card of q.
func (o *outputs) add(q *dataframe.StreamingQuery) {
	for _, p := range q.RecentProgress() {
		b, _ := json.Marshal(p)
		o.more = append(o.more, string(b))
	}
	st, _ := json.Marshal(q.Status())
	card, _ := json.Marshal(QueryCard(q))
	o.more = append(o.more, string(st), string(card), fmt.Sprint(q.Exception()), fmt.Sprint(q.Err()))
}

// checkNoSecret fails the test if a password appears in any output.
func (o *outputs) checkNoSecret(t *testing.T, secrets ...string) {
	t.Helper()
	all := strings.Join(append([]string{o.session.String(), o.display.String(), o.logs.String()}, o.more...), "\n")
	for _, s := range secrets {
		if strings.Contains(all, s) {
			i := strings.Index(all, s)
			t.Errorf("a password appears in the output: …%s…", all[max(0, i-200):min(len(all), i+len(s)+50)])
		}
	}
}

// TestKafkaConfluentCloudOptions runs batch write, readStream →
// writeStream and batch read through a SASL_SSL broker with the exact
// options of a Confluent Cloud configuration, for each SASL mechanism, and
// finds no password in progress, status, card, logs or console output.
func TestKafkaConfluentCloudOptions(t *testing.T) {
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		t.Run(mech, func(t *testing.T) {
			b, ca := startSecuredBroker(t, "orders", "orders_copy")
			checkSecuredRoundTrip(t, confluentOptions(b.Addr(), mech, saslUser, saslPassword, ca.pemPath), "orders", "orders_copy", saslPassword)
		})
	}
}

// checkSecuredRoundTrip writes three rows to topic in with a batch write,
// copies them to topic copy with readStream → writeStream, reads the copy
// in batch and with a console stream, all with opts, and checks that
// secret appears in no output (plan, progress, status, card, logs,
// console).
func checkSecuredRoundTrip(t *testing.T, opts map[string]any, in, copy, secret string) {
	t.Helper()
	spark := newSession(t)
	out := captureOutputs(t, spark)
	rows := spark.CreateDataFrame([][]any{{"k1", "order 1"}, {"k2", "order 2"}, {"k3", "ünïcødé order"}}, "key STRING, value STRING")
	if err := rows.Write().Format("kafka").Options(opts).Option("topic", in).Save(); err != nil {
		t.Fatalf("batch write: %v", err)
	}
	copied := spark.ReadStream().Format("kafka").Options(opts).Option("subscribe", in).Option("startingOffsets", "earliest").Load().
		SelectExpr("key", "CONCAT(CAST(value AS STRING), ' ✓') AS value")
	if err := copied.Explain(true); err != nil { // the plan text goes to the session's output
		t.Fatal(err)
	}
	q := copied.WriteStream().Format("kafka").Options(opts).Option("topic", copy).
		Option("checkpointLocation", t.TempDir()).Trigger(AvailableNow()).Start()
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("the SASL_SSL stream did not finish")
	}
	out.add(q)
	if err := q.Exception(); err != nil {
		t.Fatalf("stream: %v", err)
	}
	back, err := spark.Read().Format("kafka").Options(opts).Option("subscribe", copy).Load().
		SelectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value").CollectE()
	if err != nil {
		t.Fatalf("batch read: %v", err)
	}
	got := fmt.Sprint(rowsText(back))
	if want := "[Row(key='k1', value='order 1 ✓') Row(key='k2', value='order 2 ✓') Row(key='k3', value='ünïcødé order ✓')]"; got != want {
		t.Fatalf("batch read %s, want %s", got, want)
	}
	console := spark.ReadStream().Format("kafka").Options(opts).Option("subscribe", copy).Option("startingOffsets", "earliest").Load().
		SelectExpr("CAST(value AS STRING)").WriteStream().Format("console").Trigger(AvailableNow()).Start()
	console.AwaitTermination(30 * time.Second)
	out.add(console)
	if err := console.Exception(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.session.String()+out.display.String(), "order 2 ✓") {
		t.Errorf("the console sink did not print the copied rows")
	}
	out.checkNoSecret(t, secret)
}

// externalSecured is the SASL_SSL listener of the real Apache Kafka broker
// of scripts/kafka/start-kafka (make test-kafka-real exports its
// variables), or skips the test.
func externalSecured(t *testing.T) (addr, user, password, caPEM string) {
	addr, user, password, caPEM = os.Getenv("KAFKA_SASL_SSL_BOOTSTRAP"), os.Getenv("KAFKA_SASL_USER"), os.Getenv("KAFKA_SASL_PASSWORD"), os.Getenv("KAFKA_SSL_CA_PEM")
	if addr == "" || user == "" || password == "" || caPEM == "" {
		t.Skip("no SASL_SSL Apache Kafka broker: make test-kafka-real runs this test against scripts/kafka/start-kafka's")
	}
	return addr, user, password, caPEM
}

// TestKafkaConfluentCloudOptionsApacheKafka proves the same option set
// against a real Apache Kafka broker's SASL_SSL listener, with the CA as a
// PEM file and as a JKS truststore made by keytool.
func TestKafkaConfluentCloudOptionsApacheKafka(t *testing.T) {
	addr, user, password, caPEM := externalSecured(t)
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		t.Run(mech, func(t *testing.T) {
			k := &testKafka{addr: addr, prefix: fmt.Sprintf("%s.%d.", unsafeTopicChars.ReplaceAllString(t.Name(), "_"), time.Now().UnixNano())}
			opts := confluentOptions(addr, mech, user, password, caPEM)
			if jks := os.Getenv("KAFKA_SSL_TRUSTSTORE_JKS"); jks != "" && mech == "SCRAM-SHA-512" {
				opts["kafka.ssl.truststore.location"], opts["kafka.ssl.truststore.type"] = jks, "JKS"
				opts["kafka.ssl.truststore.password"] = os.Getenv("KAFKA_SSL_TRUSTSTORE_PASSWORD")
			}
			checkSecuredRoundTrip(t, opts, k.Topic("orders"), k.Topic("orders_copy"), password)
		})
	}
}

// TestKafkaWrongPasswordApacheKafka: Apache Kafka answers a wrong password
// with SASL_AUTHENTICATION_FAILED, and the query fails at once with Kafka's
// exception.
func TestKafkaWrongPasswordApacheKafka(t *testing.T) {
	addr, user, password, caPEM := externalSecured(t)
	spark := newSession(t)
	out := captureOutputs(t, spark)
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256"} {
		start := time.Now()
		q := spark.ReadStream().Format("kafka").Options(confluentOptions(addr, mech, user, wrongSecret, caPEM)).Option("subscribe", "orders").Load().
			WriteStream().Format("noop").Start()
		if !q.AwaitTermination(30 * time.Second) {
			t.Fatalf("%s: the query hangs on a wrong password", mech)
		}
		out.add(q)
		want := "org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism " + mech
		if err := q.Exception(); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: exception %v", mech, err)
		}
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("%s: the query took %s to fail", mech, d)
		}
	}
	out.checkNoSecret(t, wrongSecret, password)
}

// TestKafkaWrongPassword: a wrong password fails readStream, batch read
// and batch write at once with Kafka's authentication exception, well
// before the retry timeout of an unreachable broker, and names neither the
// wrong nor the right password.
func TestKafkaWrongPassword(t *testing.T) {
	b, ca := startSecuredBroker(t, "orders")
	spark := newSession(t)
	out := captureOutputs(t, spark)
	const want = "org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism PLAIN (user '" + saslUser + "', broker "
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-512"} {
		opts := confluentOptions(b.Addr(), mech, saslUser, wrongSecret, ca.pemPath)
		wantMech := strings.Replace(want, "PLAIN", mech, 1)

		start := time.Now()
		q := spark.ReadStream().Format("kafka").Options(opts).Option("subscribe", "orders").Load().
			WriteStream().Format("noop").Start()
		if !q.AwaitTermination(30 * time.Second) {
			t.Fatalf("%s: the query hangs on a wrong password", mech)
		}
		out.add(q)
		if err := q.Exception(); err == nil || !strings.Contains(err.Error(), wantMech) {
			t.Fatalf("%s: exception %v, want it to contain %q", mech, err, wantMech)
		}
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("%s: the query took %s to fail", mech, d)
		}

		df := spark.Read().Format("kafka").Options(opts).Option("subscribe", "orders").Load()
		err := df.Err()
		if err == nil {
			_, err = df.CollectE()
		}
		if err == nil || !strings.Contains(err.Error(), wantMech) {
			t.Fatalf("%s: batch read error %v", mech, err)
		}
		out.more = append(out.more, err.Error())

		err = spark.CreateDataFrame([][]any{{"v"}}, "value STRING").Write().Format("kafka").Options(opts).Option("topic", "orders").Save()
		if err == nil || !strings.Contains(err.Error(), wantMech) {
			t.Fatalf("%s: batch write error %v", mech, err)
		}
		out.more = append(out.more, err.Error())
	}
	out.checkNoSecret(t, wrongSecret, saslPassword)
}

// TestKafkaUntrustedBroker: without the broker's CA in the truststore the
// TLS handshake fails, and the query fails at once with Kafka's
// SslAuthenticationException.
func TestKafkaUntrustedBroker(t *testing.T) {
	b, _ := startSecuredBroker(t, "orders")
	other := newTestCA(t)
	spark := newSession(t)
	opts := confluentOptions(b.Addr(), "PLAIN", saslUser, saslPassword, other.pemPath)
	q := spark.ReadStream().Format("kafka").Options(opts).Option("subscribe", "orders").Load().WriteStream().Format("noop").Start()
	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("the query hangs on an untrusted certificate")
	}
	err := q.Exception()
	if err == nil || !strings.Contains(err.Error(), "org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake with "+b.Addr()+" failed: ") ||
		!strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Fatalf("exception %v", err)
	}
	if strings.Contains(err.Error(), saslPassword) {
		t.Fatal("the exception shows the password")
	}
}
