"""Run ZhText's batch pipeline on a Spark cluster.

Each partition's records go through one `zhtext pipeline --jsonl` process (`RDD.pipe`): JSON
Lines in, one JSON Lines record out per record in, in the same order. A record zhtext cannot
read (not JSON, no string "text") comes back as an error record, `{"id"?, "error": ...}`, and
never fails the task. The result is a DataFrame with the fields parsed.

    from zhtext_spark import process_json_lines, process_dataframe
    out = process_json_lines(spark, "hdfs:///news/*.jsonl", binary="./zhtext", passed=["date"])
    out = process_dataframe(df, binary="./zhtext", id_column="doc_id", text_column="body")

Ship the binary with `spark-submit --files /path/to/zhtext` (it lands in each executor's working
directory, hence `./zhtext`); see README.md next to this file.
"""
from __future__ import annotations

import shlex
from typing import Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

SLOGAN = T.StructType([
    T.StructField("canonical", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("category", T.StringType()),
    T.StructField("quoted", T.BooleanType()),
    T.StructField("confidence", T.DoubleType()),
    T.StructField("input", T.ArrayType(T.LongType())),
])
EDIT = T.StructType([
    T.StructField("step", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("input", T.ArrayType(T.LongType())),
    T.StructField("original", T.StringType()),
    T.StructField("replacement", T.StringType()),
])
WORD = T.StructType([T.StructField("text", T.StringType()), T.StructField("input", T.ArrayType(T.LongType()))])
FIELD_TYPES = {
    "text": T.StringType(),
    "sentences": T.ArrayType(T.StringType()),
    "slogans": T.ArrayType(SLOGAN),
    "edits": T.ArrayType(EDIT),
    "words": T.ArrayType(WORD),
}


def output_schema(fields: Sequence[str], passed: Sequence[str]) -> T.StructType:
    """The schema of zhtext's output records: id (as a string, whatever its JSON type), the
    error of an error record (null otherwise), the passed fields (as strings) and the results."""
    columns = [T.StructField("id", T.StringType()), T.StructField("error", T.StringType())]
    columns += [T.StructField(name, T.StringType()) for name in passed]
    columns += [T.StructField(name, FIELD_TYPES[name]) for name in fields]
    return T.StructType(columns)


def zhtext_command(binary: str, fields: Sequence[str], passed: Sequence[str], extra: Sequence[str]) -> str:
    # One thread per process: Spark runs one process per task and as many tasks as cores.
    # "line" would count lines of one partition, so it is left out.
    command = [binary, "pipeline", "--jsonl", "--quiet", "--no-line", "--jobs", "1", "--fields", ",".join(fields)]
    if passed:
        command += ["--pass", ",".join(passed)]
    return shlex.join(command + list(extra))


def pipe_lines(lines, binary: str = "./zhtext", fields: Sequence[str] = ("text", "sentences", "slogans"),
               passed: Sequence[str] = (), extra: Sequence[str] = ()):
    """An RDD of JSON Lines records (strings without line breaks) through zhtext: an RDD of its
    output lines, one per input line, in order within each partition."""
    return lines.pipe(zhtext_command(binary, fields, passed, extra))


def parse(spark: SparkSession, output_lines, fields: Sequence[str], passed: Sequence[str]) -> DataFrame:
    return spark.read.schema(output_schema(fields, passed)).json(output_lines)


def process_json_lines(spark: SparkSession, path: str, binary: str = "./zhtext",
                       fields: Sequence[str] = ("text", "sentences", "slogans"), passed: Sequence[str] = (),
                       extra: Sequence[str] = ()) -> DataFrame:
    """JSON Lines files (`{"id", "text", ...}` per line) through zhtext, as a DataFrame. The raw
    lines are piped as they are, so a broken line comes back as an error record."""
    lines = spark.sparkContext.textFile(path)
    return parse(spark, pipe_lines(lines, binary, fields, passed, extra), fields, passed)


def process_dataframe(df: DataFrame, binary: str = "./zhtext", id_column: str = "id", text_column: str = "text",
                      fields: Sequence[str] = ("text", "sentences", "slogans"), passed: Sequence[str] = (),
                      extra: Sequence[str] = ()) -> DataFrame:
    """A DataFrame's rows through zhtext: the id and text columns (and the passed ones) become
    `{"id", "text", ...}` records (Spark's JSON writer escapes line breaks, so each is one line)."""
    columns = [F.col(id_column).alias("id"), F.col(text_column).alias("text")] + [F.col(name) for name in passed]
    lines = df.select(F.to_json(F.struct(*columns)).alias("json")).rdd.map(lambda row: row.json)
    return parse(df.sparkSession, pipe_lines(lines, binary, fields, passed, extra), fields, passed)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="zhtext pipeline over JSON Lines with Spark")
    parser.add_argument("input", help="JSON Lines file(s), any path Spark reads")
    parser.add_argument("output", help="directory for the output (JSON Lines, one part per partition)")
    parser.add_argument("--binary", default="./zhtext")
    parser.add_argument("--fields", default="text,sentences,slogans")
    parser.add_argument("--pass", dest="passed", default="", help="input fields to copy, comma-separated")
    args = parser.parse_args()
    session = SparkSession.builder.appName("zhtext-pipeline").getOrCreate()
    fields = [f for f in args.fields.split(",") if f]
    passed = [f for f in args.passed.split(",") if f]
    process_json_lines(session, args.input, args.binary, fields, passed).write.mode("overwrite").json(args.output)
    session.stop()
