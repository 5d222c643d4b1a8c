package streaming

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// Column pruning under a streaming aggregation, as Spark's ColumnPruning
// rule does: projected columns that the aggregation never reads are not
// computed. `split(value)` parsed into seven cast columns and then grouped
// by one of them evaluates one split part and one cast per row, not seven.
// Dropping an unused expression cannot change the result: expressions
// raise no errors in Spark's non-ANSI mode.

// pruneAggregate returns x with the Project nodes directly below it (and
// below those) reduced to the columns the aggregation reads.
func pruneAggregate(x *plan.Aggregate) *plan.Aggregate {
	used := make([]bool, len(x.Child.Output()))
	for _, g := range x.Groups {
		markRefs(g, used)
	}
	for _, f := range x.Aggs {
		if f.Arg != nil {
			markRefs(f.Arg, used)
		}
	}
	child, remap := pruneNode(x.Child, used)
	if remap == nil {
		return x
	}
	out := *x
	out.Child = child
	out.Groups = make([]expr.Expr, len(x.Groups))
	for i, g := range x.Groups {
		out.Groups[i] = remapRefs(g, remap)
	}
	out.Aggs = make([]*expr.AggregateFunc, len(x.Aggs))
	for i, f := range x.Aggs {
		nf := *f
		if f.Arg != nil {
			nf.Arg = remapRefs(f.Arg, remap)
		}
		out.Aggs[i] = &nf
	}
	return &out
}

// pruneNode drops the unused outputs of a Project (recursively through
// Projects below it). It returns the new node and the old-to-new ordinal
// map, or a nil map when nothing was dropped.
func pruneNode(n plan.Node, used []bool) (plan.Node, []int) {
	p, ok := n.(*plan.Project)
	if !ok {
		return n, nil
	}
	kept := 0
	for _, u := range used {
		if u {
			kept++
		}
	}
	childUsed := make([]bool, len(p.Child.Output()))
	for i, e := range p.Exprs {
		if used[i] {
			markRefs(e, childUsed)
		}
	}
	child, childMap := pruneNode(p.Child, childUsed)
	if kept == len(p.Exprs) && childMap == nil {
		return n, nil
	}
	np := &plan.Project{Child: child}
	remap := make([]int, len(p.Exprs))
	for i, e := range p.Exprs {
		remap[i] = -1
		if !used[i] {
			continue
		}
		if childMap != nil {
			e = remapRefs(e, childMap)
		}
		remap[i] = len(np.Exprs)
		np.Exprs = append(np.Exprs, e)
		np.Attrs = append(np.Attrs, p.Attrs[i])
	}
	return np, remap
}

func markRefs(e expr.Expr, used []bool) {
	expr.Walk(e, func(x expr.Expr) bool {
		if r, ok := x.(*expr.BoundRef); ok && r.Ordinal < len(used) {
			used[r.Ordinal] = true
		}
		return true
	})
}

func remapRefs(e expr.Expr, remap []int) expr.Expr {
	return expr.Transform(e, func(x expr.Expr) expr.Expr {
		if r, ok := x.(*expr.BoundRef); ok && r.Ordinal < len(remap) && remap[r.Ordinal] >= 0 {
			return &expr.BoundRef{Ordinal: remap[r.Ordinal], Attr: r.Attr}
		}
		return x
	})
}
