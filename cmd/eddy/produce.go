package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eddykernel/eddy/streaming/producer"
)

// runProduce is `eddy produce rides|transactions|events ...`, the demo
// producers:
//
//	eddy produce rides --bootstrap H:P --topic rides_csv --file rides.csv [--count N] [--rate R] [--loop]
//	eddy produce transactions --listen H:P [--count N] [--rate R]
//	eddy produce events --listen H:P --bootstrap H:P --topic events
func runProduce(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: eddy produce rides|transactions|events [flags]")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fs := flag.NewFlagSet("produce "+args[0], flag.ContinueOnError)
	bootstrap := fs.String("bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers")
	topic := fs.String("topic", "", "Kafka topic")
	listen := fs.String("listen", "127.0.0.1:5555", "address to listen on")
	count := fs.Int("count", 0, "messages to send (0: all / forever)")
	rate := fs.Float64("rate", 0, "messages per second (0: unlimited)")
	switch args[0] {
	case "rides":
		file := fs.String("file", "data/rides.csv", "rides CSV file")
		loop := fs.Bool("loop", false, "cycle the file")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *topic == "" {
			*topic = "rides_csv"
		}
		n, err := producer.Rides(ctx, producer.RidesConfig{Bootstrap: *bootstrap, Topic: *topic, File: *file, Count: *count, Rate: *rate, Loop: *loop})
		fmt.Printf("sent %d messages to %s\n", n, *topic)
		return err
	case "transactions":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return producer.Transactions(ctx, producer.TransactionsConfig{Listen: *listen, Count: *count, Rate: *rate, Seed: 1},
			func(addr string) { fmt.Println("serving transactions on", addr) })
	case "events":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *topic == "" {
			*topic = "events"
		}
		return producer.Events(ctx, producer.EventsConfig{Listen: *listen, Bootstrap: *bootstrap, Topic: *topic},
			func(addr string) { fmt.Println("events API on http://" + addr) })
	}
	return fmt.Errorf("eddy produce: unknown producer %q (rides, transactions, events)", args[0])
}
