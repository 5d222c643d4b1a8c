package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"regexp"
	"strconv"

	yaegi "github.com/traefik/yaegi/interp"
)

// yaegi v0.16.1 cannot infer the type of a top-level definition whose value
// indexes a compiled slice, array, map or string: `p := parts[0]` after
// `parts := strings.Split(s, ",")`, or `r := df.Collect()[0]`, fails with
// "constant definition loop" (traefik/yaegi#1437), and `n :=
// sch.Fields[0].Name` panics, because the global type pass knows no element
// type of a compiled container. Given an explicit
// type, yaegi compiles the same definition. typedDefines works out that
// type from the compiled types of the values involved and rewrites the
// definition as `var p T = parts[0]`, where T is the type registered under
// the cell runtime (_eddy.T3). The value is still computed once, in order.

// definitionLoop matches the error of yaegi's global type pass, with the
// cell position of the definition it could not type.
var definitionLoop = regexp.MustCompile(`^(\d+):(\d+): constant definition loop$`)

// maxTypedDefines bounds how many definitions of one run are retyped, one
// compile attempt each.
const maxTypedDefines = 16

// compileBlock compiles a statement run. Top-level definitions that index
// a compiled container are given their type first; yaegi either fails on
// them with "constant definition loop" or panics when a selector or call
// follows the index (rows[0].AsDict()). Any other definition that yaegi's
// global type pass reports is retyped too, one compile attempt each.
func (it *Interpreter) compileBlock(b *ast.BlockStmt) (*yaegi.Program, error) {
	wrapCompound(b)
	it.retypeDefinitions(b, func(_ string, values []ast.Expr, scope map[string]reflect.Type) bool {
		return it.indexesCompiled(values, scope)
	})
	prog, err := it.yi.CompileAST(b)
	for i := 0; err != nil && i < maxTypedDefines; i++ {
		m := definitionLoop.FindStringSubmatch(err.Error())
		if m == nil {
			break
		}
		at := m[1] + ":" + m[2]
		if it.retypeDefinitions(b, func(pos string, _ []ast.Expr, _ map[string]reflect.Type) bool { return pos == at }) == 0 {
			break
		}
		prog, err = it.yi.CompileAST(b)
	}
	return prog, err
}

// retypeDefinitions rewrites the top-level definitions of b that want
// selects (by cell position "line:col" and values) as `var name T = value`,
// when their types can be worked out. It returns how many it rewrote.
func (it *Interpreter) retypeDefinitions(b *ast.BlockStmt, want func(pos string, values []ast.Expr, scope map[string]reflect.Type) bool) int {
	fset := it.yi.FileSet()
	at := func(p token.Pos) string {
		q := fset.Position(p)
		return strconv.Itoa(q.Line) + ":" + strconv.Itoa(q.Column)
	}
	scope := map[string]reflect.Type{}
	rewritten := 0
	for i := 0; i < len(b.List); i++ {
		s := b.List[i]
		lhs, rhs, pos := definition(s)
		if lhs != nil && want(at(pos), rhs, scope) {
			if decls, ok := it.typedVars(lhs, rhs, scope); ok {
				b.List = append(b.List[:i], append(decls, b.List[i+1:]...)...)
				i += len(decls) - 1
				rewritten++
				continue
			}
		}
		it.noteDefinitions(s, scope)
	}
	return rewritten
}

// definition returns the names and values of a top-level definition
// without an explicit type (x := v, var x = v) and the position yaegi
// reports for it; nil names for any other statement.
func definition(s ast.Stmt) (names, values []ast.Expr, pos token.Pos) {
	switch x := s.(type) {
	case *ast.AssignStmt:
		if x.Tok == token.DEFINE {
			return x.Lhs, x.Rhs, x.Pos()
		}
	case *ast.DeclStmt:
		gd, ok := x.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return nil, nil, token.NoPos
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		if vs.Type != nil || len(vs.Names) == 0 {
			return nil, nil, token.NoPos
		}
		for _, n := range vs.Names {
			names = append(names, n)
		}
		return names, vs.Values, vs.Names[0].Pos()
	}
	return nil, nil, token.NoPos
}

