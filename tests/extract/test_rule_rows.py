"""One row per rule, keyed by its id (written for this project): each rule's registered example must make it fire,
and the rows below say where it must fire or must not. A rule registered without a row fails
``test_every_rule_has_a_row``."""

from __future__ import annotations

import pytest

from proxywatch.extract.engine import REGISTRY
from proxywatch.extract.rules import load_rules
from proxywatch.records import Article

load_rules()

# (rule id, text, whether the rule fires on it). Negative rows are near misses: the same words in a sense or
# company where the rule must stay silent.
ROWS: list[tuple[str, str, bool]] = [
    ("sense.arson", "Farmers set fire to dry brush in the field.", False),
    ("sense.arson", "Rioters set two police cars on fire.", True),
    ("sense.modifier-not-event", "Iran backed the militias for years.", False),
    ("sense.hit-with-force", "Police hit the streets of Basra on Monday.", False),
    ("sense.hit-with-force", "The missile hit a warehouse near the port.", True),
    ("sense.warning", "Forecasters warned of floods in the south.", False),
    ("sense.warning", "Egypt warned against any move into Rafah.", True),
    ("sense.company", "The general fired two aides on Monday.", False),
    ("sense.company", "Iran provided drones to the Houthis.", True),
    ("sense.needs-object", "Iran backed the Houthis with money.", False),
    ("sense.needs-object", "The ship came back to port.", False),
    ("sense.since-clause", "The militia attacked the base on Monday.", False),
    ("sense.corrections", "The army released a statement on Monday.", True),
    ("sense.corrections", "Hamas released two hostages on Friday.", False),
    ("sense.sinking-is-outcome", "A Houthi missile sank the Rubymar.", False),
    ("sense.target-physical", "Militias targeted the base with drones.", False),
    ("sense.host-meet", "Qatar hosted talks between Israel and Hamas.", False),
    ("sense.paused-funding", "Israel paused its strikes in Gaza for four days.", False),
    ("sense.noun-company", "The fire destroyed a market in the old city.", False),
    ("sense.agreement-noun", "Israel and Hamas reached an agreement on Tuesday.", False),
    ("sense.aid-noun", "The US announced new aid to Gaza.", False),
    ("sense.request-noun", "Qatar renewed its appeal for a ceasefire.", False),
    ("sense.operation-military", "Israel launched a ground operation in Rafah.", False),
    ("sense.since-point", "The US strikes of 2 February hit 85 targets.", False),
    ("sense.re-mention-noun", "Militants launched an attack on the base on Monday.", False),
    ("sense.part-of-retreat", "The militia stepped up its operations against US troops.", False),
    ("sense.armed-fight", "The senator vowed to fight corruption.", False),
    ("drop.ranked-remark", "Drones struck al-Asad on Monday.", False),
    ("drop.not-force", "The minister came under rocket fire during a visit to the border.", False),
    ("drop.capability", "The missile sank the carrier.", False),
    ("drop.imperative", "Soldiers did not shoot at the crowd.", False),
    ("drop.generic-plural", "Houthi attacks on shipping surged on Monday.", False),
    ("drop.a-kind", "This attack disrupted shipping.", False),
    ("drop.motive", "The retaliation came on Monday, when jets struck Beirut.", False),
    ("drop.re-mention", "A drone hit the base on Monday. A second attack hit the airport on Tuesday.", False),
    ("drop.denied-event", "Tehran denied the allegations.", False),
    ("drop.requested", "The militias halted attacks on US forces.", False),
    ("drop.threat-consequence", "Israel said Hezbollah would pay a heavy price.", False),
    ("group.counts-apart", "A drone attack killed three soldiers at Tower 22.", False),
    ("group.casualties-join", "A drone struck the base; three soldiers were killed.", True),
    ("group.follow-up", "A drone struck a car in Baghdad on Thursday. Two days later, jets struck a depot.", False),
    ("event.denied-attack", "Tehran denied any involvement in the talks.", False),
    ("event.roles", "Rockets fell on the town.", False),
    ("event.status", "Hezbollah fired rockets at Israel.", False),
    ("event.demand-is-hypothetical", "Israel did not start a ground operation in Rafah.", False),
    ("event.threat-by-speaker", "Israel threatened Hezbollah.", False),
    ("event.threatened-party", "Israel threatened Hezbollah.", False),
    ("event.denied-involvement", "Tehran denied the allegations.", False),
    ("event.denier", "Militias fired rockets at the base.", False),
    ("event.reason-phrase", "The US struck militia sites on Friday.", False),
    ("event.date", "The US struck militia sites.", False),
    ("event.timed-against", "Austin flew to Baghdad on 29 January.", False),
    ("event.parties", "Rockets were fired.", False),
    ("event.partner", "Hezbollah fired rockets at Israel.", False),
    ("event.place", "A drone struck the base.", False),
    ("event.place-from-target-state", "Iran fired missiles at US and coalition forces.", False),
    ("event.mode", "Militants attacked the base.", False),
    ("event.mode-not-from-reason", "The US struck back with drones in retaliation for the attack.", False),
    ("event.casualties", "A drone struck the base.", False),
    ("event.aggregate", "A drone attack hit the base on Sunday.", False),
    ("event.victims-as-target", "Israel struck Hezbollah, killing three fighters.", False),
    ("refine.own-roles", "Militants fired rockets at the base.", False),
    ("refine.speaker", "A Houthi spokesman said five fighters had been killed.", False),
    ("refine.unnamed-actor", "Houthi militants killed two soldiers.", False),
    ("refine.pronoun-owner", "Israel said its forces had struck a depot in Syria.", False),
    ("refine.definite-group", "Hezbollah denied any involvement.", False),
    ("refine.object-in-clause", "US jets struck 60 Houthi targets.", False),
    ("refine.forces-at-site", "A drone struck a depot in Syria.", False),
    ("refine.victim-with-affiliation", "A US drone strike in Baghdad on Thursday killed two men.", False),
    ("refine.not-own-side", "Hezbollah fired rockets at Israeli positions.", False),
    ("refine.military-things", "Iran fired missiles at Israel.", False),
    ("refine.threat-target-not-own", "Hezbollah threatened Israel.", False),
    ("refine.without-later-clause", "Hezbollah fired rockets at northern Israel on Wednesday.", False),
    ("refine.hosted-target", "Rockets struck a farm near Mosul on Saturday.", False),
    ("refine.victims-counted", "An Israeli strike killed six people.", False),
    ("refine.weapon-is-no-actor", "Houthi rockets struck the base.", False),
    ("refine.visit-place", "Blinken met Sudani in Baghdad.", False),
    ("refine.talks-told", "Austin spoke with Gallant by phone.", False),
    ("refine.condemned-perpetrator", "Baghdad condemned the decision.", False),
    ("refine.state-strike-is-military", "The Paris attacks killed 130 people.", False),
    ("refine.conditional-target", "Israel warned it would strike.", False),
    ("refine.supporters-of", "Hundreds of people rallied in Sanaa.", False),
    ("refine.one-side-each", "Houthi boats fired on the American helicopters.", False),
    ("refine.without-reason-counts", "The US struck militia sites, killing three fighters.", False),
    ("refine.story-day", "A drone struck the base. The attack wounded three soldiers.", False),
    ("more.ellipsis", "There have been no attacks in Iraq since then.", False),
    ("article.nobody-hurt", "A drone struck the base on Monday, wounding two soldiers.", False),
    ("article.no-injuries-next", "A rocket hit the embassy compound. Two guards were injured.", False),
    ("refine.first-person-is-publisher", "We strongly condemn the attack on the train.", False),  # no publisher
    ("refine.first-person-is-publisher", "[source: Reuters] We will respond, the minister said.", False),
    ("refine.first-person-is-publisher", "[source: U.S. Central Command] Our forces struck two radar sites.", True),
    ("refine.title-of-publisher", "[source: Reuters] The Secretary reiterated the need for a ceasefire.", False),
    ("refine.title-of-publisher", "[source: U.S. Department of State] Secretary Blinken met Qatar's amir in Doha. "
                                  "The Secretary urged Hamas to accept the deal.", False),  # named before
    ("article.focus-country", "Gunmen attacked a camp in Darfur, Sudan, on Monday. Jets struck a depot in Libya and "
                              "a port in Yemen. Militants shelled the camp again on Tuesday.", False),  # no one focus
    ("article.focus-country", "Gunmen attacked a camp for displaced people in Darfur, Sudan, on Monday. The United "
                              "States condemned the attack.", False),  # a speech act is not placed by the focus
    ("article.facts-to-incident", "Militants attacked a camp in Darfur this week. On Monday, gunmen shelled a "
                                  "market in Khartoum, killing eight people.", False),  # no definite re-mention
    ("article.facts-to-incident", "The Houthis struck two cargo ships last week. The June 12th attack on the "
                                  "Tutor caused flooding.", False),  # the Tutor is not among what was struck
    ("article.facts-to-incident", "Hamas attacked Israel from Gaza. After Israel's October 26 retaliation, "
                                  "officials urged calm.", False),  # a dated report of an undated incident
    ("article.facts-to-incident", "Houthi forces attacked Tel Aviv with a drone on Friday. The attack killed one "
                                  "man and wounded eight others.", True),
]


