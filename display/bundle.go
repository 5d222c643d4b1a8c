package display

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
)

// MIMEBundle maps MIME types such as "text/html" to their content, as in a
// Jupyter display_data message.
type MIMEBundle map[string]any

// Text returns the bundle's text/plain content, or "".
func (b MIMEBundle) Text() string {
	s, _ := b["text/plain"].(string)
	return s
}

// HTMLer is implemented by values that render themselves as HTML.
type HTMLer interface{ HTML() string }

// Markdowner is implemented by values that render themselves as Markdown.
type Markdowner interface{ Markdown() string }

// MIMEBundler is implemented by values that render themselves as a full MIME
// bundle.
type MIMEBundler interface{ MIMEBundle() map[string]any }

// Bundle converts any value into the MIME bundle that shows it:
//   - a MIMEBundle is used as it is;
//   - a value with MIMEBundle(), HTML() or Markdown() methods is rendered
//     through them, with text/plain from its String method or fmt;
//   - anything else becomes text/plain, as Text formats it.
//
// Every bundle Bundle returns has a text/plain entry.
func Bundle(v any) MIMEBundle {
	switch x := v.(type) {
	case MIMEBundle:
		return withText(x, v)
	case MIMEBundler:
		return withText(MIMEBundle(x.MIMEBundle()), v)
	case HTMLer:
		return withText(MIMEBundle{"text/html": x.HTML()}, v)
	case Markdowner:
		return withText(MIMEBundle{"text/markdown": x.Markdown()}, v)
	}
	return MIMEBundle{"text/plain": Text(v)}
}

func withText(b MIMEBundle, v any) MIMEBundle {
	out := make(MIMEBundle, len(b)+1)
	for k, val := range b {
		out[k] = val
	}
	if _, ok := out["text/plain"]; !ok {
		if _, isBundle := v.(MIMEBundle); isBundle {
			out["text/plain"] = ""
		} else {
			out["text/plain"] = Text(v)
		}
	}
	return out
}

// Text formats v the way the kernel echoes a cell's last value: strings as
// they are, errors by their message, values with a String method through it,
// and everything else with fmt's %v (structs with %+v, so that field names
// show).
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return x
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct {
		return fmt.Sprintf("%+v", v)
	}
	return fmt.Sprintf("%v", v)
}

// HTMLBundle returns a bundle that shows the HTML s.
func HTMLBundle(s string) MIMEBundle { return MIMEBundle{"text/html": s, "text/plain": "<HTML>"} }

// MarkdownBundle returns a bundle that shows the Markdown s.
func MarkdownBundle(s string) MIMEBundle {
	return MIMEBundle{"text/markdown": s, "text/plain": s}
}

// JSONBundle returns a bundle that shows v as an interactive JSON tree.
func JSONBundle(v any) MIMEBundle {
	text, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return MIMEBundle{"text/plain": "display.JSON: " + err.Error()}
	}
	var tree any
	_ = json.Unmarshal(text, &tree)
	return MIMEBundle{"application/json": tree, "text/plain": string(text)}
}

// VegaLiteBundle returns a bundle that shows a Vega-Lite v5 chart. spec is a
// map, a struct, or a JSON string.
func VegaLiteBundle(spec any) MIMEBundle {
	if s, ok := spec.(string); ok {
		var m any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return MIMEBundle{"text/plain": "display.VegaLite: " + err.Error()}
		}
		spec = m
	}
	return MIMEBundle{"application/vnd.vegalite.v5+json": spec, "text/plain": "<VegaLite chart>"}
}

// PNGBundle returns a bundle that shows the PNG image b.
func PNGBundle(b []byte) MIMEBundle {
	return MIMEBundle{"image/png": base64.StdEncoding.EncodeToString(b), "text/plain": "<PNG image>"}
}

// SVGBundle returns a bundle that shows the SVG image s.
func SVGBundle(s string) MIMEBundle {
	return MIMEBundle{"image/svg+xml": s, "text/plain": "<SVG image>"}
}
