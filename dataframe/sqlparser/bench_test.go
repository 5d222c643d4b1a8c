package sqlparser

import "testing"

// BenchmarkParseQuery measures parsing a typical notebook query.
func BenchmarkParseQuery(b *testing.B) {
	const q = `SELECT z.Borough, count(r.VendorID) AS rides, round(avg(r.total_amount), 2) AS avg_total
FROM zones z LEFT JOIN rides r ON r.PULocationID = z.LocationID
WHERE r.tpep_pickup_datetime BETWEEN '2020-07-01 00:00:00' AND '2020-07-01 06:00:00'
  AND r.payment_type IN (1, 2) AND z.Zone NOT LIKE '%Airport%'
GROUP BY z.Borough HAVING count(*) > 1 ORDER BY rides DESC NULLS LAST LIMIT 10`
	b.SetBytes(int64(len(q)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseQuery(q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseExpression measures parsing a SelectExpr-style expression.
func BenchmarkParseExpression(b *testing.B) {
	const e = "CASE WHEN CAST(split(value, ', ')[6] AS FLOAT) > 20 THEN 'big' ELSE 'small' END AS size"
	b.SetBytes(int64(len(e)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseExpression(e); err != nil {
			b.Fatal(err)
		}
	}
}
