"""`proxywatch explain` and `proxywatch rules` (articles written for this project)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from proxywatch.records import Article
from proxywatch.serve.explain import explanation_json

pytestmark = pytest.mark.slow

ARTICLES = [
    Article(id="ex-1", published="2024-01-29",
            text="A drone launched by Iran-backed militants struck Tower 22 in Jordan on Sunday, killing three US "
                 "soldiers. Iraq condemned the attack."),
    Article(id="ex-2", published="2024-02-03",
            text="US bombers struck militia sites in Iraq on Friday in retaliation for the attack that killed three "
                 "soldiers."),
    Article(id="ex-3", published="2024-01-12",
            text="Britain warned that the Houthis would face consequences. Officials said such attacks endanger "
                 "shipping in the Red Sea."),
]


def test_explain_links_every_event_to_its_word_and_rules(extractor):
    data = explanation_json(extractor.explain(ARTICLES[0]))
    [attack, accuse] = data["events"]
    assert attack["trigger"] == "struck" and attack["event"]["type"] == "ASSAULT"
    rules = [s["rule"] for s in attack["steps"]]
    assert "event.casualties" in rules and "event.place" in rules
    assert any(s["rule"] == "event.casualties" and "fatalities: none → 3" in s["change"] for s in attack["steps"])
    assert accuse["event"]["type"] == "ACCUSE"
    dropped = {(d["word"], d["rule"]) for d in data["dropped"]}
    assert ("backed", "sense.modifier-not-event") in dropped and ("attack", "sense.re-mention-noun") in dropped


def test_explain_shows_what_a_reason_phrase_took_away(extractor):
    data = explanation_json(extractor.explain(ARTICLES[1]))
    strikes = [e for e in data["events"] if e["trigger"] == "struck"]
    steps = [s for e in strikes for s in e["steps"]]
    assert any(s["rule"] == "event.reason-phrase" and "in retaliation for" in s["change"] for s in steps)
    assert all(e["event"]["fatalities"] is None for e in strikes)


def test_explain_names_the_rule_that_dropped_a_kind_of_attack(extractor):
    data = explanation_json(extractor.explain(ARTICLES[2]))
    assert [e["event"]["type"] for e in data["events"]] == ["THREATEN"]
    assert ("attacks", "drop.generic-plural") in {(d["word"], d["rule"]) for d in data["dropped"]}


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proxywatch.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=300)


def test_explain_command_reads_a_file_and_prints_json(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(a.to_json()) for a in ARTICLES) + "\n")
    result = _run("explain", str(path), "--id", "ex-1", "--format", "json")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["article_id"] == "ex-1"
    table = _run("explain", "--text", ARTICLES[0].text, "--published", "2024-01-29")
    assert table.returncode == 0 and "event.casualties" in table.stdout and "Not events" in table.stdout


def test_explain_and_rules_refuse_bad_input_in_one_line(tmp_path):
    for args in (("explain",), ("explain", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "none.duckdb")),
                 ("rules", "--stage", "nonsense")):
        result = _run(*args)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_rules_lists_every_rule_with_its_purpose():
    result = _run("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    rules = json.loads(result.stdout)
    assert {"sense.arson", "drop.generic-plural", "refine.story-day"} <= {r["id"] for r in rules}
    assert all(r["purpose"] and r["example"] and r["module"].startswith("proxywatch.extract.") for r in rules)
