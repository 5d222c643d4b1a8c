package streaming

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// liveCall is one message a recording publisher received.
type liveCall struct {
	kind string // display or update
	id   string
	at   time.Time
	data display.MIMEBundle
}

// livePublisher records every display and update with its time.
type livePublisher struct {
	mu    sync.Mutex
	calls []liveCall
}

func (p *livePublisher) Display(d display.MIMEBundle, _ display.Metadata, id string) {
	p.add("display", id, d)
}
func (p *livePublisher) Update(d display.MIMEBundle, _ display.Metadata, id string) {
	p.add("update", id, d)
}
func (p *livePublisher) Clear(bool) {}

func (p *livePublisher) add(kind, id string, d display.MIMEBundle) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, liveCall{kind, id, time.Now(), d})
}

func (p *livePublisher) snapshot() []liveCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]liveCall(nil), p.calls...)
}

// startLive runs start with pub as the cell's publisher, as the kernel
// does for the starting cell, and restores the default afterwards.
func startLive[T any](pub display.Publisher, start func() T) T {
	display.SetResolver(func() display.Publisher { return pub })
	defer display.SetResolver(nil)
	return start()
}

var batchHeader = regexp.MustCompile(`<b>Batch: (\d+)</b>`)

// TestConsoleLiveAreaThrottled feeds a socket source fast enough for many
// micro-batches a second: the live area's updates are at least
// liveInterval apart, fewer than the batches, all on the display ID opened
// at Start, and the last one carries the last batch (Spark's text for it)
// and "stopped after N batches".
func TestConsoleLiveAreaThrottled(t *testing.T) {
	pub := &livePublisher{}
	spark := newSession(t)
	srv := newLineServer(t)
	q := startLive(pub, func() *dataframe.StreamingQuery {
		return spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load().
			WriteStream().Format("console").Start()
	})
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	conn := srv.accept(t)
	deadline := time.Now().Add(1500 * time.Millisecond)
	for i := 0; time.Now().Before(deadline); i++ {
		send(t, conn, fmt.Sprintf("line %d", i))
		time.Sleep(5 * time.Millisecond)
	}
	q.ProcessAllAvailable()
	q.Stop()
	progress := q.RecentProgress()
	batches := progress[len(progress)-1]["batchId"].(int64) + 1

	calls := pub.snapshot()
	if len(calls) < 3 || calls[0].kind != "display" || calls[0].id == "" {
		t.Fatalf("want a display with an ID, then updates; got %d calls", len(calls))
	}
	updates := calls[1:]
	for i, c := range updates {
		if c.kind != "update" || c.id != calls[0].id {
			t.Fatalf("call %d: %s %q, want an update of %q", i+1, c.kind, c.id, calls[0].id)
		}
		// The final state is sent at once; every other update waits its turn.
		if i > 0 && i < len(updates)-1 {
			if gap := c.at.Sub(updates[i-1].at); gap < liveInterval-10*time.Millisecond {
				t.Errorf("updates %d and %d only %v apart (throttle %v)", i-1, i, gap, liveInterval)
			}
		}
	}
	if int64(len(updates)) >= batches {
		t.Errorf("%d updates for %d batches: nothing was coalesced", len(updates), batches)
	}
	last := updates[len(updates)-1].data
	htm := last["text/html"].(string)
	if want := fmt.Sprintf("stopped after %d batches", batches); !strings.Contains(htm, want) {
		t.Errorf("final HTML lacks %q:\n%s", want, htm)
	}
	m := batchHeader.FindAllStringSubmatch(htm, -1)
	if len(m) != 1 || m[0][1] != fmt.Sprint(batches-1) {
		t.Errorf("final HTML shows batches %v, want only %d", m, batches-1)
	}
	if text := last.Text(); !strings.HasPrefix(text, consoleDashes+"\nBatch: "+fmt.Sprint(batches-1)+"\n"+consoleDashes+"\n+-----") {
		t.Errorf("final text/plain is not Spark's console text for the last batch:\n%s", text)
	}
}

