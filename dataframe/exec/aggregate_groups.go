package exec

import (
	"sort"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Final rows of a few groups. A streaming aggregation in update mode emits
// only the groups a micro-batch touched; FinalGroups builds those rows
// without materializing the whole state, so a micro-batch costs
// O(touched groups) however many groups the state holds.

// appendKeyChunk adds the key columns of new groups. Chunks are merged as
// in a binary counter (the last two while the last is at least as long as
// the one before), so that there are O(log groups) of them and each key is
// copied O(log groups) times in all.
func (s *AggState) appendKeyChunk(chunk []arrow.Array) {
	s.keyChunks = append(s.keyChunks, chunk)
	s.keyCache = nil
	for n := len(s.keyChunks); n >= 2 && chunkLen(s.keyChunks[n-1]) >= chunkLen(s.keyChunks[n-2]); n = len(s.keyChunks) {
		merged := make([]arrow.Array, len(chunk))
		for i := range merged {
			c, err := array.Concatenate([]arrow.Array{s.keyChunks[n-2][i], s.keyChunks[n-1][i]}, expr.Mem)
			if err != nil {
				return // keep the chunks as they are; keyArrays concatenates them later
			}
			merged[i] = c
		}
		s.keyChunks = append(s.keyChunks[:n-2], merged)
	}
}

func chunkLen(c []arrow.Array) int {
	if len(c) == 0 {
		return 0
	}
	return c[0].Len()
}

// KeysOf returns the group key columns of groups ids, which must be in
// increasing order (one array per grouping expression, one row per id).
// Unlike Keys it does not concatenate the whole state.
func (s *AggState) KeysOf(ids []int32) ([]arrow.Array, error) { return s.keyColumnsOf(ids) }

// keyColumnsOf returns the key columns of groups ids (in increasing
// order), gathered chunk by chunk.
func (s *AggState) keyColumnsOf(ids []int32) ([]arrow.Array, error) {
	out := make([]arrow.Array, len(s.node.Groups))
	if len(out) == 0 {
		return out, nil
	}
	if len(s.keyChunks) == 1 {
		for i := range out {
			c, err := takeArray(s.keyChunks[0][i], nil, ids)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	pieces := make([][]arrow.Array, len(out))
	start, k := int32(0), 0
	for _, chunk := range s.keyChunks {
		end := start + int32(chunkLen(chunk))
		j := k
		for j < len(ids) && ids[j] < end {
			j++
		}
		if j > k {
			local := make([]int32, j-k)
			for x, g := range ids[k:j] {
				local[x] = g - start
			}
			for i := range out {
				c, err := takeArray(chunk[i], nil, local)
				if err != nil {
					return nil, err
				}
				pieces[i] = append(pieces[i], c)
			}
		}
		start, k = end, j
	}
	for i, g := range s.node.Groups {
		switch len(pieces[i]) {
		case 0:
			out[i] = array.MakeArrayOfNull(expr.Mem, sqltypes.ToArrow(g.DataType()), 0)
		case 1:
			out[i] = pieces[i][0]
		default:
			c, err := array.Concatenate(pieces[i], expr.Mem)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
	}
	return out, nil
}

// FinalGroups returns the aggregation's output rows of the groups ids only,
// in the order given; it costs O(len(ids)), not O(groups).
func (s *AggState) FinalGroups(ctx *expr.Context, ids []int) (arrow.Record, error) {
	if len(s.node.Groups) == 0 && s.groups == 0 {
		for _, a := range s.accs {
			a.grow(1)
		}
	}
	sorted := make([]int32, len(ids))
	for i, g := range ids {
		sorted[i] = int32(g)
	}
	inOrder := sort.SliceIsSorted(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	if !inOrder {
		sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	}
	cols, err := s.keyColumnsOf(sorted)
	if err != nil {
		return nil, err
	}
	for i, a := range s.accs {
		cols = append(cols, finalOf(a, s.node.Aggs[i], sorted))
	}
	n := len(sorted)
	var inter arrow.Record = array.NewRecord(sqltypes.ToArrowSchema(s.node.IntermediateSchema()), cols, int64(n))
	if !inOrder {
		// Put the rows back in the order asked for.
		pos := make(map[int32]int32, n)
		for i, g := range sorted {
			pos[g] = int32(i)
		}
		perm := make([]int32, n)
		for i, g := range ids {
			perm[i] = pos[int32(g)]
		}
		if inter, err = Take(inter, perm); err != nil {
			return nil, err
		}
	}
	schema := sqltypes.ToArrowSchema(plan.Schema(s.node))
	out := make([]arrow.Array, len(s.node.Results))
	for i, e := range s.node.Results {
		a, err := e.Eval(ctx, inter)
		if err != nil {
			return nil, err
		}
		out[i] = fixType(a, schema.Field(i).Type)
	}
	return array.NewRecord(schema, out, int64(n)), nil
}

// finalOf returns accumulator a's final values for groups ids: directly
// for the common accumulators, otherwise through a small accumulator that
// holds copies of those groups' states.
func finalOf(a accumulator, f *expr.AggregateFunc, ids []int32) arrow.Array {
	switch x := a.(type) {
	case *countAcc:
		out := make([]int64, len(ids))
		for i, g := range ids {
			out[i] = x.c[g]
		}
		return expr.MakeFixed(arrow.PrimitiveTypes.Int64, out, nil, 0)
	case *sumIntAcc:
		return x.finalRows(0, ids)
	case *sumFloatAcc:
		return x.finalRows(0, ids)
	case *avgAcc:
		b := array.NewFloat64Builder(expr.Mem)
		b.Reserve(len(ids))
		for _, g := range ids {
			if x.c[g] > 0 {
				b.UnsafeAppend(x.s[g] / float64(x.c[g]))
			} else {
				b.AppendNull()
			}
		}
		return b.NewArray()
	}
	sub := newAccumulator(f)
	sub.grow(len(ids))
	for i, g := range ids {
		sub.restore(i, a.snapshot(int(g)))
	}
	return sub.final(len(ids))
}
