package pycases

var aggCases = []Case{
	{"agg_count", `
cards().groupBy("name").count().orderBy("name").show()
`},
	{"agg_sum", `
cards().groupBy("name").sum("amount").orderBy("name").show()
`},
	{"agg_sum_multi", `
cards().groupBy("flag").sum("amount", "delta_t").orderBy("flag").show()
`},
	{"agg_avg_mean", `
cards().groupBy("flag").avg("amount").orderBy("flag").show()
cards().groupBy("flag").mean("delta_t").orderBy("flag").show()
`},
	{"agg_min_max", `
cards().groupBy("surname").min("amount").orderBy("surname").show()
cards().groupBy("surname").max("delta_t").orderBy("surname").show()
`},
	{"agg_all_numeric", `
cards().groupBy("flag").sum().orderBy("flag").show()
`},
	{"agg_functions", `
cards().groupBy("name").agg(F.count("amount"), F.countDistinct("flag"), F.sum("amount"), F.avg("delta_t"), F.min("amount"), F.max("amount")).orderBy("name").show()
`},
	{"agg_aliases", `
cards().groupBy("name").agg(F.sum("amount").alias("total"), F.count("*").alias("n")).orderBy(F.col("total").desc()).show()
`},
	{"agg_first_last", `
cards().groupBy("name").agg(F.first("amount"), F.last("amount")).orderBy("name").show()
`},
	{"agg_collect_list", `
cards().groupBy("name").agg(F.collect_list("amount")).orderBy("name").show(truncate=False)
`},
	{"agg_approx_count_distinct", `
cards().groupBy("flag").agg(F.approx_count_distinct("name")).orderBy("flag").show()
`},
	{"agg_global", `
cards().groupBy().agg(F.count("*"), F.sum("amount"), F.max("delta_t")).show()
`},
	{"agg_global_count", `
cards().groupBy().count().show()
`},
	{"agg_multi_key", `
cards().groupBy("name", "flag").count().orderBy("name", "flag").show()
`},
	{"agg_having_filter", `
cards().groupBy("name").agg(F.sum("amount").alias("total")).filter("total > 100").orderBy("name").show()
`},
	{"agg_count_distinct_select", `
cards().select(F.countDistinct("name", "surname"), F.countDistinct("flag")).show()
`},
	{"agg_schema", `
cards().groupBy("name").agg(F.count("amount"), F.sum("delta_t"), F.sum("amount"), F.avg("flag"), F.collect_list("delta_t"), F.first("surname"), F.max("amount")).printSchema()
`},
	{"agg_rides_by_vendor", `
rides().groupBy("VendorID").agg(F.round(F.avg("total_amount"), 2).alias("avg_total"), F.max("trip_distance"), F.sum("passenger_count")).orderBy("VendorID").show()
`},
	{"agg_rides_payment_type", `
rides().groupBy("payment_type").count().orderBy(F.col("count").desc(), "payment_type").show()
`},
	{"agg_expression_key", `
cards().groupBy((F.col("amount") > 100).alias("big")).count().orderBy("big").show()
`},
	{"agg_count_star_name", `
cards().groupBy("flag").agg(F.count("*")).orderBy("flag").show()
`},
	{"agg_sum_float", `
seed().groupBy("vendor_id").agg(F.sum("total_amount"), F.avg("trip_distance")).orderBy("vendor_id").show()
`},
	{"agg_rides_location_top", `
rides().groupBy("PULocationID").agg(F.count("*").alias("n"), F.round(F.sum("fare_amount"), 2).alias("fares")).orderBy(F.col("n").desc(), "PULocationID").limit(5).show()
`},
}

