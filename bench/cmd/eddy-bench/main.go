// Command eddy-bench runs one workload of `make bench` on Eddy's engine, in a process of its own,
// and prints its figures as one line, "BENCH_RESULT {json}", on stdout. bench/run_bench.py starts
// it, samples its resident memory, and runs the same workload on PySpark
// (bench/pyspark/workloads.py) against the same broker, socket server or file.
//
//	eddy-bench kafka-rides --bootstrap H:P --topic T --rows N [--runs R]
//	eddy-bench socket-json --addr H:P --rows N [--runs R]
//	eddy-bench json-file --path folder --rows N [--runs R]
//	eddy-bench csv-agg --path rides.csv --rows N [--runs R]
//	eddy-bench microbatch --dir D --iterations N
//	eddy-bench state --path keys-folder --keys N
//	eddy-bench gen-csv --path rides.csv --rows N
//	eddy-bench gen-keys --path keys.txt --keys N
//	eddy-bench gen-json --path lines.json --rows N
//
// BENCH_CPUPROFILE, when set, is a file that gets the workload's CPU profile (go tool pprof).
// BENCH_T0_NS, when set, is the wall-clock time (Unix nanoseconds) at which the harness spawned
// the process; the result's startup_s is the time from then until the session was ready.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/eddykernel/eddy/dataframe"
)

// result is the JSON object a workload prints.
type result map[string]any

// workload runs one benchmark with its flags and returns its figures.
type workload func(args []string) (result, error)

var workloads = map[string]workload{
	"kafka-rides": kafkaRides,
	"socket-json": socketJSON,
	"csv-agg":     csvAgg,
	"microbatch":  microBatch,
	"state":       stateMemory,
	"gen-csv":     genCSV,
	"gen-keys":    genKeys,
	"json-file":   jsonFile,
	"gen-json":    genJSON,
}

func main() {
	if len(os.Args) < 2 || workloads[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: eddy-bench kafka-rides|socket-json|csv-agg|microbatch|json-file|state|gen-csv|gen-keys|gen-json [flags]")
		os.Exit(2)
	}
	if path := os.Getenv("BENCH_CPUPROFILE"); path != "" {
		stop, err := startCPUProfile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer stop()
	}
	r, err := workloads[os.Args[1]](os.Args[2:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "eddy-bench %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	r["workload"] = os.Args[1]
	r["maxrss_mb"] = maxRSSMB()
	b, err := json.Marshal(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("BENCH_RESULT %s\n", b)
}

// newSession starts the session a workload runs in and returns it with the seconds from the
// harness's spawn of this process (BENCH_T0_NS) to now, or -1 when BENCH_T0_NS is unset.
func newSession() (*dataframe.Session, float64) {
	s := dataframe.NewSession()
	startup := -1.0
	if t0, err := strconv.ParseInt(os.Getenv("BENCH_T0_NS"), 10, 64); err == nil {
		startup = time.Since(time.Unix(0, t0)).Seconds()
	}
	return s, startup
}

// startCPUProfile writes a CPU profile to path until the returned stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// maxRSSMB is the peak resident set size of this process in MiB (getrusage).
func maxRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

// flags parses args with the named int and string flags a workload declares.
func flags(name string, args []string, ints map[string]*int, strs map[string]*string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	for k, p := range ints {
		fs.IntVar(p, k, *p, k)
	}
	for k, p := range strs {
		fs.StringVar(p, k, *p, k)
	}
	return fs.Parse(args)
}

// repeat runs a measured query runs times (the first in a fresh process, "cold"; the others
// "warm") and returns the seconds of each (runs_s), cold_s, warm_s (the best warm run, or the cold
// one when runs is 1) and the rows per second of both. once returns the seconds of run i.
func repeat(runs int, rows int64, once func(i int) (time.Duration, error)) (result, error) {
	if runs < 1 {
		runs = 1
	}
	var all []float64
	var cold, warm time.Duration
	for i := 0; i < runs; i++ {
		d, err := once(i)
		if err != nil {
			return nil, fmt.Errorf("run %d: %w", i+1, err)
		}
		all = append(all, d.Seconds())
		switch {
		case i == 0:
			cold, warm = d, d
		case i == 1 || d < warm:
			warm = d
		}
	}
	return result{"rows": rows, "runs_s": all, "cold_s": cold.Seconds(), "warm_s": warm.Seconds(),
		"rows_per_s_cold": rate(rows, cold), "rows_per_s_warm": rate(rows, warm)}, nil
}

// rate is rows per second over d.
func rate(rows int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(rows) / d.Seconds()
}
