package plan

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Project computes named expressions over its child.
type Project struct {
	Child Node
	Exprs []expr.Expr // resolved; each names an output column
	Attrs []expr.Attribute
}

// ExpandStars replaces `*`, `t.*` and `struct.*` by the columns they stand
// for, resolved against input.
func ExpandStars(exprs []expr.Expr, input []expr.Attribute) ([]expr.Expr, error) {
	var out []expr.Expr
	for _, e := range exprs {
		s, ok := e.(*expr.Star)
		if !ok {
			out = append(out, e)
			continue
		}
		if len(s.Target) == 0 {
			for i, a := range input {
				out = append(out, &expr.BoundRef{Ordinal: i, Attr: a})
			}
			continue
		}
		// Qualifier star: t.*
		var matched []expr.Expr
		if len(s.Target) == 1 {
			for i, a := range input {
				if strings.EqualFold(a.Qualifier, s.Target[0]) {
					matched = append(matched, &expr.BoundRef{Ordinal: i, Attr: a})
				}
			}
		}
		if len(matched) > 0 {
			out = append(out, matched...)
			continue
		}
		// Struct star: data.*
		base, err := expr.ResolveName(s.Target, input)
		if err != nil {
			return nil, sparkerr.Analysis("CANNOT_RESOLVE_STAR_EXPAND", "Cannot resolve %s.* given input columns %s.", sparkerr.QuoteName(strings.Join(s.Target, ".")), strings.Join(expr.Candidates(input), ", "))
		}
		st, ok := base.DataType().(sqltypes.StructType)
		if !ok {
			return nil, sparkerr.Analysis("", "Can only star expand struct data types. Attribute: `ArrayBuffer(%s)`.", strings.Join(s.Target, ", "))
		}
		for i, f := range st.Fields {
			g := &expr.GetField{Child: base, Field: f.Name, Index: i}
			out = append(out, expr.NewAlias(g, f.Name))
		}
	}
	return out, nil
}

// NewProject resolves exprs against child and returns the projection.
func NewProject(child Node, exprs []expr.Expr) (Node, error) {
	in := child.Output()
	exprs, err := ExpandStars(exprs, in)
	if err != nil {
		return nil, err
	}
	for _, e := range exprs {
		if expr.ContainsAggregate(e) {
			// select(count(x)) is a global aggregation, as in Spark.
			return NewAggregate(child, nil, exprs)
		}
	}
	p := &Project{Child: child}
	for _, e := range exprs {
		r, err := expr.Resolve(e, in)
		if err != nil {
			return nil, err
		}
		named, attr := NameExpr(r, e)
		p.Exprs = append(p.Exprs, named)
		p.Attrs = append(p.Attrs, attr)
	}
	return p, nil
}

// NameExpr gives a resolved expression its output attribute: columns keep
// their id, aliases use theirs, and anything else gets Spark's generated
// name (from the unresolved form orig when given).
func NameExpr(r, orig expr.Expr) (expr.Expr, expr.Attribute) {
	switch x := r.(type) {
	case *expr.BoundRef:
		return x, x.Attr
	case *expr.Alias:
		return x, expr.Attribute{ID: x.ID, Name: x.Name, Type: x.DataType(), Null: x.Nullable()}
	}
	name := expr.Name(r)
	if orig != nil {
		if _, ok := orig.(*expr.Cast); !ok {
			if _, ok := orig.(*expr.UnresolvedAttribute); ok {
				name = expr.Name(r)
			}
		}
	}
	a := expr.NewAlias(r, name)
	return a, expr.Attribute{ID: a.ID, Name: name, Type: r.DataType(), Null: r.Nullable()}
}

// Output returns the projected columns.
func (p *Project) Output() []expr.Attribute { return p.Attrs }

// Children returns the input.
func (p *Project) Children() []Node { return []Node{p.Child} }

// Describe returns "Project [...]".
func (p *Project) Describe() string { return "Project [" + exprList(p.Exprs) + "]" }

