"""``kb check`` rules: the built-in knowledge base passes; each kind of bad data is reported."""

from __future__ import annotations

from proxywatch.resolve.check import check_kb, country_box
from proxywatch.resolve.kb import load_kb


def test_builtin_knowledge_base_passes(kb):
    report = check_kb(kb)
    assert report.ok, report.errors
    assert report.actors == len(kb.actors)
    assert "ok" in report.summary()


def _report(tmp_path, text: str):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return check_kb(load_kb([path]))


def test_every_rule_reports(tmp_path):
    report = _report(tmp_path, """
actors:
  - {id: twin-a, name: Twin A, aliases: [The Twins], country: IRQ, kind: armed_group}
  - {id: twin-b, name: Twin B, aliases: [the twins], country: SYR, kind: armed_group}
  - {id: bad-code, name: Bad Code, country: XXX, kind: armed_group}
  - id: bad-sponsor
    name: Bad Sponsor
    country: IRQ
    kind: armed_group
    sponsors: [{state: NOR, since: "2020-01-01", until: "2019-01-01", source: "nowhere report"}]
  - {id: orphan, name: Orphan, country: IRQ, kind: person, parent: nobody-here}
  - {id: loop-a, name: Loop A, country: IRQ, kind: armed_group, parent: loop-b}
  - {id: loop-b, name: Loop B, country: IRQ, kind: armed_group, parent: loop-a}
  - {id: vain, name: Vain, country: IRQ, kind: person, prefer: [Somebody Else]}
places:
  - {name: Misplaced, country: JOR, lat: 36.0, lon: 44.0, precision: site, source: test}
""")
    text = "\n".join(report.errors)
    assert not report.ok
    assert "alias 'twins' is shared by twin-a, twin-b" in text
    assert "'bad-code': country 'XXX' is not an ISO" in text
    assert "sponsor 'NOR' has no state actor" in text
    assert "since 2020-01-01 is after until 2019-01-01" in text
    assert "parent 'nobody-here' is not a known actor" in text
    assert "parent chain loops" in text
    assert "prefers 'Somebody Else'" in text
    assert "place 'Misplaced': (36.0, 44.0) lies outside JOR's bounding box" in text


def test_prefer_settles_a_shared_alias(tmp_path):
    report = _report(tmp_path, """
actors:
  - {id: twin-a, name: Twin A, aliases: [The Twins], country: IRQ, kind: armed_group, prefer: [The Twins]}
  - {id: twin-b, name: Twin B, aliases: [the twins], country: SYR, kind: armed_group}
""")
    assert report.ok, report.errors
    kb = load_kb([tmp_path / "bad.yaml"])
    assert kb.find_actor("the Twins").id == "twin-a"


def test_boxes_exist_for_the_theatre_and_beyond():
    for code in ("IRQ", "SYR", "JOR", "LBN", "ISR", "PSE", "YEM", "IRN", "DJI", "QAT"):
        assert country_box(code) is not None
    south, west, north, east = country_box("FRA")  # derived from GeoNames towns
    assert south < 46.6 < north and west < 2.3 < east
