package dataframe

import (
	"fmt"
	"io"
	"strings"

	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/format"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Execute runs the DataFrame's plan and returns its record batches.
func (df *DataFrame) Execute() (*exec.Result, error) {
	if df.err != nil {
		return nil, df.err
	}
	if plan.IsStreaming(df.plan) {
		err := errStreamingBatch()
		reportError(err)
		return nil, err
	}
	res, err := exec.Execute(df.plan, &exec.Env{Ctx: df.session.EvalContext()})
	if err != nil {
		reportError(err)
	}
	return res, err
}

func (df *DataFrame) fail(err error) error {
	reportError(err)
	return err
}

// parseShowArgs reads show(n, truncate, vertical) arguments.
func parseShowArgs(args []any) (n, truncate int, vertical bool) {
	n, truncate = 20, 20
	pos := 0
	for _, a := range args {
		switch x := a.(type) {
		case int:
			if pos == 0 {
				n = x
				pos = 1
			} else {
				truncate = x
				pos = 2
			}
		case int64:
			if pos == 0 {
				n = int(x)
				pos = 1
			} else {
				truncate = int(x)
				pos = 2
			}
		case bool:
			if pos <= 1 {
				if x {
					truncate = 20
				} else {
					truncate = 0
				}
				pos = 2
			} else {
				vertical = x
				pos = 3
			}
		}
	}
	return
}

// ShowString returns what Show prints (without the trailing blank line
// PySpark's print adds).
func (df *DataFrame) ShowString(args ...any) (string, error) {
	n, truncate, vertical := parseShowArgs(args)
	t, err := df.table(n)
	if err != nil {
		return "", err
	}
	return t.Show(n, truncate, vertical), nil
}

func (df *DataFrame) table(n int) (*format.Table, error) {
	if df.err != nil {
		return nil, df.err
	}
	limited, err := plan.NewLimit(df.plan, int64(n+1))
	if err != nil {
		return nil, df.fail(err)
	}
	res, err := (&DataFrame{session: df.session, plan: limited}).Execute()
	if err != nil {
		return nil, err
	}
	return format.NewTable(res.Schema, res.Batches, n, df.session.Location()), nil
}

// Show prints the first rows as Spark 3.5 does: Show(), Show(n),
// Show(n, truncate) with truncate a bool or a width, Show(n, truncate,
// vertical).
func (df *DataFrame) Show(args ...any) error {
	s, err := df.ShowString(args...)
	if err != nil {
		return err
	}
	_, err = io.WriteString(df.session.Output(), s+"\n")
	return err
}

// PrintSchema prints the schema tree as Spark does.
func (df *DataFrame) PrintSchema() error {
	if df.err != nil {
		return df.err
	}
	_, err := io.WriteString(df.session.Output(), df.Schema().TreeString()+"\n")
	return err
}

// Explain prints the plan.
func (df *DataFrame) Explain(extended ...bool) error {
	if df.err != nil {
		return df.err
	}
	var b strings.Builder
	if len(extended) > 0 && extended[0] {
		b.WriteString("== Analyzed Logical Plan ==\n")
		b.WriteString(strings.Join(schemaNames(df.Schema()), ", ") + "\n")
		b.WriteString(plan.Explain(df.plan) + "\n")
	}
	b.WriteString("== Physical Plan ==\n")
	b.WriteString(plan.Explain(df.plan) + "\n")
	_, err := io.WriteString(df.session.Output(), b.String())
	return err
}

func schemaNames(st sqltypes.StructType) []string {
	out := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		out[i] = f.Name + ": " + f.DataType.SimpleString()
	}
	return out
}

// Count returns the number of rows.
func (df *DataFrame) Count() int64 {
	n, _ := df.CountE()
	return n
}

// CountE is Count that also returns the error.
func (df *DataFrame) CountE() (int64, error) {
	res, err := df.Execute()
	if err != nil {
		return 0, err
	}
	return res.NumRows(), nil
}

// Collect returns every row.
func (df *DataFrame) Collect() []Row {
	rows, _ := df.CollectE()
	return rows
}

// CollectE is Collect that also returns the error.
func (df *DataFrame) CollectE() ([]Row, error) {
	res, err := df.Execute()
	if err != nil {
		return nil, err
	}
	return rowsOf(res), nil
}

func rowsOf(res *exec.Result) []Row {
	var rows []Row
	for _, b := range res.Batches {
		for i := 0; i < int(b.NumRows()); i++ {
			vals := make([]any, b.NumCols())
			raw := make([]any, b.NumCols())
			for c := range vals {
				raw[c] = expr.GetValue(b.Column(c), i)
				vals[c] = toRowValue(raw[c], res.Schema.Fields[c].DataType)
			}
			rows = append(rows, Row{schema: res.Schema, values: vals, raw: raw})
		}
	}
	return rows
}

// Take returns the first n rows.
func (df *DataFrame) Take(n int) []Row { return df.Limit(n).Collect() }

// Head returns the first row, or the first n rows with an argument.
func (df *DataFrame) Head(n ...int) []Row {
	k := 1
	if len(n) > 0 {
		k = n[0]
	}
	return df.Take(k)
}

// First returns the first row, or an empty Row (Len() == 0) when there is
// none.
func (df *DataFrame) First() Row {
	rows := df.Take(1)
	if len(rows) == 0 {
		return Row{}
	}
	return rows[0]
}

// ToJSON returns a DataFrame with one string column, value, holding each row
// as a JSON object (fields in order, nulls omitted).
func (df *DataFrame) ToJSON() *DataFrame {
	return df.derive(func(p plan.Node) (plan.Node, error) {
		var fields []expr.Expr
		for i, a := range p.Output() {
			fields = append(fields, &expr.BoundRef{Ordinal: i, Attr: a})
		}
		return plan.NewProject(p, []expr.Expr{expr.NewAlias(expr.NewCall("to_json", expr.NewCreateStruct(fields...)), "value")})
	})
}

// IsEmpty reports whether the DataFrame has no rows.
func (df *DataFrame) IsEmpty() bool { return len(df.Take(1)) == 0 }

// String returns PySpark's repr: DataFrame[a: int, b: string].
func (df *DataFrame) String() string {
	if df.err != nil {
		return "DataFrame[error: " + df.err.Error() + "]"
	}
	return "DataFrame[" + strings.Join(schemaNames(df.Schema()), ", ") + "]"
}

// HTML renders the first 20 rows as an HTML table (notebook display).
func (df *DataFrame) HTML() string {
	t, err := df.table(20)
	if err != nil {
		return "<pre>" + htmlEscape(err.Error()) + "</pre>"
	}
	return t.HTML(20)
}

// MIMEBundle returns the notebook display: the HTML table and, as
// text/plain, exactly what Show() prints.
func (df *DataFrame) MIMEBundle() map[string]any {
	t, err := df.table(20)
	if err != nil {
		return map[string]any{"text/plain": err.Error()}
	}
	return map[string]any{"text/html": t.HTML(20), "text/plain": t.Show(20, 20, false)}
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")
	return r.Replace(s)
}

func formatAny(v any) string { return fmt.Sprint(v) }
