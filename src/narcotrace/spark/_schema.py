"""The Verdict contract (items.Verdict.to_dict) as an explicit Spark schema; lists are arrays of structs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql.types import StructType

__all__ = ["rejected_schema", "verdict_schema"]


def verdict_schema(with_decisions: bool = False) -> StructType:
    """Columns id, label, score, substances, severity, evidence, indicators, model (+ decisions)."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    def struct(*fields: tuple[str, object]) -> StructType:
        return StructType([StructField(name, typ, True) for name, typ in fields])  # type: ignore[arg-type]

    substance = struct(("name", StringType()), ("class", StringType()))
    evidence = struct(
        ("start", IntegerType()), ("end", IntegerType()), ("text", StringType()),
        ("signal", StringType()), ("weight", DoubleType()),
    )
    indicator = struct(
        ("type", StringType()), ("value", StringType()), ("normalized", StringType()),
        ("valid", BooleanType()), ("start", IntegerType()), ("end", IntegerType()),
    )
    fields = [
        StructField("id", StringType(), False),
        StructField("label", StringType(), False),
        StructField("score", DoubleType(), False),
        StructField("substances", ArrayType(substance, False), False),
        StructField("severity", StringType(), False),
        StructField("evidence", ArrayType(evidence, False), False),
        StructField("indicators", ArrayType(indicator, False), False),
        StructField("model", StringType(), False),
    ]
    if with_decisions:
        decision = struct(
            ("jurisdiction", StringType()), ("action", StringType()), ("rule", StringType()),
            ("legal_basis", ArrayType(StringType(), False)), ("resources", ArrayType(StringType(), False)),
            ("priority", IntegerType()),
        )
        fields.append(StructField("decisions", ArrayType(decision, False), False))
    return StructType(fields)


def rejected_schema() -> StructType:
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType([
        StructField("line", LongType(), False),
        StructField("index", LongType(), False),
        StructField("error", StringType(), False),
    ])
