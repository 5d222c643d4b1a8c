package kernel

import (
	"strings"
	"unicode/utf8"
)

// helpTarget reports whether a cell is a help request in IPython's spelling,
// `?name` or `name?` (`??` asks for more detail), and returns the name and
// the detail level. Such a cell is answered with the name's documentation in
// a "page" payload, which JupyterLab shows in its pager.
func helpTarget(code string) (name string, detail int, ok bool) {
	code = strings.TrimSpace(code)
	if code == "" || strings.ContainsAny(code, "\n;") {
		return "", 0, false
	}
	switch {
	case strings.HasPrefix(code, "??"):
		name, detail = code[2:], 1
	case strings.HasPrefix(code, "?"):
		name = code[1:]
	case strings.HasSuffix(code, "??"):
		name, detail = code[:len(code)-2], 1
	case strings.HasSuffix(code, "?"):
		name = code[:len(code)-1]
	default:
		return "", 0, false
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, "?(){}[] \t\"'`") {
		return "", 0, false
	}
	return name, detail, true
}

// pagePayload is the execute_reply payload that opens text in the pager.
func pagePayload(text string) []any {
	return []any{map[string]any{
		"source": "page",
		"data":   map[string]any{"text/plain": text},
		"start":  0,
	}}
}

// help answers a help request with the documentation Inspect finds for
// name, or a one-line "no documentation" message.
func (k *Kernel) help(name string, detail int) string {
	in, err := k.engine()
	if err != nil {
		return err.Error()
	}
	if text, found := in.Inspect(name, utf8.RuneCountInString(name), detail); found {
		return text
	}
	return "No documentation found for " + name + "."
}
