package exec

import (
	"context"
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/compute"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Env is what one execution needs besides the plan.
type Env struct {
	// Ctx is the evaluation context (time zone, current timestamp).
	Ctx *expr.Context
	// Sources holds the micro-batch data of each streaming leaf.
	Sources map[*plan.StreamSource][]arrow.Record
	// AggStates, when set, holds aggregation state kept across executions
	// (streaming); Execute merges each run into it and finalizes it.
	AggStates map[*plan.Aggregate]*AggState
}

// Result is a plan's output: its schema and record batches.
type Result struct {
	Schema  sqltypes.StructType
	Batches []arrow.Record
}

// NumRows returns the total row count.
func (r *Result) NumRows() int64 {
	var n int64
	for _, b := range r.Batches {
		n += b.NumRows()
	}
	return n
}

// Execute runs a plan and returns all of its output batches.
func Execute(n plan.Node, env *Env) (res *Result, err error) {
	if env == nil {
		env = &Env{}
	}
	if env.Ctx == nil {
		env.Ctx = expr.DefaultContext()
	}
	defer func() {
		if r := recover(); r != nil {
			err = sparkerr.Runtime("INTERNAL_ERROR", "The query failed while executing: %v", r)
		}
	}()
	batches, err := run(n, env)
	if err != nil {
		return nil, err
	}
	return &Result{Schema: plan.Schema(n), Batches: batches}, nil
}

// ArrowSchema returns the Arrow schema of a node's output.
func ArrowSchema(n plan.Node) *arrow.Schema { return sqltypes.ToArrowSchema(plan.Schema(n)) }

func run(n plan.Node, env *Env) ([]arrow.Record, error) {
	switch x := n.(type) {
	case *plan.LocalRelation:
		return x.Batches, nil
	case *plan.StreamSource:
		return env.Sources[x], nil
	case *plan.Range:
		return runRange(x), nil
	case *plan.Project:
		if f, ok := x.Child.(*plan.Filter); ok {
			in, err := run(f.Child, env)
			if err != nil {
				return nil, err
			}
			return filterProject(x, f, in, env)
		}
		in, err := run(x.Child, env)
		if err != nil {
			return nil, err
		}
		return project(x, in, env)
	case *plan.Filter:
		in, err := run(x.Child, env)
		if err != nil {
			return nil, err
		}
		return filter(x.Cond, in, env)
	case *plan.SubqueryAlias:
		return run(x.Child, env)
	case *plan.Watermark:
		return run(x.Child, env)
	case *plan.Limit:
		return runLimit(x, env)
	case *plan.Union:
		var out []arrow.Record
		schema := ArrowSchema(x)
		for _, c := range x.Inputs {
			b, err := run(c, env)
			if err != nil {
				return nil, err
			}
			for _, r := range b {
				out = append(out, array.NewRecord(schema, r.Columns(), r.NumRows()))
			}
		}
		return out, nil
	case *plan.Sort:
		in, err := run(x.Child, env)
		if err != nil {
			return nil, err
		}
		return sortBatches(x, in, env)
	case *plan.Distinct:
		in, err := run(x.Child, env)
		if err != nil {
			return nil, err
		}
		return distinct(x, in)
	case *plan.Aggregate:
		st := NewAggState(x)
		if env.AggStates != nil {
			if old, ok := env.AggStates[x]; ok {
				st = old
			} else {
				env.AggStates[x] = st
			}
		}
		fused, err := joinCountAggregate(x, st, env)
		if err != nil {
			return nil, err
		}
		if !fused {
			in, err := runPruned(x, env)
			if err != nil {
				return nil, err
			}
			for _, b := range in {
				if err := st.Update(env.Ctx, b); err != nil {
					return nil, err
				}
			}
		}
		rec, err := st.Final(env.Ctx)
		if err != nil {
			return nil, err
		}
		return []arrow.Record{rec}, nil
	case *plan.Join:
		l, err := run(x.Left, env)
		if err != nil {
			return nil, err
		}
		r, err := run(x.Right, env)
		if err != nil {
			return nil, err
		}
		return hashJoin(x, l, r, env, nil)
	}
	return nil, fmt.Errorf("exec: unsupported plan node %T", n)
}

func project(p *plan.Project, in []arrow.Record, env *Env) ([]arrow.Record, error) {
	schema := ArrowSchema(p)
	out := make([]arrow.Record, 0, len(in))
	for _, b := range in {
		cols := make([]arrow.Array, len(p.Exprs))
		for i, e := range p.Exprs {
			a, err := e.Eval(env.Ctx, b)
			if err != nil {
				return nil, err
			}
			cols[i] = fixType(a, schema.Field(i).Type)
		}
		out = append(out, array.NewRecord(schema, cols, b.NumRows()))
	}
	return out, nil
}

// fixType relabels arrays whose Arrow type differs only in metadata (field
// names or nullability of nested types) from the declared output type.
func fixType(a arrow.Array, want arrow.DataType) arrow.Array {
	if arrow.TypeEqual(a.DataType(), want) {
		return a
	}
	d := a.Data()
	nd := array.NewData(want, d.Len(), d.Buffers(), d.Children(), d.NullN(), d.Offset())
	return array.MakeFromData(nd)
}

func filter(cond expr.Expr, in []arrow.Record, env *Env) ([]arrow.Record, error) {
	out := make([]arrow.Record, 0, len(in))
	for _, b := range in {
		m, err := cond.Eval(env.Ctx, b)
		if err != nil {
			return nil, err
		}
		r, err := FilterRecord(b, m)
		if err != nil {
			return nil, err
		}
		if r.NumRows() > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// FilterRecord keeps the rows where mask is true (null counts as false).
func FilterRecord(b arrow.Record, mask arrow.Array) (arrow.Record, error) {
	if mask.DataType().ID() == arrow.NULL {
		return b.NewSlice(0, 0), nil
	}
	bm := mask.(*array.Boolean)
	if bm.NullN() == 0 {
		set := 0
		for i := 0; i < bm.Len(); i++ {
			if bm.Value(i) {
				set++
			}
		}
		if set == bm.Len() {
			return b, nil
		}
	}
	return Take(b, selection(bm))
}

func runRange(r *plan.Range) []arrow.Record {
	var vals []int64
	if r.Step > 0 {
		for v := r.Start; v < r.End; v += r.Step {
			vals = append(vals, v)
		}
	} else if r.Step < 0 {
		for v := r.Start; v > r.End; v += r.Step {
			vals = append(vals, v)
		}
	}
	a := expr.MakeFixed(arrow.PrimitiveTypes.Int64, vals, nil, 0)
	return []arrow.Record{array.NewRecord(sqltypes.ToArrowSchema(plan.Schema(r)), []arrow.Array{a}, int64(len(vals)))}
}

func runLimit(l *plan.Limit, env *Env) ([]arrow.Record, error) {
	in, err := run(l.Child, env)
	if err != nil {
		return nil, err
	}
	var out []arrow.Record
	left := l.N
	for _, b := range in {
		if left <= 0 {
			break
		}
		if b.NumRows() <= left {
			out = append(out, b)
			left -= b.NumRows()
			continue
		}
		out = append(out, b.NewSlice(0, left))
		left = 0
	}
	return out, nil
}

// Concat merges batches into one record of the given schema.
func Concat(schema *arrow.Schema, batches []arrow.Record) (arrow.Record, error) {
	if len(batches) == 1 {
		return batches[0], nil
	}
	cols := make([]arrow.Array, len(schema.Fields()))
	var rows int64
	for _, b := range batches {
		rows += b.NumRows()
	}
	for i := range cols {
		if len(batches) == 0 {
			cols[i] = array.MakeArrayOfNull(expr.Mem, schema.Field(i).Type, 0)
			continue
		}
		parts := make([]arrow.Array, len(batches))
		for j, b := range batches {
			parts[j] = b.Column(i)
		}
		c, err := array.Concatenate(parts, expr.Mem)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return array.NewRecord(schema, cols, rows), nil
}

// Take returns the rows of b at indices, in order.
func Take(b arrow.Record, indices []int32) (arrow.Record, error) {
	idx := expr.MakeFixed(arrow.PrimitiveTypes.Int32, indices, nil, 0)
	cols := make([]arrow.Array, b.NumCols())
	for i := range cols {
		c, err := takeArray(b.Column(i), idx, indices)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return array.NewRecord(b.Schema(), cols, int64(len(indices))), nil
}

func takeArray(a arrow.Array, idx arrow.Array, indices []int32) (arrow.Array, error) {
	if r, ok := fastTake(a, indices); ok {
		return r, nil
	}
	if idx == nil {
		idx = expr.MakeFixed(arrow.PrimitiveTypes.Int32, indices, nil, 0)
	}
	if a.DataType().ID() != arrow.MAP && a.DataType().ID() != arrow.NULL {
		if r, err := compute.TakeArray(context.Background(), a, idx); err == nil {
			return r, nil
		}
	}
	t, err := sqltypes.FromArrow(a.DataType())
	if err != nil {
		return nil, err
	}
	if t.Kind() == sqltypes.KindNull {
		return expr.NullArray(len(indices)), nil
	}
	b := expr.NewBuilder(t)
	for _, i := range indices {
		if i < 0 {
			b.AppendNull()
			continue
		}
		expr.AppendValue(b, expr.GetValue(a, int(i)))
	}
	return b.NewArray(), nil
}

// TakeNullable is Take where index -1 gives a null row.
func TakeNullable(b arrow.Record, indices []int32) (arrow.Record, error) {
	hasNeg := false
	for _, i := range indices {
		if i < 0 {
			hasNeg = true
			break
		}
	}
	if !hasNeg {
		return Take(b, indices)
	}
	vals := make([]int32, len(indices))
	valid := make([]byte, (len(indices)+7)/8)
	nulls := 0
	for k, i := range indices {
		if i < 0 {
			nulls++
			continue
		}
		vals[k] = i
		valid[k/8] |= 1 << (uint(k) % 8)
	}
	idx := expr.MakeFixed(arrow.PrimitiveTypes.Int32, vals, bufferOf(valid), nulls)
	cols := make([]arrow.Array, b.NumCols())
	for c := range cols {
		col, err := takeArray(b.Column(c), idx, indices)
		if err != nil {
			return nil, err
		}
		cols[c] = col
	}
	return array.NewRecord(b.Schema(), cols, int64(len(indices))), nil
}

// filterProject evaluates Project(Filter(child)) in one pass per batch,
// gathering only the columns the projection reads.
func filterProject(p *plan.Project, f *plan.Filter, in []arrow.Record, env *Env) ([]arrow.Record, error) {
	used := map[int]bool{}
	for _, e := range p.Exprs {
		expr.Walk(e, func(x expr.Expr) bool {
			if r, ok := x.(*expr.BoundRef); ok {
				used[r.Ordinal] = true
			}
			return true
		})
	}
	schema := ArrowSchema(p)
	out := make([]arrow.Record, 0, len(in))
	for _, b := range in {
		m, err := f.Cond.Eval(env.Ctx, b)
		if err != nil {
			return nil, err
		}
		var idx []int32
		if m.DataType().ID() != arrow.NULL {
			idx = selection(m.(*array.Boolean))
		}
		if len(idx) == 0 {
			continue
		}
		cols := make([]arrow.Array, b.NumCols())
		fields := make([]arrow.Field, b.NumCols())
		for c := range cols {
			if used[c] {
				col := b.Column(c)
				if len(idx) != int(b.NumRows()) {
					if col, err = takeArray(col, nil, idx); err != nil {
						return nil, err
					}
				}
				cols[c], fields[c] = col, b.Schema().Field(c)
			} else {
				cols[c], fields[c] = expr.NullArray(len(idx)), arrow.Field{Name: b.Schema().Field(c).Name, Type: arrow.Null, Nullable: true}
			}
		}
		sel := array.NewRecord(arrow.NewSchema(fields, nil), cols, int64(len(idx)))
		pc := make([]arrow.Array, len(p.Exprs))
		for i, e := range p.Exprs {
			a, err := e.Eval(env.Ctx, sel)
			if err != nil {
				return nil, err
			}
			pc[i] = fixType(a, schema.Field(i).Type)
		}
		out = append(out, array.NewRecord(schema, pc, int64(len(idx))))
	}
	return out, nil
}

// runPruned runs an aggregation's input. For Aggregate(Project(Join)) it
// tells the join which output columns the aggregation reads, so that the
// others are not gathered (the common join-then-group-by shape).
func runPruned(a *plan.Aggregate, env *Env) ([]arrow.Record, error) {
	proj, ok := a.Child.(*plan.Project)
	if !ok {
		return run(a.Child, env)
	}
	join, ok := proj.Child.(*plan.Join)
	if !ok {
		return run(a.Child, env)
	}
	used := map[int]bool{}
	mark := func(e expr.Expr, into map[int]bool) {
		expr.Walk(e, func(x expr.Expr) bool {
			if r, ok := x.(*expr.BoundRef); ok {
				into[r.Ordinal] = true
			}
			return true
		})
	}
	for _, g := range a.Groups {
		mark(g, used)
	}
	for _, f := range a.Aggs {
		if f.Arg != nil {
			mark(f.Arg, used)
		}
	}
	needJoin := map[int]bool{}
	for i := range used {
		if i < len(proj.Exprs) {
			mark(proj.Exprs[i], needJoin)
		}
	}
	need := make([]bool, len(join.Output()))
	for i := range need {
		need[i] = needJoin[i]
	}
	l, err := run(join.Left, env)
	if err != nil {
		return nil, err
	}
	r, err := run(join.Right, env)
	if err != nil {
		return nil, err
	}
	joined, err := hashJoin(join, l, r, env, need)
	if err != nil {
		return nil, err
	}
	return project(proj, joined, env)
}
