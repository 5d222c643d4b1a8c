package functions

import (
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
)

// col converts a column argument (a name or a Column) into an expression.
func col(v any) (expr.Expr, error) { return dataframe.ToExpr(v) }

// call builds a named function call; litArg arguments are literals.
func call(name string, args ...any) dataframe.Column {
	es := make([]expr.Expr, len(args))
	for i, a := range args {
		var e expr.Expr
		var err error
		switch x := a.(type) {
		case litArg:
			e = expr.Lit(x.v)
		default:
			e, err = col(a)
		}
		if err != nil {
			return dataframe.ErrColumn(err)
		}
		es[i] = e
	}
	return dataframe.NewColumn(expr.NewCall(name, es...))
}

// litArg marks an argument as a literal value rather than a column name.
type litArg struct{ v any }
