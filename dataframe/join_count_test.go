package dataframe_test

import (
	"fmt"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// TestJoinThenGroupByCountMatchesGeneralPath checks the fused
// join-then-count(*) execution against count(1), which takes the general
// gather-then-aggregate path: same groups, counts and order, with null and
// repeated join keys on both sides, null group values and unmatched rows.
func TestJoinThenGroupByCountMatchesGeneralPath(t *testing.T) {
	s := dataframe.NewSession()
	var rides [][]any
	for i := 0; i < 500; i++ {
		var id any = (i*7)%13 - 2
		if i%17 == 0 {
			id = nil
		}
		rides = append(rides, []any{id, i})
	}
	for _, idType := range []string{"INT", "BIGINT"} {
		left := s.CreateDataFrame(rides, "locationid "+idType+", n INT")
		right := s.CreateDataFrame([][]any{
			{1, "Queens", "a"}, {2, "Bronx", "b"}, {3, nil, "c"}, {4, "Queens", "d"},
			{4, "Brooklyn", "e"}, {nil, "Nowhere", "f"}, {9, "Bronx", "g"}, {-1, "EWR", "h"}, {100, "Unmatched", "i"},
		}, "locationid "+idType+", borough STRING, zone STRING")
		for _, groups := range [][]string{{"borough"}, {"borough", "zone"}} {
			joined := left.Join(right, "locationid")
			fused := rowsOf(t, joined.GroupBy(anySlice(groups)...).Count())
			general := rowsOf(t, joined.GroupBy(anySlice(groups)...).Agg(F.Count(F.Lit(1))))
			if len(fused) == 0 || fmt.Sprint(fused) != fmt.Sprint(general) {
				t.Errorf("%s keys, group by %v:\nfused   %v\ngeneral %v", idType, groups, fused, general)
			}
		}
	}
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func rowsOf(t *testing.T, df *dataframe.DataFrame) [][]any {
	t.Helper()
	rows, err := df.CollectE()
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = r.Values()
	}
	return out
}
