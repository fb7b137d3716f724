"""`narcotrace share ...` end to end through `narcotrace.cli.main` (real files, a real SQLite store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narcotrace.cli import main
from narcotrace.items import Indicator, Item, Verdict
from narcotrace.sharing import read_blocklist
from narcotrace.store import Store


def test_psi_over_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("plug_a\nplug_b\nshared_one\n")
    (tmp_path / "b.txt").write_text("shared_one\nplug_z\n")
    f = {n: str(tmp_path / n) for n in ("a.st", "b.st", "m1", "m2", "m3", "ra", "rb")}
    assert main(["share", "psi", "start", "--values", str(tmp_path / "a.txt"), "--type", "telegram",
                 "--state", f["a.st"], "--out", f["m1"]]) == 0
    assert main(["share", "psi", "respond", "--values", str(tmp_path / "b.txt"), "--in", f["m1"],
                 "--state", f["b.st"], "--out", f["m2"]]) == 0
    assert main(["share", "psi", "finish", "--state", f["a.st"], "--in", f["m2"], "--out", f["m3"],
                 "--result", f["ra"]]) == 0
    assert main(["share", "psi", "finish", "--state", f["b.st"], "--in", f["m3"], "--result", f["rb"]]) == 0
    assert Path(f["ra"]).read_text() == Path(f["rb"]).read_text() == "shared_one\n"
    assert (Path(f["a.st"]).stat().st_mode & 0o777) == 0o600  # the state holds raw values
    for m in ("m1", "m2", "m3"):
        assert "plug" not in Path(f[m]).read_text() and "shared_one" not in Path(f[m]).read_text()
    # B's state given where A's message is expected: a clear error, exit 2.
    assert main(["share", "psi", "finish", "--state", f["b.st"], "--in", f["m2"], "--result", f["rb"]]) == 2
    assert "expected PSI message step 3" in capsys.readouterr().err


def test_check_reports_a_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("name: club\norg: acme\nsecret_env: NOT_SET_ANYWHERE_X\nmembers: []\n")
    assert main(["share", "check", str(bad)]) == 2
    assert "secret_env': environment variable NOT_SET_ANYWHERE_X is not set" in capsys.readouterr().err


@pytest.mark.shared_data
def test_import_public_blocklists(shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lists = shared_data / "domain_blocklists_drugs"
    domains = read_blocklist(lists / "ut1_drogue_domains.txt")
    host = domains.hosts[0]
    db = f"sqlite:///{tmp_path / 'bank.db'}"
    store = Store.open(db)
    org = store.create_org("acme")["id"]
    text = f"order at {host} today"
    ind = Indicator("domain", host, host, True, 9, 9 + len(host))
    store.ingest(org, [(Item(text, id="1"), Verdict("1", "offer", 0.9, indicators=(ind,)), True)])
    store.close()
    assert main(["share", "import-blocklist", "--db", db, "--org", "acme", str(lists / "ut1_drogue_domains.txt"),
                 str(lists / "ut1_drogue_urls.txt")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["hosts"] == len(domains.hosts) and rows[0]["skipped_ips"] == domains.skipped_ips > 0
    assert rows[1]["hosts"] == 0 and rows[1]["skipped_pages"] > 0  # page URLs never bank a whole host
    store = Store.open(db)
    item = store.get_item(org, "1")
    assert any(e["signal"] == "shared:public blocklist ut1_drogue_domains.txt" and e["text"] == host
               for e in item["verdict"]["evidence"])
    assert [e["event"] for e in store.audit(org, 0, 100)].count("share-bank-import") == 2
    store.close()


@pytest.mark.shared_data
def test_blocklist_files_parse_without_errors(shared_data: Path) -> None:
    lists = shared_data / "domain_blocklists_drugs"
    big = read_blocklist(lists / "blocklistproject_drugs.hosts.txt")
    assert big.errors == () and len(big.hosts) > 20000  # SOURCE.txt: 26,029 entries
    assert all(" " not in h and not h.startswith("0.0.0.0") for h in big.hosts)


def _config(tmp_path: Path, org: str, url: str = "http://127.0.0.1:9", key: str = "") -> Path:
    (tmp_path / "secret").write_text("q" * 40)
    member = f"{{name: peer, url: '{url}'"
    if key:
        (tmp_path / "peer.key").write_text(key)
        member += ", api_key_file: peer.key"
    path = tmp_path / "club.yaml"
    path.write_text(f"name: club\norg: {org}\nsecret_file: secret\nmembers: [{member}}}]\n")
    return path


def test_export_writes_confirmed_signals_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    store = Store.open(db)
    org = store.create_org("acme")["id"]
    ind = Indicator("telegram", "@seller_x", "seller_x", True, 3, 12)
    store.ingest(org, [(Item("tg @seller_x", id=i), Verdict(i, "offer", 0.99, indicators=(ind,)), True)
                       for i in ("1", "2")])
    store.decide(store.authenticate(store.create_key("acme", "reviewer")["key"]), "1", "remove", "seller",
                 ("remove",), 0)
    store.close()
    out = tmp_path / "signals.jsonl"
    assert main(["share", "export", "--config", str(_config(tmp_path, "acme")), "--db", db, "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["type"] for r in rows if r["type"] != "text"] == ["telegram"]
    assert all(r["opinion"] == "positive" for r in rows)  # item 2 (unreviewed, high score) adds to the count
    assert [r["count"] for r in rows if r["type"] == "telegram"] == [2]
    assert "seller_x" not in out.read_text()
    store = Store.open(db)
    assert store.audit(org, 0, 100)[-1]["event"] == "share-export-file"
    store.close()


def test_fetch_through_the_cli(two_services: tuple[object, object], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_services
    org_a, org_b = a.org("alpha"), b.org("beta")  # type: ignore[attr-defined]
    secret = b"q" * 40
    from narcotrace.sharing import Collaboration, Member

    a.sharing.add(Collaboration("club", org_a["name"], secret, (Member("peer", b.url),)))  # type: ignore[attr-defined]
    with a.client(org_a["ingest"]) as ing:  # type: ignore[attr-defined]
        assert ing.post("/v1/items", json={"items": [{"id": "x", "text": "pressed M30s tg @cli_seller_1"}]}
                        ).status_code == 200
    with a.client(org_a["reviewer"]) as rev:  # type: ignore[attr-defined]
        assert rev.post("/v1/items/x/decision", json={"action": "remove", "reason": "seller"}).status_code == 200
    config = _config(tmp_path, org_b["name"], a.url, org_a["partner"])  # type: ignore[attr-defined]
    db = str(b.store.engine.url)  # type: ignore[attr-defined]
    assert main(["share", "fetch", "--config", str(config), "--db", db]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["partner"] == "peer" and first["signals"] >= 1 and first["cursor"] > 0
    assert main(["share", "fetch", "--config", str(config), "--db", db]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["signals"] == 0 and again["cursor"] == first["cursor"]  # the stored checkpoint
