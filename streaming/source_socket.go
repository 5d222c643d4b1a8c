package streaming

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// socketSource is Spark's socket source: a TCP client that connects to
// host:port and turns each received line into a row (value, and timestamp
// with includeTimestamp). When the producer closes the connection, the
// query processes what was received and then fails with an exception
// saying so.
type socketSource struct {
	host, port       string
	includeTimestamp bool

	mu       sync.Mutex
	conn     net.Conn
	base     int64 // offset of lines[0]
	lines    []string
	times    []int64
	closed   error
	received int64
}

func socketSchema(includeTimestamp bool) sqltypes.StructType {
	st := sqltypes.NewStructType(sqltypes.NewStructField("value", sqltypes.StringType, true))
	if includeTimestamp {
		st.Fields = append(st.Fields, sqltypes.NewStructField("timestamp", sqltypes.TimestampType, true))
	}
	return st
}

func validateSocket(o options) error {
	if !o.has("host") {
		return analysis("Set a host to read from with option(\"host\", ...).")
	}
	if !o.has("port") {
		return analysis("Set a port to read from with option(\"port\", ...).")
	}
	if _, err := o.int("port", 0); err != nil {
		return analysis("Invalid port: %s", o.get("port", ""))
	}
	_, err := o.bool("includeTimestamp", false)
	return err
}

func newSocketSource(spec *sourceSpec) (Source, error) {
	ts, _ := spec.opts.bool("includeTimestamp", false)
	return &socketSource{host: spec.opts.get("host", ""), port: spec.opts.get("port", ""), includeTimestamp: ts}, nil
}

func (s *socketSource) Open(ctx context.Context) error {
	d := net.Dialer{Timeout: 10 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(s.host, s.port))
	if err != nil {
		return fmt.Errorf("java.net.ConnectException: Connection refused: %s:%s (%v)", s.host, s.port, err)
	}
	s.conn = conn
	go s.read(conn)
	return nil
}

// timedReader remembers when its last Read returned: the lines of one
// read from the socket arrived together, so they share its time (one
// clock reading per read, not per line).
type timedReader struct {
	r  io.Reader
	at int64 // microseconds
}

func (t *timedReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.at = time.Now().UnixMicro()
	return n, err
}

func (s *socketSource) read(conn net.Conn) {
	tr := &timedReader{r: conn}
	sc := bufio.NewScanner(tr)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		now := tr.at
		s.mu.Lock()
		s.lines = append(s.lines, line)
		s.times = append(s.times, now)
		s.received++
		s.mu.Unlock()
	}
	err := sc.Err()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed != nil {
		return
	}
	if err != nil {
		s.closed = fmt.Errorf("Socket source %s:%s failed: %v", s.host, s.port, err)
		return
	}
	s.closed = fmt.Errorf("Socket source %s:%s: the connection was closed by the producer after %d lines", s.host, s.port, s.received)
}

func (s *socketSource) Initial() (Offset, error) { return longOffset(0), nil }

func (s *socketSource) Latest(from Offset, _ bool) (Offset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed != nil && parseLongOffset(from) >= s.received {
		return "", s.closed
	}
	return longOffset(s.received), nil
}

func (s *socketSource) Batch(from, to Offset) ([]arrow.Record, error) {
	lo, hi := max(parseLongOffset(from), 0), parseLongOffset(to)
	s.mu.Lock()
	if lo < s.base {
		lo = s.base
	}
	if hi > s.base+int64(len(s.lines)) {
		hi = s.base + int64(len(s.lines))
	}
	if hi <= lo {
		s.mu.Unlock()
		return nil, nil
	}
	lines := s.lines[lo-s.base : hi-s.base]
	times := s.times[lo-s.base : hi-s.base]
	s.mu.Unlock()
	vb := array.NewStringBuilder(memory.DefaultAllocator)
	vb.Reserve(len(lines))
	for _, l := range lines {
		vb.Append(l)
	}
	cols := []arrow.Array{vb.NewArray()}
	if s.includeTimestamp {
		tb := array.NewTimestampBuilder(memory.DefaultAllocator, sqltypes.ArrowTimestamp)
		for _, t := range times {
			tb.Append(arrow.Timestamp(t))
		}
		cols = append(cols, tb.NewArray())
	}
	schema := sqltypes.ToArrowSchema(socketSchema(s.includeTimestamp))
	return []arrow.Record{array.NewRecord(schema, cols, int64(len(lines)))}, nil
}

func (s *socketSource) Commit(to Offset) {
	n := parseLongOffset(to)
	s.mu.Lock()
	defer s.mu.Unlock()
	if drop := n - s.base; drop > 0 && drop <= int64(len(s.lines)) {
		s.lines = append([]string(nil), s.lines[drop:]...)
		s.times = append([]int64(nil), s.times[drop:]...)
		s.base = n
	}
}

func (s *socketSource) Close() error {
	s.mu.Lock()
	if s.closed == nil {
		s.closed = fmt.Errorf("socket source stopped")
	}
	s.mu.Unlock()
	if s.conn != nil {
		return s.conn.Close()
	}
	return nil
}

func (s *socketSource) Description() string {
	return fmt.Sprintf("TextSocketV2[host: %s, port: %s]", s.host, s.port)
}

// definedFromStart is true: as in Spark, batch 0 runs at the first trigger.
func (s *socketSource) definedFromStart() bool { return true }
