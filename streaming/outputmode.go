package streaming

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// normalizeOutputMode checks an output mode name as Spark's
// InternalOutputModes.apply does.
func normalizeOutputMode(m string) (string, error) {
	switch strings.ToLower(m) {
	case "append", "":
		return "append", nil
	case "update":
		return "update", nil
	case "complete":
		return "complete", nil
	}
	return "", illegalArgument("Unknown output mode %s. Accepted output modes are 'append', 'complete', 'update'", m)
}

// unsupported is Spark's UnsupportedOperationChecker error: an
// AnalysisException whose message ends with the offending plan.
func unsupported(msg string, n plan.Node) error {
	return sparkerr.Analysis("", "%s;\n%s", msg, strings.TrimRight(plan.Explain(n), "\n"))
}

// validateOutputMode applies Spark 3.5's output-mode rules for streaming
// queries (UnsupportedOperationChecker.checkForStreaming) with its messages.
func validateOutputMode(root plan.Node, mode string) error {
	var aggs []*plan.Aggregate
	var walk func(n plan.Node)
	walk = func(n plan.Node) {
		if a, ok := n.(*plan.Aggregate); ok && plan.IsStreaming(a.Child) {
			aggs = append(aggs, a)
		}
		for _, k := range n.Children() {
			walk(k)
		}
	}
	walk(root)
	if len(aggs) > 1 && mode != "append" {
		return unsupported("Multiple streaming aggregations are not supported with streaming DataFrames/Datasets", root)
	}
	switch mode {
	case "append":
		for _, a := range aggs {
			if !aggregateHasWatermark(a) {
				return unsupported("Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark", root)
			}
		}
	case "complete":
		if len(aggs) == 0 {
			return unsupported("Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets", root)
		}
	}
	if len(aggs) > 1 {
		return unsupported("Multiple streaming aggregations are not supported with streaming DataFrames/Datasets", root)
	}
	var err error
	var check func(n plan.Node, aboveAgg bool)
	check = func(n plan.Node, underAgg bool) {
		if err != nil || !plan.IsStreaming(n) {
			return
		}
		switch x := n.(type) {
		case *plan.Sort:
			if !(mode == "complete" && containsAggregate(x.Child)) {
				err = unsupported("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode", n)
				return
			}
		case *plan.Limit:
			if mode == "update" {
				err = unsupported("Limits are not supported on streaming DataFrames/Datasets in Update output mode", n)
				return
			}
		case *plan.Join:
			if plan.IsStreaming(x.Left) && plan.IsStreaming(x.Right) {
				if mode == "update" {
					err = unsupported("Join between two streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode", n)
					return
				}
			}
			if x.Type == plan.JoinFull && !(plan.IsStreaming(x.Left) && plan.IsStreaming(x.Right)) {
				err = unsupported("FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported", n)
				return
			}
			if plan.IsStreaming(x.Right) && !plan.IsStreaming(x.Left) && (x.Type == plan.JoinLeft || x.Type == plan.JoinLeftAnti) {
				err = unsupported("LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported", n)
				return
			}
			if plan.IsStreaming(x.Left) && !plan.IsStreaming(x.Right) && x.Type == plan.JoinRight {
				err = unsupported("RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/Dataset on the right is not supported", n)
				return
			}
		case *plan.Aggregate:
			for _, f := range x.Aggs {
				if f.Distinct {
					err = unsupported("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.", n)
					return
				}
			}
		}
		for _, k := range n.Children() {
			check(k, underAgg)
		}
	}
	check(root, false)
	return err
}

func containsAggregate(n plan.Node) bool {
	if _, ok := n.(*plan.Aggregate); ok {
		return true
	}
	for _, k := range n.Children() {
		if containsAggregate(k) {
			return true
		}
	}
	return false
}

// aggregateHasWatermark reports whether an aggregation groups by the
// withWatermark column or a window over it, so that append mode can tell
// when a group is final.
func aggregateHasWatermark(a *plan.Aggregate) bool {
	wm := findWatermark(a.Child)
	if wm == nil {
		return false
	}
	for _, g := range a.Groups {
		found := false
		expr.Walk(g, func(x expr.Expr) bool {
			if r, ok := x.(*expr.BoundRef); ok && r.Attr.Name == wm.Col {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
