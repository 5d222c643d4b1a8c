package plan

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Join types, as Spark names them internally.
const (
	JoinInner    = "inner"
	JoinLeft     = "left"
	JoinRight    = "right"
	JoinFull     = "full"
	JoinLeftSemi = "left_semi"
	JoinLeftAnti = "left_anti"
	JoinCross    = "cross"
)

// NormalizeJoinType maps Spark's accepted spellings ("leftouter",
// "left_outer", "outer", "semi", ...) onto the join type constants.
func NormalizeJoinType(how string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(how, "_", "")) {
	case "inner", "":
		return JoinInner, nil
	case "left", "leftouter":
		return JoinLeft, nil
	case "right", "rightouter":
		return JoinRight, nil
	case "full", "outer", "fullouter":
		return JoinFull, nil
	case "leftsemi", "semi":
		return JoinLeftSemi, nil
	case "leftanti", "anti":
		return JoinLeftAnti, nil
	case "cross":
		return JoinCross, nil
	}
	return "", sparkerr.IllegalArgument("Unsupported join type '%s'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.", how)
}

// Join is a hash join on equality keys (LeftKeys[i] = RightKeys[i]) with an
// optional residual condition over the concatenated row; without keys it is
// a nested-loop join.
type Join struct {
	Left, Right Node
	Type        string
	Cond        expr.Expr // full condition over left++right, or nil
	LeftKeys    []expr.Expr
	RightKeys   []expr.Expr
	Residual    expr.Expr // over left++right, or nil
	Attrs       []expr.Attribute
}

// NewJoin joins on an expression (nil for a cross join).
func NewJoin(left, right Node, cond expr.Expr, how string) (Node, error) {
	jt, err := NormalizeJoinType(how)
	if err != nil {
		return nil, err
	}
	right = dedupRight(left, right)
	j := &Join{Left: left, Right: right, Type: jt}
	both := append(append([]expr.Attribute(nil), left.Output()...), right.Output()...)
	if cond != nil {
		r, err := expr.Resolve(cond, both)
		if err != nil {
			return nil, err
		}
		if k := r.DataType().Kind(); k != sqltypes.KindBoolean {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Cannot resolve \"%s\" due to data type mismatch: join condition must be boolean.", r.SQL())
		}
		j.Cond = r
		j.splitKeys(r, len(left.Output()))
	}
	j.Attrs = joinOutput(left.Output(), right.Output(), jt)
	return j, nil
}

// NewJoinUsing joins on equally named columns, which appear once in the
// output (coalesced for full outer joins), followed by the other columns.
func NewJoinUsing(left, right Node, cols []string, how string) (Node, error) {
	jt, err := NormalizeJoinType(how)
	if err != nil {
		return nil, err
	}
	right = dedupRight(left, right)
	lo, ro := left.Output(), right.Output()
	j := &Join{Left: left, Right: right, Type: jt}
	lidx := make(map[int]bool)
	ridx := make(map[int]bool)
	var out []expr.Expr
	for _, c := range cols {
		li, ri := findCol(lo, c), findCol(ro, c)
		if li < 0 {
			return nil, sparkerr.Analysis("UNRESOLVED_USING_COLUMN_FOR_JOIN", "USING column %s cannot be resolved on the left side of the join. The left-side columns: [%s].", sparkerr.Quote(c), strings.Join(expr.Candidates(lo), ", "))
		}
		if ri < 0 {
			return nil, sparkerr.Analysis("UNRESOLVED_USING_COLUMN_FOR_JOIN", "USING column %s cannot be resolved on the right side of the join. The right-side columns: [%s].", sparkerr.Quote(c), strings.Join(expr.Candidates(ro), ", "))
		}
		lk, rk := expr.Expr(&expr.BoundRef{Ordinal: li, Attr: lo[li]}), expr.Expr(&expr.BoundRef{Ordinal: ri, Attr: ro[ri]})
		if t, ok := expr.CommonType(lo[li].Type, ro[ri].Type); ok {
			if !sqltypes.Equal(t, lo[li].Type) {
				lk = expr.NewCast(lk, t)
			}
			if !sqltypes.Equal(t, ro[ri].Type) {
				rk = expr.NewCast(rk, t)
			}
		}
		j.LeftKeys = append(j.LeftKeys, lk)
		j.RightKeys = append(j.RightKeys, rk)
		lidx[li], ridx[ri] = true, true
		lref := &expr.BoundRef{Ordinal: li, Attr: lo[li]}
		rref := &expr.BoundRef{Ordinal: len(lo) + ri, Attr: ro[ri]}
		switch jt {
		case JoinRight:
			out = append(out, rref)
		case JoinFull:
			out = append(out, expr.NewAlias(expr.NewCoalesce(lref, rref), lo[li].Name))
		default:
			out = append(out, lref)
		}
	}
	j.Attrs = joinOutput(lo, ro, jt)
	for i := range lo {
		if !lidx[i] {
			out = append(out, &expr.BoundRef{Ordinal: i, Attr: j.Attrs[i]})
		}
	}
	if jt != JoinLeftSemi && jt != JoinLeftAnti {
		for i := range ro {
			if !ridx[i] {
				out = append(out, &expr.BoundRef{Ordinal: len(lo) + i, Attr: j.Attrs[len(lo)+i]})
			}
		}
	}
	for i, e := range out {
		if r, ok := e.(*expr.BoundRef); ok {
			r.Attr = j.Attrs[r.Ordinal]
			out[i] = r
		}
	}
	return NewProject(j, out)
}

