package dataio

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// BatchSize is the number of rows per record batch the readers produce.
const BatchSize = 64 * 1024

// ReadCSV reads CSV files with Spark's options. schema may be nil (strings,
// or inferred with inferSchema=true).
func ReadCSV(paths []string, opts Options, schema *sqltypes.StructType) (sqltypes.StructType, []arrow.Record, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return sqltypes.StructType{}, nil, err
	}
	return withPartitions(paths, files, func(files []string) (sqltypes.StructType, []arrow.Record, error) {
		return readCSVFiles(files, opts, schema)
	})
}

func readCSVFiles(files []string, opts Options, schema *sqltypes.StructType) (sqltypes.StructType, []arrow.Record, error) {
	header := opts.Bool("header", false)
	sep := opts.Get("sep", opts.Get("delimiter", ","))
	if sep == `\t` {
		sep = "\t"
	}
	mode := strings.ToUpper(opts.Get("mode", "PERMISSIVE"))
	nullValue := opts.Get("nullValue", "")
	// fileRows is one chunk of at most BatchSize lines of one file.
	type fileRows struct {
		name      string
		text      string
		firstLine int
		cols      [][]fieldRef // column-major fields; empty where a row is short
		extra     []string     // unquoted fields (see fieldRef)
		width     []int32      // number of fields of each row
		line      []int
		n         int
	}
	var all []*fileRows
	field := func(fr *fileRows, c, i int) string {
		r := fr.cols[c][i]
		if r.start < 0 {
			return fr.extra[-r.start-1]
		}
		return fr.text[r.start:r.end]
	}
	rowOf := func(fr *fileRows, i int) []string {
		r := make([]string, fr.width[i])
		for c := range r {
			r[c] = field(fr, c, i)
		}
		return r
	}
	var names []string
	quote, escape := byte('"'), byte('\\')
	if q := opts.Get("quote", "\""); q != "" {
		quote = q[0]
	} else {
		quote = 0
	}
	if e := opts.Get("escape", "\\"); e != "" {
		escape = e[0]
	}
	comment := opts.Get("comment", "")
	skip := func(line string) bool {
		return line == "" || line == "\r" || (comment != "" && strings.HasPrefix(line, comment))
	}
	for _, f := range files {
		data, err := readFileParallel(f)
		if err != nil {
			return sqltypes.StructType{}, nil, err
		}
		defer releaseFileBuffer(data)
		// The file's bytes are never modified: view them as a string.
		text := ""
		if len(data) > 0 {
			text = unsafe.String(&data[0], len(data))
		}
		lineNo := 0
		if header {
			for len(text) > 0 {
				nl := strings.IndexByte(text, '\n')
				line := text
				if nl >= 0 {
					line, text = text[:nl], text[nl+1:]
				} else {
					text = ""
				}
				lineNo++
				if skip(line) {
					continue
				}
				if names == nil {
					// Clone: the file's buffer is reused once the read is done.
					names = splitCSVLine(strings.Clone(strings.TrimSuffix(line, "\r")), sep, quote, escape, nil)
				}
				break
			}
		}
		// Cut the rest into chunks of about BatchSize lines, by bytes (the
		// average line length comes from a sample), at line ends; then count
		// each chunk's lines in parallel to number them.
		target := len(text)
		sample := text[:min(len(text), 1<<18)]
		if nl := strings.Count(sample, "\n"); nl > 0 && nl < len(sample) {
			target = max(len(sample)/nl*BatchSize, 1<<16)
		}
		first := len(all)
		for len(text) > 0 {
			end := min(target, len(text))
			if end < len(text) {
				if nl := strings.IndexByte(text[end:], '\n'); nl < 0 {
					end = len(text)
				} else {
					end += nl + 1
				}
			}
			all = append(all, &fileRows{name: f, text: text[:end]})
			text = text[end:]
		}
		chunks := all[first:]
		counts := make([]int, len(chunks))
		parallel(len(chunks), func(k int) {
			t := chunks[k].text
			counts[k] = strings.Count(t, "\n")
			if t != "" && t[len(t)-1] != '\n' {
				counts[k]++
			}
		})
		for k, fr := range chunks {
			fr.firstLine = lineNo + 1
			lineNo += counts[k]
		}
	}
	parseChunk := func(fr *fileRows) {
		text := fr.text
		var rec []string
		var refs []fieldRef
		lineNo := fr.firstLine - 1
		pos := 0 // offset of the current line in fr.text
		for pos < len(text) {
			nl := strings.IndexByte(text[pos:], '\n')
			lineStart := pos
			var line string
			if nl < 0 {
				line, pos = text[pos:], len(text)
			} else {
				line, pos = text[pos:pos+nl], pos+nl+1
			}
			lineNo++
			line = strings.TrimSuffix(line, "\r")
			if skip(line) {
				continue
			}
			refs = refs[:0]
			if len(sep) == 1 && (quote == 0 || strings.IndexByte(line, quote) < 0) {
				// Fast path: fields are slices of the chunk's text.
				start := lineStart
				rest := line
				for {
					k := strings.IndexByte(rest, sep[0])
					if k < 0 {
						refs = append(refs, fieldRef{int32(start), int32(start + len(rest))})
						break
					}
					refs = append(refs, fieldRef{int32(start), int32(start + k)})
					start += k + 1
					rest = rest[k+1:]
				}
			} else {
				rec = splitCSVLine(line, sep, quote, escape, rec[:0])
				for _, v := range rec {
					fr.extra = append(fr.extra, v)
					refs = append(refs, fieldRef{int32(-len(fr.extra)), 0})
				}
			}
			for len(fr.cols) < len(refs) {
				fr.cols = append(fr.cols, make([]fieldRef, fr.n, BatchSize))
			}
			for c := range fr.cols {
				var r fieldRef
				if c < len(refs) {
					r = refs[c]
				}
				fr.cols[c] = append(fr.cols[c], r)
			}
			fr.width = append(fr.width, int32(len(refs)))
			fr.line = append(fr.line, lineNo)
			fr.n++
		}
	}
	fused := schema != nil
	if !fused {
		parallel(len(all), func(k int) { parseChunk(all[k]) })
	}
	var st sqltypes.StructType
	if schema != nil {
		st = *schema
	} else {
		ncols := len(names)
		if ncols == 0 {
			for _, fr := range all {
				for _, w := range fr.width {
					ncols = max(ncols, int(w))
				}
				if ncols > 0 {
					break
				}
			}
		}
		for c := 0; c < ncols; c++ {
			name := fmt.Sprintf("_c%d", c)
			if c < len(names) {
				name = names[c]
			}
			var t sqltypes.DataType = sqltypes.StringType
			if opts.Bool("inferSchema", false) {
				t = sqltypes.NullType
				for _, fr := range all {
					for i := 0; i < fr.n; i++ {
						if c < int(fr.width[i]) {
							if v := field(fr, c, i); v != nullValue {
								t = widenInfer(t, inferCSV(v))
							}
						}
					}
				}
				if t.Kind() == sqltypes.KindNull {
					t = sqltypes.StringType
				}
			}
			st.Fields = append(st.Fields, sqltypes.StructField{Name: name, DataType: t, Nullable: true})
		}
	}
	aschema := sqltypes.ToArrowSchema(st)
	ctx := expr.DefaultContext()
	type job struct{ file, start int }
	jobs := make([]job, len(all))
	for fi := range all {
		jobs[fi] = job{fi, 0}
	}
	convert := func(jb job) (arrow.Record, error) {
		fr := all[jb.file]
		start := jb.start
		var keep []int
		for i := 0; i < fr.n; i++ {
			if int(fr.width[i]) != len(st.Fields) {
				if mode == "FAILFAST" {
					return nil, malformed(fr.name, fr.line[start+i], strings.Join(rowOf(fr, i), sep))
				}
				if mode == "DROPMALFORMED" {
					continue
				}
			}
			keep = append(keep, i)
		}
		cols := make([]arrow.Array, len(st.Fields))
		badRow := make([]bool, len(keep))
		for c, f := range st.Fields {
			var get func(k int) (string, bool)
			if len(keep) == fr.n && c < len(fr.cols) {
				// Every row kept: read the chunk's column in place.
				col, width, text, extra := fr.cols[c], fr.width, fr.text, fr.extra
				get = func(k int) (string, bool) {
					r := col[k]
					var v string
					if r.start >= 0 {
						v = text[r.start:r.end]
					} else {
						v = extra[-r.start-1]
					}
					return v, int(width[k]) > c && v != nullValue
				}
			} else {
				vals := make([]string, len(keep))
				present := make([]bool, len(keep))
				for k, i := range keep {
					if c < int(fr.width[i]) {
						if v := field(fr, c, i); v != nullValue {
							vals[k], present[k] = v, true
						}
					}
				}
				get = func(k int) (string, bool) { return vals[k], present[k] }
			}
			var typed arrow.Array
			if f.DataType.Kind() != sqltypes.KindString {
				typed = expr.CastStrings(len(keep), get, f.DataType, time.UTC)
			}
			if typed == nil {
				sb := array.NewStringBuilder(expr.Mem)
				sb.Reserve(len(keep))
				for k := range keep {
					if v, ok := get(k); ok {
						sb.Append(v)
					} else {
						sb.AppendNull()
					}
				}
				strs := sb.NewArray()
				if f.DataType.Kind() == sqltypes.KindString {
					cols[c] = strs
					continue
				}
				var err error
				if typed, err = expr.CastArray(ctx, strs, sqltypes.StringType, f.DataType); err != nil {
					return nil, err
				}
			}
			if typed.NullN() > 0 {
				for k := 0; k < typed.Len(); k++ {
					if _, present := get(k); present && typed.IsNull(k) {
						badRow[k] = true
					}
				}
			}
			cols[c] = typed
		}
		if mode == "FAILFAST" {
			for k, b := range badRow {
				if b {
					vals := make([]string, len(cols))
					for c, col := range cols {
						vals[c] = strings.ToLower(format(col, k))
						if col.IsValid(k) {
							vals[c] = format(col, k)
						}
					}
					i := keep[k]
					return nil, sparkerr.Runtime("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: [%s].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. (line %d of file %s: %s)", strings.Join(vals, ","), fr.line[start+i], fr.name, strings.Join(rowOf(fr, i), sep))
				}
			}
		}
		if mode == "DROPMALFORMED" {
			var idx []int32
			for k, b := range badRow {
				if !b {
					idx = append(idx, int32(k))
				}
			}
			if len(idx) != len(keep) {
				rec, err := takeRows(array.NewRecord(aschema, cols, int64(len(keep))), idx)
				if err != nil {
					return nil, err
				}
				return rec, nil
			}
		}
		return array.NewRecord(aschema, cols, int64(len(keep))), nil
	}
	recs := make([]arrow.Record, len(jobs))
	errs := make([]error, len(jobs))
	var fast *csvFastParser
	if fused {
		fast = newCSVFastParser(st, aschema, sep, quote, comment, nullValue, mode)
	}
	parallel(len(jobs), func(k int) {
		if fast != nil {
			if rec, ok := fast.parse(all[k].text); ok {
				recs[k] = rec
				all[k].text = ""
				return
			}
		}
		if fused {
			parseChunk(all[k])
		}
		recs[k], errs[k] = convert(jobs[k])
		all[k].cols, all[k].width, all[k].line, all[k].extra, all[k].text = nil, nil, nil, nil, ""
	})
	var out []arrow.Record
	for k := range jobs {
		if errs[k] != nil {
			return st, nil, errs[k]
		}
		if recs[k] != nil {
			out = append(out, recs[k])
		}
	}
	return st, out, nil
}

