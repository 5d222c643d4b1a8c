package interp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/generic"

	"github.com/eddykernel/eddy/kernel/interp/symbols"
)

// keywords and predeclared names, offered by completion everywhere.
var universe = func() []string {
	names := []string{
		"bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
		"int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64",
		"uintptr", "any", "comparable", "true", "false", "iota", "nil",
	}
	for b := range builtins {
		names = append(names, b)
	}
	for t := token.BREAK; t <= token.VAR; t++ {
		if t.IsKeyword() {
			names = append(names, t.String())
		}
	}
	return names
}()

// packageIndex knows every package a cell can import: its members, by
// import path, and the import paths of each package name.
type packageIndex struct {
	members map[string][]string // import path → exported names, sorted
	paths   map[string][]string // package name → import paths, shortest first
	names   map[string]string   // import path → package name
}

var (
	indexOnce sync.Once
	index     packageIndex
)

// packages returns the index of importable packages, built on first use.
func packages() *packageIndex {
	indexOnce.Do(func() {
		index.members = map[string][]string{}
		index.paths = map[string][]string{}
		index.names = map[string]string{}
		add := func(key string, names []string) {
			p, name := path.Dir(key), path.Base(key)
			index.names[p] = name
			index.members[p] = append(index.members[p], names...)
			if len(index.paths[name]) == 0 || !contains(index.paths[name], p) {
				index.paths[name] = append(index.paths[name], p)
			}
		}
		for key, syms := range stdlib.Symbols {
			add(key, exported(syms))
		}
		for key, syms := range symbols.Symbols {
			add(key, exported(syms))
		}
		for _, src := range append(generic.Sources[:], symbols.GenericSources...) {
			if p, names := sourceMembers(src); p != "" {
				add(p+"/"+path.Base(p), names)
			}
		}
		for p, names := range index.members {
			index.members[p] = dedupe(names)
		}
		for name, ps := range index.paths {
			sort.Slice(ps, func(i, j int) bool {
				if len(ps[i]) != len(ps[j]) {
					return len(ps[i]) < len(ps[j])
				}
				return ps[i] < ps[j]
			})
			index.paths[name] = ps
		}
	})
	return &index
}

func exported[V any](syms map[string]V) []string {
	var names []string
	for n := range syms {
		if ast.IsExported(n) {
			names = append(names, n)
		}
	}
	return names
}

// sourceMembers returns the package name and exported top-level names of a
// Go source file.
func sourceMembers(src string) (string, []string) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return "", nil
	}
	var names []string
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil && x.Name.IsExported() {
				names = append(names, x.Name.Name)
			}
		case *ast.GenDecl:
			for _, sp := range x.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						names = append(names, s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
	}
	return f.Name.Name, names
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func dedupe(names []string) []string {
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// importPath returns the import path a name refers to in cells: a package
// imported in this session, or else the standard library or Eddy package of
// that name.
func (it *Interpreter) importPath(name string) (string, bool) {
	it.namesMu.Lock()
	p, ok := it.imports[name]
	it.namesMu.Unlock()
	if ok {
		return p, p != runtimePath
	}
	if ps := packages().paths[name]; len(ps) > 0 {
		return ps[0], true
	}
	return "", false
}

// sessionNames returns the names cells can use without a package prefix:
// the cells' own top-level names, the prelude, imported packages and the
// universe.
func (it *Interpreter) sessionNames() []string {
	var names []string
	it.namesMu.Lock()
	for n := range it.names {
		names = append(names, n)
	}
	for n := range it.imports {
		if !strings.HasPrefix(n, "_") {
			names = append(names, n)
		}
	}
	it.namesMu.Unlock()
	for n := range it.sessionValues() {
		names = append(names, n)
	}
	for n := range preludeTypes {
		names = append(names, n)
	}
	names = append(names, universe...)
	return dedupe(names)
}
