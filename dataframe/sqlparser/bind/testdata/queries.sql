-- One query per statement, separated by lines holding only ";".
-- View raw has the 18 comma-separated fields of data/rides.csv as strings
-- c0..c17; view rides is the seed's typed projection (see gen_goldens.py).
select count(distinct(vendor_id)) from rides
;
SELECT vendor_id, count(*) AS n, round(sum(total_amount), 2) AS total FROM rides GROUP BY vendor_id ORDER BY vendor_id
;
SELECT vendor_id, count(*) FROM rides GROUP BY 1 ORDER BY 1 DESC
;
SELECT passenger_count AS p, count(*) AS n FROM rides GROUP BY p HAVING count(*) > 5 ORDER BY n DESC, p
;
SELECT passenger_count, count(*) c FROM rides GROUP BY passenger_count HAVING c > 10 ORDER BY passenger_count NULLS LAST
;
SELECT vendor_id, total_amount FROM rides WHERE total_amount BETWEEN 20 AND 21 ORDER BY total_amount DESC, vendor_id LIMIT 5
;
SELECT vendor_id, pu_location_id FROM rides WHERE pu_location_id IN (138, 132) AND NOT vendor_id = 2 ORDER BY tpep_pickup_datetime LIMIT 4
;
SELECT DISTINCT vendor_id FROM rides ORDER BY vendor_id
;
SELECT CAST(vendor_id AS STRING), CAST(trip_distance AS INT) AS d, trip_distance * 2, -passenger_count, passenger_count / 2 FROM rides ORDER BY tpep_pickup_datetime LIMIT 3
;
SELECT CASE WHEN total_amount > 30 THEN 'big' WHEN total_amount > 10 THEN 'mid' ELSE 'small' END AS size, count(*) AS n FROM rides GROUP BY size ORDER BY size
;
SELECT CASE vendor_id WHEN 1 THEN 'one' ELSE 'other' END, vendor_id FROM rides ORDER BY tpep_pickup_datetime LIMIT 2
;
SELECT count(*), count(1), min(total_amount), max(trip_distance), avg(passenger_count) FROM rides
;
SELECT r.vendor_id, s.n FROM rides r JOIN (SELECT vendor_id, count(*) AS n FROM rides GROUP BY vendor_id) s ON r.vendor_id = s.vendor_id ORDER BY r.tpep_pickup_datetime LIMIT 3
;
SELECT vendor_id FROM rides WHERE passenger_count IS NULL OR trip_distance > 15 ORDER BY trip_distance DESC
;
WITH v AS (SELECT vendor_id AS id, total_amount FROM rides) SELECT id, count(*) AS n FROM v GROUP BY id ORDER BY id
;
SELECT 1 AS one, 2147483648 AS big, 1.5e0 AS d, 'it''s' AS s, true AS b, NULL AS n, -5 AS neg
;
SELECT count(*) FROM rides WHERE tpep_pickup_datetime BETWEEN '2020-07-01 00:30:00' AND '2020-07-01 01:00:00'
;
SELECT vendor_id, total_amount FROM rides ORDER BY total_amount DESC LIMIT 3
;
SELECT vendor_id AS v FROM rides UNION SELECT passenger_count FROM rides ORDER BY v
;
SELECT nope FROM rides
;
SELECT FROM rides
;
SELECT count(vendor_id FROM rides
;
SELECT window.start, window.end, count(*) AS n FROM rides GROUP BY window(tpep_pickup_datetime, '10 minutes') ORDER BY start LIMIT 3
;
SELECT window(tpep_pickup_datetime, '1 hour'), count(*) FROM rides GROUP BY window(tpep_pickup_datetime, '1 hour') ORDER BY 2 DESC LIMIT 2
;
SELECT vendor_id, count(*) FROM rides GROUP BY ALL ORDER BY vendor_id
;
SELECT * FROM rides ORDER BY total_amount DESC, tpep_pickup_datetime LIMIT 2
;
SELECT r.* FROM rides AS r WHERE r.trip_distance > 20 ORDER BY r.trip_distance
;
SELECT a.vendor_id, a.n, b.m FROM (SELECT vendor_id, count(*) n FROM rides GROUP BY vendor_id) a JOIN (SELECT vendor_id, max(total_amount) m FROM rides GROUP BY vendor_id) b USING (vendor_id) ORDER BY a.vendor_id
;
SELECT upper(CAST(vendor_id AS STRING)) AS u, length(CAST(total_amount AS STRING)) AS l FROM rides WHERE CAST(total_amount AS STRING) LIKE '2%.8' ORDER BY tpep_pickup_datetime LIMIT 3
;
SELECT pu_location_id, count(*) FROM rides WHERE pu_location_id NOT IN (138, 132, 161) AND passenger_count IS NOT NULL GROUP BY pu_location_id ORDER BY count(*) DESC, pu_location_id LIMIT 3
;
SELECT hour(tpep_pickup_datetime) AS h, count(*) AS n FROM rides GROUP BY hour(tpep_pickup_datetime) ORDER BY h LIMIT 4
;
SELECT vendor_id, passenger_count FROM rides WHERE vendor_id = 1 UNION ALL SELECT vendor_id, passenger_count FROM rides WHERE vendor_id = 2 AND passenger_count > 4 ORDER BY 2 DESC, 1 LIMIT 4
;
SELECT vendor_id FROM rides LIMIT 0
;
SELECT coalesce(NULL, vendor_id) AS c, vendor_id <=> NULL AS ns, vendor_id != 1 AS ne, vendor_id % 2, 7 DIV 2 FROM rides ORDER BY tpep_pickup_datetime LIMIT 2
;
SELECT DATE '2020-07-01' AS d, TIMESTAMP '2020-07-01 10:00:00' AS ts, X'CAFE' AS b, 'a' || 'b' || vendor_id AS s FROM rides LIMIT 1
;
SELECT vendor_id, sum(passenger_count) FROM rides GROUP BY vendor_id HAVING sum(passenger_count) > 100 AND vendor_id > 0
;
SELECT max(total_amount) - min(total_amount) AS spread, count(DISTINCT pu_location_id) FROM rides
;
SELECT foo(vendor_id) FROM rides
;
SELECT vendor_id FROM nope
;
SELECT DATE '2020-13-01'
;
SELECT TIMESTAMP 'abc'
;
SELECT pu_location_id FROM rides WHERE vendor_id = 1 EXCEPT SELECT pu_location_id FROM rides WHERE vendor_id = 2 ORDER BY 1
;
SELECT passenger_count FROM rides WHERE vendor_id = 1 INTERSECT SELECT passenger_count FROM rides WHERE vendor_id = 2 ORDER BY passenger_count NULLS LAST
;
SELECT vendor_id, passenger_count FROM rides EXCEPT SELECT vendor_id FROM rides
;
SELECT t.vendor_id, t.c FROM (SELECT vendor_id, count(*) AS c FROM rides GROUP BY vendor_id) AS t(vendor_id, c) WHERE t.c > 100
;
SELECT vendor_id, first(pu_location_id), last(pu_location_id), collect_list(passenger_count)[0] AS p FROM (SELECT * FROM rides ORDER BY tpep_pickup_datetime) GROUP BY vendor_id ORDER BY vendor_id
;
SELECT vendor_id AS v, count(*) FROM rides GROUP BY v ORDER BY v DESC
;
SELECT count(*) AS n FROM rides r1 JOIN rides r2 ON r1.pu_location_id = r2.do_location_id AND r1.vendor_id = r2.vendor_id
;
SELECT z FROM (SELECT 1 AS z) t UNION SELECT 1 UNION SELECT 2 ORDER BY z
;
SELECT a.vendor_id, b.total FROM rides a LEFT JOIN (SELECT vendor_id, sum(total_amount) AS total FROM rides WHERE vendor_id = 9 GROUP BY vendor_id) b ON a.vendor_id = b.vendor_id ORDER BY a.tpep_pickup_datetime LIMIT 2
;
SELECT vendor_id, CAST(avg(total_amount) AS DECIMAL(10,2)) FROM rides GROUP BY vendor_id ORDER BY 1
;
SELECT vendor_id, count(*) FROM rides WHERE pu_location_id IN (SELECT do_location_id FROM rides WHERE passenger_count > 4) GROUP BY vendor_id ORDER BY vendor_id
;
SELECT count(*) FROM rides WHERE pu_location_id NOT IN (SELECT do_location_id FROM rides WHERE vendor_id = 1) AND vendor_id = 2
;
SELECT count(*) FROM rides WHERE EXISTS (SELECT 1 FROM rides WHERE passenger_count > 5)
;
SELECT count(*) FROM rides WHERE NOT EXISTS (SELECT 1 FROM rides WHERE passenger_count > 50)
;
SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, NULL) AS t(id, name) WHERE id > 1 ORDER BY id
;
SELECT col1 + 1, col2 FROM VALUES (1, 'x'), (2, 'y') ORDER BY col1 DESC
;
SELECT count(*) FROM (SELECT * FROM VALUES (1), (NULL) AS t(x)) WHERE x NOT IN (SELECT x FROM VALUES (2), (NULL) AS u(x))
;
SELECT vendor_id, total_amount FROM rides WHERE total_amount > (SELECT avg(total_amount) * 3 FROM rides) ORDER BY total_amount DESC
;
SELECT vendor_id, (SELECT max(passenger_count) FROM rides), (SELECT min(trip_distance) FROM rides) AS m FROM rides ORDER BY tpep_pickup_datetime LIMIT 2
;
SELECT count(*) FROM rides WHERE vendor_id = (SELECT vendor_id FROM rides WHERE vendor_id > 5 LIMIT 1)
;
SELECT * FROM rides WHERE total_amount > (SELECT max(total_amount) - 1 FROM rides)
;
SELECT vendor_id + 1, -vendor_id, NOT (vendor_id = 1), vendor_id != 1, vendor_id IN (1, 2), vendor_id NOT IN (3), vendor_id BETWEEN 1 AND 2, total_amount IS NULL, passenger_count IS NOT NULL FROM rides LIMIT 1
;
SELECT upper('a'), 'a' LIKE 'b', 'a' RLIKE 'b', CASE WHEN vendor_id = 1 THEN 'x' END, CAST(vendor_id AS BIGINT), coalesce(passenger_count, 0), 'x' || vendor_id, vendor_id % 2 FROM rides LIMIT 1
;
SELECT TIMESTAMP '2020-07-01 10:00:00', DATE '2020-07-01', 1.5, 2147483648, 10L, true, NULL, 'x', 1e3, 1.5D, 1.5F, -1, - 2 FROM rides LIMIT 1
;
SELECT sum(total_amount) + 1, count(*) * 2, max(vendor_id) > 1, avg(trip_distance) IS NULL FROM rides
;
SELECT CAST(tpep_pickup_datetime AS DATE), CAST(tpep_pickup_datetime AS STRING), CAST('2020-07-01' AS TIMESTAMP), CAST('12' AS INT) + 1, CAST(total_amount AS STRING) FROM rides ORDER BY tpep_pickup_datetime LIMIT 2
;
SELECT struct(vendor_id, total_amount) AS s, named_struct('a', vendor_id) AS n FROM rides ORDER BY tpep_pickup_datetime LIMIT 1
;
SELECT array(1, 2)[1], map('k', vendor_id)['k'] FROM rides LIMIT 1
;
SELECT s.vendor_id, s.total_amount FROM (SELECT struct(vendor_id, total_amount) AS s FROM rides ORDER BY tpep_pickup_datetime LIMIT 1)
;
SELECT id, id * 2 AS d FROM range(5) WHERE id > 1
;
SELECT r.id FROM range(10, 0, -3) AS r ORDER BY r.id
;
SELECT count(*) FROM range(1000) a JOIN range(0, 1000, 7) b ON a.id = b.id
;
SELECT * FROM (SELECT vendor_id, pu_location_id FROM rides) NATURAL JOIN (SELECT vendor_id, count(*) AS n FROM rides GROUP BY vendor_id) ORDER BY pu_location_id, vendor_id LIMIT 3
;
CREATE TEMP VIEW big AS SELECT vendor_id, total_amount FROM rides WHERE total_amount > 50
;
CREATE TEMP VIEW big AS SELECT 1
;
CREATE OR REPLACE TEMPORARY VIEW big (v, amount) AS SELECT vendor_id, total_amount FROM rides WHERE total_amount > 60
;
SELECT v, count(*) AS n, max(amount) FROM big GROUP BY v ORDER BY v
;
CREATE TEMP VIEW bad (a, b) AS SELECT 1
;
SHOW TABLES
;
DROP VIEW big
;
DROP VIEW big
;
DROP VIEW IF EXISTS big
;
SELECT * FROM big
;
SELECT 1 + 2 * 3, (1 + 2) * 3, 1 - 2 - 3, 10 / 2 / 5, 7 * 3 % 4, - 2 * 3, -(1 + 2), 5 DIV 2 * 2
;
SELECT NOT true AND false, true OR false AND false, NOT (true OR false), 1 < 2 = true, 1 = 1 IS NULL, NULL IS NOT NULL OR 1 = 2
;
SELECT 'a' || 'b' || 'c', 1 + 2 || 'x', 2 BETWEEN 1 AND 3 OR false, 2 IN (1, 2) AND 3 NOT IN (4), 'abc' LIKE 'a%' OR 'x' RLIKE '^y'
;
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END, CASE 3 WHEN 1 THEN 'x' ELSE 'y' END, CAST(1 + 2 AS STRING) || '!', coalesce(NULL, NULL, 3) + 1
;
SELECT vendor_id, tpep_pickup_datetime AND true FROM rides
;
SELECT vendor_id FROM rides WHERE vendor_id = 1 AND total_amount
;
SELECT CASE WHEN vendor_id = 1 THEN 'a' ELSE 1 END, -tpep_pickup_datetime FROM rides
;
SELECT window.end, count(*) AS n FROM rides GROUP BY window(tpep_pickup_datetime, '30 minutes') HAVING count(*) > 20 ORDER BY window.start DESC
;
SELECT window(tpep_pickup_datetime, '20 minutes', '10 minutes') AS w, count(*) AS n FROM rides GROUP BY w ORDER BY w.start LIMIT 3
