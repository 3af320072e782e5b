"""M2E2 converter on invented sentence records in the m2e2_annotations JSON layout, plus the real files."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import pytest

from proxywatch.evaluate.benchmarks import m2e2
from proxywatch.ingest.gold import _check

_CANDIDATES = (Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks", Path("/work/shared/benchmarks"))
BENCH = next((p for p in _CANDIDATES if (p / "m2e2" / "text_only_event.json.gz").exists()), None)


def _doc_with_digest(first: str) -> str:
    """The first invented document id whose SHA-1 hex digest starts with ``first``."""
    for n in range(1000, 3000):
        doc = f"VOA_EN_NW_2016.03.05.{n}"
        if hashlib.sha1(doc.encode()).hexdigest()[0] == first:
            return doc
    raise AssertionError("no id found")


DEV_DOC, TEST_DOC = _doc_with_digest("7"), _doc_with_digest("8")  # the two sides of the boundary


def record(sentence_id: str, start: int, words: list[str], events: list[dict[str, Any]],
           cut_last_char: bool = False) -> dict[str, Any]:
    """A sentence record: words separated by single spaces except before , and . (offsets into the article).

    The ``sentence`` string stops before the last word, as in M2E2, or (``cut_last_char``) one
    character before the end, as in the few M2E2 records that end in a word.
    """
    index, pos, text = [], start, ""
    for i, word in enumerate(words):
        if i and word not in (",", "."):
            text += " "
            pos += 1
        index.append([str(pos), str(pos + len(word) - 1)])
        text += word
        pos += len(word)
    length = len(text) - 1 if cut_last_char else int(index[-1][0]) - start
    return {"sentence_id": sentence_id, "sentence_start": start, "sentence_end": start + length,
            "sentence": text[:length], "words": words,
            "index": index, "pos-tags": [], "combined-parsing": "", "golden-entity-mentions": [],
            "golden-event-mentions": events, "image": []}


def event(kind: str, start: int, words: list[str], args: Sequence[tuple[str, int, int]] = ()) -> dict[str, Any]:
    return {"trigger": {"start": start, "end": start + 1, "text": words[start]}, "event_type": kind,
            "arguments": [{"role": r, "start": a, "end": b, "text": " ".join(words[a:b])} for r, a, b in args]}


S0 = "Rebels attacked a convoy near Qarbala , killing three guards .".split()
S1 = "The weather was mild .".split()
S2 = "Police arrested a man who was deported later .".split()
S4 = "Leaders met in Vienna after the attack .".split()
S5 = "Two people died and officials visited Missouri".split()
T0 = "Crowds protested in the capital .".split()


def write_files(base: Path) -> None:
    text_only = [
        record(f"{DEV_DOC}_4", 140, S4, [event("Contact:Meet", 1, S4, [("Place", 3, 4)]),
                                         event("Conflict:Attack", 6, S4)]),
        record(f"{DEV_DOC}_0", 0, S0, [
            event("Conflict:Attack", 1, S0, [("Attacker", 0, 1), ("Place", 5, 6)]),
            event("Life:Die", 7, S0, [("Victim", 9, 10)])]),
        record(f"{DEV_DOC}_1", 61, S1, []),
        record(f"{DEV_DOC}_2", 83, S2, [event("Justice:Arrest-Jail", 1, S2, [("Person", 3, 4)])]),
        record(f"{DEV_DOC}_5", 190, S5, [event("Life:Die", 2, S5)], cut_last_char=True),
        record(f"{TEST_DOC}_0", 0, T0, [event("Conflict:Demonstrate", 1, T0)]),
    ]
    multimedia = [  # the arrest sentence again, with a different event, and the Transfer-Money type
        record(f"{DEV_DOC}_2", 83, S2, [event("Movement:Transport", 6, S2),
                                        event("Transaction:Transfer-Money", 0, S2)]),
    ]
    base.mkdir(parents=True)
    for name, records in (("text_only_event.json.gz", text_only), ("text_multimedia_event.json.gz", multimedia)):
        with gzip.open(base / name, "wt", encoding="utf-8") as handle:
            json.dump(records, handle)


@pytest.fixture()
def m2e2_dir(tmp_path: Path) -> Path:
    write_files(tmp_path / "m2e2")
    return tmp_path


def test_split_by_sha1_of_the_document_id(m2e2_dir: Path) -> None:
    assert m2e2.split_of(DEV_DOC) == "dev" and m2e2.split_of(TEST_DOC) == "test"
    for first in "0123456789abcdef":
        assert m2e2.split_of(_doc_with_digest(first)) == ("dev" if first in "01234567" else "test")
    assert m2e2.doc_id(f"{DEV_DOC}_12") == DEV_DOC
    assert [a["id"] for a in m2e2.convert(m2e2_dir, "dev")] == [DEV_DOC]
    [test] = m2e2.convert(m2e2_dir, "test")
    assert test["id"] == TEST_DOC and test["events"][0]["type"] == "PROTEST"
    with pytest.raises(ValueError):
        m2e2.convert(m2e2_dir, "train")


def test_document_text_keeps_event_less_sentences_in_order(m2e2_dir: Path) -> None:
    [article] = m2e2.convert(m2e2_dir, "dev")
    assert article["text"] == (
        "Rebels attacked a convoy near Qarbala, killing three guards. The weather was mild. "
        "Police arrested a man who was deported later.\nLeaders met in Vienna after the attack.\n"
        "Two people died and officials visited Missouri")
    assert article["published"] == "2016-03-05"
    assert article["scored_types"] == ["ASSAULT", "COERCE", "CONSULT", "PROTEST"]
    assert _check(article) is None


def test_events_mapping_merging_and_union_of_files(m2e2_dir: Path) -> None:
    [article] = m2e2.convert(m2e2_dir, "dev")
    text = article["text"]
    summary = [(e["anchor"], e["type"], bool(e.get("optional"))) for e in article["events"]]
    assert summary == [
        ("attacked", "ASSAULT", False),
        ("arrested", "COERCE", False),
        ("deported", "COERCE", False),  # from the multimedia file; Transfer-Money gives nothing
        ("met", "CONSULT", False),
        ("attack", "ASSAULT", True),  # "the attack": a back-reference
        ("died", "ASSAULT", True),  # a death with no agent and no attack in its sentence
    ]
    attack = article["events"][0]
    assert attack["merged"] == ["Life:Die"]
    assert attack["location"] == {"name": "Qarbala"}
    assert "mode" not in attack
    assert article["events"][3]["location"] == {"name": "Vienna"}
    assert article["events"][4]["back_reference"] is True
    backref = article["events"][4]
    assert text[backref["anchor_start"]:].startswith("attack.")  # "attack" recurs inside "attacked"


def test_sentence_text_restores_the_cut_tail() -> None:
    rec = record("X_0", 10, ["Troops", "entered", "Missouri"], [], cut_last_char=True)
    assert rec["sentence"] == "Troops entered Missour"
    text, spans = m2e2.sentence_text(rec)
    assert text == "Troops entered Missouri"
    assert [text[a:b] for a, b in spans] == ["Troops", "entered", "Missouri"]
    rec = record("X_0", 0, ["Shells", "hit", "Mosul", "."], [])
    rec["sentence"] = rec["sentence"][:-1]  # one character short: "Mosu"
    text, _ = m2e2.sentence_text(rec)
    assert text == "Shells hit Mosul."


def test_map_event_table() -> None:
    m = m2e2.map_event
    assert m("Contact:Phone-Write", "called") == ("other", "CONSULT", False)
    assert m("Contact:Phone-Write", "wrote") == ("other", "CONSULT", True)
    assert m("Contact:Meet", "rally") == ("other", ["CONSULT", "PROTEST"], True)
    assert m("Justice:Arrest-Jail", "captured") == ("other", ["ASSAULT", "COERCE"], False)
    assert m("Movement:Transport", "visit") == ("other", "CONSULT", True)
    assert m("Movement:Transport", "fled") == (None, None, False)
    assert m("Transaction:Transfer-Money", "funding") == (None, None, False)


def test_die_with_agent_alone_is_required(tmp_path: Path) -> None:
    words = "Soldiers killed two men with rifles .".split()
    rec = record(f"{DEV_DOC}_0", 0, words, [event("Life:Die", 1, words, [("Agent", 0, 1), ("Instrument", 5, 6)])])
    article = m2e2.build_article(DEV_DOC, [rec])
    [gold] = article["events"]
    assert gold["type"] == "ASSAULT" and "optional" not in gold and gold["mode"] == "firearms"


@pytest.mark.skipif(BENCH is None, reason="shared/benchmarks not available")
def test_real_files_match_readme_counts() -> None:
    assert BENCH is not None
    dev = m2e2.DATASET.load(BENCH, "dev")
    test = m2e2.DATASET.load(BENCH, "test")  # aggregate counts only
    assert len(dev) + len(test) == 229
    assert all(hashlib.sha1(a["id"].encode()).hexdigest()[0] in "01234567" for a in dev)
    assert all(hashlib.sha1(a["id"].encode()).hexdigest()[0] in "89abcdef" for a in test)
    assert all(_check(a) is None for a in dev)
    sources: Counter[str] = Counter()
    for article in dev + test:
        for gold in article["events"]:
            sources.update([gold["source_type"], *gold.get("merged", [])])
    # README, both files together: Attack 326, Die 210, Arrest-Jail 156, Meet 141, Demonstrate 136
    assert sources["Conflict:Attack"] + sources["Life:Die"] == 326 + 210
    assert sources["Justice:Arrest-Jail"] == 156
    assert sources["Contact:Meet"] == 141
    assert sources["Conflict:Demonstrate"] == 136
    # every dev sentence record, with or without events, is in its document's text
    records = [r for name in m2e2.FILES
               for r in json.load(gzip.open(BENCH / "m2e2" / name, "rt", encoding="utf-8"))]
    texts = {a["id"]: a["text"] for a in dev}
    dev_records = [r for r in records if m2e2.split_of(m2e2.doc_id(r["sentence_id"])) == "dev"]
    assert len({r["sentence_id"] for r in records}) == 6167
    assert all(r["sentence"] in texts[m2e2.doc_id(r["sentence_id"])] for r in dev_records)
    assert sum(1 for r in dev_records if not r["golden-event-mentions"]) > 1000


def test_a_state_of_war_is_an_optional_attack() -> None:
    m = m2e2.map_event
    assert m("Conflict:Attack", "war") == ("attack", "ASSAULT", True)
    assert m("Conflict:Attack", "fighting") == ("attack", "ASSAULT", True)
    assert m("Conflict:Attack", "shelled") == ("attack", "ASSAULT", False)
    assert m("Conflict:Attack", "warplanes") == ("attack", "ASSAULT", False)
