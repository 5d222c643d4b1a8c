package streaming

import (
	"strings"
	"testing"

	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// TestPruneAggregateKeepsReadColumns checks that the projection under a
// streaming aggregation is reduced to the columns the aggregation reads,
// and that the query's result is the batch aggregation's.
func TestPruneAggregateKeepsReadColumns(t *testing.T) {
	spark := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "1, x, 2.5\n2, y, 1.5\n1, z, 4.0\nbad\n")
	parts := F.Split(F.Col("value"), ", ")
	lines := spark.ReadStream().Format("text").Load(dir)
	rides := lines.Select(parts.GetItem(0).Cast("int").Alias("k"), parts.GetItem(1).Alias("name"),
		F.Upper(parts.GetItem(1)).Alias("upper"), parts.GetItem(2).Cast("double").Alias("amount"))
	agg := rides.GroupBy("k").Agg(F.Sum("amount").Alias("total"))
	x := findAggregate(agg.Plan())
	pruned := pruneAggregate(x)
	proj, ok := pruned.Child.(*plan.Project)
	if !ok || len(proj.Exprs) != 2 || proj.Attrs[0].Name != "k" || proj.Attrs[1].Name != "amount" {
		t.Fatalf("pruned child: %s", plan.Explain(pruned.Child))
	}
	q := agg.WriteStream().Format("memory").QueryName("pruned").OutputMode("complete").Trigger(AvailableNow()).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()
	if q.Exception() != nil {
		t.Fatal(q.Exception())
	}
	got := rowsText(spark.SQL("SELECT * FROM pruned").Collect())
	want := rowsText(spark.Read().Text(dir).Select(parts.GetItem(0).Cast("int").Alias("k"), parts.GetItem(2).Cast("double").Alias("amount")).
		GroupBy("k").Agg(F.Sum("amount").Alias("total")).Collect())
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != 3 {
		t.Fatalf("streaming %v, batch %v", got, want)
	}
}

func findAggregate(n plan.Node) *plan.Aggregate {
	if a, ok := n.(*plan.Aggregate); ok {
		return a
	}
	for _, k := range n.Children() {
		if a := findAggregate(k); a != nil {
			return a
		}
	}
	return nil
}
