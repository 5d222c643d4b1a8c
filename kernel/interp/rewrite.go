package interp

import (
	"go/ast"
	"go/token"
	"strconv"
)

// runtimeAlias is the name under which every cell sees the cell runtime
// (runtime.go). It starts with an underscore so that it never collides with a
// user's name.
const runtimeAlias = "_eddy"

// rewrite prepares a parsed run for evaluation:
//
//   - every `go f(args)` becomes `_eddy.Go(f, args...)`: f and the arguments
//     are evaluated in the current goroutine, as Go does, and the compiled
//     helper starts the goroutine with the origin of the calling goroutine
//     and a recover that reports its panic;
//   - every function body and loop body starts with `_eddy.Check()`, the
//     interrupt check: one atomic load unless an interrupt is pending.
//
// go statements whose function is a builtin (go println(x)) or a generic
// function are left alone: yaegi cannot make a value of them. They run
// unguarded, and their output goes to the running cell.
func (it *Interpreter) rewrite(root ast.Node) {
	splitParallelAssigns(root)
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			if x.Type.TypeParams != nil && x.Recv == nil {
				it.namesMu.Lock()
				it.generics[x.Name.Name] = true
				it.namesMu.Unlock()
			}
		}
		return true
	})
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BlockStmt:
			it.rewriteGo(x.List)
		case *ast.CaseClause:
			it.rewriteGo(x.Body)
		case *ast.CommClause:
			it.rewriteGo(x.Body)
		case *ast.LabeledStmt:
			if g, ok := x.Stmt.(*ast.GoStmt); ok {
				if s := it.goCall(g); s != nil {
					x.Stmt = s
				}
			}
		case *ast.CallExpr:
			guardCallbacks(x)
		case *ast.FuncDecl:
			injectCheck(x.Body)
		case *ast.FuncLit:
			injectCheck(x.Body)
		case *ast.ForStmt:
			injectCheck(x.Body)
		case *ast.RangeStmt:
			injectCheck(x.Body)
		}
		return true
	})
}

// asyncCallbacks are the names of functions and methods that run the
// function they are given on a goroutine of their own: sync.WaitGroup.Go,
// time.AfterFunc, http.HandleFunc, and the streaming API's ForeachBatch and
// Foreach.
var asyncCallbacks = map[string]bool{
	"Go": true, "AfterFunc": true, "HandleFunc": true, "ForeachBatch": true, "Foreach": true,
}

// guardCallbacks wraps every function literal passed to an asyncCallbacks
// function as _eddy.Callback(func...).(func type): when compiled code calls
// it on a goroutine the interpreter does not know, the call carries the
// origin of the cell that created the function, and a panic is reported to
// GoroutinePanic instead of ending the process.
func guardCallbacks(call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !asyncCallbacks[sel.Sel.Name] {
		return
	}
	if id, ok := sel.X.(*ast.Ident); ok && id.Name == runtimeAlias {
		return
	}
	for i, arg := range call.Args {
		lit, ok := arg.(*ast.FuncLit)
		if !ok {
			continue
		}
		call.Args[i] = &ast.TypeAssertExpr{
			X: &ast.CallExpr{
				Fun:    runtimeSelector("Callback", lit.Pos()),
				Lparen: lit.Pos(),
				Args:   []ast.Expr{lit},
				Rparen: lit.End(),
			},
			Lparen: lit.End(),
			Type:   lit.Type,
			Rparen: lit.End(),
		}
	}
}

func (it *Interpreter) rewriteGo(list []ast.Stmt) {
	for i, s := range list {
		if g, ok := s.(*ast.GoStmt); ok {
			if r := it.goCall(g); r != nil {
				list[i] = r
			}
		}
	}
}

var builtins = map[string]bool{
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
	"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true,
}

