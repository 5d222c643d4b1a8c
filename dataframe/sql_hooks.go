package dataframe

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqlparser/bind"
)

// The SQL binder (package sqlparser/bind) serves spark.SQL (queries and the
// catalog statements CREATE/DROP VIEW and SHOW TABLES) and the SQL
// expressions of F.Expr, SelectExpr and string filters.
func init() {
	SQLHook = func(s *Session, query string) (plan.Node, error) {
		return bind.Statement(query, sessionViews{s}, s.Location())
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

// sessionViews gives the SQL binder the session's catalog of views.
type sessionViews struct{ s *Session }

// LookupView returns a view's plan.
func (v sessionViews) LookupView(name string) (plan.Node, error) { return v.s.LookupView(name) }

// RegisterView creates or replaces a temp view.
func (v sessionViews) RegisterView(name string, p plan.Node) { v.s.Catalog().RegisterView(name, p) }

// DropView drops a temp view and reports whether it existed.
func (v sessionViews) DropView(name string) bool { return v.s.Catalog().DropTempView(name) }

// ViewNames lists the views, sorted.
func (v sessionViews) ViewNames() []string { return v.s.Catalog().ListTables() }
