package bind

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
)

// Locate adds Spark's position suffix "; line L pos P" to an analysis error
// about a column or function that the SQL text names: Spark reports where
// in the text the unresolved name starts. root is the parsed *Query or Expr
// of the text. Other errors are returned unchanged.
func Locate(root any, err error) error {
	var se *sparkerr.Error
	if !errors.As(err, &se) || se.Exception != "AnalysisException" || strings.Contains(se.Message, "; line ") {
		return err
	}
	var match func(sqlparser.Expr) bool
	switch {
	case strings.HasPrefix(se.Class, "UNRESOLVED_COLUMN"), se.Class == "AMBIGUOUS_REFERENCE":
		name, ok := between(se.Message, "with name ", " cannot be resolved")
		if se.Class == "AMBIGUOUS_REFERENCE" {
			name, ok = between(se.Message, "Reference ", " is ambiguous")
		}
		if !ok {
			return err
		}
		match = func(e sqlparser.Expr) bool {
			c, ok := e.(*sqlparser.ColumnRef)
			return ok && strings.EqualFold(sparkerr.QuoteName(strings.Join(c.Parts, ".")), name)
		}
	case se.Class == "UNRESOLVED_ROUTINE":
		name, ok := between(se.Message, "Cannot resolve function ", " on search path")
		if !ok {
			return err
		}
		match = func(e sqlparser.Expr) bool {
			c, ok := e.(*sqlparser.FuncCall)
			return ok && strings.EqualFold(sparkerr.Quote(c.Name...), name)
		}
	case se.Class == "TABLE_OR_VIEW_NOT_FOUND":
		name, ok := between(se.Message, "The table or view ", " cannot be found")
		if !ok {
			return err
		}
		if q, ok := root.(*sqlparser.Query); ok {
			if at, ok := findTable(q, name); ok {
				return withPos(se, at)
			}
		}
		return err
	default:
		return err
	}
	var found []sqlparser.Pos
	sqlparser.Inspect(root, func(e sqlparser.Expr) bool {
		if match(e) {
			found = append(found, e.Position())
		}
		return true
	})
	if len(found) == 0 {
		return err
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Offset < found[j].Offset })
	return withPos(se, found[0])
}

// atPos adds the position suffix to an analysis error of a whole operator.
func atPos(err error, at sqlparser.Pos) error {
	var se *sparkerr.Error
	if !errors.As(err, &se) || se.Exception != "AnalysisException" || strings.Contains(se.Message, "; line ") {
		return err
	}
	return withPos(se, at)
}

func withPos(se *sparkerr.Error, at sqlparser.Pos) error {
	return &sparkerr.Error{Exception: se.Exception, Class: se.Class,
		Message: se.Message + "; line " + strconv.Itoa(at.Line) + " pos " + strconv.Itoa(at.Col)}
}

// findTable returns the position of the first FROM reference to the quoted
// table name.
func findTable(q *sqlparser.Query, quoted string) (sqlparser.Pos, bool) {
	var best *sqlparser.Pos
	var visitRel func(r sqlparser.Relation)
	var visitQuery func(q *sqlparser.Query)
	var visitBody func(b sqlparser.QueryBody)
	visitRel = func(r sqlparser.Relation) {
		switch x := r.(type) {
		case *sqlparser.TableRef:
			if strings.EqualFold(sparkerr.QuoteName(strings.Join(x.Name, ".")), quoted) && (best == nil || x.At.Offset < best.Offset) {
				at := x.At
				best = &at
			}
		case *sqlparser.SubqueryRef:
			visitQuery(x.Query)
		case *sqlparser.Join:
			visitRel(x.Left)
			visitRel(x.Right)
		}
	}
	visitBody = func(b sqlparser.QueryBody) {
		switch x := b.(type) {
		case *sqlparser.Select:
			for _, r := range x.From {
				visitRel(r)
			}
		case *sqlparser.SetOp:
			visitBody(x.Left)
			visitBody(x.Right)
		case *sqlparser.Query:
			visitQuery(x)
		}
	}
	visitQuery = func(q *sqlparser.Query) {
		for _, c := range q.With {
			visitQuery(c.Query)
		}
		visitBody(q.Body)
	}
	visitQuery(q)
	if best == nil {
		return sqlparser.Pos{}, false
	}
	return *best, true
}

// between returns the text of s between the first before and the next after.
func between(s, before, after string) (string, bool) {
	i := strings.Index(s, before)
	if i < 0 {
		return "", false
	}
	rest := s[i+len(before):]
	j := strings.Index(rest, after)
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// locateTypeError adds the position suffix to a DATATYPE_MISMATCH error: the
// expression named in the message is looked up among the bound expressions.
func (b *binder) locateTypeError(err error) error {
	var se *sparkerr.Error
	if !errors.As(err, &se) || se.Exception != "AnalysisException" || !strings.HasPrefix(se.Class, "DATATYPE_MISMATCH") || strings.Contains(se.Message, "; line ") {
		return err
	}
	text, ok := between(se.Message, "Cannot resolve \"", "\" due to")
	if !ok {
		return err
	}
	var best *sqlparser.Pos
	for x, at := range b.origins {
		if x.SQL() == text && (best == nil || at.Offset < best.Offset) {
			at := at
			best = &at
		}
	}
	if best == nil {
		return err
	}
	return withPos(se, *best)
}