func findCol(attrs []expr.Attribute, name string) int {
	for i, a := range attrs {
		if strings.EqualFold(a.Name, name) {
			return i
		}
	}
	return -1
}

func joinOutput(lo, ro []expr.Attribute, jt string) []expr.Attribute {
	var out []expr.Attribute
	for _, a := range lo {
		if jt == JoinRight || jt == JoinFull {
			a.Null = true
		}
		out = append(out, a)
	}
	if jt == JoinLeftSemi || jt == JoinLeftAnti {
		return out
	}
	for _, a := range ro {
		if jt == JoinLeft || jt == JoinFull {
			a.Null = true
		}
		out = append(out, a)
	}
	return out
}

// dedupRight gives the right side fresh attribute ids when it shares ids
// with the left (a self-join), as Spark's analyzer does.
func dedupRight(left, right Node) Node {
	ids := map[int64]bool{}
	for _, a := range left.Output() {
		ids[a.ID] = true
	}
	clash := false
	for _, a := range right.Output() {
		if ids[a.ID] {
			clash = true
		}
	}
	if !clash {
		return right
	}
	var es []expr.Expr
	for i, a := range right.Output() {
		al := expr.NewAlias(&expr.BoundRef{Ordinal: i, Attr: a}, a.Name)
		es = append(es, al)
	}
	p, err := NewProject(right, es)
	if err != nil {
		return right
	}
	pp := p.(*Project)
	for i := range pp.Attrs {
		pp.Attrs[i].Qualifier = right.Output()[i].Qualifier
	}
	return pp
}

// splitKeys extracts equality conjuncts with one side on each input.
func (j *Join) splitKeys(cond expr.Expr, nLeft int) {
	var residual []expr.Expr
	for _, c := range conjuncts(cond) {
		if cmp, ok := c.(*expr.Comparison); ok && (cmp.Op == "=" || cmp.Op == "<=>") && cmp.Op == "=" {
			ls, rs := side(cmp.L, nLeft), side(cmp.R, nLeft)
			if ls == 1 && rs == 2 {
				j.LeftKeys = append(j.LeftKeys, cmp.L)
				j.RightKeys = append(j.RightKeys, shift(cmp.R, nLeft))
				continue
			}
			if ls == 2 && rs == 1 {
				j.LeftKeys = append(j.LeftKeys, cmp.R)
				j.RightKeys = append(j.RightKeys, shift(cmp.L, nLeft))
				continue
			}
		}
		residual = append(residual, c)
	}
	for _, r := range residual {
		if j.Residual == nil {
			j.Residual = r
		} else {
			j.Residual = &expr.Logical{Op: "AND", L: j.Residual, R: r}
		}
	}
}

func conjuncts(e expr.Expr) []expr.Expr {
	if l, ok := e.(*expr.Logical); ok && l.Op == "AND" {
		return append(conjuncts(l.L), conjuncts(l.R)...)
	}
	return []expr.Expr{e}
}

// side returns 1 when e references only the left input, 2 only the right,
// 0 for none and 3 for both.
func side(e expr.Expr, nLeft int) int {
	s := 0
	expr.Walk(e, func(x expr.Expr) bool {
		if r, ok := x.(*expr.BoundRef); ok {
			if r.Ordinal < nLeft {
				s |= 1
			} else {
				s |= 2
			}
		}
		return true
	})
	return s
}

func shift(e expr.Expr, nLeft int) expr.Expr {
	return expr.Transform(e, func(x expr.Expr) expr.Expr {
		if r, ok := x.(*expr.BoundRef); ok {
			return &expr.BoundRef{Ordinal: r.Ordinal - nLeft, Attr: r.Attr}
		}
		return x
	})
}

// Output returns the joined columns.
func (j *Join) Output() []expr.Attribute { return j.Attrs }

// Children returns both inputs.
func (j *Join) Children() []Node { return []Node{j.Left, j.Right} }

// Describe returns "Join Inner, cond".
func (j *Join) Describe() string {
	s := "Join " + strings.ToUpper(j.Type[:1]) + j.Type[1:]
	if j.Cond != nil {
		s += ", " + j.Cond.SQL()
	}
	return s
}
