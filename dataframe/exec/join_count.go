package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// joinCountAggregate runs count(*) grouped by build-side columns over an
// inner join on one integer key (the join-to-a-lookup-table-then-group-by
// shape) without gathering the joined rows: each probe batch's matched
// build rows are mapped to groups once per distinct build row, in order of
// first appearance, so that group ids and output order are those of the
// general path. ok is false when the plan does not have this shape.
func joinCountAggregate(a *plan.Aggregate, st *AggState, env *Env) (ok bool, err error) {
	proj, isProj := a.Child.(*plan.Project)
	if !isProj || len(a.Groups) == 0 {
		return false, nil
	}
	join, isJoin := proj.Child.(*plan.Join)
	if !isJoin || join.Type != plan.JoinInner || join.Residual != nil || len(join.LeftKeys) != 1 {
		return false, nil
	}
	for _, f := range a.Aggs {
		if f.Func != "count" || f.Arg != nil || f.Distinct {
			return false, nil
		}
	}
	nlc := len(join.Left.Output())
	rs := ArrowSchema(join.Right)
	cols := make([]int, len(a.Groups)) // build-side column of each group key
	for i, g := range a.Groups {
		ref, isRef := g.(*expr.BoundRef)
		if !isRef || ref.Ordinal >= len(proj.Exprs) {
			return false, nil
		}
		inner := proj.Exprs[ref.Ordinal]
		if al, isAlias := inner.(*expr.Alias); isAlias {
			inner = al.Child
		}
		jr, isRef := inner.(*expr.BoundRef)
		if !isRef || jr.Ordinal < nlc || jr.Ordinal-nlc >= len(rs.Fields()) {
			return false, nil
		}
		cols[i] = jr.Ordinal - nlc
		if !arrow.TypeEqual(rs.Field(cols[i]).Type, sqltypes.ToArrow(g.DataType())) {
			return false, nil
		}
	}
	left, err := run(join.Left, env)
	if err != nil || len(left) == 0 {
		return false, err
	}
	right, err := run(join.Right, env)
	if err != nil {
		return false, err
	}
	r, err := Concat(rs, right)
	if err != nil {
		return false, err
	}
	nr := int(r.NumRows())
	rk, err := evalAll(join.RightKeys, r, env)
	if err != nil {
		return false, err
	}
	t, built := buildIntJoin(rk, nr)
	if !built {
		return false, nil
	}
	src := make([]arrow.Array, len(cols))
	for i, c := range cols {
		src[i] = r.Column(c)
	}
	probed := make([][]int32, len(left))
	for bi, l := range left {
		lk, err := evalAll(join.LeftKeys, l, env)
		if err != nil {
			return false, err
		}
		_, ri, isInt := t.probe(lk, int(l.NumRows()))
		if !isInt {
			return false, nil
		}
		probed[bi] = ri
	}
	for _, ri := range probed {
		if err := st.updateGathered(src, ri); err != nil {
			return true, err
		}
	}
	return true, nil
}

// updateGathered folds rows whose group keys are rows rows of the src
// columns into a state whose aggregates take no argument (count(*)).
func (s *AggState) updateGathered(src []arrow.Array, rows []int32) error {
	if len(rows) == 0 {
		return nil
	}
	n := src[0].Len()
	srcID := make([]int32, n)
	for i := range srcID {
		srcID[i] = -1
	}
	var order []int32 // distinct source rows in order of first appearance
	for _, r := range rows {
		if srcID[r] == -1 {
			srcID[r] = -2
			order = append(order, r)
		}
	}
	keys := make([]arrow.Array, len(src))
	for i, c := range src {
		k, err := takeArray(c, nil, order)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	ids, first := s.table.ids(keys, len(order), nil)
	if err := s.addGroups(keys, first); err != nil {
		return err
	}
	for p, r := range order {
		srcID[r] = ids[p]
	}
	rowIDs := make([]int32, len(rows))
	for k, r := range rows {
		rowIDs[k] = srcID[r]
	}
	for _, a := range s.accs {
		a.update(rowIDs, nil)
	}
	s.markTouched(ids)
	return nil
}
