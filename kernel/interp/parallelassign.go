package interp

import (
	"go/ast"
	"go/token"
	"strconv"
)

// yaegi v0.16.1 loses assignments in a parallel assignment whose values mix
// calls and other expressions: after `s, ok = f(), true` ok keeps its old
// value, and after `a, b = 5, f()` so does a. Assignments whose values are
// all calls, or none, work, and so do definitions (s, ok := f(), true).
// splitParallelAssigns evaluates the calls of such an assignment first into
// temporaries, as Go evaluates every value before assigning any:
//
//	{ _eddyV1 := f(); s, ok = _eddyV1, true }

// splitParallelAssigns rewrites the affected assignments in every statement
// list under root.
func splitParallelAssigns(root ast.Node) {
	n := 0
	split := func(list []ast.Stmt) {
		for i, s := range list {
			as, ok := s.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) || !mixesCalls(as.Rhs) {
				continue
			}
			var temps []ast.Stmt
			for j, v := range as.Rhs {
				if !isCall(v) {
					continue
				}
				n++
				tmp := &ast.Ident{NamePos: v.Pos(), Name: "_eddyV" + strconv.Itoa(n)}
				temps = append(temps, &ast.AssignStmt{Lhs: []ast.Expr{tmp}, TokPos: v.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{v}})
				as.Rhs[j] = &ast.Ident{NamePos: v.Pos(), Name: tmp.Name}
			}
			list[i] = &ast.BlockStmt{Lbrace: as.Pos(), List: append(temps, as), Rbrace: as.End()}
		}
	}
	ast.Inspect(root, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.BlockStmt:
			split(x.List)
		case *ast.CaseClause:
			split(x.Body)
		case *ast.CommClause:
			split(x.Body)
		}
		return true
	})
}

// mixesCalls reports whether some values are calls and some are not.
func mixesCalls(values []ast.Expr) bool {
	calls := 0
	for _, v := range values {
		if isCall(v) {
			calls++
		}
	}
	return calls > 0 && calls < len(values)
}

func isCall(e ast.Expr) bool {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	_, ok := e.(*ast.CallExpr)
	return ok
}
