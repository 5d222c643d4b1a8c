package interp

import (
	"fmt"
	"os"

	"github.com/eddykernel/eddy/kernel/textpipe"
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
	r, w *os.File
	text *textpipe.Reader
}

func newFileStream(it *Interpreter, name string) (*fileStream, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("interp: the %s pipe: %w", name, err)
	}
	emit := func(text []byte) { it.output(it.cellOrigin(), name, string(text)) }
	return &fileStream{r: r, w: w, text: textpipe.Start(r, 32<<10, emit)}, nil
}

// flush emits everything written to the pipe so far.
func (s *fileStream) flush() { s.text.Flush() }

// close emits what is left and closes both ends.
func (s *fileStream) close() {
	s.w.Close()
	s.text.Wait()
	s.r.Close()
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
