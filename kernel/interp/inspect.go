package interp

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/eddykernel/eddy/display"
	"github.com/eddykernel/eddy/kernel/interp/symbols"
)

// maxValueText bounds the value text Inspect shows.
const maxValueText = 2000

// Inspect describes the name at cursor (a position in code points): the doc
// comment and signature of a package member (Eddy's packages and much of the
// standard library, from symbols.Docs), the definition of a cell's function
// or type, and the type and value of a variable. detailLevel 1 adds the
// full value text where it was shortened.
func (it *Interpreter) Inspect(code string, cursor, detailLevel int) (text string, found bool) {
	off := byteOffset(code, cursor)
	start, end := identStart(code, off), identEnd(code, off)
	if start == end {
		// Inside a call's parentheses ("fmt.Println(|"): inspect the function.
		j := off
		for j > 0 && code[j-1] == ' ' {
			j--
		}
		if j > 0 && code[j-1] == '(' {
			start, end = identStart(code, j-1), j-1
		}
	}
	if start == end {
		return "", false
	}
	name := code[start:end]
	base := ""
	if start > 0 && code[start-1] == '.' {
		if base = selectorBefore(code, start-1); base == "" {
			return "", false
		}
	}
	text = it.describe(base, name, detailLevel)
	return text, text != ""
}

func (it *Interpreter) describe(base, name string, detail int) string {
	if base == "" {
		if it.isSessionName(name) {
			return it.describeValue(name, detail)
		}
		if p, ok := it.importPath(name); ok {
			if doc, ok := symbols.Docs[p]; ok {
				return "package " + name + " // import \"" + p + "\"\n\n" + doc
			}
			return "package " + name + " // import \"" + p + "\""
		}
		return ""
	}
	if !strings.Contains(base, ".") && !it.isSessionName(base) {
		if p, ok := it.importPath(base); ok {
			return symbols.Docs[p+"."+name]
		}
	}
	// A field or method of a value.
	v, ok := it.peek(base)
	if !ok {
		return ""
	}
	t := reflect.TypeOf(v)
	if doc := methodDoc(t, name); doc != "" {
		return doc
	}
	return it.describeValue(base+"."+name, detail)
}

// methodDoc returns the doc of method name of t (or of *t), or its signature
// when the doc table does not have it.
func methodDoc(t reflect.Type, name string) string {
	for _, tt := range []reflect.Type{t, reflect.PointerTo(t)} {
		m, ok := tt.MethodByName(name)
		if !ok {
			continue
		}
		named := tt
		if named.Kind() == reflect.Pointer {
			named = named.Elem()
		}
		if doc, ok := symbols.Docs[named.PkgPath()+"."+named.Name()+"."+name]; ok {
			return doc
		}
		sig := strings.TrimPrefix(m.Type.String(), "func")
		return "func (" + tt.String() + ") " + name + sig
	}
	return ""
}

// describeValue shows the definition of a cell's function or type, or the
// type and value of an expression.
func (it *Interpreter) describeValue(expr string, detail int) string {
	it.namesMu.Lock()
	def := it.decls[expr]
	kind := it.names[expr]
	it.namesMu.Unlock()
	if kind == "func" || kind == "type" {
		return "Definition:\n" + def
	}
	v, ok := it.peek(expr)
	if !ok {
		if def != "" {
			return "Definition:\n" + def
		}
		return ""
	}
	t := reflect.TypeOf(v)
	value := display.Text(v)
	if len(value) > maxValueText && detail == 0 {
		value = value[:maxValueText] + "…"
	}
	var b strings.Builder
	if t.Kind() == reflect.Func {
		fmt.Fprintf(&b, "Type:  %s", t)
	} else {
		fmt.Fprintf(&b, "Type:  %s\nValue: %s", t, value)
	}
	named := t
	if named.Kind() == reflect.Pointer {
		named = named.Elem()
	}
	if named.PkgPath() != "" {
		if doc, ok := symbols.Docs[named.PkgPath()+"."+named.Name()]; ok {
			fmt.Fprintf(&b, "\n\n%s", doc)
		}
	}
	if def != "" {
		fmt.Fprintf(&b, "\n\nDefinition:\n%s", def)
	}
	return b.String()
}
