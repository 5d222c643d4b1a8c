package interp

import "go/ast"

// yaegi v0.16.1 compiles a cell's top-level statements in the global scope,
// where blocks nested in them are broken in several ways: a definition from
// a call with several results (`if n, err := strconv.Atoi(s); err == nil`,
// `a, b := f()` in a loop body) leaves its names undefined, and comma-ok
// forms and type switches panic the compiler. In a function body they all
// work. wrapCompound therefore runs each top-level if, for, switch, select
// and block statement as the body of a function literal called at once:
// `func() { if ... }()`. Names defined inside such a statement are local to
// it in Go anyway, and the top-level names it assigns are globals that the
// literal reaches. A statement that contains a return is left alone: it
// would only return from the literal.

// wrapCompound rewrites the compound statements of a statement run.
func wrapCompound(b *ast.BlockStmt) {
	for i, s := range b.List {
		if !compound(s) || containsReturn(s) {
			continue
		}
		b.List[i] = &ast.ExprStmt{X: &ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{Func: s.Pos(), Params: &ast.FieldList{Opening: s.Pos(), Closing: s.Pos()}},
				Body: &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{s}, Rbrace: s.End()},
			},
			Lparen: s.End(),
			Rparen: s.End(),
		}}
	}
}

// compound reports whether s is a statement with blocks of its own.
func compound(s ast.Stmt) bool {
	switch x := s.(type) {
	case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt:
		return true
	case *ast.LabeledStmt:
		return compound(x.Stmt)
	}
	return false
}

// containsReturn reports whether s returns, outside function literals.
func containsReturn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}
