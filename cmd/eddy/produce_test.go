package main

import (
	"strings"
	"testing"
)

func TestProduceAndBrokerArguments(t *testing.T) {
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"produce without producer", func() error { return runProduce(nil) }, "usage: eddy produce rides|transactions|events [flags]"},
		{"unknown producer", func() error { return runProduce([]string{"bogus"}) }, `eddy produce: unknown producer "bogus" (rides, transactions, events)`},
		{"rides bad flag", func() error { return runProduce([]string{"rides", "--nope"}) }, "flag provided but not defined: -nope"},
		{"rides missing file", func() error {
			return runProduce([]string{"rides", "--bootstrap", "127.0.0.1:1", "--file", "/nonexistent/rides.csv"})
		}, "open /nonexistent/rides.csv: no such file or directory"},
		{"broker bad address", func() error { return runBroker([]string{"--addr", "nonsense"}) }, `broker: invalid address "nonsense"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}
