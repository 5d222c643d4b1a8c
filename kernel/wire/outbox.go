package wire

import (
	"encoding/json"
	"fmt"
	"sync"
	"unicode/utf8"
)

// MaxStreamChunk is the largest stream text one IOPub message carries; longer
// text is split into several messages.
const MaxStreamChunk = 1 << 20

// Item is one IOPub message waiting in an Outbox. Stream items keep their
// text unmarshalled so that consecutive writes can be merged.
type Item struct {
	Header    Header // stamped when the item is published
	MsgType   string
	Parent    *Header
	Content   json.RawMessage // every type but stream
	Stream    string          // stream: "stdout" or "stderr"
	Text      []byte          // stream: the text, valid UTF-8
	DisplayID string          // update_display_data: the display it replaces
}

// droppable reports whether the queue policy may drop or merge the item.
func (it *Item) droppable() bool {
	switch it.MsgType {
	case "stream", "display_data", "update_display_data":
		return true
	}
	return false
}

func (it *Item) size() int { return len(it.Content) + len(it.Text) }

// StreamContent is the content of a stream message.
type StreamContent struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// EncodeContent returns the item's content JSON.
func (it *Item) EncodeContent() json.RawMessage {
	if it.MsgType != "stream" {
		return it.Content
	}
	b, _ := json.Marshal(StreamContent{Name: it.Stream, Text: string(it.Text)})
	return b
}

// OutboxStats counts what an Outbox dropped.
type OutboxStats struct {
	DroppedMessages int // stream, display_data and update_display_data messages dropped
	DroppedBytes    int // their size
	Merged          int // messages merged into a queued one
}

// Outbox is the bounded queue between code that publishes IOPub messages and
// the goroutine that writes them to one subscriber. Push never blocks.
//
// The policy: stream text is appended to a queued stream message of the same
// stream and parent, up to MaxStreamChunk; an update_display_data replaces a
// queued update of the same display_id. When the queued stream and display
// messages reach Limit bytes, further ones are dropped and counted, and the
// next stream message that fits says how much was lost. Every other message
// (status, execute_input, execute_result, error, clear_output, comm
// messages, ...) is always queued, up to EssentialLimit messages, beyond
// which the subscriber is considered dead (Push reports it).
type Outbox struct {
	// Limit bounds the bytes of queued droppable messages.
	Limit int
	// EssentialLimit bounds the number of queued messages of any kind.
	EssentialLimit int

	mu        sync.Mutex
	cond      *sync.Cond
	items     []*Item
	updates   map[string]*Item // queued update_display_data by display_id
	dropBytes int              // droppable bytes queued
	lost      int              // bytes dropped since the last notice
	stats     OutboxStats
	closed    bool
	flight    int // popped but not yet written
}

func (o *Outbox) setInFlight(n int) {
	o.mu.Lock()
	o.flight = n
	o.mu.Unlock()
}

func (o *Outbox) inFlight() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.flight
}

// NewOutbox returns an outbox that holds at most limit bytes of droppable
// messages.
func NewOutbox(limit int) *Outbox {
	o := &Outbox{Limit: limit, EssentialLimit: 100000, updates: map[string]*Item{}}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// Push queues it according to the policy. It returns false when the outbox
// is closed or overflowing with messages that may not be dropped.
func (o *Outbox) Push(it *Item) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return false
	}
	if len(o.items) >= o.EssentialLimit {
		return false
	}
	switch it.MsgType {
	case "stream":
		o.pushStream(it)
	case "update_display_data":
		if q := o.updates[it.DisplayID]; q != nil && it.DisplayID != "" {
			o.dropBytes += len(it.Content) - len(q.Content)
			q.Content, q.Parent = it.Content, it.Parent
			o.stats.Merged++
			return true
		}
		if o.full(it) {
			o.drop(it)
			return true
		}
		if it.DisplayID != "" {
			o.updates[it.DisplayID] = it
		}
		o.append(it)
	case "display_data":
		if o.full(it) {
			o.drop(it)
			return true
		}
		o.append(it)
	default:
		o.append(it)
	}
	return true
}

func (o *Outbox) pushStream(it *Item) {
	if n := len(o.items); n > 0 {
		t := o.items[n-1]
		if t.MsgType == "stream" && t.Stream == it.Stream && sameParent(t.Parent, it.Parent) &&
			len(t.Text)+len(it.Text) <= MaxStreamChunk {
			t.Text = append(t.Text, it.Text...)
			o.dropBytes += len(it.Text)
			o.stats.Merged++
			return
		}
	}
	if o.full(it) {
		o.drop(it)
		return
	}
	if o.lost > 0 {
		note := fmt.Sprintf("\n[eddy: %d bytes of output dropped because the frontend is not keeping up]\n", o.lost)
		it.Text = append([]byte(note), it.Text...)
		o.lost = 0
	}
	it.Text = append([]byte(nil), it.Text...) // owned, so that later merges may append
	o.append(it)
}

func (o *Outbox) full(it *Item) bool { return o.dropBytes+it.size() > o.Limit && o.dropBytes > 0 }

func (o *Outbox) drop(it *Item) {
	o.stats.DroppedMessages++
	o.stats.DroppedBytes += it.size()
	if it.MsgType == "stream" {
		o.lost += len(it.Text)
	}
}

func (o *Outbox) append(it *Item) {
	if it.droppable() {
		o.dropBytes += it.size()
	}
	o.items = append(o.items, it)
	o.cond.Signal()
}

func sameParent(a, b *Header) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || a.MsgID == b.MsgID
}

// PopAll waits until items are queued and returns them all, oldest first, or
// returns nil once the outbox is closed.
func (o *Outbox) PopAll(buf []*Item) []*Item {
	o.mu.Lock()
	defer o.mu.Unlock()
	for len(o.items) == 0 && !o.closed {
		o.cond.Wait()
	}
	if o.closed {
		return nil
	}
	buf = append(buf[:0], o.items...)
	clear(o.items)
	o.items = o.items[:0]
	clear(o.updates)
	o.dropBytes = 0
	return buf
}

// Len returns the number of queued messages.
func (o *Outbox) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.items)
}

// Stats returns what the outbox dropped and merged so far.
func (o *Outbox) Stats() OutboxStats {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.stats
}

// Close wakes the consumer and makes further pushes fail.
func (o *Outbox) Close() {
	o.mu.Lock()
	o.closed = true
	o.cond.Broadcast()
	o.mu.Unlock()
}

// StreamItems splits text into stream items of at most MaxStreamChunk bytes,
// cut at UTF-8 character boundaries. text must be valid UTF-8.
func StreamItems(parent *Header, name string, text []byte) []*Item {
	var items []*Item
	for len(text) > 0 {
		n := len(text)
		if n > MaxStreamChunk {
			n = MaxStreamChunk
			for n > 0 && !utf8.RuneStart(text[n]) {
				n--
			}
			if n == 0 {
				n = MaxStreamChunk
			}
		}
		items = append(items, &Item{MsgType: "stream", Parent: parent, Stream: name, Text: text[:n]})
		text = text[n:]
	}
	return items
}
