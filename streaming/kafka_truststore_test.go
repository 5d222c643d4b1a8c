package streaming

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/streaming/broker"
	"software.sslmate.com/src/go-pkcs12"
)

// keytool runs Java's keytool (the openjdk-17-jre-headless package that
// .ci/run installs), skipping the test when it is missing.
func keytool(t *testing.T, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("keytool")
	if err != nil {
		t.Skip("keytool (Java) is not installed: the JKS and PKCS12 stores of this test are made by it")
	}
	if out, err := exec.Command(bin, append([]string{"-noprompt"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("keytool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// javaStores are the truststores and keystores a Java user has, made by
// keytool from the test's CA and a client certificate it signed.
type javaStores struct {
	trustJKS, trustP12, keyJKS, keyP12 string
}

const storePass = "changeit-7f3a" // the stores' password (not a Kafka secret)

func makeJavaStores(t *testing.T, ca *testCA) javaStores {
	t.Helper()
	dir := t.TempDir()
	s := javaStores{
		trustJKS: filepath.Join(dir, "truststore.jks"), trustP12: filepath.Join(dir, "truststore.p12"),
		keyJKS: filepath.Join(dir, "keystore.jks"), keyP12: filepath.Join(dir, "keystore.p12"),
	}
	keytool(t, "-importcert", "-alias", "eddy-ca", "-file", ca.pemPath, "-keystore", s.trustJKS, "-storetype", "JKS", "-storepass", storePass)
	keytool(t, "-importcert", "-alias", "eddy-ca", "-file", ca.pemPath, "-keystore", s.trustP12, "-storetype", "PKCS12", "-storepass", storePass)
	// The client's key and certificate reach keytool as a PKCS12 bundle,
	// which it converts into the JKS and PKCS12 keystores Java writes.
	client := ca.issue(t, "eddy-client", x509.ExtKeyUsageClientAuth)
	bundle, err := pkcs12.Modern.Encode(client.PrivateKey, client.Leaf, []*x509.Certificate{ca.cert}, storePass)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "client-bundle.p12")
	if err := os.WriteFile(src, bundle, 0o600); err != nil {
		t.Fatal(err)
	}
	for dst, typ := range map[string]string{s.keyJKS: "JKS", s.keyP12: "PKCS12"} {
		keytool(t, "-importkeystore", "-srckeystore", src, "-srcstoretype", "PKCS12", "-srcstorepass", storePass,
			"-destkeystore", dst, "-deststoretype", typ, "-deststorepass", storePass, "-destkeypass", storePass)
	}
	return s
}

// TestKafkaJavaStores writes and reads a topic over TLS with the
// truststores and keystores of Java users (kafka.ssl.truststore.location,
// .type and .password; kafka.ssl.keystore.* for mutual TLS), made by
// keytool, against the embedded broker; wrong passwords and a missing
// client certificate give clear errors.
func TestKafkaJavaStores(t *testing.T) {
	ca := newTestCA(t)
	stores := makeJavaStores(t, ca)
	server := ca.issue(t, "127.0.0.1", x509.ExtKeyUsageServerAuth)
	clientCAs := x509.NewCertPool()
	clientCAs.AddCert(ca.cert)
	tlsOnly, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Partitions: 1, TLS: &tls.Config{Certificates: []tls.Certificate{server}}})
	if err != nil {
		t.Fatal(err)
	}
	defer tlsOnly.Close()
	mutual, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Partitions: 1, TLS: &tls.Config{Certificates: []tls.Certificate{server},
		ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: clientCAs}})
	if err != nil {
		t.Fatal(err)
	}
	defer mutual.Close()

	tests := []struct {
		name   string
		broker *broker.Broker
		opts   map[string]any
		err    string // a part of the error, "" for success
	}{
		{"JKS truststore", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS, "kafka.ssl.truststore.type": "JKS", "kafka.ssl.truststore.password": storePass}, ""},
		{"JKS truststore, type detected, no password", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS}, ""},
		{"PKCS12 truststore", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustP12, "kafka.ssl.truststore.type": "PKCS12", "kafka.ssl.truststore.password": storePass}, ""},
		{"PKCS12 truststore, type detected", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustP12, "kafka.ssl.truststore.password": storePass}, ""},
		{"PEM truststore", tlsOnly, map[string]any{"kafka.ssl.truststore.location": ca.pemPath, "kafka.ssl.truststore.type": "PEM"}, ""},
		{"JKS keystore", mutual, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS, "kafka.ssl.truststore.password": storePass,
			"kafka.ssl.keystore.location": stores.keyJKS, "kafka.ssl.keystore.type": "JKS", "kafka.ssl.keystore.password": storePass, "kafka.ssl.key.password": storePass}, ""},
		{"PKCS12 keystore", mutual, map[string]any{"kafka.ssl.truststore.location": stores.trustP12, "kafka.ssl.truststore.password": storePass,
			"kafka.ssl.keystore.location": stores.keyP12, "kafka.ssl.keystore.type": "PKCS12", "kafka.ssl.keystore.password": storePass}, ""},
		{"JKS wrong password", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS, "kafka.ssl.truststore.password": "nope"},
			"Failed to load SSL truststore " + stores.trustJKS + " of type JKS: keystore password was incorrect"},
		{"PKCS12 wrong password", tlsOnly, map[string]any{"kafka.ssl.truststore.location": stores.trustP12, "kafka.ssl.truststore.type": "PKCS12", "kafka.ssl.truststore.password": "nope"},
			"Failed to load SSL truststore " + stores.trustP12 + " of type PKCS12: pkcs12: decryption password incorrect"},
		{"keystore wrong password", mutual, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS,
			"kafka.ssl.keystore.location": stores.keyJKS, "kafka.ssl.keystore.password": "nope"},
			"Failed to load SSL keystore " + stores.keyJKS + " of type JKS: keystore password was incorrect"},
		{"wrong type", tlsOnly, map[string]any{"kafka.ssl.truststore.location": ca.pemPath, "kafka.ssl.truststore.type": "JKS"},
			"Failed to load SSL truststore " + ca.pemPath + " of type JKS: got invalid magic"},
		{"no client certificate", mutual, map[string]any{"kafka.ssl.truststore.location": stores.trustJKS},
			"org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake with "},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := map[string]any{"kafka.bootstrap.servers": tt.broker.Addr(), "kafka.security.protocol": "SSL"}
			for k, v := range tt.opts {
				opts[k] = v
			}
			topic := fmt.Sprintf("stores_%d", i)
			spark := newSession(t)
			err := spark.CreateDataFrame([][]any{{"k", tt.name}}, "key STRING, value STRING").Write().Format("kafka").Options(opts).Option("topic", topic).Save()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				if strings.Contains(err.Error(), storePass) {
					t.Fatalf("the error shows the store password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rows, err := spark.Read().Format("kafka").Options(opts).Option("subscribe", topic).Load().SelectExpr("CAST(value AS STRING)").CollectE()
			if err != nil || len(rows) != 1 || rows[0].GetString(0) != tt.name {
				t.Fatalf("read back %v, %v", rows, err)
			}
		})
	}
}
