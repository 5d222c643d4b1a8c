package expr

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// SortKey marks an expression with a sort direction (Column.Asc/Desc); only
// sort operators interpret it, elsewhere it evaluates to its child.
type SortKey struct {
	Child      Expr
	Ascending  bool
	NullsFirst bool
}

// NewSortKey returns child ASC|DESC NULLS FIRST|LAST.
func NewSortKey(child Expr, asc, nullsFirst bool) *SortKey {
	return &SortKey{Child: child, Ascending: asc, NullsFirst: nullsFirst}
}

// Children returns the key.
func (s *SortKey) Children() []Expr { return []Expr{s.Child} }

// WithChildren replaces the key.
func (s *SortKey) WithChildren(k []Expr) Expr {
	return &SortKey{Child: k[0], Ascending: s.Ascending, NullsFirst: s.NullsFirst}
}

// DataType returns the key's type.
func (s *SortKey) DataType() sqltypes.DataType { return s.Child.DataType() }

// Nullable returns the key's nullability.
func (s *SortKey) Nullable() bool { return s.Child.Nullable() }

// SQL returns "x ASC NULLS FIRST" etc.
func (s *SortKey) SQL() string {
	d := " ASC"
	if !s.Ascending {
		d = " DESC"
	}
	n := " NULLS LAST"
	if s.NullsFirst {
		n = " NULLS FIRST"
	}
	return s.Child.SQL() + d + n
}

// Eval evaluates the key.
func (s *SortKey) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	return s.Child.Eval(ctx, b)
}
