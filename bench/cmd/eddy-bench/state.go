package main

import (
	"fmt"
	"runtime"
	"time"

	"github.com/eddykernel/eddy/streaming"
)

// stateMemory is the state-memory benchmark: a folder (--path) whose text file holds --keys
// distinct lines → groupBy value count, update mode, noop sink, AvailableNow, so that the
// aggregation state holds one entry per key. It reports the state operator's memoryUsedBytes and the Go heap the finished
// query still holds (after a GC, against the heap before it started), per key.
func stateMemory(args []string) (result, error) {
	keys := 1_000_000
	path := ""
	if err := flags("state", args, map[string]*int{"keys": &keys}, map[string]*string{"path": &path}); err != nil {
		return nil, err
	}
	spark, startup := newSession()
	defer spark.Stop()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	q := spark.ReadStream().Format("text").Load(path).GroupBy("value").Count().
		WriteStream().Format("noop").OutputMode("update").Trigger(streaming.AvailableNow()).Start()
	q.AwaitTermination()
	elapsed := time.Since(t0)
	if err := q.Exception(); err != nil {
		return nil, err
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	ops, _ := q.LastProgress()["stateOperators"].([]any)
	if len(ops) == 0 {
		return nil, fmt.Errorf("no state operator in the last progress")
	}
	op := ops[0].(map[string]any)
	total, _ := op["numRowsTotal"].(int64)
	if total != int64(keys) {
		return nil, fmt.Errorf("the state holds %d rows, want %d", total, keys)
	}
	used, _ := op["memoryUsedBytes"].(int64)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(q)
	return result{"rows": keys, "query_s": elapsed.Seconds(), "startup_s": startup,
		"state_rows": total, "memory_used_bytes": used, "memory_used_per_key": float64(used) / float64(keys),
		"heap_bytes": heap, "heap_per_key": float64(heap) / float64(keys)}, nil
}
