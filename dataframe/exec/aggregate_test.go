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

// FinalGroups gives, for any set of group ids, the rows Final gives for
// them: across many key chunks, in the order asked for, after an eviction,
// and for every kind of accumulator of aggPlan.
func TestAggStateFinalGroupsMatchesFinal(t *testing.T) {
	agg := aggPlan(t, plan.NewStreamSource(ridesSchema, "memory", nil))
	ctx := expr.DefaultContext()
	st := exec.NewAggState(agg)
	check := func(ids []int) {
		t.Helper()
		all, err := st.Final(ctx)
		if err != nil {
			t.Fatal(err)
		}
		idx := make([]int32, len(ids))
		for i, g := range ids {
			idx[i] = int32(g)
		}
		want, err := exec.Take(all, idx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.FinalGroups(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Schema().Equal(want.Schema()) {
			t.Fatalf("schema %v, want %v", got.Schema(), want.Schema())
		}
		if g, w := strings.Join(rowsText(t, got), "|"), strings.Join(rowsText(t, want), "|"); g != w {
			t.Fatalf("FinalGroups(%v) = %s, want %s", ids, g, w)
		}
	}
	// 37 batches, each adding new vendors (a new key chunk) and updating
	// old ones.
	for b := 0; b < 37; b++ {
		var rows [][]any
		for k := 0; k < 3; k++ {
			rows = append(rows, []any{fmt.Sprintf("v%02d_%d", b, k), float64(b + k), nil})
		}
		rows = append(rows, []any{"v00_0", float64(b), nil}, []any{fmt.Sprintf("v%02d_1", b/2), nil, nil})
		if err := st.Update(ctx, batch(rows...)); err != nil {
			t.Fatal(err)
		}
		touched := st.Touched()
		if !sort.IntsAreSorted(touched) || len(touched) < 3 {
			t.Fatalf("batch %d touched %v", b, touched)
		}
		check(touched)
	}
	check([]int{5, 0, 110, 42, 7})
	check(nil)
	drop := make([]bool, st.Groups())
	for g := range drop {
		drop[g] = g%3 == 1
	}
	if err := st.Evict(drop); err != nil {
		t.Fatal(err)
	}
	check([]int{0, 1, 2, 40, 73})
	if err := st.Update(ctx, batch([]any{"new", 1.0, nil}, []any{"v00_0", 2.0, nil})); err != nil {
		t.Fatal(err)
	}
	touched := st.Touched()
	if len(touched) != 2 || touched[0] != 0 || touched[1] != st.Groups()-1 {
		t.Fatalf("touched after evict %v of %d", touched, st.Groups())
	}
	check(touched)

	// Without grouping keys the single group is 0, even before any row.
	global, err := plan.NewAggregate(plan.NewStreamSource(ridesSchema, "memory", nil), nil,
		[]expr.Expr{expr.NewAlias(expr.NewCall("count", &expr.Star{}), "n"), expr.NewCall("sum", expr.Col("amount"))})
	if err != nil {
		t.Fatal(err)
	}
	gs := exec.NewAggState(global.(*plan.Aggregate))
	rec, err := gs.FinalGroups(ctx, []int{0})
	if err != nil || strings.Join(rowsText(t, rec), "|") != "0 <nil>" {
		t.Fatalf("empty global aggregate: %v %v", rowsText(t, rec), err)
	}
}
