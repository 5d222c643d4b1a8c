package exec

import (
	"math/bits"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/expr"
)

// selection returns the indices of rows where mask is true and not null.
func selection(mask *array.Boolean) []int32 {
	n := mask.Len()
	bits := mask.Data().Buffers()[1].Bytes()
	off := mask.Data().Offset()
	var valid []byte
	if mask.NullN() > 0 {
		valid = mask.NullBitmapBytes()
	}
	idx := make([]int32, 0, n/2+1)
	if off == 0 && valid == nil {
		full := n / 8
		for byteI := 0; byteI < full; byteI++ {
			by := bits[byteI]
			if by == 0 {
				continue
			}
			base := int32(byteI * 8)
			for by != 0 {
				tz := trailingZeros8(by)
				idx = append(idx, base+int32(tz))
				by &= by - 1
			}
		}
		for i := full * 8; i < n; i++ {
			if bitutil.BitIsSet(bits, i) {
				idx = append(idx, int32(i))
			}
		}
		return idx
	}
	for i := 0; i < n; i++ {
		if bitutil.BitIsSet(bits, off+i) && (valid == nil || bitutil.BitIsSet(valid, off+i)) {
			idx = append(idx, int32(i))
		}
	}
	return idx
}

func trailingZeros8(b byte) int { return bits.TrailingZeros8(b) }

// takeValidity gathers a validity bitmap for the selected rows.
func takeValidity(a arrow.Array, idx []int32) (*memory.Buffer, int) {
	hasNeg := false
	for _, i := range idx {
		if i < 0 {
			hasNeg = true
			break
		}
	}
	if a.NullN() == 0 && !hasNeg {
		return nil, 0
	}
	out := make([]byte, bitutil.BytesForBits(int64(len(idx))))
	nulls := 0
	for k, i := range idx {
		if i >= 0 && a.IsValid(int(i)) {
			out[k>>3] |= 1 << (uint(k) & 7)
		} else {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	return memory.NewBufferBytes(out), nulls
}

func takeFixed[T expr.Fixed](a arrow.Array, idx []int32) arrow.Array {
	vals := expr.Values[T](a)
	out := make([]T, len(idx))
	for k, i := range idx {
		if i >= 0 {
			out[k] = vals[i]
		}
	}
	valid, nulls := takeValidity(a, idx)
	return expr.MakeFixed(a.DataType(), out, valid, nulls)
}

// fastTake gathers rows of the common column types; ok is false for others.
func fastTake(a arrow.Array, idx []int32) (arrow.Array, bool) {
	switch x := a.(type) {
	case *array.Int64, *array.Timestamp:
		return takeFixed[int64](a, idx), true
	case *array.Int32, *array.Date32:
		return takeFixed[int32](a, idx), true
	case *array.Float64:
		return takeFixed[float64](a, idx), true
	case *array.Float32:
		return takeFixed[float32](a, idx), true
	case *array.String:
		offs := x.ValueOffsets()
		size := 0
		for _, i := range idx {
			if i >= 0 {
				size += int(offs[i+1] - offs[i])
			}
		}
		data := x.ValueBytes()
		base := offs[0]
		newOffs := make([]int32, len(idx)+1)
		buf := make([]byte, 0, size)
		for k, i := range idx {
			if i >= 0 {
				buf = append(buf, data[offs[i]-base:offs[i+1]-base]...)
			}
			newOffs[k+1] = int32(len(buf))
		}
		valid, nulls := takeValidity(a, idx)
		d := array.NewData(a.DataType(), len(idx), []*memory.Buffer{valid, memory.NewBufferBytes(arrow.GetBytes(newOffs)), memory.NewBufferBytes(buf)}, nil, nulls, 0)
		return array.MakeFromData(d), true
	case *array.Boolean:
		out := make([]byte, bitutil.BytesForBits(int64(len(idx))))
		for k, i := range idx {
			if i >= 0 && x.Value(int(i)) {
				out[k>>3] |= 1 << (uint(k) & 7)
			}
		}
		valid, nulls := takeValidity(a, idx)
		return expr.MakeBool(len(idx), out, valid, nulls), true
	}
	return nil, false
}
