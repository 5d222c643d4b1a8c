package expr

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// resolvable is implemented by nodes that check and type themselves once
// their children are resolved (inserting casts, looking up functions).
type resolvable interface {
	resolve() (Expr, error)
}

// Resolve binds every column reference in e to the input attributes and
// type-checks the tree bottom-up. Errors are AnalysisExceptions with Spark's
// error classes.
func Resolve(e Expr, input []Attribute) (Expr, error) {
	switch x := e.(type) {
	case *UnresolvedAttribute:
		return ResolveName(x.NameParts, input)
	case *AttributeRef:
		for i, a := range input {
			if a.ID == x.Attr.ID {
				return &BoundRef{Ordinal: i, Attr: a}, nil
			}
		}
		name := []string{x.Attr.Name}
		if x.Attr.Qualifier != "" {
			if r, err := ResolveName(append([]string{x.Attr.Qualifier}, name...), input); err == nil {
				return r, nil
			}
		}
		return ResolveName(name, input)
	case *BoundRef:
		if x.Ordinal < len(input) && input[x.Ordinal].ID == x.Attr.ID {
			return x, nil
		}
		return Resolve(&AttributeRef{Attr: x.Attr}, input)
	case *SQLText:
		r, err := Resolve(x.Child, input)
		if err != nil && LocateSQLError != nil {
			err = LocateSQLError(err, x.Text)
		}
		return r, err
	case *Star:
		return nil, sparkerr.Analysis("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in expression `%s`.", "project")
	}
	kids := e.Children()
	_, isCall := e.(*Call)
	if len(kids) > 0 {
		nk := make([]Expr, len(kids))
		for i, k := range kids {
			if _, star := k.(*Star); star && isCall {
				nk[i] = k
				continue
			}
			r, err := Resolve(k, input)
			if err != nil {
				return nil, err
			}
			nk[i] = r
		}
		e = e.WithChildren(nk)
	}
	if r, ok := e.(resolvable); ok {
		return r.resolve()
	}
	return e, nil
}

// Candidates returns the quoted names Spark suggests for unresolved columns.
func Candidates(input []Attribute) []string {
	out := make([]string, len(input))
	single := len(input) > 0
	for _, a := range input {
		if a.Qualifier != input[0].Qualifier {
			single = false
		}
	}
	for i, a := range input {
		if a.Qualifier != "" && !single {
			out[i] = sparkerr.Quote(a.Qualifier, a.Name)
		} else {
			out[i] = sparkerr.Quote(a.Name)
		}
	}
	return out
}

// ResolveName binds a dotted name to an input column (optionally qualified)
// followed by struct field accesses.
func ResolveName(parts []string, input []Attribute) (Expr, error) {
	type match struct {
		ord  int
		rest []string
	}
	var matches []match
	if len(parts) > 1 {
		for i, a := range input {
			if a.Qualifier != "" && strings.EqualFold(a.Qualifier, parts[0]) && strings.EqualFold(a.Name, parts[1]) {
				matches = append(matches, match{i, parts[2:]})
			}
		}
	}
	if len(matches) == 0 {
		for i, a := range input {
			if strings.EqualFold(a.Name, parts[0]) {
				matches = append(matches, match{i, parts[1:]})
			}
		}
	}
	name := strings.Join(parts, ".")
	if len(matches) == 0 {
		return nil, sparkerr.UnresolvedColumn(name, Candidates(input))
	}
	if len(matches) > 1 {
		// Same column reached twice through identical ids is not ambiguous.
		same := true
		for _, m := range matches[1:] {
			if input[m.ord].ID != input[matches[0].ord].ID {
				same = false
			}
		}
		if !same {
			refs := make([]string, len(matches))
			for i, m := range matches {
				a := input[m.ord]
				if a.Qualifier != "" {
					refs[i] = sparkerr.Quote(a.Qualifier, a.Name)
				} else {
					refs[i] = sparkerr.Quote(a.Name)
				}
			}
			return nil, sparkerr.Analysis("AMBIGUOUS_REFERENCE", "Reference %s is ambiguous, could be: [%s].", sparkerr.QuoteName(name), strings.Join(refs, ", "))
		}
	}
	m := matches[0]
	attr := input[m.ord]
	if typed := parts[len(parts)-len(m.rest)-1]; typed != attr.Name {
		attr.Name = typed // Spark names the column as the query spells it
	}
	var e Expr = &BoundRef{Ordinal: m.ord, Attr: attr}
	for _, field := range m.rest {
		st, ok := e.DataType().(sqltypes.StructType)
		if !ok {
			return nil, sparkerr.Analysis("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from %s. Need a complex type [STRUCT, ARRAY, MAP] but got %s.", quoteSQL(e), quoteType(e.DataType()))
		}
		idx := st.FieldIndex(field)
		if idx < 0 {
			return nil, sparkerr.Analysis("FIELD_NOT_FOUND", "No such struct field %s in %s.", sparkerr.Quote(field), fieldList(st))
		}
		e = &GetField{Child: e, Field: st.Fields[idx].Name, Index: idx, implicitName: true}
	}
	return e, nil
}

func fieldList(st sqltypes.StructType) string {
	q := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		q[i] = sparkerr.Quote(f.Name)
	}
	return strings.Join(q, ", ")
}

func quoteSQL(e Expr) string { return "\"" + e.SQL() + "\"" }

func quoteType(t sqltypes.DataType) string { return "\"" + sqltypes.SQLString(t) + "\"" }