def article(text: str) -> Article:
    """A row's article; a leading "[source: X]" gives its publisher (rules about who speaks need one)."""
    source = None
    if text.startswith("[source: "):
        source, text = text[len("[source: "):].split("] ", 1)
    return Article(id="row", text=text, published="2024-02-01", source=source)


def _fired(extractor, rule_id: str, text: str) -> list[str]:
    explanation = extractor.explain(article(text))
    return [s.change for s in explanation.trace.steps if s.rule == rule_id]


def test_every_rule_has_a_row():
    rows = {rule_id for rule_id, _, _ in ROWS}
    missing = [r.id for r in REGISTRY if r.id not in rows]
    assert not missing, f"rules without a test row: {missing}"
    unknown = rows - {r.id for r in REGISTRY}
    assert not unknown, f"rows for rules that do not exist: {unknown}"


@pytest.mark.parametrize("rule_id", [r.id for r in REGISTRY])
def test_the_registered_example_makes_the_rule_fire(extractor, rule_id):
    assert _fired(extractor, rule_id, REGISTRY[rule_id].example), REGISTRY[rule_id].example


@pytest.mark.parametrize("rule_id,text,fires", ROWS, ids=[f"{r}-{n}" for n, (r, _, _) in enumerate(ROWS)])
def test_row(extractor, rule_id, text, fires):
    assert bool(_fired(extractor, rule_id, text)) is fires
