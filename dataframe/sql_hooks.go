package dataframe

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqlparser/bind"
)

// The SQL binder (package sqlparser/bind) serves spark.SQL and the SQL
// expressions of F.Expr, SelectExpr and string filters.
func init() {
	SQLHook = func(s *Session, query string) (plan.Node, error) {
		return bind.Query(query, s, s.Location())
	}
	ExprHook = func(text string) (expr.Expr, error) {
		return bind.Expression(text)
	}
}
