"""Article layout, rule by rule (one row per rule id), then transcripts, datelines, the lead and hostile input.

Every text here is written for these tests, in the manner of government releases, briefings and wire copy.
"""

from __future__ import annotations

import time

import pytest

from proxywatch.ingest.layout import KINDS, RULES, Layout, read_layout, rule

TITLE = "Deputy Press Secretary Jane Roe Holds a Press Briefing"

# rule id -> (text, title, the text the rule marks, a text where it must not fire)
ROWS: dict[str, tuple[str, str | None, str, str]] = {
    "heading-title": (
        f"{TITLE}\n\nDEPUTY PRESS SECRETARY JANE ROE: Good afternoon. The carrier left port on Monday.", TITLE,
        TITLE, "Deputy press secretary Jane Roe said the carrier left port on Monday."),
    "dateline-date-line": (
        "Weekly Update\nDec. 9, 2024\n\nThe carrier left port on Monday.", None, "Dec. 9, 2024",
        "On Dec. 9, 2024 the carrier left port."),
    "byline-by": (
        "By John Doe, DOD News\n\nThe carrier left port on Monday.", None, "By John Doe, DOD News",
        "Built by shipyard workers, the carrier left port on Monday."),
    "byline-name-role": (
        "MEDIA NOTE\nJANE ROE, DEPARTMENT SPOKESPERSON\nThe United States today designated two militia leaders.",
        None, "JANE ROE, DEPARTMENT SPOKESPERSON",
        "The United States today designated two militia leaders.\nIran, Iraq and Syria, the official said."),
    "byline-attribution": (
        "Pentagon Press Secretary John Doe provided the following readout:\n\nThe Secretary spoke with his "
        "counterpart.", None, "Pentagon Press Secretary John Doe provided the following readout:",
        "The Secretary provided the following assurance to his counterpart: support will continue."),
    "byline-contributors": (
        "Drones struck an airfield overnight.\nReporting by Jane Roe in Cairo; Editing by John Doe", None,
        "Reporting by Jane Roe in Cairo; Editing by John Doe",
        "Drones struck an airfield overnight, a reporting team on the scene said."),
    "heading-doctype": (
        "PRESS STATEMENT\nThe United States today imposed sanctions on four officials.", None, "PRESS STATEMENT",
        "The press statement said the United States imposed sanctions on four officials."),
    "caption-figure": (
        "Figure 3. Reported drone launches (March 2, 2024)\nThe launches came from the coast.", None,
        "Figure 3. Reported drone launches (March 2, 2024)",
        "As figure 3 shows, the launches came from the coast."),
    "caption-notes": (
        "Figure 1. Strikes near the port\nSource: public satellite imagery.\nThe strikes hit two depots.", None,
        "Source: public satellite imagery.", "Source: officials said the strikes hit two depots."),
    "caption-photo": (
        "Marines unload water at a pier. (U.S. Marine Corps photo by Cpl. John Doe)\nAid arrived on Tuesday.", None,
        "Marines unload water at a pier. (U.S. Marine Corps photo by Cpl. John Doe)",
        "Aid arrived on Tuesday, and officials posted photos of the pier."),
    "credit-line": (
        "Sailors load pallets aboard a supply ship.\nU.S. Navy photo by Petty Officer Jane Roe\nAid sailed on Monday.",
        None, "U.S. Navy photo by Petty Officer Jane Roe", "The U.S. Navy said the photo showed the ship."),
    "caption-above-credit": (
        "Mourners gather outside a hospital after the bombing.\nJane Roe—AP\n\nTwo soldiers were wounded.", None,
        "Mourners gather outside a hospital after the bombing.",
        "The militants fired on a patrol near the border early on Sunday, officials said, and the soldiers\n"
        "fired back.\nJane Roe—AP"),
    "boilerplate-end-mark": ("The strike destroyed a launcher.\n\n###", None, "###", "The strike destroyed a launcher."),
    "boilerplate-links": (
        "The strike destroyed a launcher.\nRelated: Navy intercepts drones over the strait", None,
        "Related: Navy intercepts drones over the strait",
        "Related attacks followed on Tuesday, the command said."),
    "boilerplate-copyright": (
        "The strike destroyed a launcher.\nCopyright 2025 Example Wire. All rights reserved.", None,
        "Copyright 2025 Example Wire. All rights reserved.",
        "The group reserved the right to respond, its statement said."),
    "boilerplate-release-number": (
        "Release No: 25-0301-02\nThe strike destroyed a launcher.", None, "Release No: 25-0301-02",
        "The strike was the second this month."),
    "heading-short-line": (
        "Background\nThe conflict began in October.", None, "Background",
        "The strikes were launched from ships and\nAircraft based in the region also took part."),
    "dateline-place": (
        "TAMPA, Fla. – Forces destroyed two drones over the Red Sea on Monday.", None, "TAMPA, Fla. –",
        "Forces destroyed two drones over the Red Sea on Monday – officials said."),
    "dateline-titlecase": (
        "Beirut, Lebanon (Reuters) — An explosion damaged the port on Tuesday.", None, "Beirut, Lebanon (Reuters) —",
        "Beirut said — after a long silence — that the port was damaged."),
    "dateline-colon": (
        "ISLAMABAD: Gunmen attacked a convoy in the northwest on Sunday.", None, "ISLAMABAD:",
        "Officials said: gunmen attacked a convoy in the northwest on Sunday."),
    "speaker-label": (
        "MR. DOE: The strikes hit three sites.\n\nQ: Were there casualties?", None, "MR. DOE:",
        "The commander's message was clear: the strikes hit three sites."),
    "procedural-moderator-turn": (
        "MODERATOR: Our next question comes from Jane Roe.\n\nQ: Thanks. Where did the drones come from?", None,
        "Our next question comes from Jane Roe.",
        "MR. DOE: Our next step is to move the carrier.\n\nQ: Where will it go?"),
    "boilerplate-timezone": (
        "At 3:10 a.m. (Aden time), a missile struck the tanker.", None, "(Aden time)",
        "At 3:10 a.m. (after a long pause), a missile struck the tanker."),
    "boilerplate-figure-ref": (
        "The group has struck ships (see Figure 2) near the strait.", None, "(see Figure 2)",
        "The group has struck ships (two of them tankers) near the strait."),
    "credit-inline": (
        "Soldiers unload tents (U.S. Army photo by Sgt. Jane Roe) at the camp.", None,
        "(U.S. Army photo by Sgt. Jane Roe)", "Soldiers unload tents (sent by the agency) at the camp."),
    "heading-inline": (
        "The border was quiet until spring. Rising Tensions In May, rocket fire resumed.", None, "Rising Tensions",
        "The border was quiet until spring. Rocket fire resumed in May."),
    "boilerplate-more-info": (
        "The designations take effect today. For more information, see the Treasury Department's release.", None,
        "For more information, see the Treasury Department's release.",
        "The designations take effect today and give more information on the network."),
    "boilerplate-posted": (
        "The ministers discussed the ceasefire. A full readout will be posted on defense.gov.", None,
        "A full readout will be posted on defense.gov.",
        "The ministers discussed the ceasefire posted along the border."),
    "boilerplate-cross-ref": (
        "Rebels took the town. (Available CRS products describe the war's earlier phases.)", None,
        "(Available CRS products describe the war's earlier phases.)", "Rebels took the town (and its airport)."),
    "procedural-greeting": (
        "MS. ROE: Hi, everyone. Good afternoon. The carrier entered the region.", None, "Hi, everyone.",
        "MS. ROE: Good news came this afternoon: the carrier entered the region."),
    "procedural-thanks": (
        "MS. ROE: Hello.\n\nQ: Thank you for doing this. Did the strike hit the depot?", None,
        "Thank you for doing this.", "MS. ROE: We thank the crew for their courage during the attack."),
    "procedural-agenda": (
        "MS. ROE: I just have a few things at the top. The carrier entered the region.", None,
        "I just have a few things at the top.", "MS. ROE: A few ships at the top of the gulf were attacked."),
    "procedural-questions": (
        "MS. ROE: The carrier entered the region. With that, happy to take your questions.", None,
        "With that, happy to take your questions.",
        "MS. ROE: With that strike, the militia lost its last launcher."),
    "procedural-handover": (
        "SECRETARY DOE: The strikes are over. With that, I'll turn it over to General Roe of the Joint Staff.", None,
        "With that, I'll turn it over to General Roe of the Joint Staff.",
        "SECRETARY DOE: The militia will turn over its weapons to the army."),
    "procedural-logistics": (
        "MR. DOE: Please keep your phones on mute, and I'll call on reporters after my remarks.\n\nQ: Sure.", None,
        "Please keep your phones on mute, and I'll call on reporters after my remarks.",
        "MR. DOE: The militia called on its fighters to attack the base."),
    "procedural-deflection": (
        "MS. ROE: She is in the region. For more on her movements, I'd refer you to CENTCOM.", None,
        "For more on her movements, I'd refer you to CENTCOM.",
        "MS. ROE: She is in the region, and I'd refer to the strike as self-defense against the militia."),
    "procedural-name-call": (
        "MS. ROE: That's all I have. Jim?\n\nQ: Where is the carrier?", None, "Jim?",
        "MS. ROE: Jim Doe was killed in the strike."),
}