// indexesCompiled reports whether values index a container of a compiled
// type outside function literals.
func (it *Interpreter) indexesCompiled(values []ast.Expr, scope map[string]reflect.Type) bool {
	found := false
	for _, v := range values {
		ast.Inspect(v, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IndexExpr:
				if !found && element(it.staticType(x.X, scope)) != nil {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// typedVars returns `var name T = value` for each name := value pair, or
// false when a type cannot be worked out.
func (it *Interpreter) typedVars(lhs, rhs []ast.Expr, scope map[string]reflect.Type) ([]ast.Stmt, bool) {
	if len(lhs) != len(rhs) {
		return nil, false
	}
	out := make([]ast.Stmt, len(lhs))
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil, false
		}
		t := it.staticType(rhs[i], scope)
		if t == nil {
			return nil, false
		}
		out[i] = &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: id.Pos(), Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
			Names:  []*ast.Ident{id},
			Type:   it.typeExpr(t, id.Pos()),
			Values: []ast.Expr{rhs[i]},
		}}}}
	}
	return out, true
}

// noteDefinitions records the types of the names a top-level statement
// defines, when they can be worked out, for the definitions after it.
func (it *Interpreter) noteDefinitions(s ast.Stmt, scope map[string]reflect.Type) {
	as, ok := s.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return
	}
	if len(as.Rhs) == 1 && len(as.Lhs) > 1 {
		// a, err := f()
		if call, ok := as.Rhs[0].(*ast.CallExpr); ok {
			if ft := it.staticType(call.Fun, scope); ft != nil && ft.Kind() == reflect.Func && ft.NumOut() == len(as.Lhs) {
				for i, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						scope[id.Name] = ft.Out(i)
					}
				}
			}
		}
		return
	}
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && i < len(as.Rhs) {
			if t := it.staticType(as.Rhs[i], scope); t != nil {
				scope[id.Name] = t
			} else {
				delete(scope, id.Name)
			}
		}
	}
}

// staticType works out the compiled type of e without evaluating anything
// but names: variables and package members are looked up, and fields,
// methods, calls, indexes and dereferences are followed through reflection.
// It returns nil when it cannot tell.
func (it *Interpreter) staticType(e ast.Expr, scope map[string]reflect.Type) reflect.Type {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return it.staticType(x.X, scope)
	case *ast.Ident:
		if t, ok := scope[x.Name]; ok {
			return t
		}
		if !it.declared(x.Name) {
			// Not a name a cell has defined: leave yaegi's error alone.
			return nil
		}
		return it.typeOfName(x.Name)
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok {
			if it.imported(pkg.Name) {
				if _, shadowed := scope[pkg.Name]; !shadowed {
					return it.typeOfName(pkg.Name + "." + x.Sel.Name)
				}
			}
		}
		return member(it.staticType(x.X, scope), x.Sel.Name)
	case *ast.CallExpr:
		ft := it.staticType(x.Fun, scope)
		if ft == nil || ft.Kind() != reflect.Func || ft.NumOut() != 1 {
			return nil
		}
		return ft.Out(0)
	case *ast.IndexExpr:
		return element(it.staticType(x.X, scope))
	case *ast.SliceExpr:
		t := it.staticType(x.X, scope)
		if t != nil && t.Kind() == reflect.Array {
			return reflect.SliceOf(t.Elem())
		}
		if t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Array {
			return reflect.SliceOf(t.Elem().Elem())
		}
		return t
	case *ast.StarExpr:
		if t := it.staticType(x.X, scope); t != nil && t.Kind() == reflect.Pointer {
			return t.Elem()
		}
	}
	return nil
}

