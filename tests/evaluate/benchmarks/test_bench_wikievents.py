"""WikiEvents converter on an invented document in the gen-arg JSON Lines format, plus the real dev file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proxywatch.evaluate.benchmarks import wikievents
from proxywatch.evaluate.scoring import score
from proxywatch.ingest.gold import _check

_CANDIDATES = (Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks", Path("/work/shared/benchmarks"))
BENCH = next((p for p in _CANDIDATES if (p / "wikievents" / "dev.jsonl").exists()), None)

# (sentence string, tokens, gap to the previous sentence in the original article)
SENTENCES = [
    ("Blast hits market", ["Blast", "hits", "market"], 0),
    ("A car bomb exploded in Zedville, killing four people.",
     ["A", "car", "bomb", "exploded", "in", "Zedville", ",", "killing", "four", "people", "."], 3),
    ("Police arrested two men after the explosion.",
     ["Police", "arrested", "two", "men", "after", "the", "explosion", "."], 1),
    ("Officials said a doctor died.", ["Officials", "said", "a", "doctor", "died", "."], 1),
    ("Gunmen threatened the mayor and a drone struck it.",
     ["Gunmen", "threatened", "the", "mayor", "and", "a", "drone", "struck", "it", "."], 1),
    ("Another device exploded.", ["Another", "device", "exploded", "."], 1),
]


def make_doc() -> tuple[dict[str, Any], dict[str, Any]]:
    """An invented document and its ``_info`` twin; character offsets as in an original article."""
    sentences, tokens, at = [], [], 0
    for string, words, gap in SENTENCES:
        at += gap
        entries, pos = [], 0
        for word in words:
            pos = string.index(word, pos)
            entries.append([word, at + pos, at + pos + len(word)])
            pos += len(word)
        sentences.append([entries, string + " "])  # trailing space as in some records
        tokens += words
        at += len(string)
    assert (tokens[6], tokens[20], tokens[35], tokens[40]) == ("exploded", "explosion", "struck", "exploded")

    def ent(n: int, start: int, kind: str) -> dict[str, Any]:
        return {"id": f"d-T{n}", "sent_idx": 0, "start": start, "end": start + 1, "entity_type": kind,
                "mention_type": "UNK", "text": tokens[start]}

    def evt(n: int, kind: str, start: int, sent: int, args: list[tuple[int, str]]) -> dict[str, Any]:
        return {"id": f"d-E{n}", "event_type": kind,
                "trigger": {"start": start, "end": start + 1, "text": tokens[start], "sent_idx": sent},
                "arguments": [{"entity_id": f"d-T{e}", "role": r, "text": tokens[ents[e]]} for e, r in args]}

    ents = {1: 5, 2: 8, 3: 17, 5: 34, 6: 36}  # entity id -> token position
    entities = [ent(n, pos, kind) for (n, pos), kind in zip(ents.items(), ("WEA", "GPE", "PER", "WEA", "WEA"))]
    events = [
        evt(1, "Conflict.Attack.DetonateExplode", 6, 1, [(1, "ExplosiveDevice"), (2, "Place")]),
        evt(2, "Life.Die.Unspecified", 10, 1, []),
        evt(3, "Justice.ArrestJailDetain.Unspecified", 15, 2, [(3, "Detainee")]),
        evt(4, "Conflict.Attack.DetonateExplode", 20, 2, []),
        evt(5, "Contact.Contact.Broadcast", 23, 3, []),
        evt(6, "Life.Die.Unspecified", 26, 3, []),
        evt(7, "Contact.ThreatenCoerce.Unspecified", 29, 4, []),
        evt(8, "Conflict.Attack.Unspecified", 35, 4, [(6, "Instrument")]),
        evt(9, "Conflict.Attack.DetonateExplode", 40, 5, []),
        evt(10, "Life.Die.Unspecified", 1, 0, []),
    ]
    doc = {"doc_id": "invented_1", "tokens": tokens, "text": "".join(s for s, _, _ in SENTENCES),
           "sentences": sentences, "entity_mentions": entities, "relation_mentions": [], "event_mentions": events}
    info = json.loads(json.dumps(doc))
    info["event_mentions"][7]["arguments"] = [{"entity_id": "d-T5", "role": "Instrument", "text": "drone"}]
    return doc, info


@pytest.fixture()
def wiki_dir(tmp_path: Path) -> Path:
    doc, info = make_doc()
    base = tmp_path / "wikievents"
    base.mkdir()
    (base / "dev.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (base / "dev_info.jsonl").write_text(json.dumps(info) + "\n", encoding="utf-8")
    return tmp_path


def test_text_is_the_sentence_strings_with_headline_and_paragraph_breaks(wiki_dir: Path) -> None:
    [article] = wikievents.convert(wiki_dir, "dev")
    assert article["id"] == "invented_1"
    assert article["text"] == (
        "Blast hits market\nA car bomb exploded in Zedville, killing four people. Police arrested two men after "
        "the explosion. Officials said a doctor died. Gunmen threatened the mayor and a drone struck it. "
        "Another device exploded.")
    assert "published" not in article
    assert article["scored_types"] == ["ASSAULT", "COERCE", "PROTEST", "REQUEST", "THREATEN"]
    assert _check(article) is None


def test_events_types_merging_and_anchors(wiki_dir: Path) -> None:
    [article] = wikievents.convert(wiki_dir, "dev")
    text = article["text"]
    events = article["events"]
    assert [e["anchor"] for e in events] == [
        "hits", "exploded", "arrested", "explosion", "died", "threatened", "struck", "exploded"]
    hits, bomb, arrest, backref, died, threat, drone, another = events
    # headline: a lone death with no killer is an optional ASSAULT
    assert hits["type"] == "ASSAULT" and hits["optional"] is True
    # the death in the bombing's sentence merges into it; mode and place from the arguments
    assert bomb["type"] == "ASSAULT" and bomb["mode"] == "explosives"
    assert bomb["location"] == {"name": "Zedville"}
    assert bomb["merged"] == ["Life.Die.Unspecified"]
    assert "optional" not in bomb
    # "exploded" occurs twice: both carry anchor_start, pointing at the right one
    assert text[bomb["anchor_start"]:].startswith("exploded in Zedville")
    assert text[another["anchor_start"]:].startswith("exploded.")
    assert "optional" not in another
    assert arrest["type"] == "COERCE" and "anchor_start" not in arrest
    # "the explosion" after an earlier attack is a back-reference
    assert backref["type"] == "ASSAULT" and backref["optional"] is True and backref["back_reference"] is True
    assert died["optional"] is True
    assert threat["type"] == ["THREATEN", "COERCE"]
    # the plain Instrument is the pronoun "it"; the _info file gives "drone"
    assert drone["mode"] == "drone"
    for event in events:
        start = event.get("anchor_start", text.find(event["anchor"]))
        assert text[start:start + len(event["anchor"])] == event["anchor"]


def test_scored_with_the_contract_scorer(wiki_dir: Path) -> None:
    [article] = wikievents.convert(wiki_dir, "dev")
    text = article["text"]
    sentence = "A car bomb exploded in Zedville, killing four people."
    start = text.index(sentence)
    pred = {"type": "ASSAULT", "mode": "explosives", "status": "occurred", "negated": False,
            "location": {"name": "Zedville"},
            "evidence": {"text": sentence, "start": start, "end": start + len(sentence)}}
    report = score([article], {article["id"]: [pred]})
    assert report.paired == 1 and report.fully_correct == 1
    assert report.gold == 5  # bomb, arrest, threat, drone strike, another explosion


def test_map_event_table() -> None:
    m = wikievents.map_event
    assert m("Conflict.Demonstrate.Unspecified", "rally") == ("other", "PROTEST", False)
    assert m("Contact.RequestCommand.Broadcast", "urged") == ("other", "REQUEST", False)
    assert m("Contact.RequestCommand.Unspecified", "ban") == ("other", ["REQUEST", "COERCE"], False)
    assert m("Justice.ArrestJailDetain.Unspecified", "kidnapped") == ("other", ["ASSAULT", "COERCE"], False)
    assert m("Control.ImpedeInterfereWith.Unspecified", "blocked") == ("other", ["COERCE", "ASSAULT"], True)
    assert m("Contact.Contact.Meet", "met") == (None, None, False)
    assert m("Movement.Transportation.Unspecified", "sent") == (None, None, False)
    assert m("ArtifactExistence.DamageDestroyDisableDismantle.Dismantle", "dismantled") == (None, None, False)


def test_back_reference_and_trigger_mode() -> None:
    br = wikievents.back_reference
    assert br(["after", "the"], "explosion")
    assert br(["of", "the", "IRA", "'s"], "bombing")
    assert br([], "those")
    assert not br(["Twin", "bombs"], "exploded")
    assert not br(["the", "bombs", "began", "to"], "explode")
    tm = wikievents.trigger_mode
    assert tm("airstrikes") == "aerial"
    assert tm("shelled") == "artillery"
    assert tm("bombing", lead="a suicide") == "suicide"
    assert tm("shot") == "firearms" and tm("shot", follow="down") is None
    assert tm("attack") is None


@pytest.mark.skipif(BENCH is None, reason="shared/benchmarks not available")
def test_real_dev_split_matches_readme_counts() -> None:
    assert BENCH is not None
    articles = wikievents.DATASET.load(BENCH, "dev")
    assert len(articles) == 20
    assert all(_check(a) is None for a in articles)
    sources: Counter[str] = Counter()
    for article in articles:
        for event in article["events"]:
            for kind in [event["source_type"], *event.get("merged", [])]:
                sources[kind.split(".")[0] + "." + kind.split(".")[1]] += 1
    # README dev counts: Attack 66+36, Die 47, Injure 25, Damage 4 + Destroy 3 (all ASSAULT sources)
    assert sources["Conflict.Attack"] == 102
    assert sources["Life.Die"] + sources["Life.Injure"] + sources["ArtifactExistence.DamageDestroyDisableDismantle"] \
        == 47 + 25 + 7
    assert sources["Justice.ArrestJailDetain"] == 12
    assert sources["Contact.ThreatenCoerce"] == 7 + 2
    assert sources["Contact.RequestCommand"] == 10 + 2 + 1
    assert sources["Conflict.Demonstrate"] == 5 + 1
    # every sentence of the README's 378 is in the text verbatim
    with open(BENCH / "wikievents" / "dev.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert sum(len(r["sentences"]) for r in records) == 378
    texts = {a["id"]: a["text"] for a in articles}
    for record in records:
        for tokens, string in record["sentences"]:
            assert string[: tokens[-1][2] - tokens[0][1]] in texts[record["doc_id"]]
