package expr

import (
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// UnresolvedAttribute is a column named by text, e.g. "a", "t.a", "data.name"
// or "`odd.name`". Resolve binds it to an input column, possibly with a
// struct field access.
type UnresolvedAttribute struct {
	leaf
	NameParts []string
}

// Col returns an unresolved column reference, parsing dots and backticks.
func Col(name string) *UnresolvedAttribute { return &UnresolvedAttribute{NameParts: SplitName(name)} }

// SplitName splits "a.b" and "`a.b`.c" into name parts.
func SplitName(name string) []string {
	var parts []string
	var cur strings.Builder
	inQuote := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '`' && inQuote && i+1 < len(name) && name[i+1] == '`':
			cur.WriteByte('`')
			i++
		case c == '`':
			inQuote = !inQuote
		case c == '.' && !inQuote:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	parts = append(parts, cur.String())
	return parts
}

// WithChildren returns the node.
func (u *UnresolvedAttribute) WithChildren([]Expr) Expr { return u }

// DataType panics-free placeholder: unresolved nodes have no type.
func (u *UnresolvedAttribute) DataType() sqltypes.DataType { return sqltypes.NullType }

// Nullable returns true.
func (u *UnresolvedAttribute) Nullable() bool { return true }

// SQL returns the name.
func (u *UnresolvedAttribute) SQL() string { return strings.Join(u.NameParts, ".") }

// Eval fails: unresolved.
func (u *UnresolvedAttribute) Eval(*Context, arrow.Record) (arrow.Array, error) {
	return nil, sparkerr.UnresolvedColumn(u.SQL(), nil)
}

// AttributeRef refers to a specific attribute by id, as df.Col("x") does, so
// that joins of two DataFrames with the same column names stay unambiguous.
type AttributeRef struct {
	leaf
	Attr Attribute
}

// WithChildren returns the node.
func (r *AttributeRef) WithChildren([]Expr) Expr { return r }

// DataType returns the attribute's type.
func (r *AttributeRef) DataType() sqltypes.DataType { return r.Attr.Type }

// Nullable returns the attribute's nullability.
func (r *AttributeRef) Nullable() bool { return r.Attr.Null }

// SQL returns the name.
func (r *AttributeRef) SQL() string { return r.Attr.Name }

// Eval fails: unresolved.
func (r *AttributeRef) Eval(*Context, arrow.Record) (arrow.Array, error) {
	return nil, sparkerr.UnresolvedColumn(r.Attr.Name, nil)
}

// BoundRef is a resolved column: input ordinal plus attribute.
type BoundRef struct {
	leaf
	Ordinal int
	Attr    Attribute
}

// WithChildren returns the node.
func (r *BoundRef) WithChildren([]Expr) Expr { return r }

// DataType returns the column type.
func (r *BoundRef) DataType() sqltypes.DataType { return r.Attr.Type }

// Nullable returns the column's nullability.
func (r *BoundRef) Nullable() bool { return r.Attr.Null }

// SQL returns the column name.
func (r *BoundRef) SQL() string { return r.Attr.Name }

// Eval returns the input column.
func (r *BoundRef) Eval(_ *Context, b arrow.Record) (arrow.Array, error) {
	return b.Column(r.Ordinal), nil
}

// Star is `*` or `t.*`/`data.*`; projections expand it.
type Star struct {
	leaf
	Target []string
}

// WithChildren returns the node.
func (s *Star) WithChildren([]Expr) Expr { return s }

// DataType returns NullType.
func (s *Star) DataType() sqltypes.DataType { return sqltypes.NullType }

// Nullable returns true.
func (s *Star) Nullable() bool { return true }

// SQL returns "*" or "t.*".
func (s *Star) SQL() string {
	if len(s.Target) == 0 {
		return "*"
	}
	return strings.Join(s.Target, ".") + ".*"
}

// Eval fails: stars are expanded by projections.
func (s *Star) Eval(*Context, arrow.Record) (arrow.Array, error) {
	return nil, sparkerr.Analysis("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in expression.")
}

// Alias names an expression.
type Alias struct {
	Child Expr
	Name  string
	ID    int64
}

// NewAlias returns child AS name with a fresh id.
func NewAlias(child Expr, name string) *Alias { return &Alias{Child: child, Name: name, ID: NewID()} }

// Children returns the aliased expression.
func (a *Alias) Children() []Expr { return []Expr{a.Child} }

// WithChildren replaces the child, keeping name and id.
func (a *Alias) WithChildren(c []Expr) Expr { return &Alias{Child: c[0], Name: a.Name, ID: a.ID} }

// DataType returns the child's type.
func (a *Alias) DataType() sqltypes.DataType { return a.Child.DataType() }

// Nullable returns the child's nullability.
func (a *Alias) Nullable() bool { return a.Child.Nullable() }

// SQL returns the child's SQL: aliases do not show in enclosing names.
func (a *Alias) SQL() string { return a.Child.SQL() }

// Eval evaluates the child.
func (a *Alias) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) { return a.Child.Eval(ctx, b) }
