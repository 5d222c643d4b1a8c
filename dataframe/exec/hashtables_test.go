package exec

import (
	"math"
	"math/rand"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
)

func int64Column(vals []int64, nulls []bool) arrow.Array {
	b := array.NewInt64Builder(expr.Mem)
	for i, v := range vals {
		if nulls != nil && nulls[i] {
			b.AppendNull()
		} else {
			b.Append(v)
		}
	}
	return b.NewArray()
}

// keyBatches are batches of int64 keys whose ranges make the group table
// stay dense, grow its dense range, or switch to hashing part-way.
var keyBatches = []struct {
	name    string
	batches func(r *rand.Rand) [][]int64
}{
	{"compact", func(r *rand.Rand) [][]int64 { return randBatches(r, 5, 1000, 0, 300) }},
	{"growing", func(r *rand.Rand) [][]int64 {
		var out [][]int64
		for b := 0; b < 6; b++ {
			out = append(out, randBatches(r, 1, 500, int64(b)*-700, 2000)...)
		}
		return out
	}},
	{"sparse later", func(r *rand.Rand) [][]int64 {
		out := randBatches(r, 2, 1000, 0, 100)
		return append(out, []int64{math.MaxInt64, math.MinInt64, 5, 1 << 40, 5})
	}},
	{"sparse first", func(r *rand.Rand) [][]int64 {
		return [][]int64{{math.MinInt64, 0, math.MaxInt64}, {1, 2, 0, math.MaxInt64}}
	}},
}

func randBatches(r *rand.Rand, n, size int, lo, span int64) [][]int64 {
	out := make([][]int64, n)
	for i := range out {
		for j := 0; j < size; j++ {
			out[i] = append(out[i], lo+r.Int63n(span))
		}
	}
	return out
}

func TestGroupTableIntKeysMatchAMap(t *testing.T) {
	for _, tc := range keyBatches {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(7))
			g := newGroupTable(arrow.PrimitiveTypes.Int64)
			want := map[int64]int32{}
			nullID := int32(-1)
			next := int32(0)
			for _, vals := range tc.batches(r) {
				nulls := make([]bool, len(vals))
				for i := range nulls {
					nulls[i] = r.Intn(10) == 0
				}
				ids, first := g.ids([]arrow.Array{int64Column(vals, nulls)}, len(vals), nil)
				var wantFirst []int
				for i, v := range vals {
					var id int32
					if nulls[i] {
						if nullID < 0 {
							nullID, next = next, next+1
							wantFirst = append(wantFirst, i)
						}
						id = nullID
					} else if got, ok := want[v]; ok {
						id = got
					} else {
						id, want[v], next = next, next, next+1
						wantFirst = append(wantFirst, i)
					}
					if ids[i] != id {
						t.Fatalf("row %d key %d: id %d, want %d", i, v, ids[i], id)
					}
				}
				if len(first) != len(wantFirst) {
					t.Fatalf("first rows %v, want %v", first, wantFirst)
				}
			}
		})
	}
}

func TestIntJoinTableMatchesNestedLoops(t *testing.T) {
	cases := []struct {
		name        string
		right, left []int64
		rightNulls  []bool
	}{
		{"dense unique", []int64{3, 1, 2, 7}, []int64{1, 2, 3, 4, 7, 0, -1, 8}, nil},
		{"dense duplicates and nulls", []int64{3, 1, 3, 0, 1}, []int64{1, 3, 0, 9}, []bool{false, false, false, true, false}},
		{"sparse", []int64{math.MinInt64, 0, math.MaxInt64, 0}, []int64{0, math.MaxInt64, 5, math.MinInt64}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			jt, ok := buildIntJoin([]arrow.Array{int64Column(tc.right, tc.rightNulls)}, len(tc.right))
			if !ok {
				t.Fatal("int join table not built")
			}
			li, ri, ok := jt.probe([]arrow.Array{int64Column(tc.left, nil)}, len(tc.left))
			if !ok {
				t.Fatal("probe refused int64 keys")
			}
			var wl, wr []int32
			for i, lv := range tc.left {
				for m, rv := range tc.right {
					if (tc.rightNulls == nil || !tc.rightNulls[m]) && lv == rv {
						wl, wr = append(wl, int32(i)), append(wr, int32(m))
					}
				}
			}
			if len(li) != len(wl) {
				t.Fatalf("pairs %v %v, want %v %v", li, ri, wl, wr)
			}
			for k := range li {
				if li[k] != wl[k] || ri[k] != wr[k] {
					t.Fatalf("pairs %v %v, want %v %v", li, ri, wl, wr)
				}
			}
		})
	}
}

func TestGroupTableStringCacheKeepsCollidingKeysApart(t *testing.T) {
	b := array.NewStringBuilder(expr.Mem)
	vals := []string{"Manhattan", "Queens", "", "Manhattan", "ab", "ba", "Queens", "abcdefgh-x-abcdefgh", "abcdefgh-y-abcdefgh"}
	for _, v := range vals {
		b.Append(v)
	}
	b.AppendNull()
	b.Append("")
	g := newGroupTable(arrow.BinaryTypes.String)
	ids, _ := g.ids([]arrow.Array{b.NewArray()}, len(vals)+2, nil)
	want := []int32{0, 1, 2, 0, 3, 4, 1, 5, 6, 7, 2}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("ids %v, want %v", ids, want)
		}
	}
}
