package interp

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"
	"unicode/utf8"
)

// fileStream is the *os.File a cell sees as os.Stdout or os.Stderr: the
// write end of a pipe whose reader sends the text to Options.Output. Cells
// keep *os.File's whole method set (WriteString, Fd, Sync, Name, ...), can
// pass the file to APIs that take an *os.File, and a child process given
// it (cmd.Stdout = os.Stdout) writes into the cell's output.
//
// A pipe does not tell who wrote into it, so text read from it goes to the
// running cell, or the last one when none is running; fmt, log and the
// Spark session's output keep routing by the writing goroutine
// (streamWriter). The pipe is drained before every streamWriter write and
// at the end of every cell, so each stream keeps the order of its writes
// and a cell's writes are emitted before Execute returns.
type fileStream struct {
	it   *Interpreter
	name string // "stdout" or "stderr"
	r, w *os.File
	done chan struct{} // closed when the reader has seen the end of the pipe

	mu      sync.Mutex // held while bytes move from the pipe to Output
	buf     []byte
	pending []byte // an incomplete UTF-8 character held back
}

func newFileStream(it *Interpreter, name string) (*fileStream, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("interp: the %s pipe: %w", name, err)
	}
	s := &fileStream{it: it, name: name, r: r, w: w, done: make(chan struct{}), buf: make([]byte, 32<<10)}
	go s.read()
	return s, nil
}

// read emits what the pipe receives until its write end is closed. The
// runtime poller wakes it when the pipe is readable.
func (s *fileStream) read() {
	defer close(s.done)
	rc, err := s.r.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Read(func(fd uintptr) bool { return s.drain(int(fd)) })
}

// flush emits everything written to the pipe so far.
func (s *fileStream) flush() {
	rc, err := s.r.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) { s.drain(int(fd)) })
}

// drain reads everything the pipe holds now, without blocking, and emits
// it. It reports whether the pipe reached end of file. Bytes leave the pipe
// only under s.mu, so a drain that finds the pipe empty knows that
// everything written before it has been emitted.
func (s *fileStream) drain(fd int) (eof bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		n, err := syscall.Read(fd, s.buf)
		if n > 0 {
			s.pending = append(s.pending, s.buf[:n]...)
			keep := incompleteRuneLen(s.pending)
			if out := s.pending[:len(s.pending)-keep]; len(out) > 0 {
				s.emit(out)
			}
			s.pending = append(s.pending[:0], s.pending[len(s.pending)-keep:]...)
			continue
		}
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		}
		if len(s.pending) > 0 {
			s.emit(s.pending)
			s.pending = s.pending[:0]
		}
		return true
	}
}

func (s *fileStream) emit(b []byte) {
	s.it.output(s.it.cellOrigin(), s.name, string(bytes.ToValidUTF8(b, []byte("\uFFFD"))))
}

// close emits what is left and closes both ends.
func (s *fileStream) close() {
	s.w.Close()
	<-s.done
	s.r.Close()
}

// incompleteRuneLen returns the length of an incomplete UTF-8 character at
// the end of b, or 0.
func incompleteRuneLen(b []byte) int {
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if utf8.RuneStart(c) {
			if c >= 0xC0 && !utf8.FullRune(b[len(b)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}

// cellOrigin returns the origin of the running cell, or of the last one.
func (it *Interpreter) cellOrigin() Origin {
	if c := it.current.Load(); c != nil {
		return c.origin
	}
	if c := it.last.Load(); c != nil {
		return c.origin
	}
	return nil
}

// flushFiles emits what cells wrote to os.Stdout and os.Stderr so far.
func (it *Interpreter) flushFiles() {
	for _, s := range []*fileStream{it.stdoutFile, it.stderrFile} {
		if s != nil {
			s.flush()
		}
	}
}

// Close releases the pipes behind os.Stdout and os.Stderr of cells, after
// emitting what was written to them. Goroutines of cells that write to them
// afterwards get an error.
func (it *Interpreter) Close() error {
	for _, s := range []*fileStream{it.stdoutFile, it.stderrFile} {
		if s != nil {
			s.close()
		}
	}
	return nil
}
