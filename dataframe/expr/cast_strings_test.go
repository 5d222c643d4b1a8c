package expr

import (
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// TestCastStringsTimestampsMatchParse checks that the vectorized timestamp
// cast (which reuses the day of the previous value) agrees with
// ParseTimestamp value by value, across date changes, invalid clocks,
// other formats and nulls.
func TestCastStringsTimestampsMatchParse(t *testing.T) {
	in := []string{
		"2020-07-01 00:25:32", "2020-07-01 23:59:59", "2020-07-01T01:00:00", "2020-07-01 24:00:00",
		"2020-07-01 00:60:00", "2020-07-02 00:00:00", "2020-07-02 00:00:0x", "", "2020-07-02",
		"2020-02-29 12:00:00", "2021-02-29 12:00:00", "2020-07-02 10:11:12.5", "2020-07-02x10:11:12",
		"1969-12-31 23:59:59", "1969-12-31 00:00:01",
	}
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("X", 3600)} {
		arr := CastStrings(len(in), func(i int) (string, bool) { return in[i], in[i] != "" }, sqltypes.TimestampType, loc).(*array.Timestamp)
		for i, s := range in {
			want, ok := ParseTimestamp(s, loc)
			if s == "" {
				ok = false
			}
			if arr.IsValid(i) != ok || (ok && int64(arr.Value(i)) != want) {
				t.Errorf("%s in %s: got %v (valid %v), want %d (valid %v)", s, loc, arr.Value(i), arr.IsValid(i), want, ok)
			}
		}
	}
}
