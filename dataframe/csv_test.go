package dataframe_test

import (
	"bytes"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

func TestCSVAndFunctions(t *testing.T) {
	s := dataframe.NewSession()
	var buf bytes.Buffer
	s.SetOutput(&buf)
	df := s.Read().Option("header", true).Option("inferSchema", true).CSV("../data/rides.csv")
	if df.Err() != nil {
		t.Fatal(df.Err())
	}
	df.PrintSchema()
	df.GroupBy("VendorID").Agg(F.Count("*"), F.Sum("total_amount"), F.CountDistinct("payment_type")).OrderBy("VendorID").Show()
	df.Select(F.Upper(F.Lit("ab")), F.Split(F.Col("tpep_pickup_datetime"), " ").GetItem(0), F.Hour("tpep_pickup_datetime")).Show(2)
	j := s.CreateDataFrame([]string{`{"name":"a","amount":1.5,"flag":1}`, `bad`})
	j.Select(F.FromJSON(F.Col("value"), "name STRING, amount DOUBLE, flag INT").Alias("data")).Select("data.*").Show()
	t.Log(buf.String())
}
