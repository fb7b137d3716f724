"""`narcotrace spark network`: seller-network clusters with Spark, identical to offline `narcotrace network`.

The weighting is not re-implemented: `indicator_key`, `Ignorable`, `link_weight` and the cluster records
(`cluster_id`, `Cluster.to_dict`) are imported from narcotrace.network and run inside mapInPandas, so a change
there changes both. Only the connected components are Spark's own: the alternating large-star / small-star
algorithm (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC 2014) with plain joins and
aggregates, no GraphFrames. Each indicator that links k accounts adds k-1 edges (a star on its smallest
account), which keeps the account graph's components and its size linear in the input.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from narcotrace._exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

    from narcotrace.network.weights import Ignorable

__all__ = ["NetworkSummary", "cluster_frame", "connected_components", "network_files", "occurrences"]

MAX_ITERATIONS = 100  # large-star/small-star needs O(log^2 n) rounds; this bound is never reached in practice


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    accounts: int  # distinct accounts that showed any indicator
    clusters: int
    iterations: int
    seconds: float


def _keyed(ignorable: Ignorable, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """(platform, author, type, normalized) -> the linking key, dropping ignorable values."""
    import pandas as pd

    from narcotrace.network.weights import indicator_key

    for pdf in batches:
        out = []
        rows = zip(pdf["platform"], pdf["author"], pdf["type"], pdf["normalized"])
        for platform, author, itype, norm in rows:
            key = indicator_key(itype, norm)
            if key not in ignorable:
                out.append((platform, author, key[0], key[1]))
        yield pd.DataFrame.from_records(out, columns=["platform", "author", "ktype", "knorm"])


def _weighted(min_weight: float, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from narcotrace.network.weights import link_weight

    for pdf in batches:
        w = [link_weight(t, int(n)) for t, n in zip(pdf["ktype"], pdf["n"])]
        pdf = pdf.assign(weight=w)
        yield pdf[pdf["weight"] >= min_weight]


def _clusters(min_size: int, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """One component's accounts and linking indicators -> Cluster.to_dict() of the offline module."""
    import pandas as pd

    from narcotrace.network.graph import Cluster, ClusterIndicator, cluster_id

    for pdf in batches:
        out = []
        for accs, inds in zip(pdf["accounts"], pdf["indicators"]):
            accounts = tuple(sorted((a["platform"], a["author"]) for a in accs))
            if len(accounts) < min_size:
                continue
            index = {a: i for i, a in enumerate(accounts)}
            cinds = sorted(
                (ClusterIndicator(d["ktype"], d["knorm"], int(d["n"]), float(d["weight"]),
                                  tuple(sorted(index[(m["platform"], m["author"])] for m in d["members"])))
                 for d in inds),
                key=lambda i: (-i.weight, i.type, i.normalized),
            )
            c = Cluster(cluster_id(accounts), accounts, tuple(cinds)).to_dict()
            out.append(c)
        yield pd.DataFrame.from_records(out, columns=["cluster", "size", "accounts", "indicators"])


def _cluster_schema() -> Any:
    from pyspark.sql.types import (
        ArrayType, DoubleType, IntegerType, StringType, StructField, StructType,
    )

    account = StructType([StructField("platform", StringType()), StructField("author", StringType())])
    indicator = StructType([
        StructField("type", StringType()), StructField("normalized", StringType()),
        StructField("n_accounts", IntegerType()), StructField("weight", DoubleType()),
        StructField("accounts", ArrayType(IntegerType(), False)),
    ])
    return StructType([
        StructField("cluster", StringType(), False), StructField("size", IntegerType(), False),
        StructField("accounts", ArrayType(account, False), False),
        StructField("indicators", ArrayType(indicator, False), False),
    ])


