package producer

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/eddykernel/eddy/streaming/internal/autotopic"
	"github.com/segmentio/kafka-go"
)

// RidesConfig configures Rides.
type RidesConfig struct {
	Bootstrap string
	Topic     string
	File      string
	// Count is how many messages to send (0: the whole file once, or
	// forever with Loop).
	Count int
	// Rate is messages per second (0: as fast as possible).
	Rate float64
	// Loop cycles the file.
	Loop bool
}

// rideColumns are the rides.csv columns the seed producer sends:
// VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, passenger_count,
// trip_distance, payment_type, total_amount.
var rideColumns = []int{0, 1, 2, 3, 4, 9, 16}

// RideMessage returns the key and value the seed producer sends for one CSV
// record: the seven columns joined with ", ", keyed by vendor id.
func RideMessage(rec []string) (key, value string, err error) {
	parts := make([]string, len(rideColumns))
	for i, c := range rideColumns {
		if c >= len(rec) {
			return "", "", fmt.Errorf("rides: record has %d fields, want at least %d", len(rec), c+1)
		}
		parts[i] = rec[c]
	}
	return rec[0], strings.Join(parts, ", "), nil
}

// Rides sends rides.csv rows to Kafka. It returns the number sent.
func Rides(ctx context.Context, cfg RidesConfig) (int, error) {
	w := &kafka.Writer{Addr: kafka.TCP(strings.Split(cfg.Bootstrap, ",")...), Topic: cfg.Topic, Balancer: &kafka.Murmur2Balancer{},
		BatchSize: 1000, BatchTimeout: 5 * time.Millisecond, AllowAutoTopicCreation: true, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	var tick <-chan time.Time
	if cfg.Rate > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
		defer t.Stop()
		tick = t.C
	}
	sent := 0
	var pending []kafka.Message
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := autotopic.Write(ctx, w, pending...)
		pending = pending[:0]
		return err
	}
	for {
		f, err := os.Open(cfg.File)
		if err != nil {
			return sent, err
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		if _, err := r.Read(); err != nil { // header
			f.Close()
			return sent, fmt.Errorf("rides: %s: %w", cfg.File, err)
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				return sent, err
			}
			key, value, err := RideMessage(rec)
			if err != nil {
				continue
			}
			if tick != nil {
				select {
				case <-ctx.Done():
					f.Close()
					return sent, flush()
				case <-tick:
				}
			}
			pending = append(pending, kafka.Message{Key: []byte(key), Value: []byte(value)})
			sent++
			if tick != nil || len(pending) >= 1000 {
				if err := flush(); err != nil {
					f.Close()
					return sent, err
				}
			}
			if cfg.Count > 0 && sent >= cfg.Count {
				f.Close()
				return sent, flush()
			}
		}
		f.Close()
		if !cfg.Loop || ctx.Err() != nil {
			return sent, flush()
		}
	}
}
