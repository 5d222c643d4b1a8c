package streaming

import (
	"errors"
	"runtime"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// A streaming plan is compiled once, at Start, into a tree of stages.
// Stateless parts run as one exec.Execute call over the micro-batch;
// stateful operators (aggregation, dropDuplicates, withWatermark) are
// stages of their own that keep state across micro-batches. Where a
// stateful operator sits under a stateless one, it is replaced in the
// stateless plan by a StreamSource leaf with the same output attributes,
// and its records are supplied for that leaf.

// batchRun is one micro-batch's input and bookkeeping.
type batchRun struct {
	ctx     *expr.Context
	sources map[*plan.StreamSource][]arrow.Record
	// watermark is the event-time watermark that emits and evicts state in
	// this batch, and lateWatermark (the previous batch's) the one behind
	// which input rows are late (microseconds); both valid when
	// hasWatermark.
	watermark     int64
	lateWatermark int64
	hasWatermark  bool
	// eventMax collects, per withWatermark node, the largest event time seen.
	eventMax map[*plan.Watermark]int64
	// eventStats are the eventTime min/max/avg of the progress report.
	eventMin, eventMaxAll, eventSum, eventCount int64
	mode                                        string
}

// stage produces the records of one part of the plan for a micro-batch.
type stage interface {
	run(b *batchRun) ([]arrow.Record, error)
}

// statefulStage is a stage with state kept across micro-batches.
type statefulStage interface {
	stage
	// metrics returns the stateOperators entry of a progress report.
	metrics() stateMetrics
	// snapshot serializes the state for a checkpoint.
	snapshot() ([]byte, error)
	// restore loads a snapshot.
	restore(data []byte) error
	// usesWatermark reports whether a moved watermark lets the operator
	// emit or evict, so that a batch without new data must run (Spark's
	// shouldRunAnotherBatch).
	usesWatermark() bool
}

// stateMetrics are the fields of one stateOperators entry.
type stateMetrics struct {
	OperatorName              string
	NumRowsTotal              int64
	NumRowsUpdated            int64
	NumRowsRemoved            int64
	NumRowsDroppedByWatermark int64
	MemoryUsedBytes           int64
}

// execStage runs a stateless plan; its StreamSource leaves are either the
// query's sources (nil stage) or stateful stages below.
type execStage struct {
	node   plan.Node
	leaves map[*plan.StreamSource]stage
}

func (s *execStage) run(b *batchRun) ([]arrow.Record, error) {
	srcs := make(map[*plan.StreamSource][]arrow.Record, len(s.leaves))
	for leaf, st := range s.leaves {
		if st == nil {
			srcs[leaf] = b.sources[leaf]
			continue
		}
		recs, err := st.run(b)
		if err != nil {
			return nil, err
		}
		srcs[leaf] = recs
	}
	if src, ok := s.node.(*plan.StreamSource); ok {
		return srcs[src], nil
	}
	if leaf := rowWiseLeaf(s.node); leaf != nil && len(srcs[leaf]) > 1 && numRows(srcs[leaf]) >= parallelRows {
		return s.runParallel(b, leaf, srcs[leaf])
	}
	res, err := exec.Execute(s.node, &exec.Env{Ctx: b.ctx, Sources: srcs})
	if err != nil {
		return nil, err
	}
	return res.Batches, nil
}

// parallelRows is the input size from which a row-wise plan runs on its
// input records in parallel.
const parallelRows = 1 << 16

// rowWiseLeaf returns the only leaf of n when n is a chain of row-wise
// operators (projections, filters, aliases) over it, or nil.
func rowWiseLeaf(n plan.Node) *plan.StreamSource {
	switch x := n.(type) {
	case *plan.StreamSource:
		return x
	case *plan.Project:
		return rowWiseLeaf(x.Child)
	case *plan.Filter:
		return rowWiseLeaf(x.Child)
	case *plan.SubqueryAlias:
		return rowWiseLeaf(x.Child)
	}
	return nil
}

// runParallel runs a row-wise plan on each input record (a Kafka
// partition's rows, a file) in its own goroutine, as Spark runs a stage's
// partitions, and keeps the records' order.
func (s *execStage) runParallel(b *batchRun, leaf *plan.StreamSource, recs []arrow.Record) ([]arrow.Record, error) {
	outs := make([][]arrow.Record, len(recs))
	errs := make([]error, len(recs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, r := range recs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, r arrow.Record) {
			defer func() {
				if p := recover(); p != nil {
					errs[i] = panicError(p)
				}
				<-sem
				wg.Done()
			}()
			res, err := exec.Execute(s.node, &exec.Env{Ctx: b.ctx, Sources: map[*plan.StreamSource][]arrow.Record{leaf: {r}}})
			if err != nil {
				errs[i] = err
				return
			}
			outs[i] = res.Batches
		}(i, r)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []arrow.Record
	for _, o := range outs {
		out = append(out, o...)
	}
	return out, nil
}

// compiler builds the stage tree of a plan.
type compiler struct {
	stateful []statefulStage
	mode     string
}

func (c *compiler) compile(n plan.Node) (*execStage, error) {
	s := &execStage{leaves: map[*plan.StreamSource]stage{}}
	node, err := c.rewrite(n, s.leaves)
	if err != nil {
		return nil, err
	}
	s.node = node
	return s, nil
}

// rewrite returns n with its stateful streaming operators replaced by
// leaves, registering each leaf's stage.
func (c *compiler) rewrite(n plan.Node, leaves map[*plan.StreamSource]stage) (plan.Node, error) {
	if !plan.IsStreaming(n) {
		return n, nil
	}
	switch x := n.(type) {
	case *plan.StreamSource:
		leaves[x] = nil
		return x, nil
	case *plan.Aggregate:
		st, err := c.aggregate(x)
		if err != nil {
			return nil, err
		}
		return c.leafFor(x, st, leaves), nil
	case *plan.Distinct:
		child, err := c.compile(x.Child)
		if err != nil {
			return nil, err
		}
		st := newDedupStage(x, child, findWatermark(x.Child))
		c.stateful = append(c.stateful, st)
		return c.leafFor(x, st, leaves), nil
	case *plan.Watermark:
		child, err := c.compile(x.Child)
		if err != nil {
			return nil, err
		}
		return c.leafFor(x, &watermarkStage{node: x, child: child}, leaves), nil
	case *plan.Join:
		if plan.IsStreaming(x.Left) && plan.IsStreaming(x.Right) {
			st, err := c.streamJoin(x)
			if err != nil {
				return nil, err
			}
			return c.leafFor(x, st, leaves), nil
		}
	case *plan.Limit:
		if c.mode == "append" && !containsAggregate(x.Child) {
			st, err := c.streamLimit(x)
			if err != nil {
				return nil, err
			}
			return c.leafFor(x, st, leaves), nil
		}
		// In complete mode the limit applies to each batch's full result.
	case *plan.Sort:
		// Sort is only allowed above an aggregation in complete mode (checked
		// by validateOutputMode); it then sorts each batch's full result.
	}
	kids := n.Children()
	nk := make([]plan.Node, len(kids))
	for i, k := range kids {
		r, err := c.rewrite(k, leaves)
		if err != nil {
			return nil, err
		}
		nk[i] = r
	}
	return withChildren(n, nk)
}

func (c *compiler) leafFor(n plan.Node, st stage, leaves map[*plan.StreamSource]stage) *plan.StreamSource {
	leaf := &plan.StreamSource{Attrs: n.Output(), Format: "stage"}
	leaves[leaf] = st
	return leaf
}

// withChildren returns a shallow copy of n with new children.
func withChildren(n plan.Node, kids []plan.Node) (plan.Node, error) {
	switch x := n.(type) {
	case *plan.Project:
		c := *x
		c.Child = kids[0]
		return &c, nil
	case *plan.Filter:
		c := *x
		c.Child = kids[0]
		return &c, nil
	case *plan.SubqueryAlias:
		c := *x
		c.Child = kids[0]
		return &c, nil
	case *plan.Limit:
		c := *x
		c.Child = kids[0]
		return &c, nil
	case *plan.Sort:
		c := *x
		c.Child = kids[0]
		return &c, nil
	case *plan.Union:
		c := *x
		c.Inputs = kids
		return &c, nil
	case *plan.Join:
		c := *x
		c.Left, c.Right = kids[0], kids[1]
		return &c, nil
	}
	return nil, sparkerr.Analysis("", "Operator %s is not supported on streaming DataFrames/Datasets by Eddy", n.Describe())
}

// findWatermark returns the withWatermark node under n, or nil.
func findWatermark(n plan.Node) *plan.Watermark {
	if w, ok := n.(*plan.Watermark); ok {
		return w
	}
	for _, k := range n.Children() {
		if w := findWatermark(k); w != nil {
			return w
		}
	}
	return nil
}

// watermarkStage passes records through and records the largest event time.
type watermarkStage struct {
	node  *plan.Watermark
	child stage
}

func (s *watermarkStage) run(b *batchRun) ([]arrow.Record, error) {
	recs, err := s.child.run(b)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		ts := r.Column(s.node.Ordinal)
		vals := expr.Values[int64](ts)
		for i, v := range vals {
			if ts.IsNull(i) {
				continue
			}
			if cur, ok := b.eventMax[s.node]; !ok || v > cur {
				b.eventMax[s.node] = v
			}
			if b.eventCount == 0 || v < b.eventMin {
				b.eventMin = v
			}
			if b.eventCount == 0 || v > b.eventMaxAll {
				b.eventMaxAll = v
			}
			b.eventSum += v / 1000
			b.eventCount++
		}
	}
	return recs, nil
}
