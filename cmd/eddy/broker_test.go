package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl/plain"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key as
// PEM files; the certificate is also the CA its clients trust.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "broker.pem"), filepath.Join(dir, "broker-key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestBrokerSASLSSL starts `eddy broker` with a TLS certificate and a SASL
// user (the password from EDDY_BROKER_SASL_PASSWORD): a client with the
// right password reads metadata over TLS, one with a wrong password is
// refused.
func TestBrokerSASLSSL(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	cmd := eddy("broker", "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile, "--sasl-user", "alice")
	cmd.Env = append(cmd.Env, "EDDY_BROKER_SASL_PASSWORD=alice-secret")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr = strings.TrimSpace(addr)
	metadata := func(password string) error {
		c := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second, Transport: &kafka.Transport{
			TLS: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, SASL: plain.Mechanism{Username: "alice", Password: password}}}
		_, err := c.Metadata(context.Background(), &kafka.MetadataRequest{})
		return err
	}
	if err := metadata("alice-secret"); err != nil {
		t.Fatalf("the right password: %v", err)
	}
	if err := metadata("wrong"); err == nil || !errors.Is(err, kafka.SASLAuthenticationFailed) && !strings.Contains(err.Error(), "EOF") {
		t.Fatalf("a wrong password: %v", err)
	}
}

func TestBrokerSecurityArguments(t *testing.T) {
	t.Setenv("EDDY_BROKER_SASL_PASSWORD", "")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "127.0.0.1:0", "--sasl-user", "alice"}, "broker: --sasl-user needs --sasl-password or EDDY_BROKER_SASL_PASSWORD"},
		{[]string{"--addr", "127.0.0.1:0", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"}, "broker: --tls-cert/--tls-key: open /nonexistent/cert.pem: no such file or directory"},
	}
	for _, tt := range tests {
		if err := runBroker(tt.args); err == nil || err.Error() != tt.want {
			t.Errorf("eddy broker %s: %v, want %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}
