package interp

import (
	"context"
	"go/ast"
	"time"
)

// expressionTimeout bounds EvalExpression: an expression that blocks is
// interrupted, as a cell would be.
var expressionTimeout = 10 * time.Second

// EvalExpression evaluates one Go expression in the session's scope, for
// user_expressions: its value (rendered like a cell's last value), or nil
// when it has no value to show. A failure, including a panic, comes back as
// the Error. It runs like a cell, with the origin of the last cell, and is
// interrupted by Interrupt or after expressionTimeout.
func (it *Interpreter) EvalExpression(expr string) (any, *Error) {
	it.execMu.Lock()
	defer it.execMu.Unlock()
	if _, err := singleExpression(it, expr); err != nil {
		return nil, err
	}
	var origin Origin
	if c := it.last.Load(); c != nil {
		origin = c.origin
	}
	ctx, cancel := context.WithTimeout(context.Background(), expressionTimeout)
	defer cancel()
	res := it.execute(ctx, origin, expr)
	return res.Value, res.Err
}

// singleExpression parses expr, which must be one expression.
func singleExpression(it *Interpreter, expr string) (ast.Expr, *Error) {
	s, err := parseRun(it.yi.FileSet(), run{kind: stmtRun, text: expr, line: 1, col: 1})
	if err != nil {
		return nil, compileError(NameSyntax, err)
	}
	if len(s.block.List) != 1 {
		return nil, newError(NameSyntax, "not a single expression: "+expr, nil)
	}
	es, ok := s.block.List[0].(*ast.ExprStmt)
	if !ok {
		return nil, newError(NameSyntax, "not an expression: "+expr, nil)
	}
	return es.X, nil
}

// evalExpression evaluates a plain selector (completion and inspection) in
// the calling goroutine; the caller holds execMu.
func (it *Interpreter) evalExpression(expr string) (v any, e *Error) {
	x, e := singleExpression(it, expr)
	if e != nil {
		return nil, e
	}
	// The last cell's cancellation channel may be closed (it was
	// interrupted): give the expression's frames a fresh one.
	it.in.setDone(make(chan struct{}))
	defer func() {
		if r := recover(); r != nil {
			v, e = nil, panicError(r, it.traces.take(goroutineID()))
		}
	}()
	val, _, e := it.evalLast(x)
	return val, e
}
