#!/usr/bin/env python3
"""Regenerates spark.json: how PySpark 3.5 parses each case of cases.txt.

Run from the repository root with the PySpark venv:
    .venv-spark/bin/python dataframe/sqlparser/testdata/gen_spark.py

For every case it records whether Spark's parser accepts the input and, if
not, the exact exception text PySpark shows (str(e)). Accepted inputs also
record Spark's unresolved plan or expression, for reviewing the AST goldens.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_cases(path):
    cases, kind, lines = [], None, []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("=== "):
            if kind is not None:
                cases.append((kind, "\n".join(lines).rstrip("\n")))
            kind, lines = line[4:].strip(), []
        elif kind is not None:
            lines.append(line)
    if kind is not None:
        cases.append((kind, "\n".join(lines).rstrip("\n")))
    return cases


def main():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    parser = spark._jsparkSession.sessionState().sqlParser()
    out = []
    for kind, text in read_cases(os.path.join(HERE, "cases.txt")):
        rec = {"kind": kind, "input": text}
        try:
            if kind in ("query", "statement"):
                rec["spark"] = parser.parsePlan(text).toString()
            elif kind == "expr":
                rec["spark"] = parser.parseExpression(text).toString()
            elif kind == "type":
                rec["spark"] = parser.parseDataType(text).simpleString()
            elif kind == "schema":
                rec["spark"] = parser.parseTableSchema(text).simpleString()
            else:
                raise SystemExit("unknown case kind " + kind)
            rec["ok"] = True
        except Exception as e:  # py4j wraps Spark errors into pyspark exceptions
            rec["ok"] = False
            rec["exception"] = type(e).__name__
            rec["error"] = str(e)
        out.append(rec)
    with open(os.path.join(HERE, "spark.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    spark.stop()


if __name__ == "__main__":
    main()
