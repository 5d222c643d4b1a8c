package streaming

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/segmentio/kafka-go"
)

// crashEnv names the environment variables that turn this test binary into
// the child process of TestCrashRestartKafkaToParquet.
const crashEnv = "EDDY_STREAMING_CRASH_CHILD"

// TestCrashChild is the child: a Kafka → parquet query with a checkpoint
// that runs until it is killed (or, with mode "finish", until everything
// available is written).
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("child process of TestCrashRestartKafkaToParquet")
	}
	parts := strings.Split(spec, "|") // broker|out|checkpoint|mode
	spark := dataframe.NewSession()
	w := kafkaReader(spark, parts[0], "crash").Option("maxOffsetsPerTrigger", 37).Load().
		SelectExpr("CAST(value AS STRING) AS value", "partition", "offset").
		WriteStream().Format("parquet").Option("checkpointLocation", parts[2])
	if parts[3] == "finish" {
		w = w.Trigger(AvailableNow())
	}
	q := w.Start(parts[1])
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
}

// TestCrashRestartKafkaToParquet kills (SIGKILL) a Kafka → parquet query at
// random points ten times, restarts it from its checkpoint, and checks
// that the sink holds every input record exactly once — read back by Eddy
// and, when the PySpark venv exists, by pyarrow.
func TestCrashRestartKafkaToParquet(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip()
	}
	b := startBroker(t, 2, "crash")
	const n = 600
	var msgs []kafka.Message
	for i := 0; i < n; i++ {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprint(i % 7)), Value: []byte(fmt.Sprintf("m%04d", i))})
	}
	produce(t, b.Addr(), "crash", msgs...)
	root := t.TempDir()
	out, ck := filepath.Join(root, "out"), filepath.Join(root, "ck")
	run := func(mode string, killAfter time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join([]string{b.Addr(), out, ck, mode}, "|"))
		var stderr strings.Builder
		cmd.Stderr, cmd.Stdout = &stderr, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if mode == "finish" {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("final run failed: %v\n%s", err, stderr.String())
			}
			return
		}
		time.Sleep(killAfter)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	r := rand.New(rand.NewSource(42))
	for i := 0; i < 10; i++ {
		run("crash", time.Duration(20+r.Intn(120))*time.Millisecond)
	}
	commits, _ := os.ReadDir(filepath.Join(ck, "commits"))
	offsets, _ := os.ReadDir(filepath.Join(ck, "offsets"))
	t.Logf("after 10 kills: %d batches committed, %d planned", len(commits), len(offsets))
	run("finish", 0)

	spark := newSession(t)
	rows := spark.Read().Parquet(out).Collect()
	seen := map[string]int{}
	for _, row := range rows {
		seen[row.GetString(0)]++
	}
	for v, c := range seen {
		if c > 1 {
			t.Errorf("%s written %d times", v, c)
		}
	}
	if len(rows) != n || len(seen) != n {
		t.Fatalf("sink holds %d rows (%d distinct), want %d", len(rows), len(seen), n)
	}
	py := filepath.Join("..", ".venv-spark", "bin", "python")
	if _, err := os.Stat(py); err != nil {
		t.Logf("pyarrow check skipped: %s not found", py)
		return
	}
	script := "import pyarrow.dataset as ds, sys; t = ds.dataset(sys.argv[1], format='parquet').to_table(); v = t.column('value').to_pylist(); print(len(v), len(set(v)))"
	got, err := exec.Command(py, "-c", script, out).CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, got)
	}
	if want := fmt.Sprintf("%d %d\n", n, n); string(got) != want {
		t.Fatalf("pyarrow reads %q, want %q", got, want)
	}
}