// parallel runs f(0..n-1) on GOMAXPROCS workers.
func parallel(n int, f func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				f(k)
			}
		}()
	}
	wg.Wait()
}

func malformed(file string, line int, text string) error {
	return sparkerr.Runtime("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: [%s].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. (line %d of file %s)", text, line, file)
}

// inferCSV returns the narrowest type Spark's CSV inference gives a value.
func inferCSV(s string) sqltypes.DataType {
	if n, ok := expr.ParseIntegral(s); ok && !strings.Contains(s, ".") {
		if n >= -1<<31 && n < 1<<31 {
			return sqltypes.IntegerType
		}
		return sqltypes.LongType
	}
	if _, ok := expr.ParseDouble(s); ok && !strings.HasSuffix(strings.ToLower(s), "d") && !strings.HasSuffix(strings.ToLower(s), "f") {
		return sqltypes.DoubleType
	}
	switch strings.ToLower(s) {
	case "true", "false":
		return sqltypes.BooleanType
	}
	if len(s) >= 10 && s[4] == '-' {
		if len(s) == 10 {
			if _, ok := expr.ParseDate(s); ok {
				return sqltypes.DateType
			}
		}
		if _, ok := expr.ParseTimestamp(s, time.UTC); ok {
			return sqltypes.TimestampType
		}
	}
	return sqltypes.StringType
}

