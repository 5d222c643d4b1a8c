package streaming

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// kcat returns kcat's path, skipping the test when the Debian package is
// not installed (.ci/run installs it).
func kcat(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat is not installed")
	}
	return p
}

// TestKcatInterop: Eddy reads what kcat produced (keys, values, headers),
// and kcat reads back byte for byte what Eddy's Kafka sink wrote.
func TestKcatInterop(t *testing.T) {
	bin := kcat(t)
	b := kafkaBroker(t, 1, "from_kcat", "to_kcat")
	fromKcat, toKcat := b.Topic("from_kcat"), b.Topic("to_kcat")
	in := "k1:hello world\nk2:{\"a\": 1}\nk3:ünïcødé\n"
	cmd := exec.Command(bin, "-b", b.Addr(), "-t", fromKcat, "-P", "-K:", "-H", "origin=kcat")
	cmd.Stdin = strings.NewReader(in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	spark := newSession(t)
	q := kafkaReader(spark, b.Addr(), fromKcat).Option("includeHeaders", true).Load().
		SelectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value", "headers").
		WriteStream().Format("memory").QueryName("from_kcat").Trigger(AvailableNow()).Start()
	q.AwaitTermination(60 * time.Second)
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	rows := spark.Table("from_kcat").Collect()
	var got []string
	for _, r := range rows {
		got = append(got, r.GetString(0)+":"+r.GetString(1))
	}
	if strings.Join(got, "\n")+"\n" != in {
		t.Fatalf("Eddy read\n%s\nwant\n%s", strings.Join(got, "\n"), in)
	}
	if h := rows[0].Get(2); h == nil || !strings.Contains(rowString(h), "origin") {
		t.Errorf("headers %v", h)
	}

	ck := t.TempDir()
	w := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("subscribe", fromKcat).
		Option("startingOffsets", "earliest").Option("includeHeaders", true).Load().SelectExpr("key", "value", "headers").
		WriteStream().Format("kafka").Option("kafka.bootstrap.servers", b.Addr()).Option("topic", toKcat).
		Option("checkpointLocation", ck).Trigger(AvailableNow()).Start()
	w.AwaitTermination(60 * time.Second)
	if err := w.Exception(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	read := exec.Command(bin, "-b", b.Addr(), "-t", toKcat, "-C", "-e", "-q", "-f", "%k:%s|%h\n")
	read.Stdout = &out
	if err := read.Run(); err != nil {
		t.Fatalf("kcat -C: %v", err)
	}
	want := strings.ReplaceAll(in, "\n", "|origin=kcat\n")
	if out.String() != want {
		t.Fatalf("kcat read %q, want %q", out.String(), want)
	}
}

func rowString(v any) string { return fmt.Sprint(v) }
