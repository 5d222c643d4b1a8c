package textpipe

import (
	"bytes"
	"os"
	"sync"
	"syscall"
	"unicode/utf8"
)

// Reader emits the text written into a pipe.
type Reader struct {
	r    *os.File
	emit func(text []byte)
	done chan struct{}

	mu      sync.Mutex // held while bytes move from the pipe to emit
	buf     []byte
	pending []byte // an incomplete UTF-8 character held back
}

// Start reads r in a goroutine, with a buffer of bufSize bytes, and calls
// emit with each chunk of text until the pipe's write ends are closed. The
// runtime poller wakes the goroutine when the pipe is readable.
func Start(r *os.File, bufSize int, emit func(text []byte)) *Reader {
	p := &Reader{r: r, emit: emit, done: make(chan struct{}), buf: make([]byte, bufSize)}
	go p.read()
	return p
}

func (p *Reader) read() {
	defer close(p.done)
	rc, err := p.r.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Read(func(fd uintptr) bool { return p.drain(int(fd)) })
}

// Flush emits everything written to the pipe so far. Bytes leave the pipe
// only under p.mu, so when Flush returns, everything written before it was
// called has been emitted.
func (p *Reader) Flush() {
	rc, err := p.r.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) { p.drain(int(fd)) })
}

// Wait returns once the reader has seen the end of the pipe and emitted the
// rest.
func (p *Reader) Wait() { <-p.done }

// drain reads everything the pipe holds now, without blocking, and emits
// it. It reports whether the pipe reached end of file.
func (p *Reader) drain(fd int) (eof bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		n, err := syscall.Read(fd, p.buf)
		if n > 0 {
			p.pending = append(p.pending, p.buf[:n]...)
			keep := incompleteRuneLen(p.pending)
			if out := p.pending[:len(p.pending)-keep]; len(out) > 0 {
				p.emit(bytes.ToValidUTF8(out, []byte("\uFFFD")))
			}
			p.pending = append(p.pending[:0], p.pending[len(p.pending)-keep:]...)
			continue
		}
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		}
		// end of file or a read error: flush what was held back
		if len(p.pending) > 0 {
			p.emit(bytes.ToValidUTF8(p.pending, []byte("\uFFFD")))
			p.pending = p.pending[:0]
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