func widenInfer(a, b sqltypes.DataType) sqltypes.DataType {
	switch {
	case a.Kind() == sqltypes.KindNull:
		return b
	case sqltypes.Equal(a, b):
		return a
	case sqltypes.IsNumeric(a) && sqltypes.IsNumeric(b):
		return expr.WiderNumeric(a, b)
	case (a.Kind() == sqltypes.KindDate && b.Kind() == sqltypes.KindTimestamp) || (b.Kind() == sqltypes.KindDate && a.Kind() == sqltypes.KindTimestamp):
		return sqltypes.TimestampType
	}
	return sqltypes.StringType
}

func format(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return "null"
	}
	t, _ := sqltypes.FromArrow(a.DataType())
	return expr.ValueString(expr.GetValue(a, i), t, time.UTC)
}

// splitCSVLine splits one record as Spark's CSV parser does (univocity with
// escape '\\' and unescapedQuoteHandling STOP_AT_DELIMITER): a quoted field
// may contain the separator and escaped quotes (\\"); a field whose quotes
// are not well formed (such as "say ""hi""") is kept verbatim.
func splitCSVLine(line, sep string, quote, escape byte, out []string) []string {
	if quote == 0 || strings.IndexByte(line, quote) < 0 {
		for {
			k := strings.Index(line, sep)
			if k < 0 {
				return append(out, line)
			}
			out = append(out, line[:k])
			line = line[k+len(sep):]
		}
	}
	i := 0
	for {
		if quote != 0 && i < len(line) && line[i] == quote {
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(line) {
				c := line[j]
				if c == escape && escape != quote && j+1 < len(line) && (line[j+1] == quote || line[j+1] == escape) {
					b.WriteByte(line[j+1])
					j += 2
					continue
				}
				if c == quote {
					if j+1 == len(line) || strings.HasPrefix(line[j+1:], sep) {
						closed = true
					}
					break
				}
				b.WriteByte(c)
				j++
			}
			if closed {
				out = append(out, b.String())
				i = j + 1
			} else {
				// Not a well-formed quoted field: keep the raw text up to the next separator.
				k := strings.Index(line[i:], sep)
				if k < 0 {
					out = append(out, line[i:])
					return out
				}
				out = append(out, line[i:i+k])
				i += k
			}
		} else {
			k := strings.Index(line[i:], sep)
			if k < 0 {
				out = append(out, line[i:])
				return out
			}
			out = append(out, line[i:i+k])
			i += k
		}
		if i >= len(line) {
			return out
		}
		// line[i:] starts with sep
		i += len(sep)
		if i == len(line) {
			return append(out, "")
		}
	}
}

