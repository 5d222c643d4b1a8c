package pycases

// intervalCases cover ANSI day-time interval literals and timestamp ± interval arithmetic, as
// stream-stream join conditions use them (clickTime <= impTime + interval 1 hour).
var intervalCases = []Case{
	{"interval_literals", `
df = spark.sql("SELECT interval 1 hour AS a, INTERVAL 10 MINUTES AS b, interval 1 day 2 hours AS c, interval '10 minutes' AS d, interval '1' hour AS e, interval 1 hour 30 minutes AS f, interval 1500 milliseconds AS g, interval 1 week AS h, interval -1 hour AS i, interval '1 02:03:04.5' day to second AS j, interval '25:30' hour to minute AS k, interval 1 hour 5 microseconds AS l, interval 100 seconds AS m")
df.printSchema()
df.show(truncate=False)
spark.sql("SELECT interval 1 hour, interval '-1 02:03' day to minute").show(truncate=False)
`},
	{"interval_timestamp_arithmetic", `
df = spark.sql("SELECT TIMESTAMP'2024-01-01 10:00:00' AS t, DATE'2024-03-01' AS d, 'x' AS s, CAST(NULL AS TIMESTAMP) AS z")
out = df.select(F.expr("t + interval 1 hour"), F.expr("t - interval 10 minutes"), F.expr("interval 1 hour + t"),
    (F.col("t") + F.expr("INTERVAL 10 MINUTES")).alias("x"), F.col("t") - F.expr("interval 1 hour"),
    F.expr("d + interval 1 hour"), F.expr("s + interval 1 hour"), F.expr("z + interval 1 day"),
    F.expr("t - interval '1 02:03:04.5' day to second"))
out.printSchema()
out.show(truncate=False)
`},
	{"interval_interval_arithmetic", `
spark.sql("SELECT interval 1 hour + interval 30 minutes, interval 1 hour - interval 2 hours, -interval 1 hour, interval 1 day + interval 1 second").show(truncate=False)
`},
	{"interval_date_arithmetic", `
df = spark.sql("SELECT DATE'2024-03-01' + interval 1 day AS a, DATE'2024-03-01' - interval 2 days AS b, interval 1 week + DATE'2024-02-28' AS c, DATE'2024-03-01' + interval 1 day 2 hours AS d, CAST(NULL AS DATE) + interval 1 day AS e")
df.printSchema()
df.show()
spark.sql("SELECT DATE'2024-03-01' + interval 1 day, DATE'2024-03-01' - interval 2 days").show(truncate=False)
`},
	{"interval_year_month", `
df = spark.sql("SELECT interval 1 month AS a, interval 2 years AS b, interval 1 year 2 months AS c, interval '1-2' year to month AS d, interval '-3-1' year to month AS e, interval 14 months AS f, interval -1 month AS g, interval '3 months' AS h")
df.printSchema()
df.show(truncate=False)
out = spark.sql("SELECT DATE'2024-01-31' + interval 1 month AS a, TIMESTAMP'2024-01-31 10:00:00' + interval 1 month AS b, TIMESTAMP'2024-03-31 10:00:00' - interval 1 month AS c, DATE'2023-02-28' + interval 1 year AS d, DATE'2024-02-29' - interval '1-0' year to month AS e, interval 1 year + interval 3 months AS f, -interval 1 month AS g")
out.printSchema()
out.show(truncate=False)
spark.sql("SELECT TIMESTAMP'2024-01-31 10:00:00' + interval 1 month, DATE'2024-01-31' - interval 1 month").show(truncate=False)
`},
	{"interval_time_range_join", `
imp = spark.createDataFrame([(1, "2024-01-01 10:00:00"), (2, "2024-01-01 10:30:00"), (3, "2024-01-01 11:00:00")], "impAdId INT, impTime STRING").withColumn("impTime", F.col("impTime").cast("timestamp"))
clk = spark.createDataFrame([(1, "2024-01-01 10:20:00"), (1, "2024-01-01 11:20:00"), (2, "2024-01-01 11:30:00"), (3, "2024-01-01 10:59:00")], "clickAdId INT, clickTime STRING").withColumn("clickTime", F.col("clickTime").cast("timestamp"))
imp.join(clk, F.expr("clickAdId = impAdId AND clickTime >= impTime AND clickTime <= impTime + interval 1 hour")).orderBy("impAdId", "clickTime").show()
imp.filter(F.col("impTime") > F.lit("2024-01-01 09:00:00").cast("timestamp") + F.expr("interval 1 hour 15 minutes")).show()
`},
	{"interval_type_errors", `
spark.sql("SELECT 5 AS n").select(F.col("n") + F.expr("interval 1 hour")).show()
`},
}

func init() { All = append(All, intervalCases...) }
