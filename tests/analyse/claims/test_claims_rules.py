"""Every claim rule's test row: its example, run through the reader (or the tally and verdict logic), gives what
the registry says, and the rule is among those that fired."""

from __future__ import annotations

import pytest

from claim_world import PREAMBLE, PUBLISHED, article_events
from proxywatch.analyse.claims import (REGISTRY, Bounds, Claim, Coverage, Scope, Window, check_article,
                                       read_tallies, tally_relation, verdict)
from proxywatch.analyse.claims.anchors import parse_anchor
from proxywatch.analyse.claims.reading import ReadContext, read_sentence
from proxywatch.extract import parse_published
from proxywatch.records import Article
from proxywatch.store.claim_queries import TallyRow

SENTENCE_GROUPS = ("count", "actor", "sponsor", "target", "place", "type", "period", "anchor")


def _claims(example: str, store, kb):
    article = Article("claimer", PREAMBLE + example, published=PUBLISHED)
    checked = check_article(store, article, article_events(), kb, source="mentions")
    return [c for c in checked.checks if c.claim.offset >= len(PREAMBLE) - 1]


def _fields(check) -> dict:
    cl = check.claim
    f = cl.scope.filters()
    anchor = cl.window.anchor
    return {
        "min": cl.min, "max": cl.max, "window": (cl.window.start, cl.window.end), "open_start": cl.window.open_start,
        "unresolved": cl.window.unresolved, "count": check.count, "type": f.get("type"), "actor": f.get("actor"),
        "sponsor": f.get("sponsor"), "target_country": f.get("target_country"),
        "countries": tuple(f.get("countries", ())), "places": tuple(f.get("places", ())),
        "modes": tuple(f.get("modes", ())),
        "anchor": {"origin": anchor.event.get("origin") if anchor and anchor.event else None,
                   "date": anchor.date if anchor else None},
    }


def _subset(got: dict, want: dict) -> dict:
    return {k: ({kk: got[k].get(kk) for kk in v} if isinstance(v, dict) else got[k]) for k, v in want.items()}


def _run_sentence_rule(rule, store, kb):
    if rule.id == "anchor-parse":
        sentence = rule.example
        phrase = sentence.split("Since ", 1)[1].split(" there")[0]
        reading = parse_anchor(phrase, ReadContext(kb, parse_published(PUBLISHED), "claimer"))
        return {"anchor": {k: getattr(reading, k) for k in rule.expect["anchor"]}}, None
    checks = _claims(rule.example, store, kb)
    if isinstance(rule.expect, list):
        return [_subset(_fields(c), want) for c, want in zip(checks, rule.expect)] if len(checks) == len(
            rule.expect) else [_fields(c) for c in checks], checks
    assert checks, f"{rule.id}: no claim read from its example"
    return _subset(_fields(checks[0]), rule.expect), checks


def _claim(low, high, start="2024-02-02", end="2024-02-20", broad=()) -> Claim:
    return Claim("c", "claimer", "text", "focus", "aggregate", Scope(target_country="USA"),
                 Window(start, end), low, high, broad=tuple(broad))


def _run_verdict_rule(rule):
    ex = dict(rule.example)
    window = Window(None, None, unresolved="no period stated") if "window" in ex else Window("2024-01-01", "2024-01-28")
    low, high = ex.get("claimed", (0, 0))
    claim = Claim("c", "claimer", "text", "focus", "aggregate", Scope(target_country="USA"), window, low, high,
                  broad=("'eastern Syria' counted as all of SYR",) if ex.get("broad") else ())
    weeks, covered = ex.get("coverage", (4, 0))
    cover = Coverage(weeks, covered, covered) if "window" not in ex else None
    count = ex.get("count") if "window" not in ex else None
    lower = ex.get("lower")
    low_bound = (lower, "tally other") if lower and lower > (count or 0) else (count or 0, "events")
    if ex.get("broad"):
        low_bound = (lower, "tally other") if lower else (0, "none")
    bounds = Bounds(low_bound[0], low_bound[1], ex.get("upper"), "tally other" if ex.get("upper") else None)
    said, rule_id, reason = verdict(claim, count, cover, bounds, 0.5)
    assert reason and (count is None or str(count) in reason or rule_id in ("verdict-tally-below",))
    return said, rule_id


def _run_tally_rule(rule, kb):
    ex = rule.example
    if "text" in ex:
        row = TallyRow("t1", "other", ex["published"], ex["text"], "ASSAULT", None, None, None, 0, None, False)
        out = []
        for tally, _ in read_tallies([row], kb):
            f = tally.scope.filters()
            out.append({"min": tally.min, "window": (tally.window.start, tally.window.end),
                        "sponsor": f.get("sponsor"), "countries": tuple(f.get("countries", ()))})
        return out[:len(rule.expect)]
    claim = read_sentence(ex["claim"], ReadContext(kb, parse_published(PUBLISHED), "claimer"))[0]
    tally = read_sentence(ex["tally"], ReadContext(kb, parse_published(ex["tally_published"]), "other"))
    relations = [tally_relation(claim, t)[0] for t in tally]
    return rule.expect if rule.expect in relations else relations


def test_every_rule_has_an_id_purpose_example_and_test_row():
    assert len(REGISTRY) >= 40
    for rule in REGISTRY.values():
        assert rule.id and rule.purpose.endswith(".") and rule.example and rule.expect is not None, rule.id


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_rule_example_gives_its_test_row(rule_id, store, kb):
    rule = REGISTRY[rule_id]
    if rule.group in SENTENCE_GROUPS:
        got, checks = _run_sentence_rule(rule, store, kb)
        assert got == rule.expect
        fired = {r for c in checks or () for r in c.claim.rules}
        if checks and rule.id not in ("count-hypothetical", "count-description", "period-none") and rule.expect:
            assert rule.id in fired, sorted(fired)
        if rule.id in ("count-hypothetical", "count-description"):
            assert checks == []
    elif rule.group == "verdict":
        said, rule_id_fired = _run_verdict_rule(rule)
        assert (said, rule_id_fired) == (rule.expect, rule.id)
    else:
        assert _run_tally_rule(rule, kb) == rule.expect


def test_every_rule_id_a_claim_names_is_registered(store, kb):
    text = " ".join(r.example for r in REGISTRY.values() if isinstance(r.example, str))
    article = Article("claimer", PREAMBLE + text, published=PUBLISHED)
    named = {r for c in check_article(store, article, article_events(), kb).checks for r in (*c.claim.rules,
                                                                                            c.verdict_rule)}
    assert named and named <= set(REGISTRY), named - set(REGISTRY)


def test_the_docs_name_every_rule():
    from pathlib import Path

    doc = (Path(__file__).parents[3] / "docs" / "claims.md").read_text(encoding="utf-8")
    missing = [rule_id for rule_id in REGISTRY if f"`{rule_id}`" not in doc]
    assert not missing, missing
