#!/usr/bin/env python3
"""Runs a `churn sql --dialect duckdb` query on a CSV transaction log with DuckDB (2 threads) and
writes the risk list as CSV: the DuckDB side of Benchmarks/compare's `sql` section.

Usage: sql_duckdb.py QUERY.sql LOG.csv OUT.csv   (prints {"seconds": …} for the query and write)
"""
import json
import sys
import time

import duckdb

query_path, log, out = sys.argv[1:4]
started = time.perf_counter()
con = duckdb.connect()
con.execute("SET threads = 2")
literal = "'" + log.replace("'", "''") + "'"
con.execute("CREATE VIEW transactions AS SELECT * FROM read_csv(" + literal + ", header = true, "
            "columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})")
query = open(query_path).read().rstrip().rstrip(";")
con.execute("COPY (" + query + ") TO '" + out.replace("'", "''") + "' (HEADER, DELIMITER ',')")
print(json.dumps({"seconds": time.perf_counter() - started}))
