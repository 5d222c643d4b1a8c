package wire

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func stream(parent *Header, name, text string) *Item {
	return &Item{MsgType: "stream", Parent: parent, Stream: name, Text: []byte(text)}
}

func TestOutboxMergesStreams(t *testing.T) {
	a, b := &Header{MsgID: "a"}, &Header{MsgID: "b"}
	o := NewOutbox(1 << 20)
	o.Push(stream(a, "stdout", "1"))
	o.Push(stream(a, "stdout", "2"))
	o.Push(stream(a, "stderr", "e"))
	o.Push(stream(a, "stderr", "f"))
	o.Push(stream(b, "stderr", "g"))
	o.Push(&Item{MsgType: "status", Parent: a, Content: json.RawMessage(`{}`)})
	o.Push(stream(b, "stderr", "h"))
	got := o.PopAll(nil)
	var desc []string
	for _, it := range got {
		if it.MsgType == "stream" {
			desc = append(desc, fmt.Sprintf("%s:%s:%s", it.Parent.MsgID, it.Stream, it.Text))
		} else {
			desc = append(desc, it.MsgType)
		}
	}
	want := "a:stdout:12 a:stderr:ef b:stderr:g status b:stderr:h"
	if s := strings.Join(desc, " "); s != want {
		t.Fatalf("queue = %s, want %s", s, want)
	}
}

func TestOutboxStreamMergeIsBounded(t *testing.T) {
	o := NewOutbox(64 << 20)
	chunk := strings.Repeat("x", 300<<10)
	for i := 0; i < 10; i++ {
		o.Push(stream(nil, "stdout", chunk))
	}
	total := 0
	for _, it := range o.PopAll(nil) {
		if len(it.Text) > MaxStreamChunk {
			t.Fatalf("merged stream of %d bytes exceeds MaxStreamChunk", len(it.Text))
		}
		total += len(it.Text)
	}
	if total != 10*len(chunk) {
		t.Fatalf("got %d bytes, want %d", total, 10*len(chunk))
	}
}

func TestOutboxCoalescesDisplayUpdates(t *testing.T) {
	o := NewOutbox(1 << 20)
	for i := 0; i < 100; i++ {
		for _, id := range []string{"t1", "t2"} {
			o.Push(&Item{MsgType: "update_display_data", DisplayID: id, Content: json.RawMessage(fmt.Sprintf(`{"%s":%d}`, id, i))})
		}
	}
	got := o.PopAll(nil)
	if len(got) != 2 || string(got[0].Content) != `{"t1":99}` || string(got[1].Content) != `{"t2":99}` {
		for _, it := range got {
			t.Logf("%s %s", it.DisplayID, it.Content)
		}
		t.Fatalf("want the latest update of each display, got %d items", len(got))
	}
	if st := o.Stats(); st.Merged != 198 || st.DroppedMessages != 0 {
		t.Fatalf("stats = %+v", st)
	}
}

// A consumer that never reads: Push must return at once, the droppable bytes
// stay bounded, and every essential message is kept, in order.
func TestOutboxPolicyWithStalledConsumer(t *testing.T) {
	const limit = 1 << 20
	o := NewOutbox(limit)
	text := strings.Repeat("y", 10<<10)
	essentials := []string{"status", "execute_input", "execute_result", "error", "clear_output", "comm_close"}
	for i := 0; i < 2000; i++ {
		p := &Header{MsgID: fmt.Sprint(i)} // a new parent each time: no merging
		o.Push(stream(p, "stdout", text))
		o.Push(&Item{MsgType: "display_data", Parent: p, Content: json.RawMessage(`{"data":{"text/plain":"` + text + `"}}`)})
		o.Push(&Item{MsgType: "update_display_data", Parent: p, DisplayID: fmt.Sprint("d", i), Content: json.RawMessage(`{"x":1}`)})
		o.Push(&Item{MsgType: essentials[i%len(essentials)], Parent: p, Content: json.RawMessage(fmt.Sprintf(`{"seq":%d}`, i))})
	}
	items := o.PopAll(nil)
	droppable, seq := 0, 0
	for _, it := range items {
		if it.droppable() {
			droppable += it.size()
			continue
		}
		if want := fmt.Sprintf(`{"seq":%d}`, seq); string(it.Content) != want {
			t.Fatalf("essential message %d = %s, want %s", seq, it.Content, want)
		}
		seq++
	}
	if seq != 2000 {
		t.Fatalf("kept %d essential messages, want 2000", seq)
	}
	if droppable > limit+len(text)+1024 {
		t.Fatalf("queued %d droppable bytes, limit %d", droppable, limit)
	}
	st := o.Stats()
	if st.DroppedMessages == 0 || st.DroppedBytes == 0 {
		t.Fatalf("nothing was dropped: %+v", st)
	}
	// once the consumer catches up, the next stream says how much was lost
	o.Push(stream(nil, "stdout", "after"))
	last := o.PopAll(nil)[0]
	if !strings.Contains(string(last.Text), "bytes of output dropped") || !strings.HasSuffix(string(last.Text), "after") {
		t.Fatalf("stream after drops = %q", last.Text)
	}
}

func TestOutboxEssentialLimit(t *testing.T) {
	o := NewOutbox(1024)
	o.EssentialLimit = 10
	for i := 0; i < 10; i++ {
		if !o.Push(&Item{MsgType: "status"}) {
			t.Fatalf("push %d refused", i)
		}
	}
	if o.Push(&Item{MsgType: "status"}) {
		t.Fatal("push beyond EssentialLimit accepted")
	}
	o.Close()
	if o.PopAll(nil) != nil {
		t.Fatal("PopAll after Close returned items")
	}
}

func TestStreamItemsSplitAtRuneBoundaries(t *testing.T) {
	text := strings.Repeat("é", MaxStreamChunk) // 2 bytes each
	items := StreamItems(nil, "stdout", []byte(text))
	var b strings.Builder
	for _, it := range items {
		if len(it.Text) > MaxStreamChunk || !utf8.Valid(it.Text) {
			t.Fatalf("chunk of %d bytes, valid UTF-8 %v", len(it.Text), utf8.Valid(it.Text))
		}
		b.Write(it.Text)
	}
	if b.String() != text || len(items) != 2 {
		t.Fatalf("got %d chunks; text preserved %v", len(items), b.String() == text)
	}
}

func TestStreamContentReplacesInvalidUTF8(t *testing.T) {
	it := stream(nil, "stdout", "ok \xff\xfe end")
	var c StreamContent
	if err := json.Unmarshal(it.EncodeContent(), &c); err != nil {
		t.Fatal(err)
	}
	if c.Text != "ok \uFFFD\uFFFD end" {
		t.Fatalf("text = %q", c.Text)
	}
}
