package wire

import (
	"bufio"
	"context"
	"encoding/binary"
	"net"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// zmq4 reads and writes each frame header and each frame body with a system
// call of its own: a dozen per Jupyter message. The "eddy-tcp" and
// "eddy-ipc" transports registered here are tcp and ipc with buffers in
// front of each accepted connection: reads go through a bufio.Reader, and
// writes are held until the last frame of a message (or a command) is
// complete, so that a message leaves in one system call.
func init() {
	for name, network := range map[string]string{bufferedPrefix + "tcp": "tcp", bufferedPrefix + "ipc": "unix"} {
		if err := zmq4.RegisterTransport(name, bufferedTransport{transport.New(network)}); err != nil {
			panic(err)
		}
	}
}

const bufferedPrefix = "eddy-"

// buffered returns endpoint with its scheme replaced by the buffered one.
func buffered(endpoint string) string {
	if strings.HasPrefix(endpoint, "tcp://") || strings.HasPrefix(endpoint, "ipc://") {
		return bufferedPrefix + endpoint
	}
	return endpoint
}

type bufferedTransport struct{ transport.Transport }

func (t bufferedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	ln, err := t.Transport.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return bufferedListener{ln}, nil
}

type bufferedListener struct{ net.Listener }

func (l bufferedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &frameBufferedConn{Conn: c, r: bufio.NewReaderSize(c, 16<<10), w: bufio.NewWriterSize(c, 16<<10)}, nil
}

// ZMTP 3 framing: a 64-byte greeting, then frames of a flags byte, a 1- or
// 8-byte size, and the body.
const (
	zmtpGreetingSize = 64
	zmtpMore         = 0x01
	zmtpLong         = 0x02
)

// frameBufferedConn is a connection whose reads go through a buffer and
// whose writes are flushed at the end of each message. It follows the ZMTP
// framing of what is written to know where messages end.
type frameBufferedConn struct {
	net.Conn
	r *bufio.Reader

	mu       sync.Mutex
	w        *bufio.Writer
	greeted  int    // greeting bytes written so far
	hdr      []byte // the frame header being written
	body     uint64 // body bytes still to come
	lastMore bool   // whether the current frame has more frames after it
}

func (c *frameBufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *frameBufferedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for len(p) > 0 {
		switch {
		case c.greeted < zmtpGreetingSize: // the greeting goes out at once
			k := min(len(p), zmtpGreetingSize-c.greeted)
			m, err := c.writeThrough(p[:k])
			n += m
			if err != nil {
				return n, err
			}
			c.greeted += k
			p = p[k:]
		case c.body > 0:
			k := int(min(uint64(len(p)), c.body))
			m, err := c.w.Write(p[:k])
			n += m
			if err != nil {
				return n, err
			}
			c.body -= uint64(k)
			p = p[k:]
			if c.body == 0 {
				if err := c.endFrame(); err != nil {
					return n, err
				}
			}
		default: // a frame header
			c.hdr = append(c.hdr, p[0])
			if err := c.w.WriteByte(p[0]); err != nil {
				return n, err
			}
			n++
			p = p[1:]
			size := 2
			if c.hdr[0]&zmtpLong != 0 {
				size = 9
			}
			if len(c.hdr) == size {
				c.lastMore = c.hdr[0]&zmtpMore != 0
				if size == 2 {
					c.body = uint64(c.hdr[1])
				} else {
					c.body = binary.BigEndian.Uint64(c.hdr[1:])
				}
				c.hdr = c.hdr[:0]
				if c.body == 0 {
					if err := c.endFrame(); err != nil {
						return n, err
					}
				}
			}
		}
	}
	return n, nil
}

// endFrame flushes when the frame just written ends a message or command.
func (c *frameBufferedConn) endFrame() error {
	if c.lastMore {
		return nil
	}
	return c.w.Flush()
}

func (c *frameBufferedConn) writeThrough(p []byte) (int, error) {
	if err := c.w.Flush(); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}
