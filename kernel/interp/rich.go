package interp

import (
	"fmt"
	"go/ast"
	"go/token"

	"github.com/eddykernel/eddy/display"
)

// Methods of interpreted types are invisible to reflection, so
// display.Bundle cannot find the String, HTML, Markdown, MIMEBundle or Error
// method of a value whose type a cell declared (and yaegi's dynamic
// assertions to such interfaces are unreliable). yaegi does wrap an
// interpreted value when it is passed to a compiled parameter of interface
// type and its static type has the methods. So, once a cell has declared one
// of those methods, the trailing value is stored in a global (_eddyLast,
// evaluated once) and small calls such as _eddy.HTMLOf(_eddyLast) are
// compiled: those that compile produce the bundle's parts.

// richMethods are the method names that make an interpreted type render
// itself.
var richMethods = map[string]bool{
	"String": true, "Error": true, "HTML": true, "Markdown": true, "MIMEBundle": true,
}

const lastVar = "_eddyLast"

// evalRich evaluates x (once) and renders it through its interpreted
// methods. ok is false when x is not single-valued; the caller then
// evaluates x its own way, and x has not been evaluated.
func (it *Interpreter) evalRich(x ast.Expr) (value any, has bool, e *Error, ok bool) {
	pos := x.Pos()
	// yaegi accepts v := f() for a multi-valued f; passing f() to a
	// one-parameter function is the single-value check it gets right.
	one := &ast.CallExpr{Fun: runtimeSelector("One", pos), Lparen: pos, Args: []ast.Expr{x}, Rparen: x.End()}
	if _, err := it.yi.CompileAST(block(one)); err != nil {
		return nil, false, nil, false
	}
	assign := &ast.BlockStmt{Lbrace: pos, Rbrace: x.End(), List: []ast.Stmt{&ast.AssignStmt{
		Lhs: []ast.Expr{&ast.Ident{NamePos: pos, Name: lastVar}}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{x},
	}}}
	prog, err := it.yi.CompileAST(assign)
	if err != nil {
		return nil, false, nil, false
	}
	if _, err := it.yi.Execute(prog); err != nil {
		return nil, false, it.executeError(err), true
	}
	last := &ast.Ident{NamePos: pos, Name: lastVar}
	call := func(helper string) (any, bool) {
		var fn ast.Expr = runtimeSelector(helper, pos)
		prog, err := it.yi.CompileAST(block(&ast.CallExpr{Fun: fn, Lparen: pos, Args: []ast.Expr{last}, Rparen: pos}))
		if err != nil {
			return nil, false
		}
		rv, err := it.yi.Execute(prog)
		if err != nil || !rv.IsValid() || !rv.CanInterface() {
			return nil, false
		}
		return rv.Interface(), true
	}
	v, _ := call("One")
	if v == nil || nativelyRich(v) {
		vals := []any{v}
		v, has := shown(vals)
		return v, has, nil, true
	}
	text, hasText := "", false
	for _, h := range []string{"StringOf", "ErrorOf"} {
		if t, ok := call(h); ok {
			text, hasText = t.(string), true
			break
		}
	}
	var data map[string]any
	for _, h := range []string{"MIMEBundleOf", "HTMLOf", "MarkdownOf"} {
		if d, ok := call(h); ok {
			data, _ = d.(map[string]any)
			break
		}
	}
	if data == nil && !hasText {
		v, has := shown([]any{v})
		return v, has, nil, true
	}
	return richBundle(data, text, hasText, v), true, nil, true
}

// nativelyRich reports whether display.Bundle already renders v through its
// own compiled methods.
func nativelyRich(v any) bool {
	switch v.(type) {
	case display.MIMEBundle, display.MIMEBundler, display.HTMLer, display.Markdowner, fmt.Stringer, error:
		return true
	}
	return false
}

// richBundle builds the bundle of an interpreted value with rich methods;
// text/plain is its String (or Error) text when it has one.
func richBundle(data map[string]any, text string, hasText bool, v any) display.MIMEBundle {
	b := display.MIMEBundle{}
	for k, val := range data {
		b[k] = val
	}
	if hasText {
		b["text/plain"] = text
	} else if _, ok := b["text/plain"]; !ok {
		b["text/plain"] = display.Text(v)
	}
	return b
}
