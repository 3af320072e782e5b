"""Loading the knowledge base: schema checks with one-line errors, merging user files, search."""

from __future__ import annotations

import pytest

from proxywatch.errors import ProxywatchError
from proxywatch.resolve.kb import load_kb


def _write(tmp_path, text: str, name: str = "extra.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_kb_is_large_enough(kb):
    assert len(kb.actors) >= 80
    kinds = {a.kind for a in kb.actors.values()}
    assert {"state", "military", "government", "armed_group", "person", "organization"} <= kinds
    assert len(kb.gazetteer.curated) >= 80
    assert all(p.source for p in kb.gazetteer.curated)
    sponsored = [a for a in kb.actors.values() if a.sponsors]
    assert len(sponsored) >= 15 and all(f.source for a in sponsored for f in a.sponsors)


def test_wikidata_ids_are_well_formed_or_absent(kb):
    ids = [a.wikidata for a in kb.actors.values() if a.wikidata]
    assert ids and all(i.startswith("Q") and i[1:].isdigit() for i in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("text", "message"), [
    ("actors:\n  - {id: x, name: X, kind: bandit}\n", "actors[0] (id 'x'): kind: 'bandit' is not one of"),
    ("actors:\n  - {id: y, name: Y, kind: state, country: Iran}\n", "actors[0] (id 'y'): country"),
    ("actors:\n  - {name: Z, kind: state}\n", "actors[0] (id 'Z'): 'id' is a required property"),
    ("actors:\n  - {id: w, name: W, kind: armed_group, sponsors: [{state: IRN}]}\n",
     "actors[0] (id 'w'): sponsors.0: 'source' is a required property"),
    ("actors:\n  - {id: v, name: V, kind: state, wikidata: 12}\n", "actors[0] (id 'v'): wikidata"),
    ("actors:\n  - {id: u, name: U, kind: state, colour: red}\n", "actors[0] (id 'u'): Additional properties"),
    ("places:\n  - {name: Somewhere, country: IRQ, lat: 95, lon: 40, precision: site, source: maps}\n",
     "places[0] (name 'Somewhere'): lat: 95 is greater than the maximum"),
    ("places:\n  - {name: Nowhere, country: IRQ, lat: 33, lon: 40, precision: site}\n",
     "places[0] (name 'Nowhere'): 'source' is a required property"),
    ("places:\n  - {name: Odd, country: IRQ, lat: 33, lon: 40, precision: village, source: maps}\n",
     "places[0] (name 'Odd'): precision"),
    ("people: []\n", "Additional properties are not allowed"),
    ("- just a list\n", "must be a mapping"),
    ("actors: [unclosed\n", "not valid YAML at line"),
])
def test_bad_entries_are_one_line_errors_naming_file_and_entry(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ProxywatchError) as caught:
        load_kb([path])
    msg = str(caught.value)
    assert msg.startswith(f"{path}: ")
    assert message in msg
    assert "\n" not in msg


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(ProxywatchError, match="cannot read knowledge base"):
        load_kb([tmp_path / "absent.yaml"])


def test_user_file_is_merged_over_the_builtin(tmp_path):
    path = _write(tmp_path, """
actors:
  - {id: hezbollah, name: Hezbollah, aliases: [Hizb], country: LBN, kind: armed_group}
  - {id: new-front, name: New Front, aliases: [NF], country: SYR, kind: armed_group, parent: hezbollah}
places:
  - {name: Tower 22, country: JOR, lat: 33.30, lon: 38.70, precision: site, source: "my survey"}
  - {name: Camp Nowhere, aliases: [Nowhere camp], country: IRQ, lat: 33.0, lon: 43.0, precision: site, source: test}
""")
    kb = load_kb([path])
    assert kb.actors["hezbollah"].sponsors == ()  # replaced whole: the user's entry has no sponsors
    assert kb.find_actor("Hizb").id == "hezbollah"
    assert kb.find_actor("the New Front").parent == "hezbollah"
    assert kb.gazetteer.lookup("Tower 22").source == "my survey"
    assert kb.gazetteer.lookup("nowhere camp").country == "IRQ"
    assert len(kb.actors) == len(load_kb().actors) + 1


def test_search_finds_by_any_name(kb):
    assert [a.id for a in kb.search("Qaani")] == ["esmail-qaani"]
    assert "kataib-hezbollah" in [a.id for a in kb.search("hizballah")]
    assert [a.id for a in kb.search("Kataeb Hizbullah")] == ["kataib-hezbollah"]  # folded when no substring hit
    assert kb.search("zzzz-nothing") == []
    assert [p.name for p in kb.gazetteer.search("Hudaydah")] == ["Hodeidah"]


def test_search_finds_a_misspelt_name_by_edit_distance(kb):
    assert [a.id for a in kb.search("Hexbollah")] == ["hezbollah"]  # no substring, no folded key
    assert [a.id for a in kb.search("Islamic Resistence in Irak")] == ["islamic-resistance-in-iraq"]
    assert [p.name for p in kb.gazetteer.search("Ain al Assad")] == ["Ain al-Asad Air Base"]
