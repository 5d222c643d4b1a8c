package dataframe

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// GroupedData is the result of GroupBy: call an aggregation on it.
type GroupedData struct {
	df     *DataFrame
	groups []expr.Expr
	err    error
}

func (g *GroupedData) aggregate(aggs []expr.Expr) *DataFrame {
	if g.err != nil {
		return g.df.session.ErrDataFrame(g.err)
	}
	return g.df.derive(func(p plan.Node) (plan.Node, error) {
		results := append(append([]expr.Expr{}, g.groups...), aggs...)
		return plan.NewAggregate(p, g.groups, results)
	})
}

// Agg computes aggregate Columns (F.Count, F.Sum, ...) per group; the result
// has the grouping columns followed by the aggregates. A map[string]string
// of column → function is accepted too, as in PySpark.
func (g *GroupedData) Agg(cols ...any) *DataFrame {
	var aggs []expr.Expr
	for _, c := range cols {
		switch x := c.(type) {
		case map[string]string:
			for col, fn := range x {
				aggs = append(aggs, expr.NewCall(fn, starOrCol(col)))
			}
		default:
			e, err := ToLitExpr(c)
			if err != nil {
				return g.df.session.ErrDataFrame(err)
			}
			aggs = append(aggs, e)
		}
	}
	return g.aggregate(aggs)
}

func starOrCol(name string) expr.Expr {
	if name == "*" {
		return &expr.Star{}
	}
	return expr.Col(name)
}

// Count counts rows per group into a column named count.
func (g *GroupedData) Count() *DataFrame {
	return g.aggregate([]expr.Expr{expr.NewAlias(expr.NewCall("count", &expr.Star{}), "count")})
}

func (g *GroupedData) numeric(fn string, cols []string) *DataFrame {
	if g.err != nil || g.df.err != nil {
		return g.aggregate(nil)
	}
	var aggs []expr.Expr
	if len(cols) == 0 {
		in := g.df.plan.Output()
		for _, a := range in {
			if sqltypes.IsNumeric(a.Type) {
				aggs = append(aggs, expr.NewCall(fn, &expr.AttributeRef{Attr: a}))
			}
		}
	}
	for _, c := range cols {
		r, err := expr.Resolve(expr.Col(c), g.df.plan.Output())
		if err != nil {
			return g.df.session.ErrDataFrame(err)
		}
		if !sqltypes.IsNumeric(r.DataType()) {
			return g.df.session.ErrDataFrame(sparkerr.Analysis("", "\"%s\" is not a numeric column. Aggregation function can only be applied on a numeric column.", c))
		}
		aggs = append(aggs, expr.NewCall(fn, expr.Col(c)))
	}
	return g.aggregate(aggs)
}

// Sum sums numeric columns (all numeric columns when none are named).
func (g *GroupedData) Sum(cols ...string) *DataFrame { return g.numeric("sum", cols) }

// Avg averages numeric columns.
func (g *GroupedData) Avg(cols ...string) *DataFrame { return g.numeric("avg", cols) }

// Mean is Avg.
func (g *GroupedData) Mean(cols ...string) *DataFrame { return g.numeric("avg", cols) }

// Min takes the minimum of numeric columns.
func (g *GroupedData) Min(cols ...string) *DataFrame { return g.numeric("min", cols) }

// Max takes the maximum of numeric columns.
func (g *GroupedData) Max(cols ...string) *DataFrame { return g.numeric("max", cols) }
