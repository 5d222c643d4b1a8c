package interp

import (
	"go/ast"
	"sort"
	"strconv"
	"strings"
)

// autoImports returns the import paths of the packages a cell uses without
// importing them: `fmt.Println(x)` in a session that never imported fmt
// imports it. Only names that one standard library or Eddy package has, and
// that neither the cell nor the session declares, are imported.
func (it *Interpreter) autoImports(steps []*step) []string {
	declared := map[string]bool{}
	used := map[string]bool{}
	for _, s := range steps {
		var root ast.Node = s.block
		if s.file != nil {
			root = s.file
		}
		if root == nil {
			continue
		}
		collectNames(root, declared, used)
		if s.last != nil {
			collectNames(s.last, declared, used)
		}
	}
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	var paths []string
	for name := range used {
		if declared[name] || it.names[name] != "" || it.imports[name] != "" {
			continue
		}
		if isPreludeValue(name) {
			continue
		}
		if ps := packages().paths[name]; len(ps) == 1 && !strings.HasPrefix(ps[0], "eddy/") {
			paths = append(paths, ps[0])
		}
	}
	sort.Strings(paths)
	return paths
}

// collectNames records in used the identifiers that appear as the left side
// of a selector (pkg.Name), and in declared every name the code declares or
// imports (roughly: any scope).
func collectNames(root ast.Node, declared, used map[string]bool) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		case *ast.ImportSpec:
			name := ""
			if x.Name != nil {
				name = x.Name.Name
			} else if p, err := strconv.Unquote(x.Path.Value); err == nil {
				name = p[strings.LastIndex(p, "/")+1:]
			}
			declared[name] = true
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					declared[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for _, id := range x.Names {
				declared[id.Name] = true
			}
		case *ast.TypeSpec:
			declared[x.Name.Name] = true
		case *ast.FuncDecl:
			declared[x.Name.Name] = true
		case *ast.Field:
			for _, id := range x.Names {
				declared[id.Name] = true
			}
		case *ast.RangeStmt:
			if id, ok := x.Key.(*ast.Ident); ok {
				declared[id.Name] = true
			}
			if id, ok := x.Value.(*ast.Ident); ok {
				declared[id.Name] = true
			}
		case *ast.LabeledStmt:
			declared[x.Label.Name] = true
		}
		return true
	})
}
