package exec_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

var ridesSchema = sqltypes.NewStructType(
	sqltypes.NewStructField("vendor", sqltypes.StringType),
	sqltypes.NewStructField("amount", sqltypes.DoubleType),
	sqltypes.NewStructField("ts", sqltypes.TimestampType))

func batch(rows ...[]any) arrow.Record {
	b := array.NewRecordBuilder(expr.Mem, sqltypes.ToArrowSchema(ridesSchema))
	for _, r := range rows {
		for i, v := range r {
			expr.AppendValue(b.Field(i), v)
		}
	}
	return b.NewRecord()
}

func aggPlan(t *testing.T, src plan.Node) *plan.Aggregate {
	t.Helper()
	groups := []expr.Expr{expr.Col("vendor")}
	results := []expr.Expr{expr.Col("vendor"),
		expr.NewAlias(expr.NewCall("count", &expr.Star{}), "count"),
		expr.NewCall("sum", expr.Col("amount")),
		expr.NewCall("avg", expr.Col("amount")),
		expr.NewCall("max", expr.Col("amount")),
		&expr.Call{Name: "count", Args: []expr.Expr{expr.Col("amount")}, Distinct: true},
		expr.NewCall("collect_list", expr.Col("amount")),
	}
	n, err := plan.NewAggregate(src, groups, results)
	if err != nil {
		t.Fatal(err)
	}
	return n.(*plan.Aggregate)
}

func rowsText(t *testing.T, rec arrow.Record) []string {
	t.Helper()
	var out []string
	for i := 0; i < int(rec.NumRows()); i++ {
		var vals []string
		for c := 0; c < int(rec.NumCols()); c++ {
			vals = append(vals, fmt.Sprint(expr.GetValue(rec.Column(c), i)))
		}
		out = append(out, strings.Join(vals, " "))
	}
	return out
}

