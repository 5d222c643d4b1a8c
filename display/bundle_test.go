package display

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

type htmlValue struct{}

func (htmlValue) HTML() string   { return "<b>x</b>" }
func (htmlValue) String() string { return "x" }

type markdownValue struct{}

func (markdownValue) Markdown() string { return "# x" }

type bundleValue struct{}

func (bundleValue) MIMEBundle() map[string]any {
	return map[string]any{"text/html": "<i>y</i>", "text/plain": "y"}
}

type point struct{ X, Y int }

func TestBundle(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want MIMEBundle
	}{
		{"int", 2, MIMEBundle{"text/plain": "2"}},
		{"string", "hi", MIMEBundle{"text/plain": "hi"}},
		{"nil", nil, MIMEBundle{"text/plain": "<nil>"}},
		{"error", errors.New("boom"), MIMEBundle{"text/plain": "boom"}},
		{"struct", point{1, 2}, MIMEBundle{"text/plain": "{X:1 Y:2}"}},
		{"struct pointer", &point{1, 2}, MIMEBundle{"text/plain": "&{X:1 Y:2}"}},
		{"slice", []int{1, 2}, MIMEBundle{"text/plain": "[1 2]"}},
		{"html", htmlValue{}, MIMEBundle{"text/html": "<b>x</b>", "text/plain": "x"}},
		{"markdown", markdownValue{}, MIMEBundle{"text/markdown": "# x", "text/plain": "{}"}},
		{"bundler", bundleValue{}, MIMEBundle{"text/html": "<i>y</i>", "text/plain": "y"}},
		{"bundle", MIMEBundle{"text/html": "<p>"}, MIMEBundle{"text/html": "<p>", "text/plain": ""}},
		{"html bundle", HTMLBundle("<p>"), MIMEBundle{"text/html": "<p>", "text/plain": "<HTML>"}},
		{"svg", SVGBundle("<svg/>"), MIMEBundle{"image/svg+xml": "<svg/>", "text/plain": "<SVG image>"}},
		{"png", PNGBundle([]byte{1, 2, 3}), MIMEBundle{"image/png": "AQID", "text/plain": "<PNG image>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bundle(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Bundle(%#v) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestJSONAndVegaLiteBundles(t *testing.T) {
	b := JSONBundle(map[string]int{"a": 1})
	if !reflect.DeepEqual(b["application/json"], map[string]any{"a": float64(1)}) {
		t.Errorf("application/json = %#v", b["application/json"])
	}
	if b.Text() != "{\n  \"a\": 1\n}" {
		t.Errorf("text/plain = %q", b.Text())
	}
	if bad := JSONBundle(func() {}); bad["application/json"] != nil || bad.Text() == "" {
		t.Errorf("unmarshalable value: %#v", bad)
	}
	spec := `{"mark":"bar"}`
	v := VegaLiteBundle(spec)["application/vnd.vegalite.v5+json"]
	if got, _ := json.Marshal(v); string(got) != spec {
		t.Errorf("vega-lite spec = %s", got)
	}
	if VegaLiteBundle("{bad")["application/vnd.vegalite.v5+json"] != nil {
		t.Error("invalid vega-lite JSON must not produce a chart")
	}
}

// recorder is a Publisher that remembers every call.
type recorder struct{ calls []string }

func (r *recorder) Display(d MIMEBundle, _ Metadata, id string) {
	r.calls = append(r.calls, "display "+id+" "+d.Text())
}
func (r *recorder) Update(d MIMEBundle, _ Metadata, id string) {
	r.calls = append(r.calls, "update "+id+" "+d.Text())
}
func (r *recorder) Clear(wait bool) {
	if wait {
		r.calls = append(r.calls, "clear wait")
		return
	}
	r.calls = append(r.calls, "clear")
}

func TestFuncAndHandleRouteToCurrentPublisher(t *testing.T) {
	rec := &recorder{}
	SetResolver(func() Publisher { return rec })
	defer SetResolver(nil)

	Display(42)
	Display.Markdown("m")
	h := Display.New("first")
	other := &recorder{}
	SetResolver(func() Publisher { return other })
	h.Update("second") // still goes to the publisher the handle was created with
	Display.Clear(true)

	id := h.ID()
	want := []string{"display  42", "display  m", "display " + id + " first", "update " + id + " second"}
	if !reflect.DeepEqual(rec.calls, want) {
		t.Errorf("first publisher got %q, want %q", rec.calls, want)
	}
	if !reflect.DeepEqual(other.calls, []string{"clear wait"}) {
		t.Errorf("second publisher got %q", other.calls)
	}
}

func TestStdoutPublisher(t *testing.T) {
	var buf bytes.Buffer
	s := &Stdout{W: &buf}
	s.Display(Bundle("a"), nil, "")
	s.Update(Bundle("b\n"), nil, "id")
	s.Display(MIMEBundle{"text/html": "<p>"}, nil, "") // no text: prints nothing
	s.Clear(false)
	if buf.String() != "a\nb\n" {
		t.Errorf("stdout publisher wrote %q", buf.String())
	}
}

func TestCurrentDefaultsToStdout(t *testing.T) {
	SetResolver(func() Publisher { return nil })
	defer SetResolver(nil)
	if _, ok := Current().(*Stdout); !ok {
		t.Errorf("Current() = %T, want *Stdout when the resolver has no publisher", Current())
	}
}

func TestNewIDIsUnique(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		id := NewID()
		if seen[id] {
			t.Fatalf("duplicate id %s", id)
		}
		seen[id] = true
	}
}