// TestConsoleLiveAreaProgressLine runs the rate source for a few batches:
// the HTML has a progress line with rows, input and processed rows/s and
// the batch duration of the batch it shows.
func TestConsoleLiveAreaProgressLine(t *testing.T) {
	pub := &livePublisher{}
	spark := newSession(t)
	q := startLive(pub, func() *dataframe.StreamingQuery {
		return spark.ReadStream().Format("rate").Option("rowsPerSecond", 50).Load().WriteStream().Format("console").Start()
	})
	waitRows(t, q, 100) // batch 0 is empty; two more seconds bring 100 rows
	q.Stop()
	calls := pub.snapshot()
	last := calls[len(calls)-1].data["text/html"].(string)
	line := regexp.MustCompile(`(\d+) rows · input ([\d.]+) rows/s · processed ([\d.]+) rows/s · batch duration (\d+) ms`).FindStringSubmatch(last)
	if line == nil {
		t.Fatalf("no progress line in\n%s", last)
	}
	progress := q.RecentProgress()
	p := progress[len(progress)-1]
	if line[1] != fmt.Sprint(p["numInputRows"]) || line[2] != fmt.Sprintf("%.1f", p["inputRowsPerSecond"]) {
		t.Errorf("progress line %q does not match the last progress %v", line[0], p)
	}
	if !strings.Contains(last, fmt.Sprintf("<b>Batch: %d</b>", p["batchId"])) {
		t.Errorf("the progress line is not shown with its batch %v:\n%s", p["batchId"], last)
	}
}

// TestConsoleLiveAreaKeepBatches keeps every batch: the final HTML shows
// both batches, and text/plain is Spark's console output of the whole run.
func TestConsoleLiveAreaKeepBatches(t *testing.T) {
	pub := &livePublisher{}
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "in")
	writeFile(t, dir, "a.csv", "1,alice,10.5\n2,bob,3.25\n")
	writeFile(t, dir, "b.csv", "3,carol,7.0\n")
	q := startLive(pub, func() *dataframe.StreamingQuery {
		return spark.ReadStream().Format("csv").Schema("id INT, name STRING, amount DOUBLE").Option("maxFilesPerTrigger", 1).Load(dir).
			WriteStream().Format("console").Option("keepBatches", true).Trigger(AvailableNow()).Start()
	})
	q.AwaitTermination()
	calls := pub.snapshot()
	last := calls[len(calls)-1].data
	want, err := os.ReadFile(filepath.Join("testdata", "console_append_two_batches.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if last.Text() != string(want) {
		t.Errorf("text/plain\n%s\nwant PySpark's\n%s", last.Text(), want)
	}
	htm := last["text/html"].(string)
	if m := batchHeader.FindAllString(htm, -1); len(m) != 2 || !strings.Contains(htm, "stopped after 2 batches") {
		t.Errorf("final HTML shows %v:\n%s", m, htm)
	}
}

// TestConsoleLiveAreaShowsException ends a socket query by closing the
// producer: the final line is the exception.
func TestConsoleLiveAreaShowsException(t *testing.T) {
	pub := &livePublisher{}
	spark := newSession(t)
	srv := newLineServer(t)
	q := startLive(pub, func() *dataframe.StreamingQuery {
		return spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Load().
			WriteStream().Format("console").Start()
	})
	conn := srv.accept(t)
	send(t, conn, "a")
	waitRows(t, q, 1)
	conn.Close()
	q.AwaitTermination()
	if q.Exception() == nil {
		t.Fatal("closing the socket did not fail the query")
	}
	calls := pub.snapshot()
	htm := calls[len(calls)-1].data["text/html"].(string)
	if !strings.Contains(htm, "query failed: ") || strings.Contains(htm, "stopped after") {
		t.Errorf("final HTML does not show the exception:\n%s", htm)
	}
}

// unevenPublisher takes alternately 200 ms and no time to send an update, as
// a loaded machine renders and encodes some updates slowly; it records when
// each send ended.
type unevenPublisher struct {
	livePublisher
	n int
}

func (p *unevenPublisher) Update(d display.MIMEBundle, md display.Metadata, id string) {
	if p.n++; p.n%2 == 1 {
		time.Sleep(200 * time.Millisecond)
	}
	p.livePublisher.Update(d, md, id)
}

// TestLiveAreaSpacesSendsAfterSlowOnes sets a bundle every 10 ms on an area
// whose sends take uneven time: consecutive updates still leave at least
// liveInterval apart, since the interval counts from the end of a send; the
// final state follows at once.
func TestLiveAreaSpacesSendsAfterSlowOnes(t *testing.T) {
	pub := &unevenPublisher{}
	a := newLiveArea(pub, display.MIMEBundle{"text/plain": "start"})
	for i := 0; i < 150; i++ {
		a.Set(display.MIMEBundle{"text/plain": fmt.Sprint(i)})
		time.Sleep(10 * time.Millisecond)
	}
	a.Close(display.MIMEBundle{"text/plain": "final"})
	calls := pub.snapshot()
	updates := calls[1:]
	if len(updates) < 3 || updates[len(updates)-1].data.Text() != "final" {
		t.Fatalf("updates %+v", updates)
	}
	for i := 1; i < len(updates)-1; i++ {
		if gap := updates[i].at.Sub(updates[i-1].at); gap < liveInterval-10*time.Millisecond {
			t.Errorf("updates %d and %d only %v apart", i-1, i, gap)
		}
	}
}
