#!/usr/bin/env python3
"""Runs a `churn sql --dialect spark` query on a CSV transaction log with Spark in local mode (2
cores) and writes the risk list as CSV part files: the Spark side of Benchmarks/compare's `sql`
section.

Usage: sql_spark.py QUERY.sql LOG.csv OUT_DIR
Prints {"seconds": query and write, "startup_seconds": …, "jvm_peak_mib": the JVM's own VmHWM,
"driver_peak_mib": this Python process's own peak}.
"""
import json
import resource
import sys
import time

started = time.perf_counter()
from pyspark.sql import SparkSession  # noqa: E402

query_path, log, out = sys.argv[1:4]
spark = (SparkSession.builder.master("local[2]").appName("churnkit-sql-benchmark")
         .config("spark.sql.shuffle.partitions", "8")
         .config("spark.driver.memory", "4g")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
ready = time.perf_counter()
(spark.read.option("header", True).schema("customer_id STRING, date DATE, amount DOUBLE").csv(log)
 .createOrReplaceTempView("transactions"))
spark.sql(open(query_path).read()).write.mode("overwrite").option("header", True).csv(out)
finished = time.perf_counter()
pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
jvm_peak = None
with open(f"/proc/{pid}/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            jvm_peak = int(line.split()[1]) / 1024
spark.stop()
print(json.dumps({"seconds": finished - ready, "startup_seconds": ready - started, "jvm_peak_mib": jvm_peak,
                  "driver_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
