package interp

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eddykernel/eddy/display"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// recorder collects everything an Interpreter and the display package emit,
// tagged with the origin they were sent to.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func newRecorder() *recorder { return &recorder{} }

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

// take returns the events so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.events
	r.events = nil
	return e
}

// waitFor polls until an event contains s and returns the events so far; it
// fails the test after 5 s.
func (r *recorder) waitFor(t *testing.T, s string) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r.mu.Lock()
		events := append([]string(nil), r.events...)
		r.mu.Unlock()
		for _, e := range events {
			if strings.Contains(e, s) {
				return events
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no event contains %q; events: %q", s, events)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// publisher is a display.Publisher that records into a recorder, under the
// origin of the calling code.
type publisher struct {
	r      *recorder
	origin Origin
}

func (p publisher) Display(data display.MIMEBundle, _ display.Metadata, id string) {
	p.r.add("[%v] display%s %s", p.origin, idTag(id), bundleText(data))
}

func (p publisher) Update(data display.MIMEBundle, _ display.Metadata, id string) {
	p.r.add("[%v] update%s %s", p.origin, idTag(id), bundleText(data))
}

func (p publisher) Clear(wait bool) { p.r.add("[%v] clear wait=%v", p.origin, wait) }

func idTag(id string) string {
	if id == "" {
		return ""
	}
	return "(id)"
}

// bundleText renders a bundle deterministically: MIME types sorted, each
// with its content.
func bundleText(b display.MIMEBundle) string {
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%q", k, fmt.Sprint(b[k])))
	}
	return strings.Join(parts, " ")
}

// newTestInterpreter returns an Interpreter whose output, goroutine panics
// and display calls go to a recorder.
func newTestInterpreter(t testing.TB) (*Interpreter, *recorder) {
	t.Helper()
	r := newRecorder()
	var it *Interpreter
	var err error
	it, err = New(Options{
		Output: func(o Origin, stream, text string) { r.add("[%v] %s %q", o, stream, text) },
		GoroutinePanic: func(o Origin, e *Error) {
			r.add("[%v] goroutine %s: %s\n%s", o, e.Name, e.Value, strings.Join(e.Traceback, "\n"))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	display.SetResolver(func() display.Publisher { return publisher{r: r, origin: it.CurrentOrigin()} })
	t.Cleanup(func() { display.SetResolver(nil) })
	return it, r
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// describeResult renders a Result for golden files.
func describeResult(r Result) string {
	var b strings.Builder
	if r.Err != nil {
		fmt.Fprintf(&b, "error %s: %s\n", r.Err.Name, r.Err.Value)
		for _, l := range r.Err.Traceback {
			fmt.Fprintf(&b, "  | %s\n", l)
		}
		return b.String()
	}
	if !r.HasValue {
		return "no value\n"
	}
	fmt.Fprintf(&b, "value %T: %s\n", r.Value, bundleText(display.Bundle(r.Value)))
	return b.String()
}

// cellCase is a sequence of cells run in order in one interpreter, and the
// value the last one must show (fmt.Sprint of it).
type cellCase struct {
	name  string
	cells []string
	want  string
}

// runCellCases runs each case in a fresh interpreter as a subtest.
func runCellCases(t *testing.T, cases []cellCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it, _ := newTestInterpreter(t)
			var r Result
			for _, cell := range c.cells {
				if r = it.Execute(context.Background(), "c", cell); r.Err != nil {
					t.Fatalf("%s: %v", cell, r.Err)
				}
			}
			if got := fmt.Sprint(r.Value); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