// declared reports whether name is a variable or function that cells have
// defined, or a value of the prelude.
func (it *Interpreter) declared(name string) bool {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	kind := it.names[name]
	return kind == "var" || kind == "func" || isPreludeValue(name)
}

// imported reports whether name is a package imported in cells.
func (it *Interpreter) imported(name string) bool {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	_, ok := it.imports[name]
	return ok
}

// typeOfName returns the compiled type of a variable, function or package
// member visible in cells (x, strings.Split), looking it up without running
// any code. Values of interpreted types are left alone: yaegi types those.
func (it *Interpreter) typeOfName(name string) (t reflect.Type) {
	// yaegi panics on some names the failed compilation left half-declared.
	defer func() {
		if recover() != nil {
			t = nil
		}
	}()
	v, err := it.yi.Eval(name)
	if err != nil || !v.IsValid() {
		return nil
	}
	if t = v.Type(); !compiledType(t) {
		return nil
	}
	return t
}

// compiledType reports whether t is built only from compiled named types
// and built-in types, which a cell can name: not from the struct types yaegi
// generates for interpreted ones.
func compiledType(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		if t.Name() == "" {
			return compiledType(t.Elem())
		}
	case reflect.Map:
		if t.Name() == "" {
			return compiledType(t.Key()) && compiledType(t.Elem())
		}
	case reflect.Func:
		if t.Name() == "" {
			for i := 0; i < t.NumIn(); i++ {
				if !compiledType(t.In(i)) {
					return false
				}
			}
			for i := 0; i < t.NumOut(); i++ {
				if !compiledType(t.Out(i)) {
					return false
				}
			}
			return true
		}
	}
	return t.Name() != "" || t.Kind() == reflect.Interface && t.NumMethod() == 0
}

// member returns the type of field or method name of a value of type t.
func member(t reflect.Type, name string) reflect.Type {
	if t == nil {
		return nil
	}
	if m, ok := t.MethodByName(name); ok {
		if t.Kind() == reflect.Interface {
			return m.Type
		}
		return withoutReceiver(m.Type)
	}
	if t.Kind() != reflect.Interface {
		if m, ok := reflect.PointerTo(t).MethodByName(name); ok {
			return withoutReceiver(m.Type)
		}
	}
	s := t
	if s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	if s.Kind() == reflect.Struct {
		if f, ok := s.FieldByName(name); ok && f.IsExported() {
			return f.Type
		}
	}
	return nil
}

// withoutReceiver drops the receiver from a method's function type.
func withoutReceiver(m reflect.Type) reflect.Type {
	in := make([]reflect.Type, m.NumIn()-1)
	for i := range in {
		in[i] = m.In(i + 1)
	}
	out := make([]reflect.Type, m.NumOut())
	for i := range out {
		out[i] = m.Out(i)
	}
	return reflect.FuncOf(in, out, m.IsVariadic())
}

// element returns the type that indexing a value of type t gives.
func element(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem()
	case reflect.String:
		return reflect.TypeOf(byte(0))
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Array {
			return t.Elem().Elem()
		}
	}
	return nil
}

// typeExpr names t in a cell: _eddy.TypeN, registered with the cell
// runtime the first time t is needed.
func (it *Interpreter) typeExpr(t reflect.Type, pos token.Pos) ast.Expr {
	it.namesMu.Lock()
	name, ok := it.typeNames[t]
	if !ok {
		name = fmt.Sprintf("Type%d", len(it.typeNames)+1)
		it.typeNames[t] = name
	}
	it.namesMu.Unlock()
	if !ok {
		// A nil *T is how compiled packages export a type to yaegi.
		it.yi.Use(yaegi.Exports{runtimePath + "/cellruntime": {name: reflect.Zero(reflect.PointerTo(t))}})
	}
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: runtimeAlias}, Sel: &ast.Ident{NamePos: pos, Name: name}}
}
