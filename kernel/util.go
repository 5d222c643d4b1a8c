package kernel

import (
	"encoding/json"
	"unicode/utf8"
)

func jsonRaw(v any) (json.RawMessage, error) {
	if r, ok := v.(json.RawMessage); ok {
		return r, nil
	}
	return json.Marshal(v)
}

// byteOffset converts a cursor position counted in Unicode code points, as
// Jupyter counts them, into a byte offset in code.
func byteOffset(code string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range code {
		if n == runes {
			return i
		}
		n++
	}
	return len(code)
}

// runeOffset converts a byte offset in code into code points.
func runeOffset(code string, bytes int) int {
	if bytes > len(code) {
		bytes = len(code)
	}
	if bytes < 0 {
		return 0
	}
	return utf8.RuneCountInString(code[:bytes])
}