// goCall returns the statement that replaces g, or nil to keep g.
func (it *Interpreter) goCall(g *ast.GoStmt) ast.Stmt {
	call := g.Call
	if it.isGenericOrBuiltin(call.Fun) {
		return nil
	}
	helper := "Go"
	if call.Ellipsis.IsValid() {
		helper = "GoSlice"
	}
	args := append([]ast.Expr{call.Fun}, call.Args...)
	return &ast.ExprStmt{X: &ast.CallExpr{
		Fun:    runtimeSelector(helper, g.Go),
		Lparen: call.Lparen,
		Args:   args,
		Rparen: call.Rparen,
	}}
}

// isGenericOrBuiltin reports whether fun names a builtin, a generic
// function declared by a cell, a function of a generic source package
// (slices, maps, cmp), or an explicit instantiation.
func (it *Interpreter) isGenericOrBuiltin(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		it.namesMu.Lock()
		defer it.namesMu.Unlock()
		return builtins[f.Name] || it.generics[f.Name]
	case *ast.SelectorExpr:
		if pkg, ok := f.X.(*ast.Ident); ok {
			it.namesMu.Lock()
			defer it.namesMu.Unlock()
			return genericPackages[it.imports[pkg.Name]]
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// genericPackages are the import paths whose functions are interpreted
// generic source.
var genericPackages = map[string]bool{"slices": true, "maps": true, "cmp": true}

func injectCheck(body *ast.BlockStmt) {
	if body == nil {
		return
	}
	body.List = append([]ast.Stmt{checkStmt(body.Lbrace)}, body.List...)
}

// checkBetween adds an interrupt check after every top-level statement of a
// cell (a statement whose channel operation an interrupt cancelled returns
// early, and the cell must not go on to the next one), and records the line
// of each top-level statement before it runs, for tracebacks:
// `_eddy.At(line)`.
func (it *Interpreter) checkBetween(b *ast.BlockStmt) {
	list := make([]ast.Stmt, 0, 3*len(b.List))
	for _, s := range b.List {
		line := it.yi.FileSet().Position(s.Pos()).Line
		at := &ast.ExprStmt{X: &ast.CallExpr{
			Fun:    runtimeSelector("At", s.Pos()),
			Lparen: s.Pos(),
			Args:   []ast.Expr{&ast.BasicLit{ValuePos: s.Pos(), Kind: token.INT, Value: strconv.Itoa(line)}},
			Rparen: s.Pos(),
		}}
		list = append(list, at, s, checkStmt(s.End()))
	}
	b.List = list
}

// checkStmt returns the interrupt check: `if *_eddy.Pending { _eddy.Check() }`
// when reading a variable is race-free enough (see pending_*.go), else
// `_eddy.Check()`. Reading a variable costs yaegi far less than calling a
// compiled function.
func checkStmt(pos token.Pos) ast.Stmt {
	call := &ast.ExprStmt{X: &ast.CallExpr{
		Fun:    runtimeSelector("Check", pos),
		Lparen: pos,
		Rparen: pos,
	}}
	if !fastCheck {
		return call
	}
	return &ast.IfStmt{
		If:   pos,
		Cond: &ast.StarExpr{Star: pos, X: runtimeSelector("Pending", pos)},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{call}, Rbrace: pos},
	}
}

// runtimeSelector returns the expression _eddy.name, positioned at pos.
func runtimeSelector(name string, pos token.Pos) ast.Expr {
	return &ast.SelectorExpr{
		X:   &ast.Ident{NamePos: pos, Name: runtimeAlias},
		Sel: &ast.Ident{NamePos: pos, Name: name},
	}
}

// valuesCall wraps expression x as _eddy.Values(x), which yields all the
// results of x as a []any (Go passes a multi-valued call's results on to a
// variadic parameter).
func valuesCall(x ast.Expr) ast.Expr {
	return &ast.CallExpr{
		Fun:    runtimeSelector("Values", x.Pos()),
		Lparen: x.Pos(),
		Args:   []ast.Expr{x},
		Rparen: x.End(),
	}
}
