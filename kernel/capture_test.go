package kernel

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// captured collects what a capture emits.
type captured struct {
	mu   sync.Mutex
	text map[string]*strings.Builder
	n    int // emit calls
}

func (c *captured) emit(stream string, text []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.text[stream] == nil {
		c.text[stream] = &strings.Builder{}
	}
	c.text[stream].Write(text)
	c.n++
}

func (c *captured) get(stream string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.text[stream] == nil {
		return ""
	}
	return c.text[stream].String()
}

// spareFD returns a descriptor open on /dev/null, standing in for stdout.
func spareFD(t *testing.T) int {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fd, err := syscall.Dup(int(f.Fd()))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	return fd
}

func write(t *testing.T, fd int, s string) {
	t.Helper()
	for b := []byte(s); len(b) > 0; {
		n, err := syscall.Write(fd, b)
		if err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
}

func TestCaptureSyncDeliversEverythingWrittenBefore(t *testing.T) {
	out, errFD := spareFD(t), spareFD(t)
	got := &captured{text: map[string]*strings.Builder{}}
	c, err := captureFDs(got.emit, []stdFD{{out, "stdout"}, {errFD, "stderr"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < 50; i++ {
		write(t, out, "line\n")
		write(t, errFD, "e")
		c.Sync() // after Sync, everything written so far has been emitted
		if want := strings.Repeat("line\n", i+1); got.get("stdout") != want {
			t.Fatalf("after %d writes stdout = %q", i+1, got.get("stdout"))
		}
		if want := strings.Repeat("e", i+1); got.get("stderr") != want {
			t.Fatalf("after %d writes stderr = %q", i+1, got.get("stderr"))
		}
	}
}

func TestCaptureKeepsSplitRunesAndReplacesInvalidBytes(t *testing.T) {
	out := spareFD(t)
	got := &captured{text: map[string]*strings.Builder{}}
	c, err := captureFDs(got.emit, []stdFD{{out, "stdout"}})
	if err != nil {
		t.Fatal(err)
	}
	euro := "€" // 3 bytes
	write(t, out, "a"+euro[:1])
	c.Sync()
	write(t, out, euro[1:]+"b\xffc")
	c.Sync()
	if got := got.get("stdout"); got != "a€b\uFFFDc" {
		t.Fatalf("stdout = %q", got)
	}
	// an incomplete character at the end is flushed, replaced, on Close
	write(t, out, euro[:2])
	c.Close()
	if got := got.get("stdout"); got != "a€b\uFFFDc\uFFFD" {
		t.Fatalf("stdout after Close = %q", got)
	}
}

func TestCaptureLargeOutputDoesNotBlockTheWriter(t *testing.T) {
	out := spareFD(t)
	got := &captured{text: map[string]*strings.Builder{}}
	c, err := captureFDs(got.emit, []stdFD{{out, "stdout"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	big := strings.Repeat("0123456789", 1<<20) // 10 MB, far more than a pipe holds
	write(t, out, big)
	c.Sync()
	if got.get("stdout") != big {
		t.Fatalf("got %d bytes, want %d", len(got.get("stdout")), len(big))
	}
}

func TestCaptureCloseRestoresTheDescriptor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	fd, err := syscall.Dup(int(w.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	got := &captured{text: map[string]*strings.Builder{}}
	c, err := captureFDs(got.emit, []stdFD{{fd, "stdout"}})
	if err != nil {
		t.Fatal(err)
	}
	write(t, fd, "captured")
	c.Close()
	write(t, fd, "restored")
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	if string(buf[:n]) != "restored" || got.get("stdout") != "captured" {
		t.Fatalf("pipe got %q, capture got %q", buf[:n], got.get("stdout"))
	}
}
