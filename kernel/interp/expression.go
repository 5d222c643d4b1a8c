package interp

import (
	"go/ast"
)

// EvalExpression evaluates one Go expression in the session's scope, for
// user_expressions: its value, or nil when it has no value to show. A
// failure, including a panic, comes back as the Error.
func (it *Interpreter) EvalExpression(expr string) (any, *Error) {
	it.execMu.Lock()
	defer it.execMu.Unlock()
	return it.evalExpression(expr)
}

// evalExpression is EvalExpression for callers that hold execMu.
func (it *Interpreter) evalExpression(expr string) (v any, e *Error) {
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
	// The last cell's cancellation channel may be closed (it was
	// interrupted): give the expression's frames a fresh one.
	it.in.setDone(make(chan struct{}))
	defer func() {
		if r := recover(); r != nil {
			v, e = nil, panicError(r, it.traces.take(goroutineID()))
		}
	}()
	val, _, e := it.evalLast(es.X)
	return val, e
}
