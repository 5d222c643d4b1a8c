package dataframe

import (
	"bytes"
	"testing"
)

func TestSmoke(t *testing.T) {
	s := NewSession()
	var buf bytes.Buffer
	s.SetOutput(&buf)
	df := s.CreateDataFrame([][]any{{1, "a", 1.5}, {2, nil, 1e10}, {3, "long string that is more than twenty chars", nil}}, "a int, b string, c double")
	df.Show()
	df.Select(df.Col("a").Plus(df.Col("c")), df.Col("a").Divide(2), df.Col("a").Cast("string")).Show()
	t.Log(df.Filter(df.Col("a").Gt(1)).GroupBy("b").Count().Show())
	df.OrderBy(df.Col("b").Desc()).Show()
	df.Select("zz")
	t.Log(df.Select("zz").Err())
	t.Log(buf.String())
}
