package plan

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Union concatenates its inputs by position (UNION ALL).
type Union struct {
	Inputs []Node
	Attrs  []expr.Attribute
}

// NewUnion returns left UNION ALL right by position, widening column types.
func NewUnion(left, right Node) (Node, error) {
	lo, ro := left.Output(), right.Output()
	if len(lo) != len(ro) {
		return nil, sparkerr.Analysis("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same number of columns, but the first input has %d columns and the second input has %d columns.", len(lo), len(ro))
	}
	attrs := append([]expr.Attribute(nil), lo...)
	needCast := false
	for i := range lo {
		t, ok := expr.CommonType(lo[i].Type, ro[i].Type)
		if !ok || (lo[i].Type.Kind() == sqltypes.KindString) != (ro[i].Type.Kind() == sqltypes.KindString) && !(lo[i].Type.Kind() == sqltypes.KindNull || ro[i].Type.Kind() == sqltypes.KindNull) {
			if lo[i].Type.Kind() == sqltypes.KindString || ro[i].Type.Kind() == sqltypes.KindString {
				t, ok = sqltypes.StringType, true
			}
		}
		if !ok {
			return nil, sparkerr.Analysis("INCOMPATIBLE_COLUMN_TYPE", "UNION can only be performed on tables with compatible column types. The %s column of the second table is %s type which is not compatible with %s at the same column of the first table..", ordinalWord(i+1), "\""+sqltypes.CatalogString(ro[i].Type)+"\"", "\""+sqltypes.CatalogString(lo[i].Type)+"\"")
		}
		if !sqltypes.Equal(t, lo[i].Type) || !sqltypes.Equal(t, ro[i].Type) {
			needCast = true
		}
		attrs[i].Type = t
		attrs[i].Null = lo[i].Null || ro[i].Null
		attrs[i].Qualifier = ""
	}
	inputs := []Node{left, right}
	if needCast {
		for k, in := range inputs {
			var es []expr.Expr
			for i, a := range in.Output() {
				var e expr.Expr = &expr.BoundRef{Ordinal: i, Attr: a}
				if !sqltypes.Equal(a.Type, attrs[i].Type) {
					e = expr.NewAlias(expr.NewCast(e, attrs[i].Type), a.Name)
				}
				es = append(es, e)
			}
			p, err := NewProject(in, es)
			if err != nil {
				return nil, err
			}
			inputs[k] = p
		}
	}
	return &Union{Inputs: inputs, Attrs: attrs}, nil
}

// NewUnionByName reorders right's columns to match left's names. With
// allowMissing, columns missing on either side are filled with nulls.
func NewUnionByName(left, right Node, allowMissing bool) (Node, error) {
	lo, ro := left.Output(), right.Output()
	var es []expr.Expr
	for _, a := range lo {
		found := false
		for j, b := range ro {
			if strings.EqualFold(a.Name, b.Name) {
				es = append(es, &expr.BoundRef{Ordinal: j, Attr: b})
				found = true
				break
			}
		}
		if !found {
			if !allowMissing {
				return nil, sparkerr.Analysis("", "Cannot resolve column name \"%s\" among (%s).", a.Name, strings.Join(Schema(right).FieldNames(), ", "))
			}
			es = append(es, expr.NewAlias(expr.TypedLit(nil, a.Type), a.Name))
		}
	}
	if len(lo) != len(ro) && !allowMissing {
		return nil, sparkerr.Analysis("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same number of columns, but the first input has %d columns and the second input has %d columns.", len(lo), len(ro))
	}
	if allowMissing {
		var extra []expr.Expr
		for j, b := range ro {
			found := false
			for _, a := range lo {
				if strings.EqualFold(a.Name, b.Name) {
					found = true
				}
			}
			if !found {
				es = append(es, &expr.BoundRef{Ordinal: j, Attr: b})
				extra = append(extra, expr.NewAlias(expr.TypedLit(nil, b.Type), b.Name))
			}
		}
		if len(extra) > 0 {
			var les []expr.Expr
			for i, a := range lo {
				les = append(les, &expr.BoundRef{Ordinal: i, Attr: a})
			}
			l, err := NewProject(left, append(les, extra...))
			if err != nil {
				return nil, err
			}
			left = l
		}
	}
	r, err := NewProject(right, es)
	if err != nil {
		return nil, err
	}
	return NewUnion(left, r)
}

func ordinalWord(i int) string {
	switch i {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	}
	return formatInt(int64(i)) + "th"
}

// Output returns the first input's columns with widened types.
func (u *Union) Output() []expr.Attribute { return u.Attrs }

// Children returns the inputs.
func (u *Union) Children() []Node { return u.Inputs }

// Describe returns "Union".
func (u *Union) Describe() string { return "Union false, false" }
