package exec

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// appendKey appends a byte encoding of element i of a, unique per value
// (nulls included), for use as a hash-table key.
func appendKey(buf []byte, a arrow.Array, i int) []byte {
	if expr.IsNullAt(a, i) {
		return append(buf, 0)
	}
	buf = append(buf, 1)
	switch x := a.(type) {
	case *array.Int32:
		return binary.LittleEndian.AppendUint32(buf, uint32(x.Value(i)))
	case *array.Int64:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Timestamp:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Date32:
		return binary.LittleEndian.AppendUint32(buf, uint32(x.Value(i)))
	case *array.Float64:
		return binary.LittleEndian.AppendUint64(buf, floatBits(x.Value(i)))
	case *array.Float32:
		return binary.LittleEndian.AppendUint64(buf, floatBits(float64(x.Value(i))))
	case *array.Boolean:
		if x.Value(i) {
			return append(buf, 1)
		}
		return append(buf, 0)
	case *array.String:
		s := x.Value(i)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(s)))
		return append(buf, s...)
	case *array.Binary:
		s := x.Value(i)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(s)))
		return append(buf, s...)
	case *array.Struct:
		for f := 0; f < x.NumField(); f++ {
			buf = appendKey(buf, x.Field(f), i)
		}
		return buf
	case *array.List:
		start, end := x.ValueOffsets(i)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(end-start))
		for j := start; j < end; j++ {
			buf = appendKey(buf, x.ListValues(), int(j))
		}
		return buf
	}
	t, _ := sqltypes.FromArrow(a.DataType())
	s := expr.ValueString(expr.GetValue(a, i), t, nil)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(s)))
	return append(buf, s...)
}

// floatBits normalizes -0.0 and NaN so that equal doubles share a key.
func floatBits(f float64) uint64 {
	if f == 0 {
		return 0
	}
	if f != f {
		return math.Float64bits(math.NaN())
	}
	return math.Float64bits(f)
}

// groupTable assigns dense ids to distinct keys.
type groupTable struct {
	ints    *intTable // single integral key
	strs    map[string]int32
	nullID  int32
	useInts bool
	n       int32
}

func newGroupTable(single arrow.DataType) *groupTable {
	g := &groupTable{nullID: -1}
	switch single.(type) {
	case *arrow.Int32Type, *arrow.Int64Type:
		g.useInts = true
		g.ints = newIntTable()
	default:
		g.strs = make(map[string]int32)
	}
	return g
}

// ids returns the group id of each row of the key columns, and for each new
// group the row where it first appears.
func (g *groupTable) ids(keys []arrow.Array, n int, mask []bool) (ids []int32, firstRows []int) {
	ids = make([]int32, n)
	if g.useInts && len(keys) == 1 {
		k := keys[0]
		var get func(i int) int64
		switch x := k.(type) {
		case *array.Int32:
			v := x.Int32Values()
			get = func(i int) int64 { return int64(v[i]) }
		case *array.Int64:
			v := x.Int64Values()
			get = func(i int) int64 { return v[i] }
		}
		for i := 0; i < n; i++ {
			if mask != nil && !mask[i] {
				ids[i] = -1
				continue
			}
			if expr.IsNullAt(k, i) {
				if g.nullID < 0 {
					g.nullID = g.n
					g.n++
					firstRows = append(firstRows, i)
				}
				ids[i] = g.nullID
				continue
			}
			id, added := g.ints.lookupOrAdd(get(i), g.n)
			if added {
				g.n++
				firstRows = append(firstRows, i)
			}
			ids[i] = id
		}
		return ids, firstRows
	}
	if g.strs == nil {
		g.strs = make(map[string]int32)
	}
	if sa, ok := keys[0].(*array.String); ok && len(keys) == 1 {
		// Single string key: the value itself (prefixed to keep null apart).
		for i := 0; i < n; i++ {
			if mask != nil && !mask[i] {
				ids[i] = -1
				continue
			}
			if sa.IsNull(i) {
				if g.nullID < 0 {
					g.nullID = g.n
					g.n++
					firstRows = append(firstRows, i)
				}
				ids[i] = g.nullID
				continue
			}
			v := sa.Value(i)
			id, ok := g.strs[v]
			if !ok {
				id = g.n
				g.n++
				g.strs[strings.Clone(v)] = id
				firstRows = append(firstRows, i)
			}
			ids[i] = id
		}
		return ids, firstRows
	}
	var buf []byte
	for i := 0; i < n; i++ {
		if mask != nil && !mask[i] {
			ids[i] = -1
			continue
		}
		buf = buf[:0]
		for _, k := range keys {
			buf = appendKey(buf, k, i)
		}
		id, ok := g.strs[string(buf)]
		if !ok {
			id = g.n
			g.n++
			g.strs[string(buf)] = id
			firstRows = append(firstRows, i)
		}
		ids[i] = id
	}
	return ids, firstRows
}

// intTable is an open-addressing hash table from int64 keys to group ids
// (linear probing, Fibonacci hashing, at most half full).
type intTable struct {
	keys  []int64
	ids   []int32 // -1 marks an empty slot
	shift uint
	used  int
}

func newIntTable() *intTable {
	t := &intTable{}
	t.resize(1 << 10)
	return t
}

func (t *intTable) resize(size int) {
	oldKeys, oldIDs := t.keys, t.ids
	t.keys = make([]int64, size)
	t.ids = make([]int32, size)
	for i := range t.ids {
		t.ids[i] = -1
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	t.used = 0
	for i, id := range oldIDs {
		if id >= 0 {
			t.lookupOrAdd(oldKeys[i], id)
		}
	}
}

// lookupOrAdd returns the id of k, inserting it with id next when absent.
func (t *intTable) lookupOrAdd(k int64, next int32) (int32, bool) {
	mask := len(t.keys) - 1
	h := int((uint64(k) * 0x9E3779B97F4A7C15) >> t.shift)
	for {
		id := t.ids[h]
		if id < 0 {
			t.keys[h], t.ids[h] = k, next
			t.used++
			if t.used*2 > len(t.keys) {
				t.resize(len(t.keys) * 2)
			}
			return next, true
		}
		if t.keys[h] == k {
			return id, false
		}
		h = (h + 1) & mask
	}
}
