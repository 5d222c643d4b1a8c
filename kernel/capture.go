package kernel

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"
	"unicode/utf8"
)

// fSetPipeSize is F_SETPIPE_SZ on Linux.
const fSetPipeSize = 1031

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
	rfd   int // the read end, non-blocking
	emit  func(stream string, text []byte)
	done  chan struct{}

	mu      sync.Mutex // held while bytes move from the pipe to emit
	buf     []byte
	pending []byte // an incomplete UTF-8 character held back
}

// captureStdio points file descriptors 1 and 2 at pipes whose contents go
// to emit("stdout"|"stderr", text). It returns the capture and a file that
// writes to the original stderr, for the kernel's log.
func captureStdio(emit func(string, []byte)) (*capture, *os.File, error) {
	c, err := captureFDs(emit, []stdFD{{1, "stdout"}, {2, "stderr"}})
	if err != nil {
		return nil, nil, err
	}
	return c, os.NewFile(uintptr(c.streams[1].saved), "stderr"), nil
}

// stdFD names a file descriptor to capture.
type stdFD struct {
	fd   int
	name string
}

// captureFDs points each descriptor at a pipe whose contents go to
// emit(name, text).
func captureFDs(emit func(string, []byte), fds []stdFD) (*capture, error) {
	c := &capture{}
	for _, s := range fds {
		saved, err := syscall.Dup(s.fd)
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		syscall.CloseOnExec(saved)
		r, w, err := os.Pipe()
		if err != nil {
			syscall.Close(saved)
			c.Close()
			return nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		if err := syscall.Dup3(int(w.Fd()), s.fd, 0); err != nil {
			syscall.Close(saved)
			r.Close()
			w.Close()
			c.Close()
			return nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		f := &capturedFD{fd: s.fd, saved: saved, name: s.name, r: r, w: w, emit: emit,
			buf: make([]byte, 64<<10), done: make(chan struct{})}
		if rc, err := r.SyscallConn(); err == nil {
			_ = rc.Control(func(fd uintptr) { f.rfd = int(fd) })
		}
		// a larger pipe lets bursts of output through without blocking the writer
		_, _, _ = syscall.Syscall(syscall.SYS_FCNTL, uintptr(f.rfd), fSetPipeSize, 1<<20)
		c.streams = append(c.streams, f)
		go f.read()
	}
	return c, nil
}

// read emits what the pipe receives until its write ends are closed. The
// runtime poller wakes it when the pipe is readable.
func (f *capturedFD) read() {
	defer close(f.done)
	rc, err := f.r.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Read(func(uintptr) bool { return f.drain() })
}

// drain reads everything the pipe holds now, without blocking, and emits
// it. It reports whether the pipe reached end of file. Because bytes leave
// the pipe only under f.mu, a drain that finds the pipe empty knows that
// everything written before it has been emitted.
func (f *capturedFD) drain() (eof bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		n, err := syscall.Read(f.rfd, f.buf)
		if n > 0 {
			f.pending = append(f.pending, f.buf[:n]...)
			keep := incompleteRuneLen(f.pending)
			if out := f.pending[:len(f.pending)-keep]; len(out) > 0 {
				f.emit(f.name, bytes.ToValidUTF8(out, []byte("\uFFFD")))
			}
			f.pending = append(f.pending[:0], f.pending[len(f.pending)-keep:]...)
			continue
		}
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		}
		// end of file or a read error: flush what was held back
		if len(f.pending) > 0 {
			f.emit(f.name, bytes.ToValidUTF8(f.pending, []byte("\uFFFD")))
			f.pending = f.pending[:0]
		}
		return true
	}
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

// Sync waits until everything written to stdout and stderr so far has been
// emitted.
func (c *capture) Sync() {
	for _, f := range c.streams {
		f.drain()
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
