#!/usr/bin/env python3
"""Writes the binary fixtures of the differential suite (dataframe/difftest/testdata/data).

Run with the venv of requirements-spark.txt: .venv-spark/bin/python scripts/pyspark_fixtures.py
The text fixtures beside them are written by hand; this script only makes what cannot be.
"""

import datetime
import os

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "dataframe", "difftest", "testdata", "data")


def trips():
    utc = datetime.timezone.utc
    table = pa.table({
        "trip_id": pa.array([1, 2, 3, 4, 5], pa.int64()),
        "vendor": pa.array(["CMT", "VTS", None, "VTS", "CMT"], pa.string()),
        "fare": pa.array([8.5, 26.25, 3.0, None, 12.0], pa.float64()),
        "passengers": pa.array([1, 2, 1, 3, None], pa.int32()),
        "pickup": pa.array([datetime.datetime(2020, 7, 1, 0, 25, 32, tzinfo=utc),
                            datetime.datetime(2020, 7, 1, 0, 3, 19, tzinfo=utc),
                            datetime.datetime(2020, 7, 1, 1, 15, 0, 500000, tzinfo=utc),
                            None,
                            datetime.datetime(2020, 7, 2, 23, 59, 59, tzinfo=utc)], pa.timestamp("us", tz="UTC")),
        "cash": pa.array([True, False, None, True, False], pa.bool_()),
        "tags": pa.array([["a", "b"], [], None, ["c"], ["a"]], pa.list_(pa.string())),
    })
    pq.write_table(table, os.path.join(DATA, "trips.parquet"), compression="snappy")


if __name__ == "__main__":
    trips()
