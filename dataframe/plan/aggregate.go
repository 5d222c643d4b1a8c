package plan

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Aggregate groups its child by Groups and computes Aggs per group, then
// evaluates Results over the intermediate row [groups..., aggs...]. It
// executes as partial (per batch) → merge (across batches or micro-batches)
// → final, see exec.AggState.
type Aggregate struct {
	Child   Node
	Groups  []expr.Expr           // resolved against Child
	Aggs    []*expr.AggregateFunc // resolved against Child
	Results []expr.Expr           // resolved against the intermediate row
	Attrs   []expr.Attribute
}

// NewAggregate groups child by groups and outputs results (which may
// reference grouping expressions and contain aggregates). GroupBy().Agg()
// passes the grouping columns followed by the aggregates as results.
func NewAggregate(child Node, groups, results []expr.Expr) (Node, error) {
	in := child.Output()
	a := &Aggregate{Child: child}
	for _, g := range groups {
		if expr.ContainsAggregate(g) {
			return nil, sparkerr.Analysis("GROUP_BY_AGGREGATE", "Aggregate functions are not allowed in GROUP BY, but found %s.", g.SQL())
		}
		r, err := expr.Resolve(g, in)
		if err != nil {
			return nil, err
		}
		if r.DataType().Kind() == sqltypes.KindMap {
			return nil, sparkerr.Analysis("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE", "The expression \"%s\" cannot be used as a grouping expression because its data type \"%s\" is not an orderable data type.", r.SQL(), sqltypes.CatalogString(r.DataType()))
		}
		a.Groups = append(a.Groups, r)
	}
	inter := a.intermediate()
	for _, e := range results {
		r, err := expr.Resolve(e, in)
		if err != nil {
			return nil, err
		}
		named, attr := NameExpr(r, e)
		bound, err := a.bindResult(named, len(inter))
		if err != nil {
			return nil, err
		}
		a.Results = append(a.Results, bound)
		if ref, ok := r.(*expr.BoundRef); ok {
			attr = ref.Attr
		}
		a.Attrs = append(a.Attrs, attr)
	}
	return a, nil
}

func (a *Aggregate) intermediate() []expr.Attribute {
	var out []expr.Attribute
	for i, g := range a.Groups {
		out = append(out, expr.Attribute{ID: -int64(i + 1), Name: expr.Name(g), Type: g.DataType(), Null: g.Nullable()})
	}
	return out
}

// bindResult rewrites a result over the intermediate row: grouping
// expressions and aggregate functions become references to their slots.
func (a *Aggregate) bindResult(e expr.Expr, _ int) (expr.Expr, error) {
	var err error
	var rewrite func(x expr.Expr) expr.Expr
	rewrite = func(x expr.Expr) expr.Expr {
		for i, g := range a.Groups {
			if sameExpr(x, g) {
				return &expr.BoundRef{Ordinal: i, Attr: expr.Attribute{ID: -int64(i + 1), Name: expr.Name(g), Type: g.DataType(), Null: g.Nullable()}}
			}
		}
		switch y := x.(type) {
		case *expr.AggregateFunc:
			for _, k := range y.Children() {
				if expr.ContainsAggregate(k) {
					err = sparkerr.Analysis("NESTED_AGGREGATE_FUNCTION", "It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.")
				}
			}
			idx := -1
			for i, e := range a.Aggs {
				if sameExpr(e, y) {
					idx = i
				}
			}
			if idx < 0 {
				a.Aggs = append(a.Aggs, y)
				idx = len(a.Aggs) - 1
			}
			ord := len(a.Groups) + idx
			return &expr.BoundRef{Ordinal: ord, Attr: expr.Attribute{ID: -int64(ord + 1), Name: y.SQL(), Type: y.DataType(), Null: y.Nullable()}}
		case *expr.BoundRef:
			if y.Attr.ID > 0 && err == nil {
				err = sparkerr.Analysis("MISSING_AGGREGATION", "The non-aggregating expression \"%s\" is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value(%s)\" if you do not care which of the values within a group is returned.", y.SQL(), y.SQL())
			}
			return y
		}
		kids := x.Children()
		if len(kids) == 0 {
			return x
		}
		nk := make([]expr.Expr, len(kids))
		for i, k := range kids {
			nk[i] = rewrite(k)
		}
		return x.WithChildren(nk)
	}
	out := rewrite(e)
	return out, err
}

func sameExpr(a, b expr.Expr) bool {
	if ra, ok := a.(*expr.BoundRef); ok {
		if rb, ok := b.(*expr.BoundRef); ok {
			return ra.Attr.ID == rb.Attr.ID
		}
		return false
	}
	if _, ok := a.(*expr.Alias); ok {
		return false
	}
	if fa, ok := a.(*expr.AggregateFunc); ok {
		fb, ok := b.(*expr.AggregateFunc)
		if !ok || fa.IgnoreNulls != fb.IgnoreNulls || fa.Distinct != fb.Distinct {
			return false
		}
	}
	return a.SQL() == b.SQL() && sqltypes.Equal(a.DataType(), b.DataType()) && sameRefs(a, b)
}

func sameRefs(a, b expr.Expr) bool {
	var ia, ib []int64
	expr.Walk(a, func(x expr.Expr) bool {
		if r, ok := x.(*expr.BoundRef); ok {
			ia = append(ia, r.Attr.ID)
		}
		return true
	})
	expr.Walk(b, func(x expr.Expr) bool {
		if r, ok := x.(*expr.BoundRef); ok {
			ib = append(ib, r.Attr.ID)
		}
		return true
	})
	if len(ia) != len(ib) {
		return false
	}
	for i := range ia {
		if ia[i] != ib[i] {
			return false
		}
	}
	return true
}

// Output returns the result columns.
func (a *Aggregate) Output() []expr.Attribute { return a.Attrs }

// Children returns the input.
func (a *Aggregate) Children() []Node { return []Node{a.Child} }

// Describe returns "Aggregate [groups], [results]".
func (a *Aggregate) Describe() string {
	return "Aggregate [" + exprList(a.Groups) + "], [" + attrList(a.Attrs) + "]"
}

// IntermediateSchema returns the types of [groups..., aggs...].
func (a *Aggregate) IntermediateSchema() sqltypes.StructType {
	st := sqltypes.StructType{}
	for _, g := range a.Groups {
		st.Fields = append(st.Fields, sqltypes.StructField{Name: expr.Name(g), DataType: g.DataType(), Nullable: true})
	}
	for _, ag := range a.Aggs {
		st.Fields = append(st.Fields, sqltypes.StructField{Name: ag.SQL(), DataType: ag.DataType(), Nullable: ag.Nullable()})
	}
	return st
}
