package textpipe

import (
	"os"
	"strings"
	"sync"
	"testing"
)

func TestReaderEmitsValidUTF8(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain", []string{"hello\n", "world\n"}, "hello\nworld\n"},
		{"character split across writes", []string{"caf\xc3", "\xa9!"}, "café!"},
		{"invalid bytes", []string{"a\xffb"}, "a\uFFFDb"},
		{"incomplete character at the end", []string{"x\xe2\x82"}, "x\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var got strings.Builder
			p := Start(r, 4, func(b []byte) { mu.Lock(); got.Write(b); mu.Unlock() })
			for _, s := range tt.writes {
				if _, err := w.WriteString(s); err != nil {
					t.Fatal(err)
				}
				p.Flush()
			}
			w.Close()
			p.Wait()
			r.Close()
			if got.String() != tt.want {
				t.Errorf("got %q, want %q", got.String(), tt.want)
			}
		})
	}
}
