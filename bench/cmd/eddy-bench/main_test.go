package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/eddykernel/eddy/streaming/producer"
)

// The workloads of `make bench`, at small sizes: each one runs its query for real and checks
// its own answer (row counts, the memory table, the state size), so a harness that measures
// nothing fails here rather than in a long `make bench`.

func TestCSVAggShowsTheGroups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rides.csv")
	if _, err := genCSV([]string{"--path", path, "--rows", "1000"}); err != nil {
		t.Fatal(err)
	}
	r, err := csvAgg([]string{"--path", path, "--rows", "1000", "--runs", "2"})
	if err != nil {
		t.Fatal(err)
	}
	show := r["show"].(string)
	for _, want := range []string{"|passenger_count|count|sum_total_amount|avg_trip_distance|", "|              3|  250|"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if runs := r["runs_s"].([]float64); len(runs) != 2 || r["warm_s"].(float64) != runs[1] {
		t.Errorf("runs %v, warm %v", runs, r["warm_s"])
	}
}

func TestKafkaRidesCountsEveryMessage(t *testing.T) {
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Partitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	addr := b.Addr()
	n, err := producer.Rides(context.Background(), producer.RidesConfig{Bootstrap: addr, Topic: "rides_t",
		File: "../../../data/rides.csv", Count: 600, Loop: true})
	if err != nil || n != 600 {
		t.Fatalf("produced %d: %v", n, err)
	}
	r, err := kafkaRides([]string{"--bootstrap", addr, "--topic", "rides_t", "--rows", "600"})
	if err != nil {
		t.Fatal(err)
	}
	if g := r["groups"].(map[string]int64); len(g) != 2 || g["1"]+g["2"] != 600 {
		t.Errorf("groups %v", g)
	}
	if _, err := kafkaRides([]string{"--bootstrap", addr, "--topic", "rides_t", "--rows", "601"}); err == nil {
		t.Error("a wrong row count passed the check")
	}
}

func TestSocketJSONReadsEveryLine(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs := make(chan string, 1)
	go producer.Transactions(ctx, producer.TransactionsConfig{Listen: "127.0.0.1:0", Count: 2000, Seed: 1},
		func(a string) { addrs <- a })
	r, err := socketJSON([]string{"--addr", <-addrs, "--rows", "2000"})
	if err != nil {
		t.Fatal(err)
	}
	if r["batches"].(int64) < 1 {
		t.Errorf("batches %v", r["batches"])
	}
}

func TestStateHoldsOneRowPerKey(t *testing.T) {
	dir := t.TempDir()
	if _, err := genKeys([]string{"--path", filepath.Join(dir, "keys.txt"), "--keys", "5000"}); err != nil {
		t.Fatal(err)
	}
	r, err := stateMemory([]string{"--path", dir, "--keys", "5000"})
	if err != nil {
		t.Fatal(err)
	}
	if r["state_rows"].(int64) != 5000 || r["memory_used_bytes"].(int64) <= 0 {
		t.Errorf("state %v rows, %v bytes", r["state_rows"], r["memory_used_bytes"])
	}
}

func TestMicroBatchSeesTheOneRowFiles(t *testing.T) {
	r, err := microBatch([]string{"--dir", filepath.Join(t.TempDir(), "in"), "--iterations", "3"})
	if err != nil {
		t.Fatal(err)
	}
	if r["one_row_median_ms"].(float64) <= 0 {
		t.Errorf("one-row batch %v ms", r["one_row_median_ms"])
	}
}

func TestJSONFileReadsTheSocketLines(t *testing.T) {
	dir := t.TempDir()
	if _, err := genJSON([]string{"--path", filepath.Join(dir, "lines.json"), "--rows", "3000"}); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonFile([]string{"--path", dir, "--rows", "3000"}); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonFile([]string{"--path", dir, "--rows", "3001"}); err == nil {
		t.Error("a wrong row count passed the check")
	}
}
