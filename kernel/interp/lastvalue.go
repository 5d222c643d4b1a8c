package interp

import (
	"go/ast"
	"reflect"

	"github.com/eddykernel/eddy/display"
)

// evalLast evaluates the cell's trailing expression and decides whether its
// value is shown. It compiles _eddy.Values(x) to get every result of x; if
// that does not compile (x is a call with no result), x runs as a
// statement.
func (it *Interpreter) evalLast(x ast.Expr) (any, bool, *Error) {
	it.rewrite(x)
	if it.hasRichMethods.Load() {
		if v, has, e, ok := it.evalRich(x); ok {
			return v, has, e
		}
	}
	prog, err := it.yi.CompileAST(block(valuesCall(x)))
	if err != nil {
		return nil, false, it.run(block(x))
	}
	rv, err := it.yi.Execute(prog)
	if err != nil {
		return nil, false, it.executeError(err)
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil, false, nil
	}
	vals, _ := rv.Interface().([]any)
	v, ok := shown(vals)
	return v, ok, nil
}

// block returns a block holding the expression statement x. Its position
// matters: yaegi finds the file, and so the imports, of a block by the
// position of its brace.
func block(x ast.Expr) *ast.BlockStmt {
	return &ast.BlockStmt{Lbrace: x.Pos(), List: []ast.Stmt{&ast.ExprStmt{X: x}}, Rbrace: x.End()}
}

// shown returns the value a cell's trailing expression displays: nothing for
// several results (fmt.Println's n and err), nil values, nil errors and
// display handles.
func shown(vals []any) (any, bool) {
	if len(vals) != 1 || vals[0] == nil {
		return nil, false
	}
	v := vals[0]
	if _, ok := v.(*display.Handle); ok {
		return nil, false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		if rv.IsNil() {
			return nil, false
		}
	}
	return v, true
}
