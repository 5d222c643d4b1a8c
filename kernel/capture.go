package kernel

import (
	"fmt"
	"os"
	"syscall"

	"github.com/eddykernel/eddy/kernel/textpipe"
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
	text  *textpipe.Reader
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
		f := &capturedFD{fd: s.fd, saved: saved, name: s.name, r: r, w: w}
		if rc, err := r.SyscallConn(); err == nil {
			// a larger pipe lets bursts of output through without blocking the writer
			_ = rc.Control(func(fd uintptr) {
				_, _, _ = syscall.Syscall(syscall.SYS_FCNTL, fd, fSetPipeSize, 1<<20)
			})
		}
		name := s.name
		f.text = textpipe.Start(r, 64<<10, func(text []byte) { emit(name, text) })
		c.streams = append(c.streams, f)
	}
	return c, nil
}

// Sync waits until everything written to stdout and stderr so far has been
// emitted.
func (c *capture) Sync() {
	for _, f := range c.streams {
		f.text.Flush()
	}
}

// Close restores the original descriptors and stops the readers once they
// have emitted what was written.
func (c *capture) Close() {
	for _, f := range c.streams {
		_ = syscall.Dup3(f.saved, f.fd, 0)
		f.w.Close()
		f.text.Wait()
		f.r.Close()
	}
	c.streams = nil
}

func (k *Kernel) syncCapture() {
	if k.stdio != nil {
		k.stdio.Sync()
	}
}