var joinCases = []Case{
	{"join_inner_name", `
jleft().join(jright(), "id").orderBy("id", "r").show()
`},
	{"join_inner_list", `
jleft().join(jright(), ["id"], "inner").orderBy("id", "r").show()
`},
	{"join_left", `
jleft().join(jright(), "id", "left").orderBy("id", "r").show()
`},
	{"join_right", `
jleft().join(jright(), "id", "right").orderBy("id", "r").show()
`},
	{"join_full", `
jleft().join(jright(), "id", "full").orderBy("id", "l", "r").show()
`},
	{"join_outer_expression", `
a, b = jleft(), jright()
a.join(b, a["id"] == b["id"], "outer").orderBy("l", "r").show()
`},
	{"join_left_semi", `
jleft().join(jright(), "id", "left_semi").orderBy("id").show()
`},
	{"join_left_anti", `
jleft().join(jright(), "id", "left_anti").orderBy("l").show()
`},
	{"join_expression_inner", `
a, b = jleft(), jright()
a.join(b, a["id"] == b["id"]).orderBy("l", "r").show()
`},
	{"join_expression_nonequi", `
a, b = jleft(), jright()
a.join(b, (a["id"] < b["id"]) & (b["r"] != "w"), "inner").orderBy("l", "r").show()
`},
	{"join_how_aliases", `
for how in ["inner", "left_outer", "leftouter", "right_outer", "full_outer", "fullouter", "semi", "leftsemi", "anti", "leftanti"]:
    print(how, jleft().join(jright(), "id", how).count())
`},
	{"join_alias_sides", `
a = jleft().alias("a")
b = jright().alias("b")
a.join(b, F.col("a.id") == F.col("b.id")).select("a.id", "a.l", "b.r").orderBy("id", "r").show()
`},
	{"join_multiple_keys", `
cards().join(tiers(), ["name", "surname"], "left").orderBy("name", "amount").show()
`},
	{"join_rides_zones", `
rides().join(zones(), F.col("PULocationID") == F.col("LocationID")).groupBy("Borough").count().orderBy("Borough").show()
`},
	{"join_rides_zones_using", `
z = zones().withColumnRenamed("LocationID", "PULocationID")
rides().join(z, "PULocationID", "left").select("PULocationID", "Zone", "total_amount").orderBy("PULocationID", "total_amount").show(5)
`},
	{"join_schema", `
jleft().join(jright(), "id", "full").printSchema()
a, b = jleft(), jright()
a.join(b, a["id"] == b["id"], "left").printSchema()
`},
	{"join_then_filter", `
cards().join(tiers(), "name").filter(F.col("amount") > 100).select("name", "amount", "tier").orderBy("amount").show()
`},
}

var unionCases = []Case{
	{"union_basic", `
df = cards().select("name", "flag")
u = df.union(df)
count(u)
u.groupBy("name").count().orderBy("name").show()
`},
	{"union_positional", `
a = spark.createDataFrame([(1, "x")], "a INT, b STRING")
b = spark.createDataFrame([("y", 2)], "b STRING, a INT")
u = a.union(b)
u.printSchema()
u.show()
`},
	{"union_by_name", `
a = spark.createDataFrame([(1, "x")], "a INT, b STRING")
b = spark.createDataFrame([("y", 2)], "b STRING, a INT")
a.unionByName(b).show()
`},
	{"union_type_widening", `
u = spark.createDataFrame([(1,)], "x INT").union(spark.createDataFrame([(2.5,)], "x DOUBLE"))
u.printSchema()
u.show()
`},
	{"union_distinct", `
df = cards().select("name")
count(df.union(df).distinct())
`},
}

var orderCases = []Case{
	{"order_multi_key", `
cards().orderBy("name", F.col("amount").desc()).show()
`},
	{"order_nulls_strings", `
df = nulls().select("id", "name")
df.orderBy(F.col("name").asc()).show()
df.orderBy(F.col("name").desc()).show()
`},
	{"order_sort_limit", `
cards().sort(F.col("delta_t").desc(), "name").limit(5).show()
`},
	{"order_timestamp", `
seed().orderBy(F.col("tpep_pickup_datetime").desc()).select("vendor_id", "tpep_pickup_datetime", "total_amount").show(5)
`},
	{"limit_basic", `
cards().limit(3).show()
cards().limit(0).show()
`},
	{"distinct_basic", `
cards().select("name", "surname").distinct().orderBy("name").show()
`},
	{"drop_duplicates_subset", `
cards().dropDuplicates(["name"]).orderBy("name").select("name", "amount").show()
`},
	{"drop_duplicates_all", `
df = spark.createDataFrame([(1, "a"), (1, "a"), (2, "a"), (1, "b")], "x INT, y STRING")
df.dropDuplicates().orderBy("x", "y").show()
`},
	{"show_empty", `
cards().filter("flag = 5").show()
`},
}

var windowCases = []Case{
	{"window_tumbling", `
ev().groupBy(F.window("ts", "10 minutes")).count().orderBy("window").show(truncate=False)
`},
	{"window_sliding", `
ev().groupBy(F.window("ts", "10 minutes", "5 minutes"), "event_type").count().orderBy("window", "event_type").show(truncate=False)
`},
	{"window_schema", `
ev().groupBy(F.window("ts", "15 minutes")).agg(F.sum("price")).printSchema()
`},
	{"window_fields", `
ev().groupBy(F.window("ts", "10 minutes")).count().select(F.col("window.start"), F.col("window.end"), "count").orderBy("start").show()
`},
	{"window_default_truncate", `
ev().groupBy(F.window("ts", "30 minutes")).agg(F.max("price")).orderBy("window").show()
`},
	{"window_sql", `
ev().createOrReplaceTempView("ev")
spark.sql("SELECT window(ts, '10 minutes') AS w, count(*) AS n FROM ev GROUP BY window(ts, '10 minutes') ORDER BY w").show(truncate=False)
`},
	{"window_rides", `
seed().groupBy(F.window("tpep_pickup_datetime", "30 minutes"), "vendor_id").agg(F.count("*").alias("rides"), F.round(F.sum("total_amount"), 2).alias("total")).orderBy("window", "vendor_id").show(truncate=False)
`},
}
