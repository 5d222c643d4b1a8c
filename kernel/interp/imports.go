package interp

import (
	"go/ast"
	"path"
	"strconv"
	"strings"
)

// evalImports imports the packages of f that this session has not imported
// yet under the same name. A name imported before under another path is
// dropped first, so that the new import replaces it.
func (it *Interpreter) evalImports(f *ast.File) *Error {
	type imp struct{ name, path string }
	var todo []imp
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		var keep []ast.Spec
		for _, sp := range gd.Specs {
			is := sp.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			name := it.packageName(p)
			if is.Name != nil {
				name = is.Name.Name
			}
			if name == "_" || name == "." {
				keep = append(keep, sp)
				continue
			}
			it.namesMu.Lock()
			prev, seen := it.imports[name]
			it.namesMu.Unlock()
			if seen && prev == p {
				continue
			}
			if seen {
				it.in.forget(name, true)
			}
			keep = append(keep, sp)
			todo = append(todo, imp{name, p})
		}
		gd.Specs = keep
	}
	if len(todo) == 0 {
		return nil
	}
	if err := it.run(f); err != nil {
		return err
	}
	it.namesMu.Lock()
	for _, i := range todo {
		it.imports[i.name] = i.path
	}
	it.namesMu.Unlock()
	return nil
}

// importDecl returns an import declaration of paths.
func importDecl(paths []string) string {
	var b strings.Builder
	b.WriteString("import (")
	for _, p := range paths {
		b.WriteString(strconv.Quote(p) + ";")
	}
	b.WriteString(")")
	return b.String()
}

// packageName returns the name a package is imported under by default.
func (it *Interpreter) packageName(importPath string) string {
	if name, ok := packages().names[importPath]; ok {
		return name
	}
	return path.Base(importPath)
}
