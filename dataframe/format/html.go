package format

import (
	"html"
	"strconv"
	"strings"
)

// HTML renders the table as an escaped HTML table whose header shows each
// column's name and type, followed by the same footer as show().
func (t *Table) HTML(numRows int) string {
	var b strings.Builder
	b.WriteString("<table class=\"eddy-dataframe\" border=\"1\">\n<thead>\n<tr>")
	for j, n := range t.Names {
		typ := ""
		if j < len(t.Types) {
			typ = t.Types[j].SimpleString()
		}
		b.WriteString("<th>" + html.EscapeString(n) + "<br><small>" + html.EscapeString(typ) + "</small></th>")
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range r {
			b.WriteString("<td>" + html.EscapeString(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if t.HasMore {
		word := "rows"
		if numRows == 1 {
			word = "row"
		}
		b.WriteString("<p>only showing top " + strconv.Itoa(numRows) + " " + word + "</p>\n")
	}
	return b.String()
}
