package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/eddykernel/eddy/streaming/broker"
)

// runBroker is `eddy broker [--addr 127.0.0.1:9092] [--port N]
// [--topics a,b] [--partitions N] [--data-dir DIR]`: an embedded Kafka
// broker that runs until interrupted. It prints the bootstrap address.
func runBroker(args []string) error {
	fs := flag.NewFlagSet("broker", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9092", "host:port to listen on")
	port := fs.Int("port", 0, "port to listen on (overrides the port of --addr)")
	topics := fs.String("topics", "", "comma-separated topics to create at start")
	partitions := fs.Int("partitions", 1, "partitions of created and auto-created topics")
	dataDir := fs.String("data-dir", "", "directory that makes the broker persistent (e.g. .eddy/kafka)")
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
	b, err := broker.Start(broker.Config{Addr: a, Topics: ts, Partitions: *partitions, DataDir: *dataDir})
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
