package interp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cellSeparator separates the cells of a session file.
const cellSeparator = "// ---- cell\n"

// TestSessions runs each testdata/sessions/*.go.txt file as a notebook
// session, one cell after the other in one interpreter, and compares what
// every cell printed, displayed and returned with the .golden file next to
// it.
func TestSessions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "sessions", "*.go.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sessions: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".go.txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			it, rec := newTestInterpreter(t)
			var out strings.Builder
			for i, cell := range strings.Split(string(src), cellSeparator) {
				if strings.TrimSpace(cell) == "" {
					continue
				}
				origin := fmt.Sprintf("cell%d", i)
				res := it.Execute(context.Background(), origin, cell)
				fmt.Fprintf(&out, "==== %s\n", origin)
				for _, l := range strings.Split(strings.TrimRight(cell, "\n"), "\n") {
					fmt.Fprintf(&out, "> %s\n", l)
				}
				for _, e := range rec.take() {
					fmt.Fprintf(&out, "%s\n", e)
				}
				out.WriteString(describeResult(res))
			}
			golden(t, filepath.Join("sessions", name+".golden"), out.String())
		})
	}
}
