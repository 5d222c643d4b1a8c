package kernel

import (
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/eddykernel/eddy/kernel/interp"
	"github.com/eddykernel/eddy/kernel/wire"
)

// GoVersion is the Go version the binary was built with, without the "go"
// prefix.
var GoVersion = strings.TrimPrefix(runtime.Version(), "go")

func (k *Kernel) kernelInfo(r *request) {
	k.reply(r, map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "eddy",
		"implementation_version": Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            GoVersion,
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"banner": "Eddy " + Version + ": Go " + GoVersion + " cells run by yaegi, with Spark-style streaming DataFrames.\n" +
			"Bound in every cell: display, spark, F, T, streaming.",
		"help_links": []map[string]string{
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "Structured Streaming guide", "url": "https://spark.apache.org/docs/3.5.0/structured-streaming-programming-guide.html"},
		},
		"debugger": false,
	})
}

func (k *Kernel) isComplete(r *request) {
	var req struct {
		Code string `json:"code"`
	}
	if err := r.msg.DecodeContent(&req); err != nil {
		k.replyError(r, errorContent("BadRequest", err.Error(), nil))
		return
	}
	status, indent := interp.IsComplete(req.Code)
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	k.reply(r, content)
}

type cursorRequest struct {
	Code        string `json:"code"`
	CursorPos   *int   `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

// cursor returns the request's cursor in code points, as Jupyter and interp
// count it; a missing cursor means the end of the code.
func (c *cursorRequest) cursor() int {
	if c.CursorPos == nil {
		return utf8.RuneCountInString(c.Code)
	}
	return *c.CursorPos
}

func (k *Kernel) complete(r *request) {
	var req cursorRequest
	if err := r.msg.DecodeContent(&req); err != nil {
		k.replyError(r, errorContent("BadRequest", err.Error(), nil))
		return
	}
	in, err := k.engine()
	if err != nil {
		k.replyError(r, errorContent("InterpreterError", err.Error(), nil))
		return
	}
	cur := req.cursor()
	matches, start, end := in.Complete(req.Code, cur)
	if matches == nil {
		matches = []string{}
		start, end = cur, cur
	}
	k.reply(r, map[string]any{
		"status":       "ok",
		"matches":      matches,
		"cursor_start": start,
		"cursor_end":   end,
		"metadata":     map[string]any{},
	})
}

func (k *Kernel) inspect(r *request) {
	var req cursorRequest
	if err := r.msg.DecodeContent(&req); err != nil {
		k.replyError(r, errorContent("BadRequest", err.Error(), nil))
		return
	}
	in, err := k.engine()
	if err != nil {
		k.replyError(r, errorContent("InterpreterError", err.Error(), nil))
		return
	}
	text, found := in.Inspect(req.Code, req.cursor(), req.DetailLevel)
	data := map[string]any{}
	if found {
		data["text/plain"] = text
	}
	k.reply(r, map[string]any{"status": "ok", "found": found, "data": data, "metadata": map[string]any{}})
}

func (k *Kernel) interruptRequest(r *request) {
	k.interrupt()
	k.reply(r, map[string]any{"status": "ok"})
}

func (k *Kernel) shutdownRequest(r *request) {
	var req struct {
		Restart bool `json:"restart"`
	}
	_ = r.msg.DecodeContent(&req)
	k.reply(r, map[string]any{"status": "ok", "restart": req.Restart})
	k.publish("shutdown_reply", &r.msg.Header, map[string]any{"status": "ok", "restart": req.Restart})
	k.restart = req.Restart
	k.interrupt()
	k.shuttingDown.Store(true)
}