// Filter keeps rows where Cond is true.
type Filter struct {
	Child Node
	Cond  expr.Expr
}

// NewFilter resolves cond against child; it must be boolean.
func NewFilter(child Node, cond expr.Expr) (Node, error) {
	if expr.ContainsAggregate(cond) {
		return nil, sparkerr.Analysis("INVALID_WHERE_CONDITION", "The WHERE condition %s contains invalid expressions: %s.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.", "\""+cond.SQL()+"\"", cond.SQL())
	}
	r, err := expr.Resolve(cond, child.Output())
	if err != nil {
		return nil, err
	}
	if k := r.DataType().Kind(); k != sqltypes.KindBoolean && k != sqltypes.KindNull {
		return nil, sparkerr.Analysis("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "Cannot resolve \"%s\" due to data type mismatch: Filter expression \"%s\" of type %s is not a boolean.", r.SQL(), r.SQL(), "\""+sqltypes.CatalogString(r.DataType())+"\"")
	}
	return &Filter{Child: child, Cond: r}, nil
}

// Output returns the child's columns.
func (f *Filter) Output() []expr.Attribute { return f.Child.Output() }

// Children returns the input.
func (f *Filter) Children() []Node { return []Node{f.Child} }

// Describe returns "Filter cond".
func (f *Filter) Describe() string { return "Filter " + f.Cond.SQL() }

// SubqueryAlias qualifies its child's columns with a name (df.Alias, views).
type SubqueryAlias struct {
	Child Node
	Alias string
	Attrs []expr.Attribute
}

// NewSubqueryAlias returns child AS alias.
func NewSubqueryAlias(child Node, alias string) Node {
	attrs := append([]expr.Attribute(nil), child.Output()...)
	for i := range attrs {
		attrs[i].Qualifier = alias
	}
	return &SubqueryAlias{Child: child, Alias: alias, Attrs: attrs}
}

// Output returns the qualified columns.
func (s *SubqueryAlias) Output() []expr.Attribute { return s.Attrs }

// Children returns the input.
func (s *SubqueryAlias) Children() []Node { return []Node{s.Child} }

// Describe returns "SubqueryAlias name".
func (s *SubqueryAlias) Describe() string { return "SubqueryAlias " + s.Alias }

// Limit keeps the first N rows.
type Limit struct {
	Child Node
	N     int64
}

// NewLimit returns child LIMIT n.
func NewLimit(child Node, n int64) (Node, error) {
	if n < 0 {
		return nil, sparkerr.Analysis("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "The limit like expression \"%d\" is invalid. The limit expression must be equal to or greater than 0, but got %d.", n, n)
	}
	return &Limit{Child: child, N: n}, nil
}

// Output returns the child's columns.
func (l *Limit) Output() []expr.Attribute { return l.Child.Output() }

// Children returns the input.
func (l *Limit) Children() []Node { return []Node{l.Child} }

// Describe returns "GlobalLimit n".
func (l *Limit) Describe() string { return "GlobalLimit " + itoa(l.N) }

// SortOrder is one sort key.
type SortOrder struct {
	Expr       expr.Expr
	Ascending  bool
	NullsFirst bool
}

// Sort orders rows by several keys; Spark puts nulls first in ascending and
// last in descending order by default.
type Sort struct {
	Child  Node
	Orders []SortOrder
}

// NewSort resolves the keys against child.
func NewSort(child Node, orders []SortOrder) (Node, error) {
	out := make([]SortOrder, len(orders))
	for i, o := range orders {
		r, err := expr.Resolve(o.Expr, child.Output())
		if err != nil {
			return nil, err
		}
		if r.DataType().Kind() == sqltypes.KindMap {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "Cannot resolve \"%s\" due to data type mismatch: The `sortorder` does not support ordering on type \"%s\".", r.SQL(), sqltypes.CatalogString(r.DataType()))
		}
		out[i] = SortOrder{Expr: r, Ascending: o.Ascending, NullsFirst: o.NullsFirst}
	}
	return &Sort{Child: child, Orders: out}, nil
}

