package kernel

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// historySession is the session number this kernel reports in history
// replies: a kernel process keeps the inputs of one session only.
const historySession = 1

// historyEntry is one stored cell.
type historyEntry struct {
	line   int
	input  string
	output string // text/plain of the execute_result, or ""
}

// history holds this session's inputs, in execution order.
type history struct {
	mu      sync.Mutex
	entries []historyEntry
}

func (h *history) add(line int, input, output string) {
	h.mu.Lock()
	h.entries = append(h.entries, historyEntry{line: line, input: input, output: output})
	h.mu.Unlock()
}

// historyRequest is the content of a history_request.
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// query returns the entries the request selects:
//   - tail: the last n;
//   - range: lines start <= line < stop of session 0 (the current one, as
//     IPython numbers them relatively) or historySession; stop 0 means
//     to the end;
//   - search: the inputs matching the glob pattern (*, ?, [...] as in
//     IPython's sqlite GLOB), the last n when n > 0; with unique, each input
//     once, at its latest position.
func (h *history) query(q historyRequest) []historyEntry {
	h.mu.Lock()
	all := append([]historyEntry(nil), h.entries...)
	h.mu.Unlock()
	switch q.HistAccessType {
	case "tail":
		if q.Unique {
			all = uniqueInputs(all)
		}
		return last(all, q.N)
	case "range":
		if q.Session != 0 && q.Session != historySession {
			return nil
		}
		var out []historyEntry
		for _, e := range all {
			if e.line >= q.Start && (q.Stop <= 0 || e.line < q.Stop) {
				out = append(out, e)
			}
		}
		return out
	case "search":
		pattern := q.Pattern
		if pattern == "" {
			pattern = "*"
		}
		re := globRegexp(pattern)
		var out []historyEntry
		for _, e := range all {
			if re.MatchString(e.input) {
				out = append(out, e)
			}
		}
		if q.Unique {
			out = uniqueInputs(out)
		}
		return last(out, q.N)
	}
	return nil
}

func last(es []historyEntry, n int) []historyEntry {
	if n > 0 && len(es) > n {
		return es[len(es)-n:]
	}
	return es
}

// uniqueInputs keeps the latest occurrence of each input, in order.
func uniqueInputs(es []historyEntry) []historyEntry {
	seen := map[string]bool{}
	var out []historyEntry
	for i := len(es) - 1; i >= 0; i-- {
		if !seen[es[i].input] {
			seen[es[i].input] = true
			out = append(out, es[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// globRegexp compiles a sqlite GLOB pattern (case-sensitive, whole string).
func globRegexp(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(glob[i+1:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			if j == 0 { // "[]...]": a literal ] first
				k := strings.IndexByte(glob[i+2:], ']')
				if k < 0 {
					b.WriteString(`\[`)
					continue
				}
				j = k + 1
			}
			class := glob[i+1 : i+1+j]
			neg := strings.HasPrefix(class, "^")
			if neg {
				class = class[1:]
			}
			b.WriteByte('[')
			if neg {
				b.WriteByte('^')
			}
			b.WriteString(strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(class))
			b.WriteByte(']')
			i += j + 1
		default:
			r, size := utf8.DecodeRuneInString(glob[i:])
			b.WriteString(regexp.QuoteMeta(string(r)))
			i += size - 1
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(`\A` + regexp.QuoteMeta(glob) + `\z`)
	}
	return re
}

func (k *Kernel) historyRequest(r *request) {
	var req historyRequest
	if err := r.msg.DecodeContent(&req); err != nil {
		k.replyError(r, errorContent("BadRequest", err.Error(), nil))
		return
	}
	entries := k.history.query(req)
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		if req.Output {
			var out any
			if e.output != "" {
				out = e.output
			}
			items = append(items, []any{historySession, e.line, []any{e.input, out}})
		} else {
			items = append(items, []any{historySession, e.line, e.input})
		}
	}
	k.reply(r, map[string]any{"status": "ok", "history": items})
}
