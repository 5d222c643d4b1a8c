package exec

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strings"
	"unsafe"

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
	// strKeys holds the single string key of each group (by id), and
	// strCache recent ids by cheapStringHash, for the single string key.
	strKeys  []string
	strCache []int32
	n        int32
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
	if g.useInts && len(keys) == 1 {
		switch x := keys[0].(type) {
		case *array.Int32:
			return intIDs(g, x.Int32Values(), x, n, mask)
		case *array.Int64:
			return intIDs(g, x.Int64Values(), x, n, mask)
		}
	}
	ids = make([]int32, n)
	if g.strs == nil {
		g.strs = make(map[string]int32)
	}
	if sa, ok := keys[0].(*array.String); ok && len(keys) == 1 {
		// Single string key: the value itself (prefixed to keep null apart),
		// looked up first in a small cache of recent keys by a cheap hash.
		if g.strCache == nil {
			g.strCache = make([]int32, strCacheSize)
			for i := range g.strCache {
				g.strCache[i] = -1
			}
		}
		cache := g.strCache
		for i := 0; i < n; i++ {
			if mask != nil && !mask[i] {
				ids[i] = -1
				continue
			}
			if sa.IsNull(i) {
				if g.nullID < 0 {
					g.nullID = g.n
					g.n++
					g.strKeys = append(g.strKeys, "")
					firstRows = append(firstRows, i)
				}
				ids[i] = g.nullID
				continue
			}
			v := sa.Value(i)
			slot := cheapStringHash(v) & (strCacheSize - 1)
			if c := cache[slot]; c >= 0 && c != g.nullID && g.strKeys[c] == v {
				ids[i] = c
				continue
			}
			id, ok := g.strs[v]
			if !ok {
				id = g.n
				g.n++
				k := strings.Clone(v)
				g.strs[k] = id
				g.strKeys = append(g.strKeys, k)
				firstRows = append(firstRows, i)
			}
			cache[slot] = id
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

const strCacheSize = 1 << 12

// cheapStringHash mixes the length and the first and last eight bytes of s.
func cheapStringHash(s string) uint64 {
	var a, b uint64
	if len(s) >= 8 {
		p := unsafe.Pointer(unsafe.StringData(s))
		a = *(*uint64)(p)
		b = *(*uint64)(unsafe.Add(p, len(s)-8))
	} else {
		for j := 0; j < len(s); j++ {
			a = a<<8 | uint64(s[j])
		}
	}
	h := (a ^ uint64(len(s))*0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9
	h ^= b * 0x94D049BB133111EB
	return h ^ h>>29
}

// intIDs assigns group ids to a single integral key column. Keys within a
// compact range use a dense array indexed by value; others an
// open-addressing hash table.
func intIDs[T int32 | int64](g *groupTable, vals []T, k arrow.Array, n int, mask []bool) (ids []int32, firstRows []int) {
	ids = make([]int32, n)
	t := g.ints
	hasNulls := k.NullN() > 0
	if !t.hashing {
		lo, hi, found := int64(0), int64(0), false
		for i := 0; i < n; i++ {
			if (mask != nil && !mask[i]) || (hasNulls && k.IsNull(i)) {
				continue
			}
			v := int64(vals[i])
			if !found {
				lo, hi, found = v, v, true
			} else if v < lo {
				lo = v
			} else if v > hi {
				hi = v
			}
		}
		if found {
			t.fitDense(lo, hi, n)
		}
	}
	if !t.hashing && mask == nil && !hasNulls {
		dense, base := t.dense, t.lo
		for i, v := range vals[:n] {
			p := &dense[int64(v)-base]
			if *p < 0 {
				*p = g.n
				g.n++
				t.used++
				firstRows = append(firstRows, i)
			}
			ids[i] = *p
		}
		return ids, firstRows
	}
	for i := 0; i < n; i++ {
		if mask != nil && !mask[i] {
			ids[i] = -1
			continue
		}
		if hasNulls && k.IsNull(i) {
			if g.nullID < 0 {
				g.nullID = g.n
				g.n++
				firstRows = append(firstRows, i)
			}
			ids[i] = g.nullID
			continue
		}
		v := int64(vals[i])
		if !t.hashing {
			p := &t.dense[v-t.lo]
			if *p < 0 {
				*p = g.n
				g.n++
				t.used++
				firstRows = append(firstRows, i)
			}
			ids[i] = *p
			continue
		}
		id, added := t.lookupOrAdd(v, g.n)
		if added {
			g.n++
			firstRows = append(firstRows, i)
		}
		ids[i] = id
	}
	return ids, firstRows
}

// intTable maps int64 keys to group ids: a dense array over [lo, lo+len)
// while the keys stay within a compact range, then an open-addressing hash
// table (linear probing, Fibonacci hashing, at most half full).
type intTable struct {
	dense   []int32 // ids by key-lo, -1 marks an absent key
	lo      int64
	hashing bool
	slots   []intSlot
	shift   uint
	used    int
}

type intSlot struct {
	key int64
	id  int32 // -1 marks an empty slot
}

// maxDenseSpan bounds the dense array (64M ids, 256 MiB).
const maxDenseSpan = 1 << 26

func newIntTable() *intTable { return &intTable{} }

// fitDense makes the dense array cover [lo, hi] before a batch of n rows,
// or switches to hashing when the range is too sparse.
func (t *intTable) fitDense(lo, hi int64, n int) {
	if len(t.dense) > 0 {
		curHi := t.lo + int64(len(t.dense)) - 1
		if lo >= t.lo && hi <= curHi {
			return
		}
		if lo > t.lo {
			lo = t.lo
		}
		if hi < curHi {
			hi = curHi
		}
	}
	span := uint64(hi) - uint64(lo) + 1
	limit := uint64(16*(t.used+n) + 1<<20)
	if span == 0 || span > limit || span > maxDenseSpan || hi < lo {
		t.toHash()
		return
	}
	if len(t.dense) > 0 {
		// Leave room to grow on the side that grew.
		extra := int64(len(t.dense))
		if s := span + uint64(extra); s <= limit && s <= maxDenseSpan {
			if hi > t.lo+int64(len(t.dense))-1 && hi+extra > hi {
				hi += extra
			} else if lo < t.lo && lo-extra < lo {
				lo -= extra
			}
			span = uint64(hi) - uint64(lo) + 1
		}
	}
	d := make([]int32, span)
	for i := range d {
		d[i] = -1
	}
	if len(t.dense) > 0 {
		copy(d[t.lo-lo:], t.dense)
	}
	t.dense, t.lo = d, lo
}

// toHash moves the dense entries into the hash table.
func (t *intTable) toHash() {
	t.hashing = true
	size := 1 << 10
	for size < 2*(t.used+1) {
		size *= 2
	}
	dense, lo := t.dense, t.lo
	t.dense = nil
	t.used = 0
	t.resize(size)
	for i, id := range dense {
		if id >= 0 {
			t.lookupOrAdd(lo+int64(i), id)
		}
	}
}

func (t *intTable) resize(size int) {
	old := t.slots
	t.slots = make([]intSlot, size)
	for i := range t.slots {
		t.slots[i].id = -1
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	t.used = 0
	for _, s := range old {
		if s.id >= 0 {
			t.lookupOrAdd(s.key, s.id)
		}
	}
}

// lookupOrAdd returns the id of k in the hash table, inserting it with id
// next when absent.
func (t *intTable) lookupOrAdd(k int64, next int32) (int32, bool) {
	mask := len(t.slots) - 1
	h := int((uint64(k) * 0x9E3779B97F4A7C15) >> t.shift)
	for {
		s := &t.slots[h]
		if s.id < 0 {
			s.key, s.id = k, next
			t.used++
			if t.used*2 > len(t.slots) {
				t.resize(len(t.slots) * 2)
			}
			return next, true
		}
		if s.key == k {
			return s.id, false
		}
		h = (h + 1) & mask
	}
}
