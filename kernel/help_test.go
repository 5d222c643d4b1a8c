package kernel

import (
	"strings"
	"testing"
)

func TestHelpTarget(t *testing.T) {
	tests := []struct {
		code   string
		name   string
		detail int
		ok     bool
	}{
		{"?fmt.Println", "fmt.Println", 0, true},
		{"fmt.Println?", "fmt.Println", 0, true},
		{"??display.HTML", "display.HTML", 1, true},
		{"display.HTML??", "display.HTML", 1, true},
		{"  x?  ", "x", 0, true},
		{"1+1", "", 0, false},
		{"?", "", 0, false},
		{"f(x)?", "", 0, false},
		{"a?\nb", "", 0, false},
		{`s := "why?"`, "", 0, false},
	}
	for _, tt := range tests {
		name, detail, ok := helpTarget(tt.code)
		if name != tt.name || detail != tt.detail || ok != tt.ok {
			t.Errorf("helpTarget(%q) = %q, %d, %v; want %q, %d, %v", tt.code, name, detail, ok, tt.name, tt.detail, tt.ok)
		}
	}
}

func TestHelpRequestOpensThePager(t *testing.T) {
	_, c := startKernel(t)
	c.execute(`import "strings"`, nil)
	for _, tt := range []struct{ code, want string }{
		{"strings.ToUpper?", "ToUpper returns s with all Unicode letters mapped to their upper case"},
		{"?display.HTML", "HTML shows the HTML s."},
		{"nosuchname?", "No documentation found for nosuchname."},
	} {
		reply, iopub := c.execute(tt.code, nil)
		if reply["status"] != "ok" {
			t.Fatalf("%s: reply %v", tt.code, reply)
		}
		payload, _ := reply["payload"].([]any)
		if len(payload) != 1 {
			t.Fatalf("%s: payload %v", tt.code, reply["payload"])
		}
		page := payload[0].(map[string]any)
		text, _ := page["data"].(map[string]any)["text/plain"].(string)
		if page["source"] != "page" || !strings.Contains(text, tt.want) {
			t.Errorf("%s: page %v, want text containing %q", tt.code, page, tt.want)
		}
		if seq := describe(iopub); seq != "status:busy execute_input status:idle" {
			t.Errorf("%s: iopub = %s", tt.code, seq)
		}
	}
}
