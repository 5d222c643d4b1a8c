package interp

import (
	"go/ast"
	"go/format"
	"strings"
)

// prepareDecls drops the types f re-declares: yaegi would silently keep the
// old definition. Functions, variables and constants are replaced by yaegi
// itself. It also keeps the source of each declaration, before rewriting,
// for Inspect.
func (it *Interpreter) prepareDecls(f *ast.File) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				it.decls[x.Name.Name] = it.source(x)
				it.shadowImportLocked(x.Name.Name)
			} else {
				it.methods[x.Name.Name] = true
				if richMethods[x.Name.Name] {
					it.hasRichMethods.Store(true)
				}
			}
		case *ast.GenDecl:
			for _, sp := range x.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					if _, seen := it.names[s.Name.Name]; seen || preludeTypes[s.Name.Name].IsValid() {
						it.in.forget(s.Name.Name, false)
					}
					it.shadowImportLocked(s.Name.Name)
					it.decls[s.Name.Name] = "type " + it.source(s)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						it.decls[n.Name] = x.Tok.String() + " " + it.source(s)
					}
				}
			}
		}
	}
}

// shadowImportLocked drops the package imported as name (T, F, or a cell's
// import) when a cell declares a type of that name: yaegi would fail with
// "redeclared in this block", where a notebook user expects the newer
// definition to win. Values and functions shadow packages in yaegi already.
func (it *Interpreter) shadowImportLocked(name string) {
	if _, ok := it.imports[name]; !ok || name == runtimeAlias {
		return
	}
	it.in.forget(name, true)
	delete(it.imports, name)
}

// source prints a declaration as Go source.
func (it *Interpreter) source(n ast.Node) string {
	var b strings.Builder
	if err := format.Node(&b, it.yi.FileSet(), n); err != nil {
		return ""
	}
	return b.String()
}

// recordDecls remembers the names f declares, for completion.
func (it *Interpreter) recordDecls(f *ast.File) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	it.recordDeclsLocked(f)
}

func (it *Interpreter) recordDeclsLocked(f *ast.File) {
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				it.names[x.Name.Name] = "func"
			}
		case *ast.GenDecl:
			for _, sp := range x.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					it.names[s.Name.Name] = "type"
				case *ast.ValueSpec:
					for _, n := range s.Names {
						it.names[n.Name] = x.Tok.String()
					}
				}
			}
		}
	}
}

// recordDefines remembers the names a statement run defines at the top
// level (x := ..., var x ...), for completion.
func (it *Interpreter) recordDefines(b *ast.BlockStmt) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	for _, s := range b.List {
		switch x := s.(type) {
		case *ast.AssignStmt:
			if x.Tok.String() == ":=" {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						it.names[id.Name] = "var"
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := x.Decl.(*ast.GenDecl); ok {
				it.recordDeclsLocked(&ast.File{Decls: []ast.Decl{gd}})
			}
		}
	}
}

// declaresMain reports whether f declares func main.
func declaresMain(f *ast.File) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return true
		}
	}
	return false
}
