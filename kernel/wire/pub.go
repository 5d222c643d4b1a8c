package wire

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

// DefaultIOPubLimit is the number of bytes of stream and display messages an
// IOPub subscriber may fall behind before new ones are dropped.
const DefaultIOPubLimit = 64 << 20

// PubSocket is the IOPub socket: a ZeroMQ PUB socket that gives each
// subscriber its own Outbox and writer goroutine, so a slow subscriber never
// blocks publishers nor other subscribers. It speaks ZMTP 3 with the NULL
// mechanism through zmq4's connection type, and honours subscriptions
// (prefix match on the first frame), as a PUB socket does.
type PubSocket struct {
	session *Session
	signer  *Signer
	log     *log.Logger
	limit   int
	ln      net.Listener

	mu       sync.Mutex
	subs     map[*subscriber]struct{}
	closed   bool
	greeting *Item // queued for each new subscriber while set
}

// SetGreeting makes every subscriber that subscribes from now on receive a
// message of msgType with content first, until the greeting is cleared with
// a nil content. The kernel greets with its "starting" status until it
// serves its first request, so that a frontend that connected a moment
// after the kernel bound its sockets still sees it.
func (p *PubSocket) SetGreeting(msgType string, content any) error {
	var it *Item
	if content != nil {
		raw, err := marshalContent(content)
		if err != nil {
			return err
		}
		it = &Item{MsgType: msgType, Content: raw}
	}
	p.mu.Lock()
	p.greeting = it
	p.mu.Unlock()
	return nil
}

// greet queues the greeting for s, once, when s subscribes to it.
func (p *PubSocket) greet(s *subscriber) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.greeting == nil || s.greeted || !s.subscribed(p.topic(p.greeting.MsgType)) {
		return
	}
	s.greeted = true
	c := *p.greeting
	c.Header = p.session.NewHeader(c.MsgType)
	s.out.Push(&c)
}

// ListenPub listens on the ZeroMQ endpoint (tcp://host:port or ipc://path)
// and publishes messages stamped by session and signed by signer. limit is
// each subscriber's Outbox limit in bytes.
func ListenPub(endpoint string, session *Session, signer *Signer, limit int, logger *log.Logger) (*PubSocket, error) {
	network, addr, ok := strings.Cut(endpoint, "://")
	if !ok {
		return nil, fmt.Errorf("iopub: bad endpoint %q", endpoint)
	}
	switch network {
	case "tcp":
		addr = strings.Replace(addr, "*:", ":", 1)
	case "ipc":
		network = "unix"
	default:
		return nil, fmt.Errorf("iopub: unsupported transport %q", network)
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, fmt.Errorf("iopub: %w", err)
	}
	p := &PubSocket{session: session, signer: signer, log: logger, limit: limit, ln: ln, subs: map[*subscriber]struct{}{}}
	go p.accept()
	return p, nil
}

// Addr returns the address the socket listens on.
func (p *PubSocket) Addr() net.Addr { return p.ln.Addr() }

func (p *PubSocket) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			p.mu.Lock()
			closed := p.closed
			p.mu.Unlock()
			if closed {
				return
			}
			p.log.Printf("iopub: accept: %v", err)
			continue
		}
		go p.open(c)
	}
}

func (p *PubSocket) open(c net.Conn) {
	bc := &bufferedConn{Conn: c, w: bufio.NewWriterSize(c, 64<<10), r: bufio.NewReader(c)}
	zc, err := zmq4.Open(bc, null.Security(), zmq4.Pub, zmq4.SocketIdentity(p.session.ID), true, nil)
	if err != nil {
		p.log.Printf("iopub: handshake with %v: %v", c.RemoteAddr(), err)
		c.Close()
		return
	}
	s := &subscriber{conn: zc, bc: bc, out: NewOutbox(p.limit), topics: map[string]bool{}}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		c.Close()
		return
	}
	p.subs[s] = struct{}{}
	p.mu.Unlock()
	go p.write(s)
	p.read(s)
}

// read consumes the subscriber's (un)subscriptions until it disconnects.
func (p *PubSocket) read(s *subscriber) {
	defer p.remove(s)
	for {
		msg, err := s.conn.RecvMsg()
		if err != nil {
			return
		}
		if msg.Type == zmq4.CmdMsg || len(msg.Frames) == 0 || len(msg.Frames[0]) == 0 {
			continue
		}
		f := msg.Frames[0]
		s.mu.Lock()
		switch f[0] {
		case 1:
			s.topics[string(f[1:])] = true
		case 0:
			delete(s.topics, string(f[1:]))
		}
		s.mu.Unlock()
		p.greet(s)
	}
}

