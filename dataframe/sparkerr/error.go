package sparkerr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is an error with Spark's exception class and message.
type Error struct {
	// Exception is Spark's exception name, e.g. "AnalysisException".
	Exception string
	// Class is Spark's error class, e.g. "UNRESOLVED_COLUMN.WITH_SUGGESTION",
	// or "" for errors without one.
	Class string
	// Message is the full text, starting with "[CLASS] " when Class is set.
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// ExceptionName returns Spark's exception name.
func (e *Error) ExceptionName() string { return e.Exception }

// ErrorClass returns Spark's error class, or "".
func (e *Error) ErrorClass() string { return e.Class }

func newErr(exc, class, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	if class != "" {
		msg = "[" + class + "] " + msg
	}
	return &Error{Exception: exc, Class: class, Message: msg}
}

// Analysis returns an AnalysisException of the given error class.
func Analysis(class, format string, args ...any) *Error {
	return newErr("AnalysisException", class, format, args...)
}

// Parse returns a ParseException of the given error class.
func Parse(class, format string, args ...any) *Error {
	return newErr("ParseException", class, format, args...)
}

// IllegalArgument returns an IllegalArgumentException.
func IllegalArgument(format string, args ...any) *Error {
	return newErr("IllegalArgumentException", "", format, args...)
}

// Runtime returns a SparkException (an execution-time failure).
func Runtime(class, format string, args ...any) *Error {
	return newErr("SparkException", class, format, args...)
}

// NumberFormat returns a NumberFormatException.
func NumberFormat(format string, args ...any) *Error {
	return newErr("NumberFormatException", "", format, args...)
}

// Exception returns an error's Spark exception name, or "" when it has none.
func Exception(err error) string {
	var e interface{ ExceptionName() string }
	if errors.As(err, &e) {
		return e.ExceptionName()
	}
	return ""
}

// Quote quotes an identifier with backticks, as Spark's toSQLId does, e.g.
// `a`.`b` for "a.b" parts.
func Quote(parts ...string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
	}
	return strings.Join(q, ".")
}

// UnresolvedColumn returns Spark's UNRESOLVED_COLUMN error for name, with the
// candidates ordered by similarity, at most five as Spark shows.
func UnresolvedColumn(name string, candidates []string) *Error {
	q := QuoteName(name)
	if len(candidates) == 0 {
		return Analysis("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "A column or function parameter with name %s cannot be resolved. ", q)
	}
	sorted := OrderBySimilarity(name, candidates)
	if len(sorted) > 5 {
		sorted = sorted[:5]
	}
	return Analysis("UNRESOLVED_COLUMN.WITH_SUGGESTION", "A column or function parameter with name %s cannot be resolved. Did you mean one of the following? [%s].", q, strings.Join(sorted, ", "))
}

// QuoteName quotes a possibly dotted name part by part.
func QuoteName(name string) string {
	return Quote(strings.Split(name, ".")...)
}

// OrderBySimilarity sorts candidates by Levenshtein distance to name (stable).
func OrderBySimilarity(name string, candidates []string) []string {
	out := append([]string(nil), candidates...)
	dist := make(map[string]int, len(out))
	for _, c := range out {
		dist[c] = levenshtein(name, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
