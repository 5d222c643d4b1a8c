package kernel

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/kernel/wire"
)

// streamText concatenates the stream text of ms.
func streamText(t testing.TB, ms []*wire.Message, name string) string {
	var b strings.Builder
	for _, m := range ms {
		if m.Header.MsgType != "stream" {
			continue
		}
		var c wire.StreamContent
		if err := json.Unmarshal(m.Content, &c); err != nil {
			t.Fatal(err)
		}
		if c.Name == name {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

func TestLargeOutputIsChunkedAndKernelSurvives(t *testing.T) {
	_, c := startKernel(t)
	const size = 50 << 20
	reply, iopub := c.execute("import (\"fmt\"; \"strings\")\nfmt.Print(strings.Repeat(\"x\", 50<<20))", nil)
	if reply["status"] != "ok" {
		t.Fatalf("reply = %v", reply)
	}
	n, chunks := 0, 0
	for _, m := range iopub {
		if m.Header.MsgType == "stream" {
			chunks++
			if len(m.Content) > wire.MaxStreamChunk+100 {
				t.Fatalf("a stream message of %d bytes", len(m.Content))
			}
		}
	}
	n = len(streamText(t, iopub, "stdout"))
	if n > size || n == 0 || chunks < 2 {
		t.Fatalf("received %d bytes in %d chunks", n, chunks)
	}
	if n < size {
		t.Logf("%d of %d bytes dropped for the slow client", size-n, size)
	}
	if reply, _ := c.execute("1+1", nil); reply["status"] != "ok" {
		t.Fatalf("1+1 after large output: %v", reply)
	}
}

func TestInvalidUTF8OutputIsReplaced(t *testing.T) {
	_, c := startKernel(t)
	reply, iopub := c.execute("import \"fmt\"\nfmt.Print(\"a\\xffb\\xc3\")", nil)
	if reply["status"] != "ok" {
		t.Fatalf("reply = %v", reply)
	}
	if got := streamText(t, iopub, "stdout"); got != "a\uFFFDb\uFFFD" {
		t.Fatalf("stream text = %q", got)
	}
}

func TestGoroutinePanicGoesToItsCell(t *testing.T) {
	_, c := startKernel(t)
	first := c.send(c.shell, "execute_request", map[string]any{"code": "import \"time\"\ngo func() { time.Sleep(300 * time.Millisecond); panic(\"late\") }()"})
	c.reply(c.shell, first)
	c.collect(first)
	second := c.send(c.shell, "execute_request", map[string]any{"code": "time.Sleep(600 * time.Millisecond)"})
	c.reply(c.shell, second)
	// the panic arrives while the second cell runs, addressed to the first
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-c.msgs:
			if m.Header.MsgType != "error" {
				continue
			}
			if m.ParentHeader == nil || m.ParentHeader.MsgID != first {
				t.Fatalf("goroutine panic sent to %+v, want the first cell", m.ParentHeader)
			}
			if e := content(t, m); e["evalue"] != "late" {
				t.Fatalf("error = %v", e)
			}
			return
		case <-deadline:
			t.Fatal("no error message for the goroutine panic")
		}
	}
}