// Output returns the child's columns.
func (s *Sort) Output() []expr.Attribute { return s.Child.Output() }

// Children returns the input.
func (s *Sort) Children() []Node { return []Node{s.Child} }

// Describe returns "Sort [a ASC NULLS FIRST]".
func (s *Sort) Describe() string {
	parts := make([]string, len(s.Orders))
	for i, o := range s.Orders {
		d := " ASC"
		if !o.Ascending {
			d = " DESC"
		}
		n := " NULLS LAST"
		if o.NullsFirst {
			n = " NULLS FIRST"
		}
		parts[i] = o.Expr.SQL() + d + n
	}
	return "Sort [" + strings.Join(parts, ", ") + "], true"
}

// Distinct keeps the first row of each group of rows equal on Keys
// (ordinals; all columns for distinct()).
type Distinct struct {
	Child Node
	Keys  []int
}

// NewDistinct returns distinct()/dropDuplicates(cols...).
func NewDistinct(child Node, cols []string) (Node, error) {
	out := child.Output()
	if len(cols) == 0 {
		keys := make([]int, len(out))
		for i := range keys {
			keys[i] = i
		}
		return &Distinct{Child: child, Keys: keys}, nil
	}
	var keys []int
	for _, c := range cols {
		found := -1
		for i, a := range out {
			if strings.EqualFold(a.Name, c) {
				found = i
				break
			}
		}
		if found < 0 {
			return nil, sparkerr.Analysis("", "Cannot resolve column name \"%s\" among (%s).", c, strings.Join(Schema(child).FieldNames(), ", "))
		}
		keys = append(keys, found)
	}
	return &Distinct{Child: child, Keys: keys}, nil
}

// Output returns the child's columns.
func (d *Distinct) Output() []expr.Attribute { return d.Child.Output() }

// Children returns the input.
func (d *Distinct) Children() []Node { return []Node{d.Child} }

// Describe returns "Deduplicate [...]".
func (d *Distinct) Describe() string {
	out := d.Child.Output()
	var attrs []expr.Attribute
	for _, k := range d.Keys {
		attrs = append(attrs, out[k])
	}
	return "Deduplicate [" + attrList(attrs) + "]"
}

// Watermark marks an event-time column with a delay (streaming); in batch
// it passes rows through.
type Watermark struct {
	Child Node
	Col   string
	Delay string
	// Ordinal and DelayMicros are the resolved column and delay.
	Ordinal     int
	DelayMicros int64
}

// NewWatermark validates withWatermark(col, delay).
func NewWatermark(child Node, col, delay string) (Node, error) {
	r, err := expr.Resolve(expr.Col(col), child.Output())
	if err != nil {
		return nil, err
	}
	ref, ok := r.(*expr.BoundRef)
	if !ok || ref.DataType().Kind() != sqltypes.KindTimestamp {
		return nil, sparkerr.Analysis("", "Event time must be defined on a window or a timestamp, but %s is of type %s", col, sqltypes.CatalogString(r.DataType()))
	}
	us, ok := expr.ParseInterval(delay)
	if !ok || us < 0 {
		return nil, sparkerr.IllegalArgument("The provided interval (%s) did not correspond to a valid interval string.", delay)
	}
	return &Watermark{Child: child, Col: ref.Attr.Name, Delay: delay, Ordinal: ref.Ordinal, DelayMicros: us}, nil
}

// Output returns the child's columns.
func (w *Watermark) Output() []expr.Attribute { return w.Child.Output() }

// Children returns the input.
func (w *Watermark) Children() []Node { return []Node{w.Child} }

// Describe returns "EventTimeWatermark col, delay".
func (w *Watermark) Describe() string { return "EventTimeWatermark " + w.Col + ", " + w.Delay }

func itoa(n int64) string {
	return strings.TrimSpace(strings.Join([]string{formatInt(n)}, ""))
}
