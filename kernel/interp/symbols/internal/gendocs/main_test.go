package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddPackage(t *testing.T) {
	entries := map[string]string{}
	if err := addPackage(entries, "example.com/sample", []string{filepath.Join("testdata", "sample.go.txt")}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"example.com/sample":             "Package sample is a fixture for gendocs.",
		"example.com/sample.Answer":      "const Answer = 42\n\nAnswer is the answer.",
		"example.com/sample.Thing":       "type Thing struct {\n\tName string\n}\n\nThing does things.",
		"example.com/sample.New":         "func New(name string) *Thing\n\nNew returns a Thing.",
		"example.com/sample.Thing.Hello": "func (t *Thing) Hello() string\n\nHello greets.",
	} {
		if got := entries[key]; got != want {
			t.Errorf("entries[%q] = %q, want %q", key, got, want)
		}
	}
	if _, ok := entries["example.com/sample.unexported"]; ok {
		t.Error("an unexported function was documented")
	}
}

func TestWrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "docs.go")
	if err := write(out, map[string]string{"a.B": "func B()"}); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `"a.B": "func B()",`) || !strings.HasPrefix(string(src), "// Code generated") {
		t.Errorf("unexpected output:\n%s", src)
	}
}
