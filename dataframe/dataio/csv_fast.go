package dataio

import (
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// csvFastParser converts a chunk of CSV text straight into typed Arrow
// columns in one pass, for the common case: a schema of int, bigint,
// double, float, timestamp, date and string columns, PERMISSIVE mode and a
// one-byte separator. A chunk with a quote character or a row of the wrong
// width is left to the general path (parse returns false), so the results
// are the same.
type csvFastParser struct {
	st        sqltypes.StructType
	schema    *arrow.Schema
	sep       byte
	quote     byte
	comment   string
	nullValue string
}

// newCSVFastParser returns a parser, or nil when the options or the schema
// need the general path.
func newCSVFastParser(st sqltypes.StructType, schema *arrow.Schema, sep string, quote byte, comment, nullValue, mode string) *csvFastParser {
	if len(sep) != 1 || mode != "PERMISSIVE" || len(st.Fields) == 0 || sep[0] == '\n' || sep[0] == '\r' {
		return nil
	}
	for _, f := range st.Fields {
		switch f.DataType.Kind() {
		case sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindDouble, sqltypes.KindFloat,
			sqltypes.KindTimestamp, sqltypes.KindDate, sqltypes.KindString:
		default:
			return nil
		}
	}
	return &csvFastParser{st: st, schema: schema, sep: sep[0], quote: quote, comment: comment, nullValue: nullValue}
}

// fastColumn accumulates one column's values and its null rows.
type fastColumn struct {
	kind  sqltypes.Kind
	i64   []int64
	f64   []float64
	i32   []int32
	str   *array.StringBuilder
	ts    expr.TimestampCache
	nulls []int32
}

// parse converts text (whole lines) into a record; false means the chunk
// needs the general path.
func (p *csvFastParser) parse(text string) (arrow.Record, bool) {
	ncols := len(p.st.Fields)
	estimate := strings.Count(text[:min(len(text), 4096)], "\n")*(len(text)/4096+1) + 16
	cols := make([]fastColumn, ncols)
	for c, f := range p.st.Fields {
		col := &cols[c]
		col.kind = f.DataType.Kind()
		switch col.kind {
		case sqltypes.KindLong, sqltypes.KindTimestamp:
			col.i64 = make([]int64, 0, estimate)
		case sqltypes.KindInteger:
			col.i32 = make([]int32, 0, estimate)
		case sqltypes.KindDouble, sqltypes.KindFloat:
			col.f64 = make([]float64, 0, estimate)
		case sqltypes.KindDate:
			col.i32 = make([]int32, 0, estimate)
		case sqltypes.KindString:
			col.str = array.NewStringBuilder(expr.Mem)
			col.str.Reserve(estimate)
		}
	}
	rows := int32(0)
	pos := 0
	for pos < len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		var line string
		if nl < 0 {
			line, pos = text[pos:], len(text)
		} else {
			line, pos = text[pos:pos+nl], pos+nl+1
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" || (p.comment != "" && strings.HasPrefix(line, p.comment)) {
			continue
		}
		if p.quote != 0 && strings.IndexByte(line, p.quote) >= 0 {
			return nil, false
		}
		rest := line
		for c := 0; c < ncols; c++ {
			var f string
			k := strings.IndexByte(rest, p.sep)
			if k < 0 {
				if c != ncols-1 {
					return nil, false
				}
				f = rest
			} else {
				if c == ncols-1 {
					return nil, false
				}
				f, rest = rest[:k], rest[k+1:]
			}
			p.append(&cols[c], f, rows)
		}
		rows++
	}
	arrs := make([]arrow.Array, ncols)
	for c := range cols {
		arrs[c] = cols[c].finish(int(rows))
	}
	return array.NewRecord(p.schema, arrs, int64(rows)), true
}

// append adds field f as row r of col, converting as expr.CastStrings does.
func (p *csvFastParser) append(col *fastColumn, f string, r int32) {
	isNull := f == p.nullValue
	ok := !isNull
	switch col.kind {
	case sqltypes.KindInteger:
		var v int64
		if ok {
			v, ok = expr.ParseIntText(f)
			if ok && (v < -1<<31 || v > 1<<31-1) {
				ok = false
			}
		}
		col.i32 = append(col.i32, int32(v))
	case sqltypes.KindLong:
		var v int64
		if ok {
			v, ok = expr.ParseIntText(f)
		}
		col.i64 = append(col.i64, v)
	case sqltypes.KindDouble, sqltypes.KindFloat:
		var v float64
		if ok {
			v, ok = expr.ParseDoubleText(f)
		}
		col.f64 = append(col.f64, v)
	case sqltypes.KindTimestamp:
		var v int64
		if ok {
			v, ok = col.ts.Parse(f, time.UTC)
		}
		col.i64 = append(col.i64, v)
	case sqltypes.KindDate:
		var v int32
		if ok {
			v, ok = expr.ParseDate(f)
		}
		col.i32 = append(col.i32, v)
	case sqltypes.KindString:
		if ok {
			col.str.Append(f)
		} else {
			col.str.AppendNull()
		}
		return
	}
	if !ok {
		col.nulls = append(col.nulls, r)
	}
}

// finish builds the column's Arrow array of n rows.
func (col *fastColumn) finish(n int) arrow.Array {
	if col.kind == sqltypes.KindString {
		return col.str.NewArray()
	}
	var valid *memory.Buffer
	if len(col.nulls) > 0 {
		bits := make([]byte, bitutil.BytesForBits(int64(n)))
		bitutil.SetBitsTo(bits, 0, int64(n), true)
		for _, r := range col.nulls {
			bitutil.ClearBit(bits, int(r))
		}
		valid = memory.NewBufferBytes(bits)
	}
	nulls := len(col.nulls)
	switch col.kind {
	case sqltypes.KindInteger:
		return expr.MakeFixed(arrow.PrimitiveTypes.Int32, col.i32, valid, nulls)
	case sqltypes.KindLong:
		return expr.MakeFixed(arrow.PrimitiveTypes.Int64, col.i64, valid, nulls)
	case sqltypes.KindTimestamp:
		return expr.MakeFixed(sqltypes.ArrowTimestamp, col.i64, valid, nulls)
	case sqltypes.KindDouble:
		return expr.MakeFixed(arrow.PrimitiveTypes.Float64, col.f64, valid, nulls)
	case sqltypes.KindFloat:
		f32 := make([]float32, n)
		for i, v := range col.f64 {
			f32[i] = float32(v)
		}
		return expr.MakeFixed(arrow.PrimitiveTypes.Float32, f32, valid, nulls)
	default: // date
		return expr.MakeFixed(arrow.FixedWidthTypes.Date32, col.i32, valid, nulls)
	}
}
