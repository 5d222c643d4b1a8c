package streaming

import (
	"bytes"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

var update = flag.Bool("update", false, "rewrite golden files")

// syncBuffer is a bytes.Buffer safe for the query goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// captureStdout routes display output of queries started in the test to a
// buffer, as a plain Go program would print it.
func captureStdout(t *testing.T) *syncBuffer {
	buf := &syncBuffer{}
	pub := &display.Stdout{W: buf}
	display.SetResolver(func() display.Publisher { return pub })
	t.Cleanup(func() { display.SetResolver(nil) })
	return buf
}

func newSession(t *testing.T) *dataframe.Session {
	s := dataframe.NewSession()
	s.SetOutput(&bytes.Buffer{})
	t.Cleanup(s.Stop)
	return s
}

// writeFile writes name under dir with content, creating dir.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	// Distinct modification times keep the discovery order deterministic.
	mt := time.Now().Add(time.Duration(len(name)) * time.Millisecond)
	_ = os.Chtimes(filepath.Join(dir, name), mt, mt)
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden %s (run with -update): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("%s mismatch\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// lineServer is a TCP server that sends each client the lines written to
// it, like `nc -lk`.
type lineServer struct {
	ln    net.Listener
	conns chan net.Conn
}

func newLineServer(t *testing.T) *lineServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &lineServer{ln: ln, conns: make(chan net.Conn, 4)}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.conns <- c
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *lineServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// accept waits for the query's connection.
func (s *lineServer) accept(t *testing.T) net.Conn {
	t.Helper()
	select {
	case c := <-s.conns:
		t.Cleanup(func() { c.Close() })
		return c
	case <-time.After(30 * time.Second):
		t.Fatal("the socket source did not connect")
	}
	return nil
}

func send(t *testing.T, c net.Conn, lines ...string) {
	t.Helper()
	if _, err := c.Write([]byte(strings.Join(lines, "\n") + "\n")); err != nil {
		t.Fatal(err)
	}
}

// waitRows waits until the query has processed at least n input rows.
func waitRows(t *testing.T, q *dataframe.StreamingQuery, n int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var total int64
		for _, p := range q.RecentProgress() {
			total += p["numInputRows"].(int64)
		}
		if total >= n {
			return
		}
		if !q.IsActive() {
			t.Fatalf("query ended: %v", q.Exception())
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("query did not process %d rows in time", n)
}
