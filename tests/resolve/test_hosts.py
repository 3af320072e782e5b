"""Dated, sourced "hosts" facts on curated bases: who occupies a site on a day, schema and kb check."""

from __future__ import annotations

import pytest

from proxywatch.errors import ProxywatchError
from proxywatch.resolve.check import check_kb
from proxywatch.resolve.kb import load_kb


def test_a_hosted_base_gives_its_occupant_on_the_day(kb):
    host = kb.occupant("Ain al-Asad Air Base", "2024-01-20")
    assert host is not None and (host.id, host.country, host.kind) == ("us-military", "USA", "military")
    assert kb.occupant("al-Asad airbase", "2024-01-20").id == "us-military"  # any alias of the place
    assert kb.occupant("Harir Air Base", "2023-10-17").id == "us-military"


def test_no_occupant_before_the_fact_or_for_places_that_are_not_sites(kb):
    assert kb.occupant("Harir Air Base", "2019-05-01") is None  # before the sourced fact begins
    assert kb.occupant("Baghdad", "2024-01-20") is None
    assert kb.occupant("Red Sea", "2024-01-20") is None
    assert kb.occupant(None, "2024-01-20") is None
    assert kb.occupant("Camp Taji", "2024-01-20") is None  # no hosts fact given


def _kb_with(tmp_path, text: str):
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return load_kb([path])


def test_two_occupants_on_one_day_give_none(tmp_path):
    kb = _kb_with(tmp_path, """
places:
  - {name: Shared Test Base, country: IRQ, lat: 33.0, lon: 44.0, precision: site, source: test map,
     hosts: [{actor: us-military, since: "2020-01-01", source: test report},
             {actor: iraq, since: "2020-01-01", source: test report}]}
""")
    assert kb.occupant("Shared Test Base", "2024-01-01") is None
    assert kb.occupant("Shared Test Base", None) is None


def test_a_hosts_fact_needs_a_source(tmp_path):
    with pytest.raises(ProxywatchError, match="source"):
        _kb_with(tmp_path, """
places:
  - {name: Unsourced Base, country: IRQ, lat: 33.0, lon: 44.0, precision: site, hosts: [{actor: us-military}],
     source: test map}
""")


def test_kb_check_reports_an_unknown_occupant_and_dates_out_of_order(tmp_path):
    report = check_kb(_kb_with(tmp_path, """
places:
  - {name: Ghost Base, country: IRQ, lat: 33.0, lon: 44.0, precision: site, source: test map,
     hosts: [{actor: nobody-here, since: "2021-01-01", until: "2020-01-01", source: test report}]}
"""))
    text = "\n".join(report.errors)
    assert "place 'Ghost Base': hosts 'nobody-here', which is not a known actor" in text
    assert "since 2021-01-01 is after until 2020-01-01" in text
