"""RAMS converter on invented windows in the RAMS 1.0 JSON Lines format, plus the real dev file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import pytest

from proxywatch.evaluate.benchmarks import rams
from proxywatch.evaluate.scoring import score
from proxywatch.ingest.gold import _check

_CANDIDATES = (Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks", Path("/work/shared/benchmarks"))
BENCH = next((p for p in _CANDIDATES if (p / "rams" / "dev.jsonlines").exists()), None)


def window(key: str, sentences: list[str], trigger: tuple[int, int], event_type: str,
           args: Sequence[tuple[int, int, str]] = (), url: str = "http://news.example/story") -> dict[str, Any]:
    """A RAMS example; spans are inclusive token indices into the concatenated sentences."""
    code = "evt999"
    links = [[list(trigger), [a, b], f"{code}arg{n:02d}{role}"] for n, (a, b, role) in enumerate(args, start=1)]
    return {"rel_triggers": [], "gold_rel_links": [], "doc_key": key, "language_id": "eng", "source_url": url,
            "split": "dev", "sentences": [s.split() for s in sentences],
            "evt_triggers": [[trigger[0], trigger[1], [[event_type, 1.0]]]],
            "ent_spans": [[a, b, [[f"{code}arg{n:02d}{role}", 1.0]]] for n, (a, b, role) in enumerate(args, start=1)],
            "gold_evt_links": links}


WINDOWS = [
    # tokens: Militants(0) set(1) off(2) a(3) bomb(4) in(5) Qandar(6) .(7) The(8) bomb(9) killed(10) six(11) .(12)
    window("nw_RC01", ["Militants set off a bomb in Qandar .", "The bomb killed six ."], (1, 2),
           "conflict.attack.bombing", [(0, 0, "attacker"), (4, 4, "instrument"), (6, 6, "place")],
           url="https://news.example/2016/06/12/world/story.html"),
    window("nw_RC02", ["Brussels imposed an embargo on Xland , officials said ."], (3, 3),
           "transaction.transferownership.embargosanction", [(0, 0, "preventer")]),
    window("nw_RC03", ["She was elected mayor in May ."], (2, 2), "personnel.elect.winelection"),
    window("nw_RC04", ["Homicides have fallen in the city ."], (0, 0), "life.die.n/a"),
    window("nw_RC05", ["Troops clashed near the border .", "Later , the attack was condemned ."], (9, 9),
           "conflict.attack.n/a"),
    window("nw_RC06", ["Police detained him and kidnappers seized a boy ."], (5, 5),
           "movement.transportperson.preventexit", [(6, 7, "passenger")]),
]


@pytest.fixture()
def rams_dir(tmp_path: Path) -> Path:
    base = tmp_path / "rams"
    base.mkdir()
    (base / "dev.jsonlines").write_text("".join(json.dumps(w) + "\n" for w in WINDOWS), encoding="utf-8")
    return tmp_path


def test_detokenize_spans_and_spacing() -> None:
    tokens = 'He said , " We wo n\'t go . " Then " it \'s over , " he said ( quietly ) : $ 5 .'.split()
    text, spans = rams.detokenize(tokens)
    assert text == 'He said, "We won\'t go." Then "it\'s over," he said (quietly): $5.'
    assert [text[a:b] for a, b in spans] == tokens


def test_windows_become_articles_with_one_scored_event(rams_dir: Path) -> None:
    articles = rams.convert(rams_dir, "dev")
    assert [a["id"] for a in articles] == ["nw_RC01", "nw_RC02", "nw_RC03", "nw_RC04", "nw_RC05", "nw_RC06"]
    bomb, embargo, elect, homicide, backref, seized = articles
    assert bomb["text"] == "Militants set off a bomb in Qandar. The bomb killed six."
    assert bomb["published"] == "2016-06-12"
    assert bomb["scored_types"] == ["ASSAULT"]
    assert bomb["events"] == [{"anchor": "set off", "type": "ASSAULT", "location": {"name": "Qandar"},
                               "mode": "explosives", "source_type": "conflict.attack.bombing"}]
    assert "published" not in embargo
    assert embargo["scored_types"] == ["SANCTION", "COERCE"]
    assert embargo["events"][0]["type"] == ["SANCTION", "COERCE"] and embargo["events"][0]["anchor"] == "embargo"
    assert elect["scored_types"] == [] and elect["events"] == []
    # a death with no killer is optional, so nothing in the window is scored
    assert homicide["scored_types"] == [] and homicide["events"][0]["optional"] is True
    # "the attack" in a window cut from an article is a back-reference: optional
    assert backref["events"][0]["back_reference"] is True and backref["scored_types"] == []
    assert seized["events"][0]["type"] == ["ASSAULT", "COERCE"] and seized["events"][0]["anchor"] == "seized"
    assert all(_check(a) is None for a in articles)


def test_precision_counts_only_the_annotated_type(rams_dir: Path) -> None:
    bomb = rams.convert(rams_dir, "dev")[0]
    first = "Militants set off a bomb in Qandar."
    second = "The bomb killed six."
    at = bomb["text"].index(second)

    def pred(kind: str, start: int, sentence: str) -> dict[str, Any]:
        return {"type": kind, "mode": "explosives", "status": "occurred", "location": {"name": "Qandar"},
                "evidence": {"text": sentence, "start": start, "end": start + len(sentence)}}

    report = score([bomb], {"nw_RC01": [pred("ASSAULT", 0, first), pred("ASSAULT", at, second),
                                        pred("ACCUSE", at, second)]})
    assert (report.gold, report.predicted, report.paired, report.fully_correct) == (1, 2, 1, 1)


def test_map_event_table() -> None:
    m = rams.map_event
    assert m("conflict.yield.surrender", "surrendered") == ("other", "RETREAT", False)
    assert m("contact.requestadvise.broadcast", "urged") == ("other", "REQUEST", False)
    assert m("contact.negotiate.meet", "talks") == ("other", "CONSULT", False)
    assert m("government.agreements.acceptagreementcontractceasefire", "truce") == ("other", "AGREE", False)
    assert m("transaction.transfermoney.giftgrantprovideaid", "aid") == ("other", "AID", False)
    assert m("conflict.attack.stealrobhijack", "robbed") == ("attack", "ASSAULT", True)
    assert m("life.die.nonviolentdeath", "died") == (None, None, False)
    assert m("contact.commitmentpromiseexpressintent.meet", "vowed") == (None, None, False)


@pytest.mark.skipif(BENCH is None, reason="shared/benchmarks not available")
def test_real_dev_split_matches_readme_counts() -> None:
    assert BENCH is not None
    articles = rams.DATASET.load(BENCH, "dev")
    assert len(articles) == 924
    assert all(_check(a) is None for a in articles)
    events = [e for a in articles for e in a["events"]]
    assert len(events) == sum(1 for a in articles if a["events"])  # one event per window
    mapped: Counter[str] = Counter()
    for gold in events:
        source = gold["source_type"]
        if source.startswith("conflict.attack.") and not source.endswith("stealrobhijack"):
            mapped["attack"] += 1
        elif source.endswith("causedbyviolentevents"):
            mapped["violent casualty"] += 1
        else:
            kinds = gold["type"] if isinstance(gold["type"], list) else [gold["type"]]
            mapped[kinds[0] + ("?" if gold.get("optional") else "")] += 1
    # README mapped counts (dev); RETREAT adds conflict.yield.n/a (7) to retreat + surrender (8)
    assert mapped["attack"] == 97 and mapped["violent casualty"] == 72
    assert mapped["REQUEST"] == 49 and mapped["CONSULT"] == 44 and mapped["SANCTION"] == 39
    assert mapped["AID"] == 25 and mapped["THREATEN"] == 18 and mapped["AGREE"] == 6 and mapped["PROTEST"] == 2
    assert mapped["COERCE"] + sum(1 for e in events if e["type"] == ["ASSAULT", "COERCE"]) == 30
    assert mapped["RETREAT"] == 8 + 7
    assert "REJECT" not in mapped
