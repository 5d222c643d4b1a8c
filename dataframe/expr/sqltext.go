package expr

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// LocateSQLError, when set (by package dataframe, from the SQL binder),
// adds Spark's "; line L pos P" position to an analysis error raised by an
// expression that came from SQL text.
var LocateSQLError func(err error, text string) error

// SQLText marks an expression parsed from SQL text (F.Expr, SelectExpr,
// string filters) so that resolution errors can point into that text.
// Resolve unwraps it.
type SQLText struct {
	Child Expr
	Text  string
}

// Children returns the parsed expression.
func (s *SQLText) Children() []Expr { return []Expr{s.Child} }

// WithChildren replaces the parsed expression.
func (s *SQLText) WithChildren(k []Expr) Expr { return &SQLText{Child: k[0], Text: s.Text} }

// DataType returns the child's type.
func (s *SQLText) DataType() sqltypes.DataType { return s.Child.DataType() }

// Nullable returns the child's nullability.
func (s *SQLText) Nullable() bool { return s.Child.Nullable() }

// SQL returns the child's SQL.
func (s *SQLText) SQL() string { return s.Child.SQL() }

// Eval evaluates the child.
func (s *SQLText) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	return s.Child.Eval(ctx, b)
}
