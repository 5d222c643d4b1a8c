package symbols

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"sort"
)

// HelpersPath is the import path under which the generic sources see the
// compiled helpers of this file.
const HelpersPath = "eddy/generichelpers"

func init() {
	Symbols[HelpersPath+"/generichelpers"] = map[string]reflect.Value{
		"Sort":        reflect.ValueOf(Sort),
		"IsSorted":    reflect.ValueOf(IsSorted),
		"MaxIndex":    reflect.ValueOf(MaxIndex),
		"MinIndex":    reflect.ValueOf(MinIndex),
		"SortedKeys":  reflect.ValueOf(SortedKeys),
		"SortInts":    reflect.ValueOf(slices.Sort[[]int]),
		"SortInt64s":  reflect.ValueOf(slices.Sort[[]int64]),
		"SortFloat64": reflect.ValueOf(slices.Sort[[]float64]),
		"SortStrings": reflect.ValueOf(slices.Sort[[]string]),
	}
}

// Sort sorts a slice of an ordered element type in increasing order. The
// common instantiations ([]int, []int64, []float64, []string) call
// slices.Sort; other ordered kinds (named types, other widths) sort through
// reflection. It panics if the elements are not ordered.
func Sort(s any) {
	switch x := s.(type) {
	case []int:
		slices.Sort(x)
	case []int64:
		slices.Sort(x)
	case []float64:
		slices.Sort(x)
	case []string:
		slices.Sort(x)
	default:
		v := sliceValue(s)
		less := lessFunc(v.Type().Elem())
		sort.SliceStable(s, func(i, j int) bool { return less(v.Index(i), v.Index(j)) })
	}
}

// IsSorted reports whether a slice of an ordered element type is sorted.
func IsSorted(s any) bool {
	switch x := s.(type) {
	case []int:
		return slices.IsSorted(x)
	case []int64:
		return slices.IsSorted(x)
	case []float64:
		return slices.IsSorted(x)
	case []string:
		return slices.IsSorted(x)
	}
	v := sliceValue(s)
	less := lessFunc(v.Type().Elem())
	for i := 1; i < v.Len(); i++ {
		if less(v.Index(i), v.Index(i-1)) {
			return false
		}
	}
	return true
}

// MaxIndex returns the index of the first maximal element of a non-empty
// slice of an ordered element type; it panics on an empty slice, as
// slices.Max does.
func MaxIndex(s any) int { return extremeIndex(s, "slices.Max", 1) }

// MinIndex returns the index of the first minimal element; see MaxIndex.
func MinIndex(s any) int { return extremeIndex(s, "slices.Min", -1) }

func extremeIndex(s any, name string, sign int) int {
	switch x := s.(type) {
	case []int:
		return extreme(x, name, sign)
	case []int64:
		return extreme(x, name, sign)
	case []float64:
		return extreme(x, name, sign)
	case []string:
		return extreme(x, name, sign)
	}
	v := sliceValue(s)
	if v.Len() == 0 {
		panic(name + ": empty list")
	}
	less := lessFunc(v.Type().Elem())
	best := 0
	for i := 1; i < v.Len(); i++ {
		if (sign > 0 && less(v.Index(best), v.Index(i))) || (sign < 0 && less(v.Index(i), v.Index(best))) {
			best = i
		}
	}
	return best
}

func extreme[E cmp.Ordered](x []E, name string, sign int) int {
	if len(x) == 0 {
		panic(name + ": empty list")
	}
	best := 0
	for i := 1; i < len(x); i++ {
		if c := cmp.Compare(x[i], x[best]); c*sign > 0 {
			best = i
		}
	}
	return best
}

// SortedKeys returns the keys of map m as a slice of the key type, sorted
// when the key type is ordered (in map order otherwise).
func SortedKeys(m any) any {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Map {
		panic(fmt.Sprintf("maps.Keys: %T is not a map", m))
	}
	keys := reflect.MakeSlice(reflect.SliceOf(v.Type().Key()), 0, v.Len())
	for _, k := range v.MapKeys() {
		keys = reflect.Append(keys, k)
	}
	out := keys.Interface()
	if ordered(v.Type().Key()) {
		Sort(out)
	}
	return out
}

func sliceValue(s any) reflect.Value {
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Slice {
		panic(fmt.Sprintf("%T is not a slice", s))
	}
	return v
}

func ordered(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String:
		return true
	}
	return false
}

// lessFunc returns the < of an ordered kind; NaNs sort first, as in
// slices.Sort.
func lessFunc(t reflect.Type) func(a, b reflect.Value) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(a, b reflect.Value) bool { return a.Int() < b.Int() }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(a, b reflect.Value) bool { return a.Uint() < b.Uint() }
	case reflect.Float32, reflect.Float64:
		return func(a, b reflect.Value) bool { return cmp.Less(a.Float(), b.Float()) }
	case reflect.String:
		return func(a, b reflect.Value) bool { return a.String() < b.String() }
	}
	panic(fmt.Sprintf("%s is not an ordered type", t))
}
