package plan

import (
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Node is a resolved logical plan operator.
type Node interface {
	// Output returns the columns the node produces.
	Output() []expr.Attribute
	// Children returns the inputs.
	Children() []Node
	// Describe returns the node's one-line text for explain().
	Describe() string
}

// Schema returns a node's output as a StructType.
func Schema(n Node) sqltypes.StructType { return expr.SchemaOf(n.Output()) }

// IsStreaming reports whether the plan reads a streaming source.
func IsStreaming(n Node) bool {
	if _, ok := n.(*StreamSource); ok {
		return true
	}
	for _, c := range n.Children() {
		if IsStreaming(c) {
			return true
		}
	}
	return false
}

// Explain returns the plan tree as Spark's explain() indents it.
func Explain(n Node) string {
	var b strings.Builder
	var walk func(n Node, prefix string, last bool, root bool)
	walk = func(n Node, prefix string, last bool, root bool) {
		if root {
			b.WriteString(n.Describe() + "\n")
		} else if last {
			b.WriteString(prefix + "+- " + n.Describe() + "\n")
		} else {
			b.WriteString(prefix + ":- " + n.Describe() + "\n")
		}
		kids := n.Children()
		for i, k := range kids {
			p := prefix
			if !root {
				if last {
					p += "   "
				} else {
					p += ":  "
				}
			}
			walk(k, p, i == len(kids)-1, false)
		}
	}
	walk(n, "", true, true)
	return b.String()
}

func attrList(attrs []expr.Attribute) string {
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		parts[i] = fmt.Sprintf("%s#%d", a.Name, a.ID)
	}
	return strings.Join(parts, ", ")
}

func exprList(es []expr.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.SQL()
	}
	return strings.Join(parts, ", ")
}

// NewAttributes returns fresh attributes for a schema.
func NewAttributes(st sqltypes.StructType) []expr.Attribute {
	out := make([]expr.Attribute, len(st.Fields))
	for i, f := range st.Fields {
		out[i] = expr.Attribute{ID: expr.NewID(), Name: f.Name, Type: f.DataType, Null: f.Nullable}
	}
	return out
}

// LocalRelation is in-memory data: CreateDataFrame, files read eagerly, the
// memory sink's tables.
type LocalRelation struct {
	Attrs   []expr.Attribute
	Batches []arrow.Record
	Name    string // shown by explain, e.g. "csv" or "LocalRelation"
}

// NewLocalRelation returns a relation over batches with the given schema.
func NewLocalRelation(st sqltypes.StructType, batches []arrow.Record, name string) *LocalRelation {
	if name == "" {
		name = "LocalRelation"
	}
	return &LocalRelation{Attrs: NewAttributes(st), Batches: batches, Name: name}
}

// Output returns the relation's columns.
func (r *LocalRelation) Output() []expr.Attribute { return r.Attrs }

// Children returns nil.
func (r *LocalRelation) Children() []Node { return nil }

// Describe returns "LocalRelation [a#1, b#2]".
func (r *LocalRelation) Describe() string { return r.Name + " [" + attrList(r.Attrs) + "]" }

// StreamSource is the leaf of a streaming plan. Its data is supplied per
// micro-batch by the streaming engine when the plan is executed
// (exec.Env.Sources). Source is the engine's own description of the source.
type StreamSource struct {
	Attrs  []expr.Attribute
	Format string
	Source any
}

// NewStreamSource returns a streaming leaf with the given schema.
func NewStreamSource(st sqltypes.StructType, format string, source any) *StreamSource {
	return &StreamSource{Attrs: NewAttributes(st), Format: format, Source: source}
}

// Output returns the source's columns.
func (s *StreamSource) Output() []expr.Attribute { return s.Attrs }

// Children returns nil.
func (s *StreamSource) Children() []Node { return nil }

// Describe returns "StreamingRelation format, [cols]".
func (s *StreamSource) Describe() string {
	return "StreamingRelation " + s.Format + ", [" + attrList(s.Attrs) + "]"
}

// Range produces id = start, start+step, ... < end.
type Range struct {
	Start, End, Step int64
	Attrs            []expr.Attribute
}

// NewRange returns a Range node with column id bigint not null.
func NewRange(start, end, step int64) *Range {
	return &Range{Start: start, End: end, Step: step, Attrs: []expr.Attribute{{ID: expr.NewID(), Name: "id", Type: sqltypes.LongType}}}
}

// Output returns the id column.
func (r *Range) Output() []expr.Attribute { return r.Attrs }

// Children returns nil.
func (r *Range) Children() []Node { return nil }

// Describe returns "Range (start, end, step=..)".
func (r *Range) Describe() string {
	return fmt.Sprintf("Range (%d, %d, step=%d, splits=Some(2))", r.Start, r.End, r.Step)
}
