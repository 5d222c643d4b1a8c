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

// LocateSQLError adds Spark's "; line L pos P" suffix to an analysis error
// (unresolved column or function) raised while resolving expressions parsed
// from the SQL texts (SelectExpr, Filter, F.Expr): the position is where the
// unresolved name starts in the first text that names it. Other errors are
// returned unchanged.
func LocateSQLError(err error, texts ...string) error {
	for _, t := range texts {
		if located := bind.LocateExpression(t, err); located != err {
			return located
		}
	}
	return err
}
