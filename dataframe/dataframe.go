package dataframe

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// DataFrame is a lazily evaluated, analyzed query. Builders return a new
// DataFrame; an invalid one carries its error (Err) and every action on it
// returns that error.
type DataFrame struct {
	session *Session
	plan    plan.Node
	err     error
}

// Err returns the error that made this DataFrame invalid, or nil.
func (df *DataFrame) Err() error { return df.err }

// Plan returns the analyzed logical plan (nil when Err is set).
func (df *DataFrame) Plan() plan.Node { return df.plan }

// Session returns the DataFrame's session.
func (df *DataFrame) Session() *Session { return df.session }

func (df *DataFrame) derive(f func(p plan.Node) (plan.Node, error)) *DataFrame {
	if df == nil {
		return ActiveSession().ErrDataFrame(sparkerr.IllegalArgument("DataFrame is nil"))
	}
	if df.err != nil {
		return df
	}
	p, err := safely(func() (plan.Node, error) { return f(df.plan) })
	if err != nil {
		return df.session.ErrDataFrame(err)
	}
	return &DataFrame{session: df.session, plan: p}
}

func toExprs(cols []any) ([]expr.Expr, error) {
	if len(cols) == 1 {
		if xs := expandSlice(cols[0]); xs != nil {
			cols = xs
		}
	}
	out := make([]expr.Expr, 0, len(cols))
	for _, c := range cols {
		e, err := ToExpr(c)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Select projects columns: names, "*", "data.*" or Columns.
func (df *DataFrame) Select(cols ...any) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		es, err := toExprs(cols)
		if err != nil {
			return nil, err
		}
		return plan.NewProject(p, es)
	})
}

// ParseExpr parses a Spark SQL expression with the registered SQL binder.
// The result remembers its text, so that analysis errors carry Spark's
// "; line 1 pos N" position.
func ParseExpr(text string) (expr.Expr, error) {
	if ExprHook == nil {
		return nil, sparkerr.Parse("", "SQL expressions are not available: no SQL parser is registered (%q).", text)
	}
	e, err := ExprHook(text)
	if err != nil {
		return nil, err
	}
	if _, star := e.(*expr.Star); star {
		return e, nil
	}
	return &expr.SQLText{Child: e, Text: text}, nil
}

func init() {
	expr.LocateSQLError = func(err error, text string) error { return LocateSQLError(err, text) }
}

// SelectExpr projects SQL expressions: "CAST(value AS STRING)", "a + 1 AS b".
func (df *DataFrame) SelectExpr(exprs ...string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		es := make([]expr.Expr, len(exprs))
		for i, s := range exprs {
			e, err := ParseExpr(s)
			if err != nil {
				return nil, err
			}
			es[i] = e
		}
		return plan.NewProject(p, es)
	})
}

// Filter keeps rows matching a Column condition or a SQL string.
func (df *DataFrame) Filter(cond any) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		var e expr.Expr
		var err error
		if s, ok := cond.(string); ok {
			e, err = ParseExpr(s)
		} else {
			e, err = ToLitExpr(cond)
		}
		if err != nil {
			return nil, err
		}
		return plan.NewFilter(p, e)
	})
}

// Where is Filter.
func (df *DataFrame) Where(cond any) *DataFrame { return df.Filter(cond) }

// WithColumn adds or replaces a column.
func (df *DataFrame) WithColumn(name string, col Column) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		if col.err != nil {
			return nil, col.err
		}
		var es []expr.Expr
		replaced := false
		for i, a := range p.Output() {
			if strings.EqualFold(a.Name, name) {
				es = append(es, expr.NewAlias(col.expr, name))
				replaced = true
				continue
			}
			es = append(es, &expr.BoundRef{Ordinal: i, Attr: a})
		}
		if !replaced {
			es = append(es, expr.NewAlias(col.expr, name))
		}
		return plan.NewProject(p, es)
	})
}

// WithColumns adds or replaces several columns.
func (df *DataFrame) WithColumns(cols map[string]Column) *DataFrame {
	out := df
	for k, v := range cols {
		out = out.WithColumn(k, v)
	}
	return out
}

// WithColumnRenamed renames a column (no-op when it does not exist).
func (df *DataFrame) WithColumnRenamed(existing, newName string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		var es []expr.Expr
		found := false
		for i, a := range p.Output() {
			ref := &expr.BoundRef{Ordinal: i, Attr: a}
			if strings.EqualFold(a.Name, existing) {
				es = append(es, expr.NewAlias(ref, newName))
				found = true
				continue
			}
			es = append(es, ref)
		}
		if !found {
			return p, nil
		}
		return plan.NewProject(p, es)
	})
}