func (p *PubSocket) write(s *subscriber) {
	defer p.remove(s)
	var items []*Item
	for {
		items = s.out.PopAll(items)
		if items == nil {
			return
		}
		s.out.setInFlight(len(items))
		for i, it := range items {
			m := &Message{
				Identities:   [][]byte{p.topic(it.MsgType)},
				Header:       it.Header,
				ParentHeader: it.Parent,
				Metadata:     emptyObject,
				Content:      it.EncodeContent(),
			}
			if err := s.conn.SendMsg(zmq4.NewMsgFrom(Encode(m, p.signer)...)); err != nil {
				return
			}
			items[i] = nil
		}
		if err := s.bc.Flush(); err != nil {
			return
		}
		s.out.setInFlight(0)
	}
}

func (p *PubSocket) topic(msgType string) []byte {
	return []byte("kernel." + p.session.ID[:8] + "." + msgType)
}

func (p *PubSocket) remove(s *subscriber) {
	p.mu.Lock()
	delete(p.subs, s)
	p.mu.Unlock()
	s.out.Close()
	s.conn.Close()
}

// Publish queues a message of msgType with content (marshalled to JSON) for
// every subscriber. It never blocks. Streams should go through Stream and
// display updates through UpdateDisplay, which the queue policy can merge.
func (p *PubSocket) Publish(msgType string, parent *Header, content any) error {
	raw, err := marshalContent(content)
	if err != nil {
		return err
	}
	p.push(&Item{MsgType: msgType, Parent: parent, Content: raw})
	return nil
}

// UpdateDisplay queues an update_display_data for displayID; a queued update
// of the same display that has not been sent yet is replaced.
func (p *PubSocket) UpdateDisplay(parent *Header, displayID string, content any) error {
	raw, err := marshalContent(content)
	if err != nil {
		return err
	}
	p.push(&Item{MsgType: "update_display_data", Parent: parent, Content: raw, DisplayID: displayID})
	return nil
}

// Stream queues text (valid UTF-8) on the stream name ("stdout" or
// "stderr"), split into chunks of at most MaxStreamChunk bytes.
func (p *PubSocket) Stream(parent *Header, name string, text []byte) {
	for _, it := range StreamItems(parent, name, text) {
		p.push(it)
	}
}

func (p *PubSocket) push(it *Item) {
	// The header, and so its date, is that of the moment of publishing, so
	// that outputs date before the reply that follows them.
	it.Header = p.session.NewHeader(it.MsgType)
	topic := p.topic(it.MsgType)
	p.mu.Lock()
	defer p.mu.Unlock()
	for s := range p.subs {
		if !s.subscribed(topic) {
			continue
		}
		c := *it
		if !s.out.Push(&c) {
			p.log.Printf("iopub: subscriber %v is not reading; disconnecting it", s.conn.Peer.Meta)
			go p.remove(s)
		}
	}
}

// Close stops accepting subscribers and disconnects the current ones.
func (p *PubSocket) Close() error {
	p.mu.Lock()
	p.closed = true
	subs := make([]*subscriber, 0, len(p.subs))
	for s := range p.subs {
		subs = append(subs, s)
	}
	p.mu.Unlock()
	err := p.ln.Close()
	for _, s := range subs {
		p.remove(s)
	}
	return err
}

func marshalContent(content any) (json.RawMessage, error) {
	switch c := content.(type) {
	case json.RawMessage:
		return c, nil
	case nil:
		return emptyObject, nil
	}
	return json.Marshal(content)
}

type subscriber struct {
	conn *zmq4.Conn
	bc   *bufferedConn
	out  *Outbox

	mu      sync.Mutex
	topics  map[string]bool
	greeted bool // guarded by PubSocket.mu
}

func (s *subscriber) subscribed(topic []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.topics {
		if bytes.HasPrefix(topic, []byte(t)) {
			return true
		}
	}
	return false
}

// bufferedConn buffers writes so that the frames of one message, which zmq4
// writes one by one, leave in one system call. Reads flush first, so the ZMTP
// handshake works.
type bufferedConn struct {
	net.Conn
	mu sync.Mutex
	w  *bufio.Writer
	r  *bufio.Reader // used by the reading goroutine only
}

func (b *bufferedConn) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

func (b *bufferedConn) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

func (b *bufferedConn) Read(p []byte) (int, error) {
	if err := b.Flush(); err != nil {
		return 0, err
	}
	return b.r.Read(p)
}

// Drain waits up to timeout for every subscriber's queue to be written out.
// It is meant for shutdown, so it checks every millisecond rather than
// adding bookkeeping to the hot path.
func (p *PubSocket) Drain(timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		pending := 0
		for s := range p.subs {
			pending += s.out.Len() + s.out.inFlight()
		}
		p.mu.Unlock()
		if pending == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
