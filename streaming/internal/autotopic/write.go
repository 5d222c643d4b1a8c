package autotopic

import (
	"context"
	"errors"
	"time"

	"github.com/segmentio/kafka-go"
)

// MaxWait bounds how long Write waits for a topic that is being created, as
// Kafka's max.block.ms bounds its producer (default 60s).
const MaxWait = 30 * time.Second

// Write writes msgs with w, retrying with backoff while the broker reports
// that a topic is unknown or has no leader yet, for at most MaxWait or until
// ctx ends. Those errors come from the metadata lookup that precedes any
// produce request, so a retry never writes a message twice; errors from
// the produce requests themselves (kafka.WriteErrors) are returned as they
// are.
func Write(ctx context.Context, w *kafka.Writer, msgs ...kafka.Message) error {
	deadline := time.Now().Add(MaxWait)
	backoff := 20 * time.Millisecond
	for {
		err := w.WriteMessages(ctx, msgs...)
		if !creating(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

// creating reports whether err says that a topic is still being created.
func creating(err error) bool {
	var we kafka.WriteErrors
	if err == nil || errors.As(err, &we) {
		return false
	}
	return errors.Is(err, kafka.UnknownTopicOrPartition) || errors.Is(err, kafka.LeaderNotAvailable)
}
