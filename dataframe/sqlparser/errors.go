package sqlparser

import (
	"fmt"
	"strings"
)

// ParseException is a Spark SQL parse error. Error() returns the text
// PySpark 3.5 shows for org.apache.spark.sql.catalyst.parser.ParseException:
// the message, the position, and the SQL text with a caret line under the
// error.
type ParseException struct {
	// ErrorClass is Spark's error class, e.g. "PARSE_SYNTAX_ERROR"; empty
	// for the few parse errors Spark raises without a class.
	ErrorClass string
	// Message is the message after the "[CLASS] " prefix, e.g.
	// "Syntax error at or near 'FROM'.".
	Message string
	// Line (1-based) and Col (0-based, Spark's "pos") locate the error;
	// HasPos is false for errors without a position.
	Line, Col int
	HasPos    bool
	// SQL is the text that was parsed.
	SQL string
}

// ExceptionName returns "ParseException", the class name Jupyter shows.
func (e *ParseException) ExceptionName() string { return "ParseException" }

// SQLState returns the SQLSTATE of the error class.
func (e *ParseException) SQLState() string {
	if s, ok := sqlStates[e.ErrorClass]; ok {
		return s
	}
	return "42000"
}

var sqlStates = map[string]string{
	"PARSE_SYNTAX_ERROR":            "42601",
	"PARSE_EMPTY_STATEMENT":         "42617",
	"UNSUPPORTED_DATATYPE":          "0A000",
	"INVALID_NUMERIC_LITERAL_RANGE": "22003",
	"UNCLOSED_BRACKETED_COMMENT":    "42601",
	"INVALID_TYPED_LITERAL":         "42604",
	"UNSUPPORTED_TYPED_LITERAL":     "0A000",
}

// Error returns Spark's message: "\n[CLASS] message(line L, pos P)\n\n== SQL
// ==\n<sql lines up to the error line>\n---^^^\n<remaining lines>".
func (e *ParseException) Error() string {
	var b strings.Builder
	b.WriteString("\n")
	if e.ErrorClass != "" {
		b.WriteString("[" + e.ErrorClass + "] ")
	}
	b.WriteString(e.Message)
	if !e.HasPos {
		b.WriteString("\n== SQL ==\n")
		b.WriteString(e.SQL)
		return b.String()
	}
	fmt.Fprintf(&b, "(line %d, pos %d)\n", e.Line, e.Col)
	b.WriteString("\n== SQL ==\n")
	lines := splitLinesJava(e.SQL)
	above, below := lines, []string(nil)
	if e.Line < len(lines) {
		above, below = lines[:e.Line], lines[e.Line:]
	}
	for _, l := range above {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat("-", e.Col))
	b.WriteString("^^^\n")
	for _, l := range below {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// splitLinesJava splits like Java's String.split("\n"): trailing empty
// strings are removed.
func splitLinesJava(s string) []string {
	parts := strings.Split(s, "\n")
	for len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// ArithmeticException is the error Spark raises while parsing a literal
// whose value does not fit its type, e.g. a decimal literal with more than
// 38 digits. Error() returns "[CLASS] message", as PySpark shows it.
type ArithmeticException struct {
	ErrorClass string
	Message    string
}

// ExceptionName returns "ArithmeticException".
func (e *ArithmeticException) ExceptionName() string { return "ArithmeticException" }

// Error returns Spark's message.
func (e *ArithmeticException) Error() string { return "[" + e.ErrorClass + "] " + e.Message }

// ErrorAt builds the ParseException Spark reports for an error found after
// parsing, e.g. an invalid TIMESTAMP literal detected while binding: sql is
// the parsed text and at the position of the offending node.
func ErrorAt(sql string, at Pos, class, msg string) *ParseException {
	return &ParseException{ErrorClass: class, Message: msg, Line: at.Line, Col: at.Col, HasPos: true, SQL: sql}
}
