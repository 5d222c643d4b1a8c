package pycases

// Case is the PySpark half of one differential case.
type Case struct {
	// Name names the case and its golden file, testdata/golden/<Name>.txt.
	Name string
	// Py is PySpark code that prints the case's output.
	Py string
}

// All lists every case, in the order the goldens are generated and compared.
var All = concat(readCases, selectCases, stringCases, castCases, arithCases, nullCases,
	aggCases, joinCases, unionCases, orderCases, windowCases, jsonCases, sqlCases,
	schemaCases, showCases, rowCases, timeCases, errorCases, extraCases, writeCases, moreCases, streamCases, createCases)

func concat(groups ...[]Case) []Case {
	var all []Case
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

var readCases = []Case{
	{"read_rides_schema", `
df = spark.read.option("header", True).option("inferSchema", True).csv(RIDES)
df.printSchema()
`},
	{"read_rides_no_infer", `
spark.read.option("header", True).csv(RIDES).printSchema()
`},
	{"read_rides_count", `
count(rides())
`},
	{"read_rides_show_default", `
rides().select("VendorID", "tpep_pickup_datetime", "trip_distance", "PULocationID", "total_amount").show()
`},
	{"read_rides_show_wide", `
rides().show(3)
`},
	{"read_rides_format_load", `
df = spark.read.format("csv").option("header", "true").option("inferSchema", "true").load(RIDES)
df.select("VendorID", "store_and_fwd_flag", "fare_amount").show(2)
`},
	{"read_rides_ddl_schema", `
ddl = ("VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, passenger_count INT, "
       "trip_distance DOUBLE, RatecodeID INT, store_and_fwd_flag STRING, PULocationID INT, DOLocationID INT, "
       "payment_type INT, fare_amount DOUBLE, extra DOUBLE, mta_tax DOUBLE, tip_amount DOUBLE, tolls_amount DOUBLE, "
       "improvement_surcharge DOUBLE, total_amount FLOAT, congestion_surcharge DOUBLE")
df = spark.read.schema(ddl).option("header", True).csv(RIDES)
df.printSchema()
df.select("tpep_dropoff_datetime", "trip_distance", "total_amount").show(3)
`},
	{"read_rides_struct_schema", `
schema = T.StructType([
    T.StructField("vendor", T.IntegerType()),
    T.StructField("pickup", T.TimestampType()),
    T.StructField("dropoff", T.StringType()),
    T.StructField("passengers", T.LongType()),
    T.StructField("distance", T.FloatType()),
])
df = spark.read.schema(schema).option("header", True).csv(RIDES)
df.printSchema()
df.show(3)
`},
	{"read_zones_schema", `
zones().printSchema()
`},
	{"read_zones_show_truncate_false", `
zones().show(5, truncate=False)
`},
	{"read_zones_show_default", `
zones().show()
`},
	{"read_zones_by_borough", `
zones().groupBy("Borough").count().orderBy("Borough").show()
`},
	{"read_seed_schema", `
seed().printSchema()
`},
	{"read_seed_show", `
seed().show(5)
`},
	{"read_seed_sql_count_distinct", `
seed().createOrReplaceTempView("rides")
spark.sql("select count(distinct(vendor_id)) from rides").show()
`},
	{"read_seed_groupby_vendor", `
seed().groupBy("vendor_id").count().orderBy("vendor_id").show()
`},
	{"read_seed_rows", `
rows(seed().limit(3))
`},
	{"read_seed_text", `
raw = spark.read.text(SEED_TXT)
raw.printSchema()
raw.show(2)
raw.show(2, truncate=False)
`},
	{"read_csv_as_text_split", `
raw = spark.read.text(RIDES).filter("value NOT LIKE 'VendorID%'")
parts = F.split(F.col("value"), ",")
df = raw.select(parts.getItem(0).cast("int").alias("vendor"), parts.getItem(16).cast("double").alias("total"))
df.groupBy("vendor").agg(F.count("*"), F.round(F.sum("total"), 2)).orderBy("vendor").show()
`},
	{"read_quoted_csv_sep", `
df = spark.read.option("header", True).option("inferSchema", True).option("sep", ";").csv(QUOTED_CSV)
df.printSchema()
df.show(truncate=False)
`},
	{"read_quoted_csv_wrong_sep", `
spark.read.option("header", True).csv(QUOTED_CSV).show(truncate=False)
`},
	{"read_csv_no_header", `
df = spark.read.option("sep", ";").csv(QUOTED_CSV)
df.printSchema()
df.show()
`},
	{"read_text_zones", `
spark.read.text(ZONES).show(3, truncate=False)
`},
	{"read_missing_file", `
spark.read.option("header", True).csv(MISSING).show()
`},
	{"read_cards_schema", `
cards().printSchema()
`},
	{"read_cards_show", `
cards().show()
`},
	{"read_cards_ddl_schema", `
df = spark.read.schema("name STRING, surname STRING, amount DOUBLE, delta_t INT, flag INT").json(CARDS)
df.printSchema()
df.show(3)
`},
	{"read_events_schema", `
events().printSchema()
`},
	{"read_events_show", `
events().select("event_type", "Host", "price", "attributes").show(truncate=False)
`},
	{"read_nulls_csv_infer", `
df = spark.read.option("header", True).option("inferSchema", True).csv(NULLS_CSV)
df.printSchema()
df.show()
`},
	{"read_nulls_csv_schema", `
nulls().show()
`},
	{"read_nulls_csv_dropmalformed", `
spark.read.schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN").option("header", True).option("mode", "DROPMALFORMED").csv(NULLS_CSV).show()
`},
	{"read_nulls_csv_failfast", `
spark.read.schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN").option("header", True).option("mode", "FAILFAST").csv(NULLS_CSV).show()
`},
	{"read_bad_json_infer", `
df = spark.read.json(BAD_JSON)
df.printSchema()
df.show(truncate=False)
`},
	{"read_bad_json_schema", `
spark.read.schema("id INT, name STRING, score DOUBLE").json(BAD_JSON).show()
`},
	{"read_bad_json_dropmalformed", `
spark.read.schema("id INT, name STRING, score DOUBLE").option("mode", "DROPMALFORMED").json(BAD_JSON).show()
`},
	{"read_bad_json_corrupt_column", `
spark.read.schema("id INT, name STRING, score DOUBLE, _corrupt_record STRING").json(BAD_JSON).show(truncate=False)
`},
}
