package symbols

import (
	"fmt"
	"testing"
)

type celsius float64

func TestSort(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{[]int{3, 1, 2}, "[1 2 3]"},
		{[]int64{3, -1, 2}, "[-1 2 3]"},
		{[]float64{2.5, -1, 9}, "[-1 2.5 9]"},
		{[]string{"b", "a", "c"}, "[a b c]"},
		{[]int8{3, 1}, "[1 3]"},
		{[]uint{3, 1}, "[1 3]"},
		{[]celsius{3.5, 1.5}, "[1.5 3.5]"},
		{[]string{}, "[]"},
	} {
		Sort(tc.in)
		if got := fmt.Sprint(tc.in); got != tc.want {
			t.Errorf("Sort = %s, want %s", got, tc.want)
		}
		if !IsSorted(tc.in) {
			t.Errorf("IsSorted(%s) = false", tc.want)
		}
	}
	if IsSorted([]int{2, 1}) || IsSorted([]int8{2, 1}) {
		t.Error("IsSorted of an unsorted slice = true")
	}
}

func TestExtremes(t *testing.T) {
	for _, tc := range []struct {
		in       any
		min, max int
	}{
		{[]int{3, 1, 3, 2}, 1, 0},
		{[]int64{5}, 0, 0},
		{[]float64{2.5, -1, 9}, 1, 2},
		{[]string{"b", "a", "c"}, 1, 2},
		{[]uint16{7, 9, 1}, 2, 1},
	} {
		if got := MinIndex(tc.in); got != tc.min {
			t.Errorf("MinIndex(%v) = %d, want %d", tc.in, got, tc.min)
		}
		if got := MaxIndex(tc.in); got != tc.max {
			t.Errorf("MaxIndex(%v) = %d, want %d", tc.in, got, tc.max)
		}
	}
	for _, empty := range []any{[]int{}, []int32{}} {
		func() {
			defer func() {
				if r := recover(); r != "slices.Max: empty list" {
					t.Errorf("MaxIndex(%T{}) panicked with %v", empty, r)
				}
			}()
			MaxIndex(empty)
		}()
	}
}

func TestSortedKeys(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{map[string]int{"z": 1, "a": 2}, "[a z]"},
		{map[int]bool{3: true, 1: false}, "[1 3]"},
		{map[float64]string{}, "[]"},
	} {
		if got := fmt.Sprint(SortedKeys(tc.in)); got != tc.want {
			t.Errorf("SortedKeys(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if keys, ok := SortedKeys(map[[2]int]int{{1, 2}: 1}).([][2]int); !ok || len(keys) != 1 {
		t.Errorf("SortedKeys with unordered keys = %v", keys)
	}
}

// The generated tables hold what the interpreter relies on.
func TestGeneratedTables(t *testing.T) {
	if _, ok := Symbols["github.com/eddykernel/eddy/display/display"]["Func"]; !ok {
		t.Error("the display symbol table lacks Func: run go generate")
	}
	for _, key := range []string{
		"fmt.Println",
		"strings.Split",
		"github.com/eddykernel/eddy/display.Func.HTML",
		"github.com/eddykernel/eddy/display",
		"maps.Keys",
		"slices.Sort",
	} {
		if Docs[key] == "" {
			t.Errorf("Docs[%q] is empty: run go generate", key)
		}
	}
	if len(GenericSources) != 2 {
		t.Errorf("GenericSources has %d sources, want 2", len(GenericSources))
	}
}