// fieldRef locates one CSV field: text[start:end] of its chunk, or, when
// start is negative, the chunk's extra[-start-1] (a field whose quotes were
// removed).
type fieldRef struct{ start, end int32 }

// readFileParallel reads a file whole; a large one is read in two halves at
// once, so that copying it from the page cache uses both cores.
func readFileParallel(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < 8<<20 {
		return os.ReadFile(name)
	}
	size := st.Size()
	data := fileBuffer(int(size))
	half := size / 2
	var errs [2]error
	var wg sync.WaitGroup
	for k, r := range [2][2]int64{{0, half}, {half, size}} {
		wg.Add(1)
		go func(k int, from, to int64) {
			defer wg.Done()
			_, errs[k] = f.ReadAt(data[from:to], from)
		}(k, r[0], r[1])
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		// The file changed size or cannot be read at offsets: read it plainly.
		return os.ReadFile(name)
	}
	if more, _ := f.ReadAt(make([]byte, 1), size); more > 0 {
		return os.ReadFile(name)
	}
	return data, nil
}

// fileBuffers keeps the last large file buffer for the next read: reading a
// file into fresh memory costs a page fault per 4 KB. Nothing refers to a
// buffer once readCSVFiles returns (header names are cloned; values are
// copied into Arrow arrays).
var fileBuffers sync.Pool

func fileBuffer(n int) []byte {
	if b, ok := fileBuffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]byte, n)
}

func releaseFileBuffer(b []byte) {
	if cap(b) >= 8<<20 {
		fileBuffers.Put(&b)
	}
}
