package main

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kversion"
)

// benchBroker is `eddy-bench broker --addr H:P --partitions N`: the embedded Kafka broker of
// `eddy broker` (franz-go's kfake, in memory, topics auto-created with N partitions), capped at
// Kafka 3.7's protocol versions. It prints the bootstrap address and runs until SIGINT/SIGTERM.
//
// The cap is what lets PySpark read from it: spark-sql-kafka 3.5 ships kafka-clients 3.4.1, which
// rejects the feature ranges with minimum version 0 that an uncapped kfake advertises (Kafka
// brokers send those only to ApiVersions v4+ clients, KIP-1022), so its admin client dies with
// "Expected minValue >= 1 ...". Under 3.7 the only feature is metadata.version 1..19. Both engines
// of the benchmark use this broker, so they read the same topic from the same server.
func benchBroker(args []string) (result, error) {
	partitions := 2
	addr := "127.0.0.1:0"
	if err := flags("broker", args, map[string]*int{"partitions": &partitions}, map[string]*string{"addr": &addr}); err != nil {
		return nil, err
	}
	c, err := startBroker(addr, partitions)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	fmt.Println(c.ListenAddrs()[0])
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	return result{"addr": c.ListenAddrs()[0]}, nil
}

// startBroker starts the capped kfake cluster of benchBroker on addr.
func startBroker(addr string, partitions int) (*kfake.Cluster, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(partitions), kfake.MaxVersions(kversion.V3_7_0()),
		kfake.ListenFn(func(string, string) (net.Listener, error) { return ln, nil }))
	if err != nil {
		ln.Close()
		return nil, err
	}
	return c, nil
}
