package expr

import (
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// The date and time functions: current_timestamp, to_timestamp, to_date,
// date_format, hour/minute/second/year/month/day, unix_timestamp, window.
func init() {
	S, I, L := sqltypes.StringType, sqltypes.IntegerType, sqltypes.LongType
	T := sqltypes.TimestampType
	Register(FuncDef{Name: "current_timestamp", MinArgs: 0, MaxArgs: 0, Build: func(c *Call) (Expr, error) {
		return &ScalarFunc{Name: "current_timestamp", Type: T, Kernel: func(ctx *Context, _ []arrow.Array, n int) (arrow.Array, error) {
			return Broadcast(ctx.Now.UTC(), T, n), nil
		}}, nil
	}})
	Register(FuncDef{Name: "now", MinArgs: 0, MaxArgs: 0, Build: registry["current_timestamp"].Build})
	Register(FuncDef{Name: "current_date", MinArgs: 0, MaxArgs: 0, Build: func(c *Call) (Expr, error) {
		return &ScalarFunc{Name: "current_date", Type: sqltypes.DateType, Kernel: func(ctx *Context, _ []arrow.Array, n int) (arrow.Array, error) {
			t := ctx.Now.In(ctx.Location)
			return Broadcast(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), sqltypes.DateType, n), nil
		}}, nil
	}})
	Register(FuncDef{Name: "to_timestamp", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		if len(c.Args) == 1 {
			if k := c.Args[0].DataType().Kind(); k != sqltypes.KindString && k != sqltypes.KindTimestamp && k != sqltypes.KindDate && !sqltypes.IsNumeric(c.Args[0].DataType()) {
				return nil, mismatchInput(c, 1, "", `"STRING"`, c.Args[0])
			}
			return &ScalarFunc{Name: "to_timestamp", Args: c.Args, Type: T, Null: true, Kernel: func(ctx *Context, a []arrow.Array, n int) (arrow.Array, error) {
				return CastArray(ctx, a[0], c.Args[0].DataType(), T)
			}}, nil
		}
		fmtStr, _ := literalString(c.Args[1])
		layout := javaToGoLayout(fmtStr)
		arg, err := requireType(c, 0, c.Args[0], S)
		if err != nil {
			return nil, err
		}
		return &ScalarFunc{Name: "to_timestamp", Args: []Expr{arg, c.Args[1]}, Type: T, Null: true, Kernel: func(ctx *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(T, a[:1], n, true, func(v []any) any {
				t, err := time.ParseInLocation(layout, v[0].(string), ctx.Location)
				if err != nil {
					return nil
				}
				return t
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "to_date", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		return &ScalarFunc{Name: "to_date", Args: c.Args[:1], Type: sqltypes.DateType, Null: true, Kernel: func(ctx *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return CastArray(ctx, a[0], c.Args[0].DataType(), sqltypes.DateType)
		}}, nil
	}})
	generic("date_format", 2, 2, []sqltypes.DataType{T, S}, S, true, func(ctx *Context, v []any) any {
		return FormatJavaTime(v[0].(time.Time).In(ctx.Location), v[1].(string))
	})
	part := func(name string, f func(t time.Time) int) {
		generic(name, 1, 1, []sqltypes.DataType{T}, I, true, func(ctx *Context, v []any) any { return int32(f(v[0].(time.Time).In(ctx.Location))) })
	}
	part("hour", func(t time.Time) int { return t.Hour() })
	part("minute", func(t time.Time) int { return t.Minute() })
	part("second", func(t time.Time) int { return t.Second() })
	part("year", func(t time.Time) int { return t.Year() })
	part("month", func(t time.Time) int { return int(t.Month()) })
	part("dayofmonth", func(t time.Time) int { return t.Day() })
	part("day", func(t time.Time) int { return t.Day() })
	part("dayofweek", func(t time.Time) int { return int(t.Weekday()) + 1 })
	generic("unix_timestamp", 1, 2, []sqltypes.DataType{T, S}, L, true, func(_ *Context, v []any) any { return v[0].(time.Time).Unix() })
	Register(FuncDef{Name: "window", MinArgs: 2, MaxArgs: 4, Build: func(c *Call) (Expr, error) {
		size, _ := literalString(c.Args[1])
		slide, start := "", ""
		if len(c.Args) > 2 {
			slide, _ = literalString(c.Args[2])
		}
		if len(c.Args) > 3 {
			start, _ = literalString(c.Args[3])
		}
		w, err := NewTimeWindow(c.Args[0], size, slide, start)
		if err != nil {
			return nil, err
		}
		return w.resolve()
	}})
}

// javaToGoLayout converts a Java DateTimeFormatter pattern into Go's layout.
func javaToGoLayout(p string) string {
	repl := []struct{ j, g string }{
		{"yyyy", "2006"}, {"yy", "06"}, {"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "01"},
		{"dd", "02"}, {"HH", "15"}, {"hh", "03"}, {"mm", "04"}, {"ss", "05"},
		{"SSSSSS", "000000"}, {"SSS", "000"}, {"a", "PM"}, {"EEEE", "Monday"}, {"EEE", "Mon"}, {"XXX", "Z07:00"}, {"Z", "-0700"},
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		if p[i] == '\'' {
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				b.WriteString(p[i+1:])
				break
			}
			b.WriteString(p[i+1 : i+1+j])
			i += j + 2
			continue
		}
		matched := false
		for _, r := range repl {
			if strings.HasPrefix(p[i:], r.j) {
				b.WriteString(r.g)
				i += len(r.j)
				matched = true
				break
			}
		}
		if !matched {
			switch p[i] {
			case 'M':
				b.WriteString("1")
			case 'd':
				b.WriteString("2")
			case 'H':
				b.WriteString("15")
			case 'm':
				b.WriteString("4")
			case 's':
				b.WriteString("5")
			default:
				b.WriteByte(p[i])
			}
			i++
		}
	}
	return b.String()
}