// ToDF renames every column.
func (df *DataFrame) ToDF(names ...string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		out := p.Output()
		if len(names) != len(out) {
			return nil, sparkerr.IllegalArgument("requirement failed: The number of columns doesn't match.\nOld column names (%d): %s\nNew column names (%d): %s", len(out), strings.Join(plan.Schema(p).FieldNames(), ", "), len(names), strings.Join(names, ", "))
		}
		var es []expr.Expr
		for i, a := range out {
			es = append(es, expr.NewAlias(&expr.BoundRef{Ordinal: i, Attr: a}, names[i]))
		}
		return plan.NewProject(p, es)
	})
}

// Drop removes columns by name or Column; unknown names are ignored.
func (df *DataFrame) Drop(cols ...any) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		drop := map[int]bool{}
		out := p.Output()
		for _, c := range cols {
			switch x := c.(type) {
			case string:
				for i, a := range out {
					if strings.EqualFold(a.Name, x) {
						drop[i] = true
					}
				}
			case Column:
				if x.err != nil {
					return nil, x.err
				}
				r, err := expr.Resolve(x.expr, out)
				if err != nil {
					continue
				}
				if ref, ok := r.(*expr.BoundRef); ok {
					drop[ref.Ordinal] = true
				}
			}
		}
		var es []expr.Expr
		for i, a := range out {
			if !drop[i] {
				es = append(es, &expr.BoundRef{Ordinal: i, Attr: a})
			}
		}
		return plan.NewProject(p, es)
	})
}

// Alias qualifies the DataFrame's columns with a name, for joins.
func (df *DataFrame) Alias(name string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewSubqueryAlias(p, name), nil })
}

// Columns returns the column names.
func (df *DataFrame) Columns() []string {
	if df.err != nil {
		return nil
	}
	return plan.Schema(df.plan).FieldNames()
}

// Schema returns the schema.
func (df *DataFrame) Schema() StructType {
	if df.err != nil {
		return StructType{}
	}
	return plan.Schema(df.plan)
}

// DTypes returns (name, simple type) pairs.
func (df *DataFrame) DTypes() [][2]string {
	var out [][2]string
	for _, f := range df.Schema().Fields {
		out = append(out, [2]string{f.Name, f.DataType.SimpleString()})
	}
	return out
}

// Col returns a reference to one of this DataFrame's columns (df["x"]),
// bound to it so that joins with same-named columns stay unambiguous.
func (df *DataFrame) Col(name string) Column {
	if df.err != nil {
		return Column{err: df.err}
	}
	if name == "*" {
		return Column{expr: &expr.Star{}}
	}
	r, err := expr.ResolveName(expr.SplitName(name), df.plan.Output())
	if err != nil {
		return ErrColumn(err)
	}
	if ref, ok := r.(*expr.BoundRef); ok {
		return Column{expr: &expr.AttributeRef{Attr: ref.Attr}}
	}
	return Column{expr: expr.Col(name)}
}

// IsStreaming reports whether the DataFrame reads a streaming source.
func (df *DataFrame) IsStreaming() bool { return df.err == nil && plan.IsStreaming(df.plan) }

// GroupBy groups by columns for aggregation.
func (df *DataFrame) GroupBy(cols ...any) *GroupedData {
	es, err := toExprs(cols)
	if err != nil {
		reportError(err)
	}
	return &GroupedData{df: df, groups: es, err: err}
}

// GroupByKey is GroupBy (alias used by some ports).
func (df *DataFrame) GroupByKey(cols ...any) *GroupedData { return df.GroupBy(cols...) }

// Agg aggregates the whole DataFrame: df.groupBy().agg(...).
func (df *DataFrame) Agg(cols ...any) *DataFrame { return df.GroupBy().Agg(cols...) }

