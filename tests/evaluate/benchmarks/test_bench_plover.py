"""PLOVER gold standard records: markup parsing, field mapping and conversion on invented records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proxywatch.evaluate.benchmarks import plover
from proxywatch.evaluate.scoring import score
from proxywatch.ingest.gold import _check

BENCH = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks"


def record(**fields) -> dict:
    base = {"id": "PLOVER-TEST-0001", "date": "2000-01-01", "event": "ASSAULT", "language": "en",
            "eventText": "not verbatim", "version": "0.5b1"}
    base.update(fields)
    if "textInfo" not in base and "markup" in base:
        base["textInfo"] = {"markup": base.pop("markup")}
    return base


# --- markup ------------------------------------------------------------------------------


def test_parse_markup_plain_text_and_spans() -> None:
    plain, spans = plover.parse_markup("(SRC: Ruritania) (EVT: shelled) the (TAR: Zenda (old) fort) today.")
    assert plain == "Ruritania shelled the Zenda (old) fort today."
    assert [(label, plain[s:e]) for label, s, e in spans] == [
        ("SRC", "Ruritania"), ("EVT", "shelled"), ("TAR", "Zenda (old) fort")]


def test_parse_markup_nesting_brace_closer_stray_closer_and_unclosed_marker() -> None:
    plain, spans = plover.parse_markup(
        "An (EVT: attack} (LOC: near (TAR: Strelsau)) failed) and (EVT: was foiled (LOC: in town) later.")
    assert plain == "An attack near Strelsau failed and was foiled in town later."
    pieces = [(label, plain[s:e]) for label, s, e in spans]
    assert ("EVT", "attack") in pieces
    assert ("LOC", "near Strelsau") in pieces and ("TAR", "Strelsau") in pieces
    assert ("EVT", "was foiled ") in pieces  # never closed: cut where the nested LOC begins
    plain2, spans2 = plover.parse_markup("(SRC/LOC: People in Zenda) (EVT: rioted).")
    assert plain2 == "People in Zenda rioted." and spans2[0][0] == "SRC/LOC"


# --- one record --------------------------------------------------------------------------


def test_build_article_assault_with_fields() -> None:
    text = "Rebels from Ruritania attacked a convoy near the town of Zenda, killing at least 12 soldiers."
    article = plover.build_article(record(
        event="FIGHT", mode="firearms", text=text, dead="12", injured="3",
        markup="(SRC: Rebels from Ruritania) (EVT: attacked) a (TAR: convoy) (LOC: near the town of Zenda), "
               "killing at least 12 soldiers.",
        source=[{"actorText": "Rebels", "code": "AUT", "sector": "REB"}],
        target=[{"actorText": "convoy", "code": "JAP", "sector": "MIL"}],
        eventLoc={"name": "town of Zenda", "country code": "AT"}))
    assert article == {
        "id": "PLOVER-TEST-0001", "text": text, "scored_types": ["ASSAULT"],
        "events": [{
            "anchor": "attacked", "type": "ASSAULT",
            "actor": {"country": "AUT", "kind": "armed_group"},
            "target": {"country": "JPN", "kind": "military"},
            "location": {"name": "Zenda", "country": "AUT"},
            "mode": "firearms",
            "fatalities": {"min": 12, "max": None},
            "injuries": {"min": 3, "max": 3},  # "3" is not written in the sentence: taken as exact
            "source_type": "FIGHT", "source_mode": "firearms",
        }],
    }
    assert _check(article) is None  # a valid gold line for the contract reader


def test_type_renames_and_coerce_alternatives() -> None:
    def types(event: str, mode: str | None = None) -> object:
        fields = {"event": event, "text": "X did it.", "markup": "X (EVT: did) it."}
        if mode:
            fields["mode"] = mode
        return plover.build_article(record(**fields))["events"][0]["type"]

    assert types("DEMAND") == "REQUEST"
    assert types("DISAPPROVE") == "ACCUSE" and types("INVESTIGATE") == "ACCUSE"
    assert types("FIGHT") == "ASSAULT" and types("AGREE") == "AGREE"
    assert types("COERCE", "detain") == ["COERCE", "ASSAULT"]
    assert types("COERCE", "arrest") == "COERCE"
    assert plover.build_article(record(event="COERCE", mode="destroy", text="X (did) it.",
                                       markup="X (EVT: did) it."))["scored_types"] == ["COERCE", "ASSAULT"]
    assert plover.build_article(record(event="PONDER", text="X did it.", markup="X (EVT: did) it.")) is None


def test_parties_countries_kinds_and_exclusions() -> None:
    party = plover._party
    assert party([{"code": "FRA", "sector": "GOV"}, {"code": "DEU", "sector": "LEG"}]) == {"kind": "government"}
    assert party([{"code": "FRA", "sector": "GOV"}, {"code": "FRA", "sector": "MIL"}]) == {"country": "FRA"}
    assert party([{"code": "IGO"}]) == {"kind": "organization"}
    assert party([{"code": "IMG"}]) == {"kind": "armed_group"}
    assert party([{"code": "ITL"}]) == {"country": "ITA"}
    assert party([{"code": "XYZ", "sector": "COP"}]) is None  # unknown code, ambiguous sector
    assert party([{"code": "IRQ", "sector": "UAF"}]) is None  # code inferred from the place
    assert party([{"code": "IRQ", "sector": "CVLkur"}]) == {"country": "IRQ", "kind": "civilians"}
    assert party("") is None and party(None) is None


def test_counts_read_against_the_sentence() -> None:
    count = plover._count
    assert count("3", "Gunmen killed three villagers.", "", "dead") == {"min": 3, "max": 3}
    assert count("3", "At least three villagers died.", "", "dead") == {"min": 3, "max": None}
    assert count("1,200", "x", "", "dead") is None
    assert count("1200", "more than 1,200 people died", "", "dead") == {"min": 1200, "max": None}
    assert count("20", "killing about 20 people", "", "dead") is None
    assert count("20", "killing 20 people", "Dead could be 22.", r"\bdead") is None
    assert count("many", "many died", "", "dead") is None
    assert count("4", "the moreover 4 dead", "", "x") == {"min": 4, "max": 4}  # "over" must be a word


def test_anchor_placed_in_text_when_markup_differs_and_fallback() -> None:
    text = "The envoy said that Zenda said it agreed."
    article = plover.build_article(record(event="AGREE", text=text,
                                          markup="The envoy said that (SRC: Zenda) (EVT: said) it (EVT: agreed)."))
    event = article["events"][0]
    assert event["anchor"] == "said" and event["anchor_start"] == text.index("Zenda said") + 6
    # markup with an extra word: the anchor is still found verbatim in the text
    drift = plover.build_article(record(event="AGREE", text="Zenda agreed today.",
                                        markup="Old (SRC: Zenda) (EVT: agreed ) today."))
    assert drift["events"][0]["anchor"] == "agreed" and "anchor_start" not in drift["events"][0]
    # no usable EVT: the whole sentence
    whole = plover.build_article(record(event="AGREE", text="Zenda agreed.", markup="(SRC: Zenda) (EVT: ) ok"))
    assert whole["events"][0]["anchor"] == "Zenda agreed."
    as_string = plover.build_article(record(event="AGREE", text="Zenda agreed.",
                                            textInfo="(SRC: Zenda) (EVT: agreed}."))
    assert as_string["events"][0]["anchor"] == "agreed"


def test_location_must_be_named_in_the_sentence() -> None:
    text = "Zenda troops withdrew from the border."
    article = plover.build_article(record(event="RETREAT", text=text, markup="(SRC: Zenda) troops (EVT: withdrew).",
                                          eventLoc={"name": "Strelsau"}))
    assert "location" not in article["events"][0]


def test_convert_file_skips_document_header_and_renames_duplicate_ids(tmp_path: Path) -> None:
    folder = tmp_path / "plover_gsr"
    folder.mkdir()
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        record(id="R-1", event="AID", text="Zenda sent food.", markup="(SRC: Zenda) (EVT: sent) food."),
        record(id="R-1", event="PROTEST", text="Crowds marched.", markup="Crowds (EVT: marched)."),
        record(id="R-2", event="UNKNOWN", text="Nothing.", markup="(EVT: Nothing)."),
    ]
    (folder / plover.FILE_NAME).write_text(json.dumps(records), encoding="utf-8")
    articles = plover.convert(tmp_path, "all")
    assert [a["id"] for a in articles] == ["R-1", "R-1#2"]
    assert [a["scored_types"] for a in articles] == [["AID"], ["PROTEST"]]
    with pytest.raises(ValueError):
        plover.convert(tmp_path, "test")


def test_dataset_record() -> None:
    assert plover.DATASET.splits == ("all",) and plover.DATASET.level == "sentence"
    assert plover.DATASET.score is None and not plover.DATASET.test_only
    assert "NOT held out" in plover.DATASET.cannot_score


# --- the real file ---------------------------------------------------------------------------

needs_data = pytest.mark.skipif(not (BENCH / "plover_gsr").is_dir(), reason="benchmarks folder not present")


def _perfect(article: dict) -> dict:
    """A prediction that repeats the gold event, with the whole text as evidence."""
    gold = article["events"][0]
    pred = {k: v for k, v in gold.items() if k not in ("anchor", "anchor_start", "source_type", "source_mode")}
    pred["type"] = gold["type"][0] if isinstance(gold["type"], list) else gold["type"]
    pred["evidence"] = {"text": article["text"], "start": 0, "end": len(article["text"])}
    return pred


@needs_data
def test_real_file_counts_and_validity() -> None:
    articles = plover.convert(BENCH, "all")
    assert len(articles) == 322 and len({a["id"] for a in articles}) == 322
    primary = [a["scored_types"][0] for a in articles]
    assert primary.count("REQUEST") == 34 and primary.count("ACCUSE") == 25
    assert primary.count("ASSAULT") == 32 and primary.count("COERCE") == 18
    assert {t for a in articles for t in a["scored_types"]} == set(plover.CONTRACT_TYPES)
    for article in articles:
        assert _check(article) is None, article["id"]
        assert len(article["events"]) == 1
    events = [a["events"][0] for a in articles]
    assert sum(1 for e in events if e["anchor"] == "") == 0
    assert sum(1 for e in events if "fatalities" in e) >= 10
    assert sum(1 for e in events if "location" in e) >= 40


@needs_data
def test_real_file_perfect_predictions_score_perfectly() -> None:
    articles = plover.convert(BENCH, "all")
    report = score(articles, {a["id"]: [_perfect(a)] for a in articles})
    assert report.gold == report.paired == report.fully_correct == 322
    missing = score(articles, {})
    assert missing.paired == 0 and missing.gold == 322
