package dataframe_test

import (
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestRowAsDict follows PySpark's Row.asDict: nested rows stay rows unless
// recursive is set.
func TestRowAsDict(t *testing.T) {
	s := dataframe.NewSession()
	defer s.Stop()
	rows := s.SQL("SELECT 1 AS a, named_struct('b', 2) AS s, array(named_struct('c', 3)) AS xs").Collect()
	flat := rows[0].AsDict()
	if _, ok := flat["s"].(dataframe.Row); !ok {
		t.Errorf("AsDict()[s] = %T, want a Row", flat["s"])
	}
	deep := rows[0].AsDict(true)
	inner, ok := deep["s"].(map[string]any)
	if !ok || inner["b"] != int32(2) {
		t.Errorf("AsDict(true)[s] = %#v", deep["s"])
	}
	xs, ok := deep["xs"].([]any)
	if !ok || len(xs) != 1 {
		t.Fatalf("AsDict(true)[xs] = %#v", deep["xs"])
	}
	if m, ok := xs[0].(map[string]any); !ok || m["c"] != int32(3) {
		t.Errorf("AsDict(true)[xs][0] = %#v", xs[0])
	}
}
