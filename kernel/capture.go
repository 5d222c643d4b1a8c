package kernel

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"
	"unicode/utf8"
)

// syncMarker is written into a captured pipe to find out when everything
// written before it has been read: the reader strips it and signals.
var syncMarker = []byte("\x00\x1b[eddy-sync]\x1b\x00")

// capture redirects file descriptors 1 and 2 into pipes and turns what is
// written to them into stream text.
type capture struct {
	streams []*capturedFD
}

// capturedFD is one redirected file descriptor.
type capturedFD struct {
	fd    int
	saved int // a duplicate of the original descriptor, restored on Close
	name  string
	r, w  *os.File
	emit  func(stream string, text []byte)
	mu    sync.Mutex // serializes syncs
	seen  chan struct{}
	done  chan struct{}
}

// captureStdio points file descriptors 1 and 2 at pipes whose contents go
// to emit("stdout"|"stderr", text). It returns the capture and a file that
// writes to the original stderr, for the kernel's log.
func captureStdio(emit func(string, []byte)) (*capture, *os.File, error) {
	c := &capture{}
	var origErr *os.File
	for _, s := range []struct {
		fd   int
		name string
	}{{1, "stdout"}, {2, "stderr"}} {
		saved, err := syscall.Dup(s.fd)
		if err != nil {
			c.Close()
			return nil, nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		syscall.CloseOnExec(saved)
		r, w, err := os.Pipe()
		if err != nil {
			syscall.Close(saved)
			c.Close()
			return nil, nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		if err := syscall.Dup3(int(w.Fd()), s.fd, 0); err != nil {
			syscall.Close(saved)
			r.Close()
			w.Close()
			c.Close()
			return nil, nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		f := &capturedFD{fd: s.fd, saved: saved, name: s.name, r: r, w: w, emit: emit,
			seen: make(chan struct{}, 1), done: make(chan struct{})}
		c.streams = append(c.streams, f)
		go f.read()
		if s.fd == 2 {
			origErr = os.NewFile(uintptr(saved), "stderr")
		}
	}
	return c, origErr, nil
}

// read copies the pipe into stream text until the pipe closes. It holds back
// an incomplete UTF-8 character and a possible start of the sync marker
// until the next read completes them.
func (f *capturedFD) read() {
	defer close(f.done)
	buf := make([]byte, 64<<10)
	var pending []byte
	for {
		n, err := f.r.Read(buf)
		if n > 0 {
			pending = append(pending, buf[:n]...)
			pending = f.process(pending)
		}
		if err != nil {
			if len(pending) > 0 {
				f.emit(f.name, bytes.ToValidUTF8(pending, []byte("\uFFFD")))
			}
			return
		}
	}
}

// process emits what pending holds, signalling each sync marker, and
// returns the bytes it held back.
func (f *capturedFD) process(pending []byte) []byte {
	for {
		i := bytes.Index(pending, syncMarker)
		if i < 0 {
			break
		}
		if i > 0 {
			f.emit(f.name, bytes.ToValidUTF8(pending[:i], []byte("\uFFFD")))
		}
		pending = pending[i+len(syncMarker):]
		select {
		case f.seen <- struct{}{}:
		default:
		}
	}
	keep := markerPrefixLen(pending)
	if k := incompleteRuneLen(pending[:len(pending)-keep]); k > 0 && keep == 0 {
		keep = k
	}
	if out := pending[:len(pending)-keep]; len(out) > 0 {
		f.emit(f.name, bytes.ToValidUTF8(out, []byte("\uFFFD")))
	}
	return append([]byte(nil), pending[len(pending)-keep:]...)
}

// markerPrefixLen returns the length of the longest suffix of b that is a
// proper prefix of syncMarker.
func markerPrefixLen(b []byte) int {
	for n := min(len(b), len(syncMarker)-1); n > 0; n-- {
		if bytes.Equal(b[len(b)-n:], syncMarker[:n]) {
			return n
		}
	}
	return 0
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

// sync waits until everything written to the descriptor before the call has
// been emitted.
func (f *capturedFD) sync() {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.seen: // a stale signal
	default:
	}
	if _, err := f.w.Write(syncMarker); err != nil {
		return
	}
	select {
	case <-f.seen:
	case <-f.done:
	}
}

// Sync waits until everything written to stdout and stderr so far has been
// emitted.
func (c *capture) Sync() {
	for _, f := range c.streams {
		f.sync()
	}
}

// Close restores the original descriptors and stops the readers once they
// have emitted what was written.
func (c *capture) Close() {
	for _, f := range c.streams {
		_ = syscall.Dup3(f.saved, f.fd, 0)
		f.w.Close()
		<-f.done
		f.r.Close()
	}
	c.streams = nil
}

func (k *Kernel) syncCapture() {
	if k.stdio != nil {
		k.stdio.Sync()
	}
}
