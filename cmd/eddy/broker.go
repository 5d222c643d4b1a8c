package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/eddykernel/eddy/streaming/broker"
)

// runBroker is `eddy broker [--addr 127.0.0.1:9092] [--port N]
// [--topics a,b] [--partitions N] [--data-dir DIR] [--tls-cert FILE
// --tls-key FILE] [--sasl-user NAME --sasl-password PASS]`: an embedded
// Kafka broker that runs until interrupted. It prints the bootstrap
// address. With a certificate it speaks TLS, and with a SASL user every
// client logs in (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512): both make the
// SASL_SSL shape of a Confluent Cloud cluster. EDDY_BROKER_SASL_PASSWORD
// gives the password without showing it in the process list.
func runBroker(args []string) error {
	fs := flag.NewFlagSet("broker", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9092", "host:port to listen on")
	port := fs.Int("port", 0, "port to listen on (overrides the port of --addr)")
	topics := fs.String("topics", "", "comma-separated topics to create at start")
	partitions := fs.Int("partitions", 1, "partitions of created and auto-created topics")
	dataDir := fs.String("data-dir", "", "directory that makes the broker persistent (e.g. .eddy/kafka)")
	tlsCert := fs.String("tls-cert", "", "PEM certificate (chain) of a TLS listener (with --tls-key)")
	tlsKey := fs.String("tls-key", "", "PEM private key of --tls-cert")
	saslUser := fs.String("sasl-user", "", "require SASL authentication as this user")
	saslPassword := fs.String("sasl-password", os.Getenv("EDDY_BROKER_SASL_PASSWORD"), "password of --sasl-user (default $EDDY_BROKER_SASL_PASSWORD)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a := *addr
	if *port > 0 {
		host := a
		if i := strings.LastIndex(a, ":"); i >= 0 {
			host = a[:i]
		}
		a = fmt.Sprintf("%s:%d", host, *port)
	}
	var ts []string
	if *topics != "" {
		ts = strings.Split(*topics, ",")
	}
	cfg := broker.Config{Addr: a, Topics: ts, Partitions: *partitions, DataDir: *dataDir}
	if *tlsCert != "" || *tlsKey != "" {
		pair, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			return fmt.Errorf("broker: --tls-cert/--tls-key: %w", err)
		}
		cfg.TLS = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	}
	if *saslUser != "" {
		if *saslPassword == "" {
			return errors.New("broker: --sasl-user needs --sasl-password or EDDY_BROKER_SASL_PASSWORD")
		}
		cfg.Users = map[string]string{*saslUser: *saslPassword}
	}
	b, err := broker.Start(cfg)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Println(b.Addr())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	return nil
}
