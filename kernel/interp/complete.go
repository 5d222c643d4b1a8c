package interp

import (
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Complete returns the completions for the identifier that ends at cursor
// (a position in Unicode code points, as Jupyter counts): package members
// after "pkg.", the fields and methods of the value after "x." or "x.y."
// (found by evaluating the plain selector, never a call), and otherwise the
// names in scope. start and end delimit, in code points, the text the
// matches replace.
func (it *Interpreter) Complete(code string, cursor int) (matches []string, start, end int) {
	off := byteOffset(code, cursor)
	wordStart := identStart(code, off)
	prefix := code[wordStart:off]
	start = utf8.RuneCountInString(code[:wordStart])
	end = utf8.RuneCountInString(code[:off])

	var candidates []string
	if wordStart > 0 && code[wordStart-1] == '.' {
		base := selectorBefore(code, wordStart-1)
		if base == "" {
			return nil, start, end
		}
		candidates = it.membersOf(base)
	} else {
		candidates = it.sessionNames()
	}
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return matches, start, end
}

// membersOf returns what can follow "base.": the members of the package
// base names, or the fields and methods of the value of base.
func (it *Interpreter) membersOf(base string) []string {
	if !strings.Contains(base, ".") && !it.isSessionName(base) {
		if p, ok := it.importPath(base); ok {
			return packages().members[p]
		}
	}
	if !it.execMu.TryLock() {
		return nil // a running cell owns the interpreter
	}
	defer it.execMu.Unlock()
	v, err := it.evalExpression(base)
	if err != nil || v == nil {
		return nil
	}
	return append(valueMembers(v), it.interpretedMethods(base)...)
}

// interpretedMethods returns the methods that cells declared and that base
// has: reflection does not see them, so each candidate selector is compiled
// (never run).
func (it *Interpreter) interpretedMethods(base string) []string {
	it.namesMu.Lock()
	candidates := make([]string, 0, len(it.methods))
	for m := range it.methods {
		candidates = append(candidates, m)
	}
	it.namesMu.Unlock()
	var found []string
	for _, m := range candidates {
		s, err := parseRun(it.yi.FileSet(), run{kind: stmtRun, text: base + "." + m, line: 1, col: 1})
		if err != nil {
			continue
		}
		if _, err := it.yi.CompileAST(s.block); err == nil {
			found = append(found, m)
		}
	}
	return found
}

// isSessionName reports whether a cell declared name (which then shadows a
// package of the same name).
func (it *Interpreter) isSessionName(name string) bool {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	_, ok := it.names[name]
	if isPreludeValue(name) {
		ok = true
	}
	return ok
}

// peek evaluates a plain selector expression (identifiers and dots only) if
// no cell is running; a running cell owns the interpreter.
func (it *Interpreter) peek(expr string) (any, bool) {
	if expr == "" || !it.execMu.TryLock() {
		return nil, false
	}
	defer it.execMu.Unlock()
	v, err := it.evalExpression(expr)
	if err != nil || v == nil {
		return nil, false
	}
	return v, true
}

// valueMembers lists the exported fields and methods of v's type, and the
// methods of its pointer type.
func valueMembers(v any) []string {
	t := reflect.TypeOf(v)
	var names []string
	addMethods := func(t reflect.Type) {
		for i := 0; i < t.NumMethod(); i++ {
			names = append(names, t.Method(i).Name)
		}
	}
	addMethods(t)
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		addMethods(reflect.PointerTo(t))
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(st) {
			if f.IsExported() {
				names = append(names, f.Name)
			}
		}
	}
	return dedupe(names)
}

// byteOffset converts a position in code points to a byte offset in code.
func byteOffset(code string, cursor int) int {
	if cursor <= 0 {
		return 0
	}
	n := 0
	for i := range code {
		if n == cursor {
			return i
		}
		n++
	}
	return len(code)
}

func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// identStart returns the byte offset where the identifier ending at off
// starts.
func identStart(code string, off int) int {
	for off > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:off])
		if !isIdentRune(r) {
			break
		}
		off -= size
	}
	return off
}

// identEnd returns the byte offset where the identifier containing off ends.
func identEnd(code string, off int) int {
	for off < len(code) {
		r, size := utf8.DecodeRuneInString(code[off:])
		if !isIdentRune(r) {
			break
		}
		off += size
	}
	return off
}

// selectorBefore returns the chain of identifiers and dots that ends just
// before the dot at byte offset dot ("a.b" in "a.b.c"), or "" when the text
// before the dot is not a plain selector (a call, an index, a literal).
func selectorBefore(code string, dot int) string {
	end := dot
	start := dot
	for {
		s := identStart(code, start)
		if s == start {
			return ""
		}
		start = s
		if start > 0 && code[start-1] == '.' {
			start--
			continue
		}
		break
	}
	sel := code[start:end]
	if r, _ := utf8.DecodeRuneInString(sel); unicode.IsDigit(r) {
		return ""
	}
	return sel
}
