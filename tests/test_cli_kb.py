"""The knowledge-base commands: actors, places, kb check, and --kb merged over the built-in KB."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from proxywatch.cli import app

runner = CliRunner()


def test_actors_shows_one_actor_with_chain_sponsors_and_aliases():
    result = runner.invoke(app, ["actors", "Kataeb Hizbullah", "--on", "2024-02-01"])
    assert result.exit_code == 0, result.output
    assert "Kata'ib Hezbollah  [kataib-hezbollah]  armed_group, IRQ" in result.output
    assert "sponsors on 2024-02-01: IRN" in result.output
    assert "US State Department Foreign Terrorist Organization designation (2009)" in result.output
    assert "Hezbollah Brigades" in result.output


def test_actors_json_and_person_chain():
    result = runner.invoke(app, ["actors", "Ghaani", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["id"] == "esmail-qaani"
    assert record["chain"] == ["irgc-qf", "irgc", "iran-armed-forces", "iran"]


def test_actors_lists_several_matches():
    result = runner.invoke(app, ["actors", "Quds"])
    assert result.exit_code == 0
    for actor_id in ("irgc-qf", "al-quds-brigades"):
        assert actor_id in result.output


def test_actors_unknown_and_bad_date_are_one_line():
    for args, message, status in ((["actors", "nobody at all"], "no actor matches", 1),  # found nothing
                                  (["actors", "Hamas", "--on", "yesterday"], "--on must be a date", 2)):  # usage
        result = runner.invoke(app, args)
        assert result.exit_code == status
        assert message in result.output
        assert result.output.strip().count("\n") == 0


def test_places_finds_variants():
    result = runner.invoke(app, ["places", "al-Hudaydah", "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert (record["name"], record["country"], record["precision"]) == ("Hodeidah", "YEM", "city")
    table = runner.invoke(app, ["places", "Red Sea"])
    assert table.exit_code == 0 and "(sea)" in table.output


def test_kb_check_passes_on_the_builtin_kb():
    result = runner.invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "ok" in result.output


def test_kb_check_fails_on_bad_user_data(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("places:\n  - {name: Lost, country: YEM, lat: 40.0, lon: 10.0, precision: site, source: test}\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["kb", "check", "--kb", str(bad)])
    assert result.exit_code == 1
    assert "place 'Lost'" in result.output and "errors" in result.output


def test_kb_option_merges_user_actors(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: brigade-x, name: Brigade X, aliases: [BX], country: IRQ, kind: armed_group,"
                     " sponsors: [{state: IRN, since: '2020-01-01', until: null, source: 'my notes'}]}\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["actors", "BX", "--kb", str(extra), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sponsors"] == ["IRN"]


def test_bad_kb_file_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: q, name: Q, kind: pirate}\n", encoding="utf-8")
    result = runner.invoke(app, ["places", "Gaza", "--kb", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: actors[0] (id 'q')" in result.output
    assert result.output.strip().count("\n") == 0
