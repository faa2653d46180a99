"""`pierce ledger ...` end to end through Typer, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from ledger_local_tsa import local_tsa
from typer.testing import CliRunner

from pierce.ledger import Ledger, models
from pierce.ledger.commands import register

app = typer.Typer()
register(app)
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_import_alerts_verify_report(db_url: str, fixtures_dir: Path, tmp_path: Path) -> None:
    key = tmp_path / "ledger.key"
    code, out, _ = run("ledger", "keygen", str(key))
    assert code == 0 and "public key" in out
    code, out, _ = run("ledger", "import", str(fixtures_dir / "neu_cloud.yaml"), "--db", db_url,
                       "--key", str(key))
    assert code == 0 and "imported 39 records" in out
    code, _, err = run("ledger", "import", str(fixtures_dir / "neu_cloud.yaml"), "--db", db_url)
    assert code == 1 and "already in the ledger" in err and "Traceback" not in err
    code, out, _ = run("ledger", "alerts", "--json", "--db", db_url, "--as-of", "2018-07-01")
    alerts = json.loads(out)
    assert alerts["as_of"] == "2018-07-01" and alerts["count"] == len(alerts["detections"])
    kinds = {d["kind"] for d in alerts["detections"]}
    assert {"recipient_joined_and_contacted", "several_recipients_same_org",
            "affiliate_inherits_watch", "exclusive_claim_to_disclosed_customers"} <= kinds
    code, out, _ = run("ledger", "alerts", "--db", db_url)
    assert code == 0 and "open detection" in out
    code, out, _ = run("ledger", "verify", "--db", db_url)
    assert code == 0 and "verified 39 records" in out
    code, out, _ = run("ledger", "proof", "d-2015-05", "--db", db_url)
    assert json.loads(out)["verifies"] is True
    report = tmp_path / "report.html"
    code, _, _ = run("ledger", "report", "-o", str(report), "--db", db_url)
    assert code == 0 and "Timeline" in report.read_text()

    with Ledger.open(db_url) as ledger, ledger.engine.begin() as conn:
        conn.execute(models.people.update().where(models.people.c.id == "p-li")
                     .values(name="Li Na (edited)"))
    code, _, err = run("ledger", "verify", "--db", db_url)
    assert code == 1 and "people 'p-li'" in err and "altered" in err


def test_bad_input_gives_clear_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "l.sqlite")
    missing = tmp_path / "missing.yaml"
    code, _, err = run("ledger", "import", str(missing), "--db", db)
    assert code == 1 and "missing.yaml: cannot read" in err
    code, _, err = run("ledger", "add", "{not json", "--db", db)
    assert code == 2 and "not valid JSON" in err
    code, _, err = run("ledger", "add", '{"type": "employment", "person": "x", '
                                        '"organisation": "y"}', "--db", db)
    assert code == 1 and "unknown person 'x'" in err
    code, _, err = run("ledger", "alerts", "--db", db, "--as-of", "someday")
    assert code == 2 and "not a date" in err
    code, _, err = run("ledger", "sign", "--db", db)
    assert code == 2 and "--key" in err


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_sign_with_tsa_and_verify_timestamp(tmp_path: Path, fixtures_dir: Path) -> None:
    db, key = str(tmp_path / "l.sqlite"), tmp_path / "k.pem"
    run("ledger", "keygen", str(key))
    run("ledger", "import", str(fixtures_dir / "neu_cloud.yaml"), "--db", db)
    (tmp_path / "tsa").mkdir()
    with local_tsa(tmp_path / "tsa") as tsa:
        code, out, err = run("ledger", "sign", "--db", db, "--key", str(key), "--tsa", tsa.url)
        assert code == 0 and "signed tree head at size 39" in out, err
        code, out, err = run("ledger", "verify", "--db", db, "--tsa-ca", str(tsa.ca),
                             "--tsa-cert", str(tsa.cert))
        assert code == 0 and "tree head at size 39 timestamped" in out, err
        code, _, err = run("ledger", "verify", "--db", db, "--public-key", "00" * 32)
        assert code == 1 and "signed by another key" in err