def connected_components(edges: DataFrame, max_iterations: int = MAX_ITERATIONS) -> tuple[DataFrame, int]:
    """(node, label) for every node of `edges` (columns src, dst of one orderable type), label = the smallest
    node of its component; and the number of rounds. Large-star then small-star until the edges stop
    changing."""
    from pyspark.sql import functions as F

    def canon(e: DataFrame) -> DataFrame:
        return e.filter(F.col("src") != F.col("dst")).distinct()

    def large_star(e: DataFrame) -> DataFrame:
        both = e.unionByName(e.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
        mins = both.groupBy("src").agg(F.least(F.min("dst"), F.col("src")).alias("m"))
        return canon(both.join(mins, "src").filter(F.col("dst") > F.col("src"))
                     .select(F.col("dst").alias("src"), F.col("m").alias("dst")))

    def small_star(e: DataFrame) -> DataFrame:
        hi = e.select(F.greatest("src", "dst").alias("src"), F.least("src", "dst").alias("dst"))
        mins = hi.groupBy("src").agg(F.min("dst").alias("m"))
        joined = hi.join(mins, "src")
        return canon(joined.select(F.col("dst").alias("src"), "m").unionByName(joined.select("src", "m"))
                     .select("src", F.col("m").alias("dst")))

    current = canon(edges.select("src", "dst")).localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        nxt = small_star(large_star(current)).localCheckpoint()
        if nxt.exceptAll(current).isEmpty() and current.exceptAll(nxt).isEmpty():
            current = nxt
            break
        current = nxt
        if rounds >= max_iterations:
            raise RuntimeError(f"connected components did not converge in {max_iterations} rounds")
    # Converged: every edge joins a node to its component's smallest node.
    labels = current.select(F.col("src").alias("node"), F.col("dst").alias("label")).unionByName(
        current.select(F.col("dst").alias("node"), F.col("dst").alias("label"))
    ).groupBy("node").agg(F.min("label").alias("label"))
    return labels, rounds


def _string_or_null(columns: set[str], name: str) -> Any:
    from pyspark.sql import functions as F

    return F.col(name).cast("string") if name in columns else F.lit(None).cast("string")


def occurrences(verdicts: DataFrame, items: DataFrame | None = None) -> DataFrame:
    """(platform, author, type, normalized, valid) per indicator, accounts taken as the offline reader does:
    the verdict's own author/platform, else the item with the same id in `items` (the n-th verdict of an id
    gets the n-th item with an author of that id, the last one when they run out)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    cols = set(verdicts.columns)
    if "indicators" not in cols or "id" not in cols:
        raise InputError("verdicts need 'id' and 'indicators' columns (as `narcotrace spark scan` writes)")
    if "author" not in cols and items is None:
        raise InputError("the verdicts have no 'author' column; give the items that were scanned (--items)")
    from narcotrace.spark._scan import number_rows

    v = number_rows(verdicts.select(
        F.col("id").cast("string").alias("id"), "indicators",
        _string_or_null(cols, "author").alias("own_author"),
        _string_or_null(cols, "platform").alias("own_platform"),
    ))
    own = F.col("own_author").isNotNull() & (F.col("own_author") != "")
    with_own = v.filter(own).select(
        "indicators", F.col("own_author").alias("author"),
        F.coalesce(F.when(F.col("own_platform") != "", F.col("own_platform")), F.lit("")).alias("platform"))
    parts = [with_own]
    if items is not None:
        it = items.filter(F.col("author").isNotNull())
        by_id = Window.partitionBy("id").orderBy("index")
        it = it.withColumn("rank", F.row_number().over(by_id) - 1)
        counts = it.groupBy("id").agg(F.count(F.lit(1)).alias("n_items"))
        need = v.filter(~own).withColumn("vrank", F.row_number().over(by_id) - 1).join(counts, "id")
        need = need.withColumn("rank", F.least(F.col("vrank"), F.col("n_items") - 1))
        parts.append(need.join(it.select("id", "rank", "author", "platform"), ["id", "rank"])
                     .select("indicators", "author", "platform"))
    occ = functools.reduce(lambda a, b: a.unionByName(b), parts)
    return occ.select("platform", "author", F.explode("indicators").alias("ind")).select(
        "platform", "author", F.col("ind.type").alias("type"), F.col("ind.normalized").alias("normalized"),
        F.col("ind.valid").alias("valid"))


def cluster_frame(occ: DataFrame, *, ignorable: Ignorable | None = None, min_weight: float | None = None,
                  min_size: int = 2) -> tuple[DataFrame, int]:
    """Clusters as the offline `narcotrace network` writes them (Cluster.to_dict columns), largest first,
    from (platform, author, type, normalized, valid) occurrences; and the number of rounds it took."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    from narcotrace.network.weights import DEFAULT_MIN_WEIGHT, Ignorable

    mw = DEFAULT_MIN_WEIGHT if min_weight is None else float(min_weight)
    if not (mw > 0):
        raise InputError(f"--min-weight must be above 0, got {min_weight}")
    if min_size < 2:
        raise InputError(f"--min-size must be 2 or more, got {min_size}")
    keyed_schema = "platform string, author string, ktype string, knorm string"
    keyed = occ.filter(F.col("valid") & F.col("normalized").isNotNull() & (F.col("normalized") != "")).select(
        "platform", "author", "type", "normalized"
    ).mapInPandas(functools.partial(_keyed, ignorable or Ignorable()), keyed_schema).distinct()
    acc = F.struct("platform", "author")
    shared = keyed.groupBy("ktype", "knorm").agg(
        F.count(F.lit(1)).alias("n"), F.array_sort(F.collect_list(acc)).alias("members")
    ).filter(F.col("n") >= 2)
    wschema = StructType([
        StructField("ktype", StringType()), StructField("knorm", StringType()), StructField("n", LongType()),
        StructField("members", shared.schema["members"].dataType), StructField("weight", DoubleType()),
    ])
    linking = shared.mapInPandas(functools.partial(_weighted, mw), wschema).localCheckpoint()
    edges = linking.select(F.explode("members").alias("src"), F.col("members")[0].alias("dst"))
    labels, rounds = connected_components(edges)
    labels = labels.localCheckpoint()
    accounts = labels.groupBy("label").agg(F.collect_list("node").alias("accounts"))
    inds = linking.join(labels, F.col("members")[0] == F.col("node")).groupBy("label").agg(
        F.collect_list(F.struct("ktype", "knorm", "n", "weight", "members")).alias("indicators"))
    out = accounts.join(inds, "label").select("accounts", "indicators").mapInPandas(
        functools.partial(_clusters, min_size), _cluster_schema())
    return out.orderBy(F.col("size").desc(), F.col("cluster")), rounds


def _read(spark: SparkSession, path: str, fmt: str | None) -> DataFrame:
    from narcotrace.spark._scan import _detect_format

    kind = _detect_format(path, fmt)
    if kind == "parquet":
        return spark.read.parquet(path)
    schema = ("id string, author string, platform string, "
              "indicators array<struct<type: string, normalized: string, valid: boolean>>")
    return spark.read.schema(schema).json(path)


def _items(spark: SparkSession, path: str, fmt: str | None) -> DataFrame:
    """id, author, platform and the record index of every item (as offline `--items` reads them)."""
    from narcotrace.spark._scan import _detect_format, number_rows

    from pyspark.sql import functions as F

    kind = _detect_format(path, fmt)
    if kind == "parquet":
        df = spark.read.parquet(path)
        cols = [F.col(c).cast("string").alias(c) if c in df.columns else F.lit(None).cast("string").alias(c)
                for c in ("id", "author", "platform")]
        df = number_rows(df.select(*cols))
    else:
        schema = "id string, author string, platform string"
        from narcotrace.spark._scan import _BLANK_REGEX

        raw = spark.read.text(path)
        df = number_rows(raw, F.col("value").rlike(_BLANK_REGEX)).select(
            F.from_json("value", schema).alias("r"), "index").select("r.*", "index")
    return df.select(
        F.coalesce(F.when(F.col("id") != "", F.col("id")), F.col("index").cast("string")).alias("id"),
        F.when(F.col("author") != "", F.col("author")).alias("author"),
        F.coalesce(F.when(F.col("platform") != "", F.col("platform")), F.lit("")).alias("platform"),
        "index",
    )


def network_files(spark: SparkSession, input_path: str, output_path: str, *, fmt: str | None = None,
                  items_path: str | None = None, min_weight: float | None = None, min_size: int = 2,
                  ignore: str | None = None, default_ignore: bool = True, platform: str | None = None
                  ) -> NetworkSummary:
    """Read verdicts (and items), write the clusters as Parquet to `output_path` (overwritten)."""
    from narcotrace.network.weights import load_ignorable

    t0 = time.perf_counter()
    ignorable = load_ignorable(ignore, packaged=default_ignore)
    items = _items(spark, items_path, None) if items_path else None
    if items is not None and platform is not None:
        from pyspark.sql import functions as F

        items = items.withColumn("platform", F.lit(platform))
    occ = occurrences(_read(spark, input_path, fmt), items).localCheckpoint()
    clusters, rounds = cluster_frame(occ, ignorable=ignorable, min_weight=min_weight, min_size=min_size)
    clusters.coalesce(1).write.mode("overwrite").parquet(output_path)
    n_accounts = occ.select("platform", "author").distinct().count()
    n_clusters = spark.read.parquet(output_path).count()
    return NetworkSummary(n_accounts, n_clusters, rounds, time.perf_counter() - t0)
