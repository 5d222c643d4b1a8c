package format

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Table is the text of a result prepared for display: column names and the
// rows' cell strings, before truncation.
type Table struct {
	Names []string
	Types []sqltypes.DataType
	Rows  [][]string
	// HasMore is set when rows beyond the shown ones exist.
	HasMore bool
}

// NewTable renders up to n rows of batches (the caller fetches n+1 rows to
// know whether more exist).
func NewTable(schema sqltypes.StructType, batches []arrow.Record, n int, loc *time.Location) *Table {
	t := &Table{Names: schema.FieldNames()}
	for _, f := range schema.Fields {
		t.Types = append(t.Types, f.DataType)
	}
	for _, b := range batches {
		for i := 0; i < int(b.NumRows()); i++ {
			if len(t.Rows) >= n {
				t.HasMore = true
				return t
			}
			row := make([]string, b.NumCols())
			for c := range row {
				row[c] = escapeMeta(Cell(b.Column(c), i, t.Types[c], loc))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// width is Spark's Utils.stringHalfWidth: characters, with full-width East
// Asian characters counting twice.
func width(s string) int {
	w := 0
	for _, r := range s {
		w++
		if r > 0xFFFF {
			w++ // a surrogate pair: two UTF-16 units, as Java's String.length
		}
		if isFullWidth(r) {
			w++
		}
	}
	return w
}

func isFullWidth(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6)
}

func truncateCell(s string, truncate int) string {
	if truncate <= 0 || utf8.RuneCountInString(s) <= truncate {
		return s
	}
	r := []rune(s)
	if truncate < 4 {
		return string(r[:truncate])
	}
	return string(r[:truncate-3]) + "..."
}

func pad(s string, w int, left bool) string {
	n := w - width(s)
	if n <= 0 {
		return s
	}
	if left {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// Show returns Spark's showString text for the table: numRows is the n
// passed to show(), truncate 0 disables truncation.
func (t *Table) Show(numRows, truncate int, vertical bool) string {
	var sb strings.Builder
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = make([]string, len(r))
		for j, c := range r {
			rows[i][j] = truncateCell(c, truncate)
		}
	}
	names := t.Names
	if !vertical {
		widths := make([]int, len(names))
		for j, n := range names {
			widths[j] = max(3, width(n))
		}
		for _, r := range rows {
			for j, c := range r {
				widths[j] = max(widths[j], width(c))
			}
		}
		var sep strings.Builder
		sep.WriteString("+")
		for j, w := range widths {
			if j > 0 {
				sep.WriteString("+")
			}
			sep.WriteString(strings.Repeat("-", w))
		}
		sep.WriteString("+\n")
		line := func(cells []string) {
			sb.WriteString("|")
			for j, c := range cells {
				if j > 0 {
					sb.WriteString("|")
				}
				sb.WriteString(pad(c, widths[j], truncate > 0))
			}
			sb.WriteString("|\n")
		}
		sb.WriteString(sep.String())
		line(names)
		sb.WriteString(sep.String())
		for _, r := range rows {
			line(r)
		}
		sb.WriteString(sep.String())
	} else {
		nameW, dataW := 3, 3
		for _, n := range t.Names {
			nameW = max(nameW, width(n))
		}
		for _, r := range rows {
			for _, c := range r {
				dataW = max(dataW, width(c))
			}
		}
		for i, r := range rows {
			header := "-RECORD " + strconv.Itoa(i)
			sb.WriteString(header + strings.Repeat("-", max(0, nameW+dataW+5-width(header))) + "\n")
			for j, c := range r {
				sb.WriteString(" " + pad(t.Names[j], nameW, false) + " | " + pad(c, dataW, false) + " \n")
			}
		}
		if len(rows) == 0 {
			sb.WriteString("(0 rows)\n")
		}
	}
	if t.HasMore {
		word := "rows"
		if numRows == 1 {
			word = "row"
		}
		sb.WriteString("only showing top " + strconv.Itoa(numRows) + " " + word + "\n")
	}
	return sb.String()
}

// metaEscaper is Spark's SchemaUtils.escapeMetaCharacters: show() prints
// control characters escaped so that they cannot break the table.
var metaEscaper = strings.NewReplacer("\n", "\\n", "\r", "\\r", "\t", "\\t", "\f", "\\f", "\b", "\\b", "\v", "\\v", "\a", "\\a")

func escapeMeta(s string) string {
	if strings.ContainsAny(s, "\n\r\t\f\b\v\a") {
		return metaEscaper.Replace(s)
	}
	return s
}