// The same aggregation computed in one step, as two partial states merged,
// and through a serialized state gives the same rows: the contract the
// streaming engine relies on between micro-batches and checkpoints.
func TestAggStatePartialMergeFinalAndSerialization(t *testing.T) {
	src := plan.NewStreamSource(ridesSchema, "memory", nil)
	agg := aggPlan(t, src)
	ctx := expr.DefaultContext()
	b1 := batch([]any{"a", 1.5, nil}, []any{"b", 2.0, nil}, []any{"a", nil, nil})
	b2 := batch([]any{"a", 1.5, nil}, []any{"c", 4.0, nil}, []any{nil, 1.0, nil})

	whole := exec.NewAggState(agg)
	for _, b := range []arrow.Record{b1, b2} {
		if err := whole.Update(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	want, err := whole.Final(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := rowsText(t, want)
	if len(wantRows) != 4 || wantRows[0] != "a 3 3 1.5 1.5 1 [1.5 1.5]" {
		t.Fatalf("unexpected aggregation %q", wantRows)
	}

	p1, p2 := exec.NewAggState(agg), exec.NewAggState(agg)
	if err := p1.Update(ctx, b1); err != nil {
		t.Fatal(err)
	}
	if err := p2.Update(ctx, b2); err != nil {
		t.Fatal(err)
	}
	if err := p1.Merge(p2); err != nil {
		t.Fatal(err)
	}
	merged, _ := p1.Final(ctx)
	if got := rowsText(t, merged); fmt.Sprint(got) != fmt.Sprint(wantRows) {
		t.Fatalf("merged %q, want %q", got, wantRows)
	}

	blob, err := whole.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	restored := exec.NewAggState(agg)
	if err := restored.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	again, _ := restored.Final(ctx)
	if got := rowsText(t, again); fmt.Sprint(got) != fmt.Sprint(wantRows) {
		t.Fatalf("restored %q, want %q", got, wantRows)
	}

	// The same plan runs per micro-batch: Execute with the batch supplied for
	// the streaming leaf, keeping state across runs.
	env := &exec.Env{Ctx: ctx, AggStates: map[*plan.Aggregate]*exec.AggState{}}
	for _, b := range []arrow.Record{b1, b2} {
		env.Sources = map[*plan.StreamSource][]arrow.Record{src: {b}}
		res, err := exec.Execute(agg, env)
		if err != nil {
			t.Fatal(err)
		}
		if b == b2 {
			if got := rowsText(t, res.Batches[0]); fmt.Sprint(got) != fmt.Sprint(wantRows) {
				t.Fatalf("streaming result %q, want %q", got, wantRows)
			}
		}
	}
}

func TestSlidingWindowGrouping(t *testing.T) {
	src := plan.NewLocalRelation(ridesSchema, nil, "")
	w, err := expr.NewTimeWindow(expr.Col("ts"), "10 minutes", "5 minutes", "")
	if err != nil {
		t.Fatal(err)
	}
	n, err := plan.NewAggregate(src, []expr.Expr{w}, []expr.Expr{w, expr.NewAlias(expr.NewCall("count", &expr.Star{}), "count")})
	if err != nil {
		t.Fatal(err)
	}
	st := exec.NewAggState(n.(*plan.Aggregate))
	ctx := expr.DefaultContext()
	mk := func(s string) []any {
		us, ok := expr.ParseTimestamp(s, ctx.Location)
		if !ok {
			t.Fatalf("bad time %s", s)
		}
		return []any{"a", 1.0, us}
	}
	if err := st.Update(ctx, batch(mk("2020-07-01 00:07:00"), mk("2020-07-01 00:12:00"))); err != nil {
		t.Fatal(err)
	}
	rec, _ := st.Final(ctx)
	rows := rowsText(t, rec)
	sort.Strings(rows)
	got := strings.Join(rows, "\n")
	want := "[2020-07-01 00:00:00 +0000 UTC 2020-07-01 00:10:00 +0000 UTC] 1\n[2020-07-01 00:05:00 +0000 UTC 2020-07-01 00:15:00 +0000 UTC] 2\n[2020-07-01 00:10:00 +0000 UTC 2020-07-01 00:20:00 +0000 UTC] 1"
	if got != want {
		t.Fatalf("windows %s\nwant %s", got, want)
	}
}

func TestAggStateTouchedKeysAndEvict(t *testing.T) {
	agg := aggPlan(t, plan.NewStreamSource(ridesSchema, "memory", nil))
	ctx := expr.DefaultContext()
	st := exec.NewAggState(agg)
	if err := st.Update(ctx, batch([]any{"a", 1.0, nil}, []any{"b", 2.0, nil})); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(st.Touched()); got != "[0 1]" {
		t.Fatalf("touched %s", got)
	}
	if err := st.Update(ctx, batch([]any{"b", 3.0, nil}, []any{"c", 4.0, nil})); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(st.Touched()); got != "[1 2]" {
		t.Fatalf("touched after second batch %s", got)
	}
	if got := fmt.Sprint(st.KeyValues(2)); got != "[c]" {
		t.Fatalf("key of group 2: %s", got)
	}
	if err := st.Evict([]bool{false, true, false}); err != nil {
		t.Fatal(err)
	}
	rec, _ := st.Final(ctx)
	if got := strings.Join(rowsText(t, rec), "|"); got != "a 1 1 1 1 1 [1]|c 1 4 4 4 1 [4]" {
		t.Fatalf("after evicting b: %s", got)
	}
	if err := st.Update(ctx, batch([]any{"b", 5.0, nil}, []any{"c", 1.0, nil})); err != nil {
		t.Fatal(err)
	}
	rec, _ = st.Final(ctx)
	if got := strings.Join(rowsText(t, rec), "|"); got != "a 1 1 1 1 1 [1]|c 2 5 2.5 4 2 [4 1]|b 1 5 5 5 1 [5]" {
		t.Fatalf("after re-adding b: %s", got)
	}
}