def _marked(layout: Layout, text: str, rule_id: str) -> list[str]:
    return [text[r.start:r.end] for r in layout.regions if r.rule == rule_id]


def test_every_rule_has_a_test_row_and_a_well_formed_entry():
    assert {r.id for r in RULES} == set(ROWS), "every rule id needs a row, every row a rule"
    assert len({r.id for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.kind in KINDS and r.purpose and r.example and r.test is not None, r.id
        assert rule(r.id) is r


@pytest.mark.parametrize("rule_id", sorted(ROWS))
def test_rule_row(rule_id):
    text, title, marked, negative = ROWS[rule_id]
    layout = read_layout(text, title)
    assert marked in _marked(layout, text, rule_id), [(r.rule, text[r.start:r.end]) for r in layout.regions]
    region = next(r for r in layout.regions if r.rule == rule_id and text[r.start:r.end] == marked)
    assert region.kind == rule(rule_id).kind
    assert not _marked(read_layout(negative, title), negative, rule_id)


@pytest.mark.parametrize("entry", RULES, ids=lambda r: r.id)
def test_each_rules_own_example_fires(entry):
    title = entry.example.splitlines()[0] if entry.id == "heading-title" else None  # that example's title
    layout = read_layout(entry.example, title)
    assert _marked(layout, entry.example, entry.id)


# --- transcripts ----------------------------------------------------------------------------------------------

BRIEFING = (
    "Deputy Press Secretary Jane Roe Holds a Press Briefing\n"
    "Mar. 3, 2025\n\n"
    "DEPUTY PRESS SECRETARY JANE ROE: Hi, everyone. Good afternoon. Thanks for joining us. I have just a few "
    "things at the top, and then happy to take your questions. Yesterday, U.S. forces struck two radar sites in "
    "western Yemen after a missile was fired at a tanker in the Gulf of Aden.\n\n"
    "Secretary Doe also spoke with his Saudi counterpart this morning.\n\n"
    "With that, I'll take your questions. Sam?\n\n"
    "Q: Thank you for doing this. Was the tanker damaged in the attack?\n\n"
    "MS. ROE: I don't have anything more for you on that. I'd refer you to the command. I'll just leave it "
    "at that.\n\n"
    "STAFF: We have time for one more question.\n\n"
    "Q: Were any Houthi fighters killed?\n"
)


def test_a_briefing_transcript_has_turns_roles_and_procedural_talk():
    layout = read_layout(BRIEFING, TITLE)
    assert layout.transcript
    roles = [(t.speaker, t.role) for t in layout.turns]
    assert roles == [("DEPUTY PRESS SECRETARY JANE ROE", "official"), ("Q", "reporter"), ("MS. ROE", "official"),
                     ("STAFF", "moderator"), ("Q", "reporter")]
    first = layout.turns[0]
    assert (first.title, first.name) == ("DEPUTY PRESS SECRETARY", "JANE ROE")
    assert BRIEFING[first.label_start:first.label_end] == "DEPUTY PRESS SECRETARY JANE ROE:"
    assert BRIEFING[first.body_start:].startswith("Hi, everyone.")
    assert BRIEFING[first.body_end:].lstrip().startswith("Q: Thank you")
    procedural = [BRIEFING[r.start:r.end] for r in layout.regions if r.kind == "procedural"]
    assert procedural == [
        "Hi, everyone.", "Good afternoon.", "Thanks for joining us.",
        "I have just a few things at the top, and then happy to take your questions.",
        "With that, I'll take your questions.", "Sam?", "Thank you for doing this.",
        "I don't have anything more for you on that.", "I'd refer you to the command.", "I'll just leave it at that.",
        "We have time for one more question."]
    # what reports something stays body: the strike, the call, and the reporters' questions
    for sentence in ("Yesterday, U.S. forces struck two radar sites", "Secretary Doe also spoke",
                     "Was the tanker damaged in the attack?", "Were any Houthi fighters killed?"):
        at = BRIEFING.index(sentence)
        assert layout.is_body(at, at + len(sentence)), sentence
    assert BRIEFING[layout.lead[0]:layout.lead[1]].startswith("Yesterday, U.S. forces struck two radar sites")
    assert layout.turn_at(BRIEFING.index("Was the tanker")).role == "reporter"
    assert layout.dateline is None  # "Mar. 3, 2025" is a date line, not a place dateline
    assert _marked(layout, BRIEFING, "dateline-date-line") == ["Mar. 3, 2025"]


def test_procedural_talk_is_only_read_in_transcripts():
    text = '"Good afternoon," the envoy said as he arrived. Thanks for joining us, he told the crowd.'
    layout = read_layout(text)
    assert not layout.transcript and not [r for r in layout.regions if r.kind == "procedural"]


def test_a_single_capitalised_word_before_a_colon_is_a_dateline_not_a_speaker():
    layout = read_layout("KABUL: A roadside bomb hit a police vehicle on Sunday, killing two officers.")
    assert not layout.transcript and layout.dateline.place == "KABUL"
    two = read_layout("HEGSETH: We struck the sites.\n\nCAINE: The aircraft returned safely.")
    assert two.transcript and [t.name for t in two.turns] == ["HEGSETH", "CAINE"]


# --- datelines and the lead -------------------------------------------------------------------------------

RELEASE = ("PRESS RELEASE\nBy John Doe\n\nWASHINGTON, Jan. 14, 2025 (Example Wire) — U.S. aircraft struck a weapons "
           "depot near Sanaa on Monday (Sanaa time), the command said.\n\nThe depot stored drones.\n\n###\n")


def test_a_place_dateline_is_kept_apart_from_the_body():
    layout = read_layout(RELEASE, "U.S. Strikes Depot in Yemen")
    d = layout.dateline
    assert d.place == "WASHINGTON" and RELEASE[d.place_start:d.place_end] == "WASHINGTON"
    assert d.date == "Jan. 14, 2025" and d.agency == "Example Wire"
    assert RELEASE[d.start:d.end].rstrip() == "WASHINGTON, Jan. 14, 2025 (Example Wire) —"
    assert RELEASE[layout.lead[0]:layout.lead[1]] == (
        "U.S. aircraft struck a weapons depot near Sanaa on Monday (Sanaa time), the command said.")
    assert layout.counts() == {"heading": 1, "byline": 1, "dateline": 1, "boilerplate": 2}
    assert layout.kind_at(RELEASE.index("(Sanaa time)") + 1) == "boilerplate"
    assert layout.kind_at(RELEASE.index("weapons depot")) == "body"


def test_body_spans_leave_out_the_regions():
    layout = read_layout(RELEASE)
    lead = layout.lead
    spans = layout.body_spans(*lead)
    assert [RELEASE[s:e].strip() for s, e in spans] == [
        "U.S. aircraft struck a weapons depot near Sanaa on Monday", ", the command said."]
    assert layout.overlapping(0, 5)[0].kind == "heading"
    assert layout.region_at(RELEASE.index("###")).rule == "boilerplate-end-mark"


def test_a_text_without_layout_is_all_body():
    text = "Rebels shelled the airport on Friday. Two civilians were killed, the ministry said."
    layout = read_layout(text)
    assert layout.regions == () and layout.lead == (0, len(text)) and layout.body_spans() == [(0, len(text))]


def test_wrapped_lines_make_one_paragraph_and_a_heading_after_them_is_still_found():
    text = ("Overview\nThe report describes attacks that the group launched from the coast toward\nships in the "
            "strait, and the replies that followed.\nShipping Costs\nInsurance rose sharply.")
    layout = read_layout(text)
    assert [text[r.start:r.end] for r in layout.regions] == ["Overview", "Shipping Costs"]
    assert text[slice(*layout.paragraphs[0])].endswith("the replies that followed.")


# --- hostile input -------------------------------------------------------------------------------------------


def _timed(text: str) -> tuple[Layout, float]:
    started = time.perf_counter()
    layout = read_layout(text, "A title")
    return layout, time.perf_counter() - started


@pytest.mark.parametrize("text", [
    "word " * 60_000,                                   # 300k characters, no newline
    "A. " * 100_000,                                    # sentence ends everywhere
    "(" * 300_000,
    "TAMPA, Fla. - " * 21_000,
    "Escalation Of Conflict " * 13_000,
    "\n" * 300_000,
], ids=["no-newline", "periods", "parens", "datelines", "title-case", "newlines"])
def test_large_hostile_inputs_finish_quickly(text):
    layout, seconds = _timed(text)
    assert seconds < 5, seconds
    assert all(0 <= r.start < r.end <= len(text) for r in layout.regions)


def test_many_turns_take_linear_time():
    small, t_small = _timed("Q: Why?\n\nMS. ROE: Yeah.\n\n" * 1_000)
    large, t_large = _timed("Q: Why?\n\nMS. ROE: Yeah.\n\n" * 10_000)
    assert len(large.turns) == 20_000 and len(small.turns) == 2_000
    assert t_large < 15 and t_large < 40 * max(t_small, 0.01)  # ten times the text: far from a hundred times the time


def test_lone_surrogates_and_odd_characters_are_safe():
    text = "\ud800TAMPA, Fla. – Rockets \udfff hit the base.\n\nQ: \ud83d?\n\nMS. ROE: Yeah.\r\n\u2028End"
    layout = read_layout(text, "\udc00title")
    assert layout.length == len(text)
    regions = layout.regions
    assert all(a.end <= b.start for a, b in zip(regions, regions[1:]))  # sorted, never overlapping
    read_layout("", None)
    read_layout(" \n\t ", "")


@pytest.mark.parametrize("credit", ["Jane Roe—AP", "John Doe/Reuters", "AP Photo/Jane Roe", "(AFP)", "Getty Images"])
def test_wire_photo_credits_are_credits_and_the_line_above_is_their_caption(credit):
    text = f"Smoke rises over the port after the strike.\n{credit}\n\nThe strike hit a fuel depot on Monday."
    layout = read_layout(text)
    kinds = {text[r.start:r.end]: r.kind for r in layout.regions}
    assert kinds.get(credit) == "credit", kinds
    assert kinds.get("Smoke rises over the port after the strike.") == "caption", kinds
    assert "fuel depot" not in " ".join(kinds)


def test_a_sentence_naming_a_wire_service_is_no_credit():
    text = "The strike hit a fuel depot on Monday, AP reported.\nThe group said it fired on the ship."
    assert not read_layout(text).regions