// Join joins with other on a column name, a list of names ([]string) or a
// Column condition; how is inner (default), left, right, full, left_semi,
// left_anti or cross, in any of Spark's spellings.
func (df *DataFrame) Join(other *DataFrame, on any, how ...string) *DataFrame {
	if other == nil {
		return nilOther(other)
	}
	if other.err != nil {
		return other
	}
	h := "inner"
	if len(how) > 0 {
		h = how[0]
	}
	return df.derive(func(p plan.Node) (plan.Node, error) {
		switch x := on.(type) {
		case nil:
			if len(how) == 0 {
				h = "cross"
			}
			return plan.NewJoin(p, other.plan, nil, h)
		case string:
			return plan.NewJoinUsing(p, other.plan, []string{x}, h)
		case []string:
			return plan.NewJoinUsing(p, other.plan, x, h)
		case Column:
			if x.err != nil {
				return nil, x.err
			}
			return plan.NewJoin(p, other.plan, x.expr, h)
		}
		return nil, sparkerr.IllegalArgument("join: on must be a column name, a list of names or a Column, got %T", on)
	})
}

// CrossJoin is a join without a condition.
func (df *DataFrame) CrossJoin(other *DataFrame) *DataFrame { return df.Join(other, nil, "cross") }

// Union appends other's rows by column position (UNION ALL).
func (df *DataFrame) Union(other *DataFrame) *DataFrame {
	if other == nil {
		return nilOther(other)
	}
	if other.err != nil {
		return other
	}
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewUnion(p, other.plan) })
}

// UnionAll is Union.
func (df *DataFrame) UnionAll(other *DataFrame) *DataFrame { return df.Union(other) }

// UnionByName appends other's rows matching columns by name; an optional
// true allows missing columns (filled with nulls).
func (df *DataFrame) UnionByName(other *DataFrame, allowMissingColumns ...bool) *DataFrame {
	if other == nil {
		return nilOther(other)
	}
	if other.err != nil {
		return other
	}
	allow := len(allowMissingColumns) > 0 && allowMissingColumns[0]
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewUnionByName(p, other.plan, allow) })
}

// OrderBy sorts by columns (names or Columns with Asc/Desc).
func (df *DataFrame) OrderBy(cols ...any) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		es, err := toExprs(cols)
		if err != nil {
			return nil, err
		}
		orders := make([]plan.SortOrder, len(es))
		for i, e := range es {
			if k, ok := e.(*expr.SortKey); ok {
				orders[i] = plan.SortOrder{Expr: k.Child, Ascending: k.Ascending, NullsFirst: k.NullsFirst}
			} else {
				orders[i] = plan.SortOrder{Expr: e, Ascending: true, NullsFirst: true}
			}
		}
		return plan.NewSort(p, orders)
	})
}

// Sort is OrderBy.
func (df *DataFrame) Sort(cols ...any) *DataFrame { return df.OrderBy(cols...) }

// Limit keeps the first n rows.
func (df *DataFrame) Limit(n int) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewLimit(p, int64(n)) })
}

// Distinct removes duplicate rows.
func (df *DataFrame) Distinct() *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewDistinct(p, nil) })
}

// DropDuplicates removes rows duplicated on the given columns (all when
// none), keeping the first.
func (df *DataFrame) DropDuplicates(cols ...string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewDistinct(p, cols) })
}

// WithWatermark declares an event-time column and how late data may arrive.
func (df *DataFrame) WithWatermark(col, delay string) *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) { return plan.NewWatermark(p, col, delay) })
}

// CreateOrReplaceTempView registers the DataFrame as a view for SQL and
// spark.Table.
func (df *DataFrame) CreateOrReplaceTempView(name string) error {
	if df.err != nil {
		return df.err
	}
	df.session.catalog.RegisterView(name, df.plan)
	return nil
}

// CreateTempView registers a view, failing when it already exists.
func (df *DataFrame) CreateTempView(name string) error {
	if df.err != nil {
		return df.err
	}
	if df.session.catalog.TableExists(name) {
		err := sparkerr.Analysis("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create the temporary view %s because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.", sparkerr.QuoteName(name))
		reportError(err)
		return err
	}
	df.session.catalog.RegisterView(name, df.plan)
	return nil
}

var _ = sqltypes.Equal

// safely runs a plan builder, turning a panic into an error so that no
// builder call can bring down the kernel.
func safely(f func() (plan.Node, error)) (p plan.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, sparkerr.Analysis("INTERNAL_ERROR", "Eddy failed to analyze the query: %v", r)
		}
	}()
	return f()
}

func nilOther(other *DataFrame) *DataFrame {
	return ActiveSession().ErrDataFrame(sparkerr.IllegalArgument("[NOT_DATAFRAME] Argument `other` should be a DataFrame, got nil."))
}
