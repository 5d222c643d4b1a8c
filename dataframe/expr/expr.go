package expr

import (
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Expr is a node of an expression tree. Trees are built unresolved (names,
// function calls by name) and turned into resolved trees by Resolve, which
// binds column references to input ordinals, looks up functions, checks types
// and inserts Spark's implicit casts. Only resolved trees are evaluated.
type Expr interface {
	// Children returns the node's inputs.
	Children() []Expr
	// WithChildren returns a copy of the node with new inputs.
	WithChildren(children []Expr) Expr
	// DataType returns the result type (resolved trees only).
	DataType() sqltypes.DataType
	// Nullable reports whether the result can be null.
	Nullable() bool
	// SQL returns Spark's pretty SQL text, used to name result columns, e.g.
	// "(a + b)" or "count(DISTINCT vendor_id)".
	SQL() string
	// Eval computes the expression over one batch, vectorized.
	Eval(ctx *Context, batch arrow.Record) (arrow.Array, error)
}

// Context carries the session state that evaluation needs.
type Context struct {
	// Location is spark.sql.session.timeZone.
	Location *time.Location
	// Now is the query's current_timestamp().
	Now time.Time
}

// DefaultContext returns a context in UTC at the current time.
func DefaultContext() *Context { return &Context{Location: time.UTC, Now: time.Now()} }

var nextID atomic.Int64

// NewID returns a fresh attribute id.
func NewID() int64 { return nextID.Add(1) }

// Attribute is one output column of a plan: a stable id, a name, an optional
// qualifier (table or DataFrame alias), a type and a nullability.
type Attribute struct {
	ID        int64
	Name      string
	Qualifier string
	Type      sqltypes.DataType
	Null      bool
}

// Field returns the attribute as a StructField.
func (a Attribute) Field() sqltypes.StructField {
	return sqltypes.StructField{Name: a.Name, DataType: a.Type, Nullable: a.Null}
}

// SchemaOf returns the StructType of a list of attributes.
func SchemaOf(attrs []Attribute) sqltypes.StructType {
	st := sqltypes.StructType{Fields: make([]sqltypes.StructField, len(attrs))}
	for i, a := range attrs {
		st.Fields[i] = a.Field()
	}
	return st
}

// Transform rewrites a tree bottom-up with f.
func Transform(e Expr, f func(Expr) Expr) Expr {
	kids := e.Children()
	if len(kids) > 0 {
		nk := make([]Expr, len(kids))
		changed := false
		for i, k := range kids {
			nk[i] = Transform(k, f)
			if nk[i] != k {
				changed = true
			}
		}
		if changed {
			e = e.WithChildren(nk)
		}
	}
	return f(e)
}

// Walk calls f for every node, parents first; f returns false to skip children.
func Walk(e Expr, f func(Expr) bool) {
	if !f(e) {
		return
	}
	for _, k := range e.Children() {
		Walk(k, f)
	}
}

// Name returns the output column name Spark gives an expression: an alias's
// name, a column's name, a cast of a named column keeps that name, and
// anything else its pretty SQL.
func Name(e Expr) string {
	switch x := e.(type) {
	case *SQLText:
		return Name(x.Child)
	case *Alias:
		return x.Name
	case *BoundRef:
		return x.Attr.Name
	case *UnresolvedAttribute:
		return x.NameParts[len(x.NameParts)-1]
	case *AttributeRef:
		return x.Attr.Name
	case *Cast:
		switch x.Child.(type) {
		case *BoundRef, *UnresolvedAttribute, *AttributeRef, *Alias:
			return Name(x.Child)
		case *GetField:
			return Name(x.Child)
		}
	case *GetField:
		if x.implicitName {
			return x.Field
		}
	}
	return e.SQL()
}

func sqlList(es []Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.SQL()
	}
	return strings.Join(parts, ", ")
}

// leaf is embedded by nodes without children.
type leaf struct{}

// Children returns nil.
func (leaf) Children() []Expr { return nil }
