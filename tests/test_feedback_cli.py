"""`selkeys feedback ...` and `selkeys serve` argument handling, run through the typer app on a
SQLite data folder (the same code paths as the installed command)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tomllib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from selkeys.cli.app import app
from selkeys.config import Config, ConfigResolver
from selkeys.lint import Linter
from selkeys.server.db import make_engine, ratings
from selkeys.server.ratings import hour_now

PAGE = "https://www.kaupunki.fi/fi/asuminen"
runner = CliRunner()


def run(*args: str, data_dir) -> object:
    return runner.invoke(app, [*args, "--data-dir", str(data_dir)])


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    added = run("feedback", "site", "add", "kaupunki", "--origin", "https://www.kaupunki.fi/", "--name", "Kaupunki",
                "--retention-days", "30", data_dir=folder)
    assert added.exit_code == 0, added.output
    return folder


def engine_of(folder):
    return make_engine(f"sqlite:///{(folder / 'feedback.sqlite3').resolve()}")


def insert_ratings(folder, version: str, values: list[int], hour: datetime | None = None, page_id: int = 1) -> None:
    engine = engine_of(folder)
    with engine.begin() as conn:
        start = conn.execute(select(func.count()).select_from(ratings)).scalar_one()
        conn.execute(ratings.insert(), [
            {"site_id": "kaupunki", "page_id": page_id, "lang": "fi", "version_hash": version, "rating": v,
             "created_hour": hour or hour_now(), "status": "ok", "idempotency_key": f"cli-{start + i:08d}"}
            for i, v in enumerate(values)])
    engine.dispose()


def publish(folder, tmp_path, text: str, url: str = PAGE, *extra: str) -> str:
    source = tmp_path / f"page{abs(hash(url + text))}.txt"
    source.write_text(text, encoding="utf-8")
    answer = run("feedback", "publish", str(source), "--site", "kaupunki", "--url", url, "--lang", "fi", *extra,
                 data_dir=folder)
    assert answer.exit_code == 0, answer.output
    engine = engine_of(folder)
    with engine.connect() as conn:
        from selkeys.server.db import pages
        version = conn.execute(select(pages.c.current_version).where(pages.c.url == url)).scalar_one()
    engine.dispose()
    return version


def test_site_add_prints_a_token_once_and_lists(data):
    listed = run("feedback", "site", "list", data_dir=data)
    assert listed.exit_code == 0
    assert listed.output.split("\t")[:3] == ["kaupunki", "Kaupunki", "https://www.kaupunki.fi"]
    again = run("feedback", "site", "add", "kaupunki", "--origin", "https://x.fi", data_dir=data)
    assert again.exit_code == 2 and "exists already" in again.output


@pytest.mark.parametrize("args,message", [
    (["BAD ID", "--origin", "https://x.fi"], "site id"),
    (["ok", "--origin", "https://x.fi/path"], "no path"),
    (["ok", "--origin", "x.fi"], "not an origin"),
    (["ok", "--origin", "https://x.fi", "--retention-days", "0"], "retention"),
])
def test_site_add_refuses_bad_input(tmp_path, args, message):
    answer = run("feedback", "site", "add", *args, data_dir=tmp_path)
    assert answer.exit_code == 2 and message in answer.output


def test_publish_links_translations_and_reports_known_versions(data, tmp_path):
    publish(data, tmp_path, "Hakemus on toimitettava kirjaamoon.\n")
    again = run("feedback", "publish", str(next(tmp_path.glob("page*.txt"))), "--site", "kaupunki", "--url", PAGE,
                "--lang", "fi", data_dir=data)
    assert "(known version)" in again.output
    publish(data, tmp_path, "Ansökan ska lämnas in i tid.\n", "https://www.kaupunki.fi/sv/boende",
            "--translation-of", PAGE)
    missing = run("feedback", "publish", str(tmp_path / "nope.txt"), "--site", "kaupunki", "--url", PAGE, "--lang",
                  "fi", data_dir=data)
    assert missing.exit_code == 2 and "nope.txt" in missing.output
    unknown = run("feedback", "publish", str(next(tmp_path.glob("page*.txt"))), "--site", "muu", "--url", PAGE,
                  "--lang", "fi", data_dir=data)
    assert unknown.exit_code == 2 and "unknown site" in unknown.output


def test_export_writes_csv_with_bom(data, tmp_path):
    version = publish(data, tmp_path, "Hakemus on toimitettava kirjaamoon.\n")
    insert_ratings(data, version, [4, 1])
    out = tmp_path / "out.csv"
    assert run("feedback", "export", "--site", "kaupunki", "--output", str(out), data_dir=data).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["rating"] for r in rows] == ["4", "1"] and rows[0]["version"] == version


def test_purge_deletes_only_ratings_past_the_sites_retention(data, tmp_path):
    version = publish(data, tmp_path, "Hakemus on toimitettava kirjaamoon.\n")
    old = hour_now() - timedelta(days=31)
    insert_ratings(data, version, [1, 2, 3], hour=old)
    insert_ratings(data, version, [4], hour=hour_now() - timedelta(days=29))
    dry = run("feedback", "purge", "--dry-run", data_dir=data)
    assert "kaupunki: 3 rating(s) older than 30 days would be deleted" in dry.output
    assert run("feedback", "purge", data_dir=data).exit_code == 0
    engine = engine_of(data)
    with engine.connect() as conn:
        assert [r.rating for r in conn.execute(select(ratings.c.rating))] == [4]
    engine.dispose()


def test_backup_is_a_consistent_copy(data, tmp_path):
    version = publish(data, tmp_path, "Hakemus on toimitettava kirjaamoon.\n")
    insert_ratings(data, version, [3, 3, 2])
    target = tmp_path / "backups" / "feedback.sqlite3"
    assert run("feedback", "backup", str(target), data_dir=data).exit_code == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM ratings").fetchone() == (3,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = run("feedback", "backup", str(target), data_dir=data)
    assert again.exit_code == 2 and "exists" in again.output


def test_migrate_and_bad_database_url(tmp_path):
    done = run("feedback", "migrate", data_dir=tmp_path)
    assert done.exit_code == 0 and "revision 0001" in done.output
    bad = runner.invoke(app, ["feedback", "migrate", "--database-url", "nosuchdb://x"])
    assert bad.exit_code == 2 and "cannot open the feedback database" in bad.output


def test_serve_refuses_bad_options(tmp_path):
    answer = runner.invoke(app, ["serve", "--port", "70000", "--data-dir", str(tmp_path)])
    assert answer.exit_code == 2 and "--port" in answer.output


# -- calibrate ---------------------------------------------------------------------------------

TEXTS = [  # from plain to heavy; the readers below find them clear in the same order
    "Tule käymään. Autamme sinua. Soita meille.",
    "Voit hakea tukea. Täytä lomake. Lähetä se meille postissa.",
    "Hakemus tehdään verkossa. Liitä mukaan tiedot tuloistasi. Saat päätöksen kuukauden kuluessa.",
    "Hakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua päätöksen tiedoksisaannista.",
    "Asian käsittelyn yhteydessä suoritetaan hakijan taloudellisen tilanteen kokonaisvaltainen arviointi "
    "toimeentulotukilain säännösten edellyttämällä tavalla.",
    "Oikaisuvaatimuksen käsittelyn viivästyminen johtuu viranomaisen resurssien kohdentamisesta "
    "lakisääteisten velvoitteiden täyttämiseen, minkä johdosta päätöksenteon aikataulutuksen "
    "toteuttamisessa on ilmennyt poikkeamia.",
]


def test_calibrate_refuses_with_too_few_ratings(data, tmp_path):
    version = publish(data, tmp_path, TEXTS[0])
    insert_ratings(data, version, [4] * 30)
    answer = run("feedback", "calibrate", "--site", "kaupunki", "--config", str(tmp_path / "selkeys.toml"),
                 data_dir=data)
    assert answer.exit_code == 2
    assert "too few ratings to calibrate: 30 ok rating(s) of 1 text version(s)" in answer.output
    assert not (tmp_path / "selkeys.toml").exists()


def test_calibrate_fits_writes_the_model_and_points_the_config(data, tmp_path):
    for i, text in enumerate(TEXTS):
        url = f"https://www.kaupunki.fi/fi/sivu-{i}"
        version = publish(data, tmp_path, text, url)
        level = 4 - (i * 4) // len(TEXTS)  # 4, 4, 3, 2, 2, 1
        spread = [level] * 14 + [max(1, level - 1)] * 4 + [min(4, level + 1)] * 2
        insert_ratings(data, version, spread, page_id=i + 1)
    config = tmp_path / "selkeys.toml"
    config.write_text('profile = "plain"\n\n[severity]\n"FI-LONG-001" = "info"\n', encoding="utf-8")
    answer = run("feedback", "calibrate", "--site", "kaupunki", "--config", str(config), data_dir=data)
    assert answer.exit_code == 0, answer.output
    assert "fitted on 120 ratings of 6 text versions (fi)" in answer.output
    fitted = float(answer.output.split("new model (out of fold): Spearman ")[1].split(",")[0])
    assert fitted > 0.3  # clearer-rated texts must get higher out-of-fold scores
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    assert settings["score-model"] == ["score-model-kaupunki-fi.json"]
    assert settings["severity"] == {"FI-LONG-001": "info"}
    model = json.loads((tmp_path / "score-model-kaupunki-fi.json").read_text(encoding="utf-8"))
    assert model["lang"] == "fi" and model["fit"]["kind"] == "ordinal" and model["fit"]["samples"] == 120
    sample = tmp_path / "teksti.txt"
    sample.write_text(TEXTS[3], encoding="utf-8")
    loaded = ConfigResolver().for_file(str(sample))
    assert loaded.score_model and loaded.score_model[0].endswith("score-model-kaupunki-fi.json")
    calibrated = Linter().lint_path(str(sample), loaded).score.value
    default = Linter().lint_path(str(sample), Config()).score.value
    assert calibrated != pytest.approx(default)  # the score now comes from the readers' model
    again = run("feedback", "calibrate", "--site", "kaupunki", "--config", str(config), data_dir=data)
    assert again.exit_code == 0
    assert tomllib.loads(config.read_text(encoding="utf-8"))["score-model"] == ["score-model-kaupunki-fi.json"]


# -- which database (issue 16 item 6) ------------------------------------------------------------

def test_site_add_and_publish_name_the_database_they_wrote_to(tmp_path):
    folder = tmp_path / "data"
    added = run("feedback", "site", "add", "kaupunki", "--origin", "https://www.kaupunki.fi", data_dir=folder)
    database = str((folder / "feedback.sqlite3").resolve())
    assert added.exit_code == 0 and f"site kaupunki added to {database}." in added.output
    assert "default database" not in added.output  # the folder was given
    source = tmp_path / "sivu.txt"
    source.write_text("Hakemus on toimitettava kirjaamoon.\n", encoding="utf-8")
    published = run("feedback", "publish", str(source), "--site", "kaupunki", "--url", PAGE, "--lang", "fi",
                    data_dir=folder)
    assert published.exit_code == 0 and published.output.rstrip().endswith(f"; stored in {database}")
    other = run("feedback", "publish", str(source), "--site", "kaupunki", "--url", PAGE, "--lang", "fi",
                data_dir=tmp_path / "elsewhere")
    assert other.exit_code == 2 and "unknown site 'kaupunki' in " + str((tmp_path / "elsewhere").resolve()) in other.output


def test_without_data_dir_the_default_database_is_named_on_stderr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("SELKEYS_DATABASE_URL", raising=False)
    added = runner.invoke(app, ["feedback", "site", "add", "kaupunki", "--origin", "https://www.kaupunki.fi"])
    database = str(tmp_path / "selkeys-data" / "feedback.sqlite3")
    assert added.exit_code == 0
    assert (f"no --data-dir or --database-url given, so the default database is used: {database}" in added.output)
    assert "`selkeys serve` and every `selkeys feedback` command must use the same one" in added.output
    assert f"site kaupunki added to {database}." in added.output
