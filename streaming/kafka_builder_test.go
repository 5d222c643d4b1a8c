package streaming

import (
	"fmt"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/segmentio/kafka-go/protocol"
)

// TestBinaryColumnNullsAndGrowth builds a key column with nulls first, in
// the middle and after many values (past the first validity byte and the
// reserved data) and reads it back.
func TestBinaryColumnNullsAndGrowth(t *testing.T) {
	for _, reserve := range []int{0, 4} {
		var c binaryColumn
		if reserve > 0 {
			c.reserve(reserve, 8)
		}
		var want []string
		for i := 0; i < 40; i++ {
			if i%7 == 3 || i == 20 {
				if err := c.add(nil); err != nil {
					t.Fatal(err)
				}
				want = append(want, "<null>")
				continue
			}
			v := fmt.Sprintf("value-%d", i)
			if err := c.add(protocol.NewBytes([]byte(v))); err != nil {
				t.Fatal(err)
			}
			want = append(want, v)
		}
		a := c.array().(*array.Binary)
		if a.Len() != len(want) {
			t.Fatalf("%d rows, want %d", a.Len(), len(want))
		}
		for i, w := range want {
			got := "<null>"
			if a.IsValid(i) {
				got = string(a.Value(i))
			}
			if got != w {
				t.Fatalf("reserve %d, row %d: %q, want %q", reserve, i, got, w)
			}
		}
	}
	var empty binaryColumn
	if a := empty.array(); a.Len() != 0 {
		t.Fatalf("empty column has %d rows", a.Len())
	}
}
