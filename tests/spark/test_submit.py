"""The spark-submit recipe of docs/spark.md, run for real with local[2]: wheel, packed environment, job file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path
from typing import Any

import pytest
from sparkcheck import cli_scan, row_to_dict

ROOT = Path(__file__).resolve().parents[2]


def _run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, f"{cmd[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.integration
def test_spark_submit_recipe_scans_with_the_packed_wheel(spark: Any, tmp_path: Path) -> None:
    pytest.importorskip("wheel", reason="building the wheel offline needs the `wheel` package (test extra)")
    py = sys.executable
    # 1. The wheel, built offline from this checkout.
    _run([py, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT)])
    wheel = next((tmp_path / "dist").glob("narcotrace-*.whl"))
    # 2. An environment holding the wheel. Its dependencies come from this virtualenv through a .pth line
    # (the test must not download); a .pth line adds a folder without running that folder's own .pth files,
    # so this checkout's editable install stays invisible and narcotrace can only come from the wheel.
    env = tmp_path / "env"
    _run([py, "-m", "venv", "--without-pip", str(env)])
    _run([py, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q", "--no-deps", "--no-index",
          str(wheel)])
    site = _run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
                ).stdout.strip()
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = _run([str(env / "bin" / "python"), "-c", "import narcotrace; print(narcotrace.__file__)"]).stdout
    assert where.startswith(str(env)), where
    # 3. Packed and unpacked again, as --archives does on each node.
    with tarfile.open(tmp_path / "env.tar.gz", "w:gz") as tar:
        tar.add(env, arcname=".")
    unpacked = tmp_path / "environment"
    with tarfile.open(tmp_path / "env.tar.gz") as tar:
        tar.extractall(unpacked, filter="fully_trusted")  # symlinks to the system python stay links
    job = unpacked / Path(site).relative_to(env) / "narcotrace" / "spark" / "job.py"
    corpus = unpacked / Path(site).relative_to(env) / "narcotrace" / "examples" / "corpus.jsonl"
    # 4. spark-submit from the pyspark package, local[2]; local mode runs the Python workers on this machine,
    # so PYSPARK_PYTHON names the unpacked environment (on YARN or Kubernetes: ./environment/bin/python).
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    envvars = {**os.environ, "PYSPARK_PYTHON": str(unpacked / "bin" / "python"),
               "PYSPARK_DRIVER_PYTHON": str(unpacked / "bin" / "python")}
    envvars.pop("PYTHONPATH", None)
    out = tmp_path / "verdicts"
    done = _run([str(submit), "--master", "local[2]", "--archives", f"{tmp_path / 'env.tar.gz'}#environment",
                 "--conf", "spark.ui.enabled=false",
                 "--conf", "spark.sql.shuffle.partitions=2", str(job), "scan", str(corpus), str(out),
                 "--jurisdiction", "US"], env=envvars, cwd=tmp_path)
    # spark-submit's PythonRunner merges the driver's stderr into its own stdout.
    assert "narcotrace: 40 scanned, 0 record(s) rejected" in done.stdout + done.stderr, done.stdout[-3000:]
    code, cli, _ = cli_scan(corpus, "--jurisdiction", "US")
    assert code == 0
    got = [row_to_dict(r) for r in spark.read.parquet(str(out)).collect()]
    assert got == cli
    assert json.dumps(got).count('"label": "offer"') >= 5
    shutil.rmtree(env)
