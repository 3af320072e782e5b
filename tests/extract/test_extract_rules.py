"""Field rules of the extractor, one sentence each (written for this project): anaphora, threats, denials,
places, modes and casualty follow-ups."""

from __future__ import annotations

from proxywatch.records import Article, Count, Event


def _events(extractor, text: str, type_: str = "ASSAULT") -> list[Event]:
    return [e for e in extractor.extract(Article(id="r", text=text, published="2024-02-01")) if e.type == type_]


def _one(extractor, text: str, type_: str = "ASSAULT") -> Event:
    events = _events(extractor, text, type_)
    assert len(events) == 1, [e.to_json() for e in events]
    return events[0]


# --- who a pronoun or "the group" stands for ---------------------------------------------------------------
def test_the_group_is_the_newest_armed_group_not_the_newest_state(extractor):
    e = _one(extractor, "Washington sanctioned two leaders of Kata'ib Hezbollah on Monday. "
                        "Hours later, US forces struck three depots used by the group in Iraq.")
    assert e.target.id == "kataib-hezbollah" and e.target.country == "IRQ"


def test_a_group_name_split_by_the_parser_is_still_the_longer_name(extractor):
    events = _events(extractor, "An American drone hit a vehicle in Baghdad on Thursday. Kata'ib Hezbollah said "
                                "one of its members had been killed.")
    assert all(e.target is None or e.target.country != "LBN" for e in events)
    assert any(e.target is not None and e.target.country == "IRQ" for e in events)


def test_its_is_the_subject_it_is_embedded_under(extractor):
    e = _one(extractor, "Israel's military said it had called up reservists as its warplanes pounded Gaza.")
    assert (e.actor.country, e.actor.kind) == ("ISR", "military")


def test_a_plural_pronoun_agrees_with_a_plural_noun_not_the_singular_subject(extractor):
    strike, attack = _events(extractor, "The command conducted an airstrike targeting al-Shabaab fighters after "
                                        "they attacked Somali troops near Jilib.")
    assert strike.actor.text == "The command" and strike.target.country == "SOM"
    assert attack.actor is not None and attack.actor.country == "SOM" and attack.actor.kind == "armed_group"
    e = _one(extractor, "The militias said they shelled the airport on Sunday.")
    assert e.actor.kind == "armed_group"  # a plural subject is still the antecedent


def test_a_demand_made_clear_is_the_speakers_and_aimed_at_the_group_its_pronoun_names(extractor):
    e = _one(extractor, "Britain will continue to make clear to the Houthis that their attacks against commercial "
                        "vessels must stop.", type_="REQUEST")
    assert e.actor.country == "GBR" and e.target is not None and e.target.country == "YEM"


def test_the_subject_of_a_harming_verb_does_the_attack_named_with_with(extractor):
    e = _one(extractor, "The US military says it has killed 24 al-Shabab fighters with an airstrike in Somalia.")
    assert e.actor is not None and e.actor.country == "USA"
    e = _one(extractor, "Twelve soldiers were killed with a car bomb in Mogadishu.")
    assert e.actor is None


def test_an_object_pronoun_is_left_unresolved(extractor):
    e = _one(extractor, "The US struck a militia depot on Friday. Qaani met militia leaders in Baghdad and urged "
                        "them to halt attacks on US forces.", type_="REQUEST")
    assert e.target is None or e.target.country != "USA"


def test_a_relative_pronoun_is_its_noun(extractor):
    fired, hit = _events(extractor, "The Houthi militants who fired the missiles were hit by a US strike.")
    assert fired.actor.country == "YEM" and fired.mode == "missile"
    assert hit.target.country == "YEM" and hit.mode is None  # the missiles were theirs, not the strike's


# --- threats and denials ----------------------------------------------------------------------------------
def test_a_threat_of_consequences_is_made_by_the_speaker(extractor):
    e = _one(extractor, "Israel said on Sunday that Hezbollah would pay a heavy price.", type_="THREATEN")
    assert e.actor.country == "ISR" and e.target.id == "hezbollah"
    assert e.status == "occurred" and not e.negated


def test_a_warning_names_who_is_threatened_and_gives_one_event(extractor):
    e = _one(extractor, "Britain warned that the Houthis would face consequences.", type_="THREATEN")
    assert e.actor.country == "GBR" and e.target.id == "houthis"


def test_the_avenged_killing_is_not_a_new_attack(extractor):
    assert _events(extractor, "Hamas said the killing would not go unpunished.") == []


def test_denying_a_role_in_an_attack_is_that_attack_denied(extractor):
    events = extractor.extract(Article(id="r", text="A drone struck a US base on Sunday. Tehran denied any role "
                                                     "in the strike.", published="2024-02-01"))
    denied = [e for e in events if e.status == "denied"]
    assert [(e.type, e.actor.country) for e in denied] == [("ASSAULT", "IRN")]
    assert not any(e.type == "REJECT" for e in events)


def test_denying_allegations_without_an_attack_is_a_rejection(extractor):
    e = _one(extractor, "The airline denied the allegations.", type_="REJECT")
    assert e.status == "occurred"


# --- places and modes -------------------------------------------------------------------------------------
def test_a_speaking_capital_is_not_the_place(extractor):
    events = _events(extractor, "A drone struck a US base on Sunday. Tehran denied any role in the strike.")
    assert all(e.location is None or e.location.name != "Tehran" for e in events)


def test_a_capital_is_not_a_village_of_a_country_the_article_names(extractor):
    e = _one(extractor, "A militia backed by Iran launched two drones at a US base in Baghdad on Friday.")
    assert (e.location.name, e.location.country) == ("Baghdad", "IRQ")
    e = _one(extractor, "Officials in Iran praised the group. Later its fighters shelled a US camp in Baghdad.")
    assert e.location.country == "IRQ"


def test_a_capital_standing_for_its_state_is_not_the_place(extractor):
    e = _one(extractor, "Iraq said American jets bombed two depots near the border, and it accused Washington "
                        "of breaching its sovereignty.")
    assert e.location is None or e.location.country != "USA"
    e = _one(extractor, "A militia loyal to Tehran launched two drones at a US base in Baghdad on Friday.")
    assert (e.location.name, e.location.country) == ("Baghdad", "IRQ")
    e = _one(extractor, "A drone hit a house in Tehran on Friday.")  # after "in": the place
    assert e.location.name == "Tehran"


def test_forces_stationed_at_a_site_are_the_target(extractor):
    e = _one(extractor, "Gunmen fired mortars at two camps in Syria where American troops are based.")
    assert e.target.country == "USA" and e.target.kind == "military"
    e = _one(extractor, "A rocket hit the airfield near Erbil where US soldiers are deployed on Sunday.")
    assert e.target.country == "USA"
    e = _one(extractor, "Insurgents fired a missile and drones at American and coalition soldiers at two sites in Iraq.")
    assert e.target.country == "USA"


def test_a_place_in_a_purpose_phrase_is_not_the_place(extractor):
    e = _one(extractor, "Militants shelled an American outpost in Syria in support of the people in Gaza.")
    assert e.location.country == "SYR"
    e = _one(extractor, "The Houthis fired a missile at a tanker in the Red Sea in solidarity with Gaza.")
    assert e.location.name == "Red Sea"
    e = _one(extractor, "Gunmen attacked a convoy on Monday in revenge for the killing of a commander in Beirut.")
    assert e.location is None or e.location.name != "Beirut"


def test_victims_at_a_site_with_forces_stationed_stay_the_target(extractor):
    e = _one(extractor, "A drone attack on a base in Syria, where US troops are stationed, killed four Kurdish "
                        "fighters on Monday.")
    assert e.target is None or e.target.country != "USA"


def test_an_unowned_weapon_is_not_the_actor(extractor):
    events = _events(extractor, "Officials said a drone hit a US base at dawn. Rockets also struck a camp near "
                                "Erbil where American soldiers are based, the officials said.")
    assert events and all(e.actor is None or e.actor.id or e.actor.country or e.actor.kind for e in events)


def test_untagged_city_after_a_place_preposition(extractor):
    e = _one(extractor, "Israeli jets struck Sanaa's international airport on Tuesday.")
    assert e.location.name.startswith("Sanaa") and e.location.country == "YEM"  # the city, or its airport


def test_a_mediator_is_not_the_place(extractor):
    e = _one(extractor, "Under the deal brokered by the United States and France, Israeli troops will withdraw.",
             type_="RETREAT")
    assert e.location is None


def test_a_state_target_is_the_country_of_the_attack(extractor):
    e = _one(extractor, "Iran fired about 180 ballistic missiles at Israel on Tuesday.")
    assert (e.location.country, e.location.precision) == ("ISR", "country")


def test_the_attackers_own_weapon_decides_the_mode(extractor):
    strike, earlier = _events(extractor, "US warplanes struck two depots on Wednesday, two days after the militia "
                                         "fired ballistic missiles at a US base.")
    assert (strike.mode, earlier.mode) == ("aerial", "missile")


    struck, fired = _events(extractor, "US warplanes struck two depots, two days after the militia fired ballistic "
                                       "missiles at a US base.")
    assert struck.mode == "aerial" and struck.actor.country == "USA"
    assert fired.mode == "missile"  # the clause "after ..." tells an event of its own


def test_an_adjective_participle_is_not_an_event(extractor):
    assert _events(extractor, "Aid reached the besieged territory on Saturday.") == []


def test_airdropped_food_is_aid(extractor):
    e = _one(extractor, "US aircraft dropped 38,000 meals over Gaza on Saturday.", type_="AID")
    assert e.actor.country == "USA"


def test_a_town_written_with_its_country_is_in_that_country(extractor):
    e = _one(extractor, "Militants attacked an army post in the vicinity of Dar as Salam, Somalia, on Monday.")
    assert (e.location.country, e.location.precision) == ("SOM", "city")  # not a namesake in Egypt or Oman
    e = _one(extractor, "Gunmen attacked a village near Kafanchan, Nigeria, overnight.")
    assert e.location.country == "NGA"
    e = _one(extractor, "Gunmen attacked a checkpoint in Kirkuk, Iraq, on Monday.")
    assert e.location.country == "IRQ" and e.location.lat is not None  # the gazetteer's own entry is kept


def test_a_place_measured_from_is_the_town_the_event_was_near(extractor):
    e = _one(extractor, "Gunmen attacked a bus 20 km east of Jos on Monday.")
    assert (e.location.country, e.location.name, e.location.text) == ("NGA", "Jos", "east of Jos")
    e = _one(extractor, "Jets struck a depot north of the capital, Damascus, on Monday.")
    assert e.location.country == "SYR" and e.location.text.startswith("north of")
    e = _one(extractor, "Gunmen attacked a bus in Jos on Monday.")
    assert e.location.text == "Jos"


def test_a_later_report_of_the_same_strike_dates_it(extractor):
    first, *_ = _events(extractor, "The army says it has killed 12 militants with an airstrike in Somalia. The "
                                   "command says the airstrike was carried out on Tuesday near a camp in the south.")
    assert first.date is not None and first.date.start == "2024-01-30"


# --- casualties told in the next sentence -----------------------------------------------------------------
def test_other_dead_in_the_next_sentence_add_to_the_attack(extractor):
    e = _one(extractor, "A US drone strike in Baghdad killed a militia commander on Wednesday. "
                        "Two other people in the car also died.")
    assert (e.fatalities.min, e.fatalities.max) == (3, 3)


def test_a_told_count_in_the_next_sentence_fills_the_attack(extractor):
    e = _one(extractor, "US warplanes struck two depots used by Kata'ib Hezbollah on Wednesday. "
                        "The group said eight of its fighters were killed.")
    assert (e.fatalities.min, e.fatalities.max) == (8, 8)


def test_deaths_of_an_earlier_event_stay_out(extractor):
    events = _events(extractor, "US aircraft struck a depot in Syria on Saturday. The strike came days after "
                                "more than 100 people were killed in Gaza City.")
    assert events[0].fatalities is None


# --- the other party of non-violent events, and whom an attack was aimed at -------------------------------
def test_the_other_party_after_a_preposition(extractor):
    assert _one(extractor, "Jordan recalled its ambassador from Israel.", type_="SANCTION").target.country == "ISR"
    assert _one(extractor, "Bolivia cut diplomatic ties with Israel.", type_="SANCTION").target.country == "ISR"
    assert _one(extractor, "Washington paused a shipment of heavy bombs to Israel.",
                type_="SANCTION").target.country == "ISR"


def test_the_person_killed_is_the_target_of_a_strike_on_a_car(extractor):
    e = _one(extractor, "A US drone strike on a vehicle in Baghdad killed a senior Kata'ib Hezbollah commander.")
    assert e.target.country == "IRQ"


def test_a_remark_on_the_event_just_told_is_not_a_second_event(extractor):
    events = _events(extractor, "Two rockets were fired at a US base in Iraq on Monday. It was the first attack on "
                                "the base in several weeks.")
    assert len(events) == 1


def test_members_of_a_force_are_that_force(extractor):
    e = _one(extractor, "An Israeli airstrike in Damascus killed five members of Iran's Revolutionary Guards.")
    assert (e.target.id, e.target.country) == ("irgc", "IRN")


def test_irregular_past_forms_reach_the_parser(extractor):
    assert _one(extractor, "Israel withdrew its ground forces from southern Gaza.", type_="RETREAT")
    assert _one(extractor, "The two leaders spoke by phone on Thursday.", type_="CONSULT")


def test_summoning_an_envoy_is_a_protest_and_own_envoys_are_not_the_target(extractor):
    e = _one(extractor, "Iraq summoned Iran's ambassador.", type_="ACCUSE")
    assert e.target.country == "IRN"
    assert _events(extractor, "He summoned his courage.", type_="ACCUSE") == []
    e = _one(extractor, "Chile recalled its ambassador.", type_="SANCTION")
    assert e.target is None


def test_a_promised_punishment_is_a_threat_by_the_speaker(extractor):
    e = _one(extractor, "Khamenei said Israel had brought a severe punishment upon itself.", type_="THREATEN")
    assert e.actor.country == "IRN" and e.target.country == "ISR"


# --- counts of attacks, other clauses, places of origin (new-user trial, 2026-12-01) -----------------------
def test_quantity_and_series_nouns_make_an_aggregate(extractor):
    assert _one(extractor, "Militias have carried out dozens of attacks on US bases this year.").aggregate.min == 24
    assert _one(extractor, "The US launched a series of strikes on Houthi radar sites.").aggregate == Count(2, None)
    assert _one(extractor, "Several attacks hit the base in December.").aggregate == Count(3, None)


def test_a_count_of_attacks_beside_a_single_raid_is_its_own_event(extractor):
    events = _events(extractor, "Israel said the raid answered hundreds of attacks by the Houthis since October.")
    assert any(e.aggregate == Count(200, None) for e in events)


def test_an_event_or_weapon_is_not_a_party(extractor):
    e = _one(extractor, "Scores of drone attacks have hit shipping in the Red Sea.")
    assert e.actor is None and e.aggregate == Count(40, None)


def test_a_base_of_a_state_is_its_military_and_not_a_place_in_that_state(extractor):
    e = _one(extractor, "Militias fired rockets at US bases on Tuesday.")
    assert (e.target.country, e.target.kind) == ("USA", "military")
    assert e.location is None


def test_where_the_missiles_came_from_is_not_where_they_struck(extractor):
    e = _one(extractor, "The ministry said the aircraft fired six missiles from the direction of the Golan Heights.")
    assert e.location is None


def test_an_attack_told_in_an_after_clause_is_a_second_event_a_day_earlier(extractor):
    text = ("Israeli jets bombed the port of Hodeidah on Saturday, killing at least three people, a day after a "
            "Houthi drone struck a building in Tel Aviv and killed one man.")
    events = extractor.extract(Article(id="r", text=text, published="2024-07-21"))
    raid, drone = [e for e in events if e.type == "ASSAULT"]
    assert (raid.location.name, raid.date.start, raid.fatalities) == ("Hodeidah", "2024-07-20", Count(3, None))
    assert (drone.actor.id, drone.mode, drone.location.name) == ("houthis", "drone", "Tel Aviv")
    assert (drone.date.start, drone.date.precision, drone.fatalities) == ("2024-07-19", "day", Count(1, 1))


def test_casualties_in_the_attack_already_told_are_not_a_new_attack(extractor):
    events = _events(extractor, "Israeli jets bombed the port of Hodeidah on Saturday. The Houthis vowed revenge. "
                                "Around 80 people were injured in the port attack, health officials said.")
    assert len(events) == 1 and events[0].injuries == Count(80, 80)


def test_a_killing_that_will_not_pass_without_punishment_is_a_threat(extractor):
    events = extractor.extract(Article(id="r", text="Israeli jets struck a building in Damascus on Monday. "
                                       "Hezbollah said the killing would not pass without punishment.",
                                       published="2024-04-02"))
    assert [e.type for e in events] == ["ASSAULT", "THREATEN"]
    assert events[1].actor.id == "hezbollah"


def test_a_pronoun_never_puts_an_attacker_on_its_targets_side(extractor):
    events = _events(extractor, "US Navy helicopters sank three boats on Sunday after their crews fired on the "
                                "American helicopters.")
    assert len(events) == 2
    assert all(not (x.actor and x.target and x.actor.country and x.actor.country == x.target.country) for x in events)


def test_the_militia_is_the_group_named_earlier_in_the_sentence(extractor):
    events = _events(extractor, "US warplanes struck two depots used by Kata'ib Hezbollah on Wednesday, two days "
                                "after the militia fired missiles at al-Asad air base.")
    assert events[-1].actor.id == "kataib-hezbollah"


def test_a_date_is_not_a_party(extractor):
    for e in _events(extractor, "Since mid-October, US and coalition forces in Iraq and Syria have been attacked at "
                                "least 46 times."):
        assert e.target is None or "October" not in e.target.text


def test_evidence_ends_with_its_sentence_when_the_next_is_not_parsed(extractor):
    text = "Drones struck the base on Monday. The weather was clear. Officials met on Tuesday."
    for e in extractor.extract(Article(id="r", text=text, published="2024-02-01")):
        assert e.evidence.text in ("Drones struck the base on Monday.", "Officials met on Tuesday.")


def test_only_two_small_ones_is_a_second_count(extractor):
    events = _events(extractor, "There have been no attacks on US forces in Iraq since February 4, and only two "
                                "small ones in Syria.")
    assert [(e.negated, e.aggregate, e.location.country) for e in events] == [
        (True, None, "IRQ"), (False, Count(2, 2), "SYR")]


def test_the_subject_of_announced_sanctions_imposes_them(extractor):
    e = _one(extractor, "Washington announced new sanctions on Hamas financiers on Friday.", type_="SANCTION")
    assert e.actor.id == "united-states"


def test_a_date_that_names_another_event_is_not_this_events_date(extractor):
    e = _one(extractor, "Iran has armed Hamas for years, although Tehran denies any role in the October 7 attack.",
             type_="AID")
    assert e.date is None


def test_ships_linked_to_a_state_are_not_a_sponsored_group(extractor):
    e = _one(extractor, "The Houthis vowed to keep targeting Israel-linked ships until the war in Gaza ends.")
    assert (e.target.kind, e.target.sponsors) == ("civilians", ())
    assert e.location is None  # the war's place, in an 'until' clause, is not the attacks' place


def test_a_withdrawal_is_from_the_place_left_and_a_city_of_x_is_x(extractor):
    e = _one(extractor, "Israel withdrew its ground forces from the southern Gaza city of Khan Younis on Sunday.",
             type_="RETREAT")
    assert e.location.name == "Khan Younis"


def test_the_raid_came_a_day_after_is_the_earlier_attack_dated_the_day_before(extractor):
    text = ("Israeli warplanes struck the port of Hodeidah on Saturday. The raid came a day after a Houthi drone "
            "exploded in central Tel Aviv, killing one man.")
    raid, drone = [e for e in extractor.extract(Article(id="r", text=text, published="2024-07-21"))
                   if e.type == "ASSAULT"]
    assert (drone.location.name, drone.date.start, drone.fatalities, drone.actor.id) == (
        "Tel Aviv", "2024-07-19", Count(1, 1), "houthis")
    assert raid.fatalities is None


def test_more_than_a_dozen_times_is_thirteen_or_more_and_us_forces_are_not_in_the_us(extractor):
    e = _one(extractor, "Since that date, US and coalition forces have been targeted more than a dozen times.")
    assert e.aggregate == Count(13, None)
    assert e.location is None or e.location.country != "USA"


def test_the_first_attacks_beside_an_attack_is_a_remark_not_a_count(extractor):
    events = _events(extractor, "Drones targeted US troops at bases in Iraq on Tuesday, the first attacks on American "
                                "forces in the region since the war began.")
    assert len(events) == 1 and events[0].aggregate is None


def test_a_site_tagged_as_a_person_is_no_party(extractor):
    for e in _events(extractor, "Drones struck al-Tanf on Thursday."):
        assert e.target is None or e.target.kind != "person"


def test_several_sites_under_fire_name_them_all(extractor):
    e = _one(extractor, "Al-Asad air base, the Erbil air base and the al-Tanf garrison have all come under fire.")
    assert e.location.precision == "region" and e.location.country is None
    assert "Erbil" in e.location.name and "Tanf" in e.location.name


def test_the_object_of_a_kidnapping_is_its_target(extractor):
    e = _one(extractor, "The kidnapping of three aid workers near Goma drew wide anger.")
    assert e.mode == "abduction" and e.target.kind == "civilians"
    assert _one(extractor, "The shelling of the last two days hit a school in Kherson.").target.text == "a school"


def test_a_shared_object_and_the_owner_of_facilities(extractor):
    assert _one(extractor, "Iran has armed and trained the Houthis for years.", type_="AID").target.id == "houthis"
    e = _one(extractor, "US warplanes struck two facilities belonging to Kata'ib Hezbollah in Iraq overnight.")
    assert e.target.id == "kataib-hezbollah"


def test_an_attack_included_in_a_count_is_its_own_event_and_a_negation_has_no_dead(extractor):
    text = ("Since the US retaliatory strikes of 2 February, there have been no attacks on US forces in Iraq and only "
            "two in Syria, including a drone strike on 4 February that killed six Kurdish fighters.")
    events = [e for e in extractor.extract(Article(id="r", text=text, published="2024-02-20")) if e.type == "ASSAULT"]
    assert len(events) == 4
    none = next(e for e in events if e.negated)
    two = next(e for e in events if e.aggregate is not None)
    strike = next(e for e in events if e.date is not None and e.date.start == "2024-02-04")
    before = next(e for e in events if e not in (none, two, strike))  # a past incident named in passing
    assert before.date.start == "2024-02-02" and before.actor.country == "USA" and before.fatalities is None
    assert none.negated and none.fatalities is None and none.date.start == "2024-02-02"
    assert none.mode is None  # the drone was the counted strike's means, not the attacks that did not happen
    assert two.aggregate == Count(2, 2)
    assert (strike.date.start, strike.fatalities, strike.mode) == ("2024-02-04", Count(6, 6), "drone")


# --- mentions that are not a new event (generic.py) ----------------------------------------------------------
def test_a_bare_plural_is_a_kind_of_event_not_one(extractor):
    assert _events(extractor, "Armed groups rarely claim credit for attacks on aid convoys.") == []
    assert _events(extractor, "The minister said terror attacks will not change the government's course.") == []


def test_counted_dated_or_deadly_plurals_are_events(extractor):
    assert _one(extractor, "The militia has carried out dozens of attacks on army posts since March.")
    assert _one(extractor, "Government airstrikes hit two villages near the river on Tuesday.")
    assert _one(extractor, "Four soldiers were killed in airstrikes near the border.")
    assert _one(extractor, "Hours later, the navy carried out what it called defensive strikes on two radar sites.")


def test_habits_classes_and_reductions_of_attacks_are_kinds(extractor):
    assert _events(extractor, "Ambushes on supply convoys are usually blamed on local gangs.") == []
    assert _events(extractor, "Not all bombings in the province fit that pattern, analysts say.") == []
    assert _events(extractor, "The new chief has slashed assaults on prison guards through better training.") == []
    assert _one(extractor, "All attacks on the garrison were repelled on Monday.")


def test_a_plea_not_to_shoot_is_no_report(extractor):
    assert _events(extractor, "Marchers held signs reading \"don't shoot\" outside the station.") == []
    e = _one(extractor, "The guards did not shoot at the crowd on Friday.")
    assert e.negated  # a deed not done is still reported, negated


def test_a_strike_a_force_is_ready_to_make_is_a_capability(extractor):
    assert _events(extractor, "The navy boasted that its crews are ready to sink any intruder with one strike.") == []


def test_such_attacks_and_that_type_of_attack_are_kinds(extractor):
    assert _events(extractor, "Officials said such attacks were hard to prevent.") == []
    assert _events(extractor, "Few expected that type of an attack from a small cell.") == []


def test_a_later_definite_mention_of_a_told_attack_is_not_a_second_event(extractor):
    events = _events(extractor, "A rocket hit an army depot near the port on Monday. The attack drew condemnation "
                                "from the governor. That strike was the first in the area this year.")
    assert len(events) == 1 and events[0].evidence.text.startswith("A rocket hit")


def test_a_definite_mention_with_new_facts_stays(extractor):
    events = _events(extractor, "Gunmen opened fire on a bus station on Friday. The attack killed nine people, "
                                "police said.")
    assert len(events) == 2


def test_a_first_definite_mention_is_an_event(extractor):
    assert _one(extractor, "The bombing of the bridge cut the only road into the valley.")


def test_cyber_and_verbal_attacks_are_not_force(extractor):
    assert _events(extractor, "Hackers launched cyber attacks on the bank's servers.") == []
    assert _events(extractor, "The two candidates verbally attacked each other during the debate.") == []
    assert _events(extractor, "The opposition leader attacked the budget proposal in parliament.") == []


def test_hacking_and_withering_attacks_are_not_force(extractor):
    # spaCy gives the modifiers as the lemmas "hack" and "wither"
    assert _events(extractor, "State-backed hacking attacks on the city's water utility grew last year.") == []
    assert _events(extractor, "The senator shrugged off the withering attacks against her in the press.") == []


def test_striking_fear_is_not_a_strike(extractor):
    assert _events(extractor, "The night patrols were meant to strike fear into the villagers.") == []


def test_criticism_and_figurative_sieges_are_not_force(extractor):
    assert _events(extractor, "The ministry has come under fire over its handling of the tender.") == []
    assert _events(extractor, "Teachers say they feel under siege from constant inspections.") == []
    assert _one(extractor, "Troops have kept the town under siege for three weeks.")


def test_a_clash_over_policy_is_a_dispute(extractor):
    assert _events(extractor, "Two party leaders clash over tax policy in a televised debate.") == []
    assert _one(extractor, "Farmers clashed with herders over grazing land, leaving four dead.")


def test_fighting_between_armed_parties_or_for_a_place_is_an_attack(extractor):
    assert _one(extractor, "Rebel fighters battled government troops near the airport on Tuesday.")
    assert _one(extractor, "There were skirmishes between riot police and stone-throwing youths outside the stadium.")
    assert _one(extractor, "Thousands of families fled the battle for the port city.")
    assert _one(extractor, "Medics were trapped by a fierce fight in the hills west of Kandahar.")


def test_fights_of_words_causes_and_weather_are_not_attacks(extractor):
    assert _events(extractor, "The minister promised a long fight against corruption.") == []
    assert _events(extractor, "The senator battled cancer for years.") == []
    assert _events(extractor, "The brothers fought a bitter legal battle over the estate.") == []
    assert _events(extractor, "The two parties are locked in a battle for votes in Ohio.") == []
    assert _events(extractor, "Rescue crews battled gale-force winds all night.") == []
    assert _events(extractor, "More soldiers were sent to the north to fight the insurgents.", "ASSAULT") == []


def test_setting_fire_to_property_is_arson(extractor):
    assert _one(extractor, "Rioters set two police cars on fire outside the town hall.")
    assert _one(extractor, "A crowd angry over the verdict set fires to the consulate.")
    assert _one(extractor, "Masked men torched a bus depot overnight.")
    assert _events(extractor, "The farmer set fire to dry brush at the edge of his field.") == []
    assert _events(extractor, "The company set a record for quarterly sales.") == []


def test_an_attack_noun_tagged_as_a_verb_is_still_an_attack(extractor):
    # the tagger takes "airstrikes" here for a verb (VBZ) that is the subject of "weaken"
    assert _one(extractor, "The envoy says that airstrikes being conducted by the alliance against the militia "
                           "will weaken it.")


def test_control_of_an_institution_is_not_territory(extractor):
    assert _events(extractor, "The president has steadily taken control of the courts and the media.") == []
    assert _one(extractor, "Rebel fighters took control of the town after two days of fighting.")


def test_retaliation_as_a_motive_is_not_a_second_attack(extractor):
    assert len(_events(extractor, "Artillery shelled the ridge on Sunday in retaliation for a mortar attack.")) == 1
    assert _events(extractor, "Small groups often stay silent to avoid retaliation.") == []


def test_a_capacity_to_kill_is_not_a_killing(extractor):
    assert _events(extractor, "The new rifles have the capacity to kill at two kilometres.") == []


def test_hitting_a_thing_at_a_protest_is_not_an_attack(extractor):
    assert _events(extractor, "A marcher hits a cardboard effigy during the protest.") == []
    assert _one(extractor, "A drone hit the depot during the night raid.")


def test_police_or_troops_hitting_someone_is_force(extractor):
    assert _one(extractor, "A riot policeman hits a student outside the courthouse.")
    assert _events(extractor, "Police hit the streets early to manage the crowds.") == []
    assert _events(extractor, "The slowdown hit farmers in the south hardest.") == []


# --- second look at the parties (extract/roles.py) ----------------------------------------------------------
def test_an_attack_on_a_hosted_base_targets_its_occupant(extractor):
    e = _one(extractor, "On Monday a rocket hit Harir air base in northern Iraq.")
    assert (e.target.id, e.target.country, e.target.kind) == ("us-military", "USA", "military")


def test_the_occupant_is_not_given_when_the_attacker_is_the_occupant(extractor):
    e = _one(extractor, "On Monday American forces opened fire at Harir air base after a rocket landed nearby.")
    assert e.target is None or e.target.country != "USA"


def test_condemning_a_strike_accuses_whoever_carried_it_out(extractor):
    e = _one(extractor, "Israeli jets struck a depot near Damascus on Sunday. Syria's foreign ministry condemned "
                        "the strike as a crime.", type_="ACCUSE")
    assert e.target.country == "ISR"
    e = _one(extractor, "Several governments condemned Iran's missile attack on Israel.", type_="ACCUSE")
    assert e.target.country == "IRN"


def test_a_state_owning_a_strike_is_its_military(extractor):
    e = _one(extractor, "A US drone strike hit a car in Baghdad on Tuesday.")
    assert (e.actor.country, e.actor.kind) == ("USA", "military")


def test_the_condition_of_a_threat_names_its_target(extractor):
    e = _one(extractor, "The minister warned that Israel would strike hard if Hezbollah fired again.", "THREATEN")
    assert (e.target.id, e.target.sponsors) == ("hezbollah", ("IRN",))


def test_supporters_of_a_group_are_civilians_of_its_country(extractor):
    e = _one(extractor, "Hundreds of supporters of Hezbollah protested outside the embassy on Friday.",
             "PROTEST")
    assert (e.actor.country, e.actor.kind) == ("LBN", "civilians")


def test_who_acted_when_the_trigger_names_nobody(extractor):
    e = _one(extractor, "Two sailors were killed when a Houthi missile slammed into a tanker in the Red Sea.")
    assert (e.actor.id, e.actor.sponsors) == ("houthis", ("IRN",))
    e = _one(extractor, "The tanker was hit by a drone fired from Houthi-held territory on Monday.")
    assert e.actor.id == "houthis"
    e = _one(extractor, "A soldier was wounded when a rocket fired from Lebanon hit a base in Safed.")
    assert e.actor is None or e.actor.kind != "state"  # a launch point is not the state that fired


def test_a_spokesman_s_warning_conjoined_to_his_report_is_his(extractor):
    e = _one(extractor, "A Houthi spokesman said three fighters had died and warned that the raids would not go "
                        "unanswered.", "THREATEN")
    assert e.actor.id == "houthis"


def test_the_definite_demonym_group_is_the_group_named_before(extractor):
    text = "Israel blamed Hezbollah for the rocket. The Lebanese group denied any involvement."
    e = [x for x in extractor.extract(Article(id="r", text=text, published="2024-07-28")) if x.status == "denied"]
    assert e and e[0].actor.id == "hezbollah"


def test_the_generic_object_takes_its_owner_from_the_clause(extractor):
    e = _one(extractor, "Warplanes struck 30 targets across Yemen, hitting Houthi missile depots.")
    assert e.target.id == "houthis"
    e = _one(extractor, "A gunship hit a truck carrying Nujaba fighters near Baghdad.")
    assert e.target.id == "nujaba"


def test_an_after_clause_is_an_event_of_its_own_with_its_own_place_and_toll(extractor):
    fired, struck = _events(extractor, "Hezbollah fired rockets at army posts across northern Israel on Tuesday, "
                                       "after an Israeli strike killed one of its commanders in southern Lebanon.")
    assert fired.actor.id == "hezbollah" and fired.location.country == "ISR" and fired.fatalities is None
    assert struck.actor.country == "ISR" and struck.location.country == "LBN"
    assert struck.fatalities == Count(1, 1)
    assert struck.target.country == "LBN" and struck.target.kind == "person"  # "its": not the attacker's own side


def test_talks_during_a_visit_are_held_where_the_visit_went(extractor):
    e = _one(extractor, "The envoy held talks with the king during a visit to Bahrain on Monday.", "CONSULT")
    assert e.location.country == "BHR"


def test_military_things_of_a_state_are_its_military(extractor):
    e = _one(extractor, "A US Reaper drone was shot down over Yemen on Monday by a Houthi missile.")
    assert (e.target.country, e.target.kind) == ("USA", "military")
    e = _one(extractor, "Israeli jets struck military targets in Iran on Saturday.")
    assert (e.target.country, e.target.kind) == ("IRN", "military")


def test_the_one_threatened_is_not_the_speaker(extractor):
    e = _one(extractor, "Hezbollah held Israel responsible and promised it would pay a heavy price.", "THREATEN")
    assert e.actor.id == "hezbollah" and e.target.country == "ISR"


def test_conjoined_victims_add_up_and_a_named_victim_counts_one(extractor):
    e = _one(extractor, "A blast hit a flat in Sidon on Monday, killing militant leader Ahmad Karimi and four others.")
    assert e.fatalities == Count(5, 5)
    e = _one(extractor, "A drone strike in Mosul killed a senior commander and one of his guards.")
    assert e.fatalities == Count(2, 2)


def test_nobody_hurt_after_an_attack_means_no_casualties(extractor):
    e = _one(extractor, "Two rockets struck near a US base in Syria on Friday. Nobody was hurt.")
    assert e.injuries == Count(0, 0) and e.fatalities == Count(0, 0)
    e = _one(extractor, "The Houthis fired a missile at a tanker in the Red Sea. No injuries were reported.")
    assert e.injuries == Count(0, 0)


def test_a_call_is_between_the_teller_and_the_told(extractor):
    e = _one(extractor, "Antony Blinken told Benjamin Netanyahu in a phone call that Washington would send aid.",
             "CONSULT")
    assert (e.actor.country, e.actor.kind, e.target.country) == ("USA", "person", "ISR")


def test_a_past_speech_verb_conjoined_to_a_reported_clause_is_the_teller_s(extractor):
    e = _one(extractor, "Joe Biden told Benjamin Netanyahu that Washington would not join any attack and urged "
                        "him to show restraint.", "REQUEST")
    assert (e.actor.country, e.actor.kind) == ("USA", "person")


def test_second_look_rules_do_not_guess(extractor):
    text = "US jets struck a depot on Monday. The UN report blamed three attacks on the Syrian government."
    e = _one(extractor, text, "ACCUSE")
    assert e.target is None or e.target.country != "USA"  # the one blamed is named, not the earlier attacker
    e = _events(extractor, "Senior Commander Karimi Killed in Syria - the group buried him on Friday after he was "
                           "killed in a blast near Damascus.")
    assert all(x.actor is None or x.actor.kind != "person" for x in e)  # the victim is not the attacker
    e = _one(extractor, "The Paris attacks shocked Europe.")
    assert e.actor is None or e.actor.kind != "military"
    e = _events(extractor, "The governor vowed the state will help voters even if it means extra offices.", "THREATEN")
    assert all(x.target is None for x in e)  # a vow of help is no threat (sense.vow-of-force); none guessed anyway


def test_a_victim_named_with_their_group_is_a_person_of_its_country(extractor):
    e = _one(extractor, "A drone strike in Baghdad killed a senior commander of Asaib Ahl al-Haq on Sunday.")
    assert (e.target.country, e.target.kind) == ("IRQ", "person")


def test_condemning_them_after_the_strikes_accuses_the_striker(extractor):
    text = ("US jets struck five sites in Iraq on Friday. The government said nine people were killed in the "
            "strikes, and condemned them as a breach of its sovereignty.")
    e = _one(extractor, text, "ACCUSE")
    assert e.target.country == "USA"


# --- when it happened, and what belongs to another event (timing.py) ----------------------------------------
def test_a_date_the_act_takes_effect_is_not_its_date(extractor):
    e = _one(extractor, "Earlier today the Treasury announced the designation of the militia as a terrorist group, "
                        "effective March 3rd.", type_="SANCTION")
    assert e.date is not None and e.date.start == "2024-02-01"  # the day it was announced (the publication day)
    e = _one(extractor, "The Treasury imposed sanctions on two militia leaders on Tuesday, effective immediately.",
             type_="SANCTION")
    assert e.date.start == "2024-01-30"


def test_the_day_of_a_statement_does_not_date_the_attack_it_reports(extractor):
    e = _one(extractor, "A spokesman said on Tuesday that the militia's rockets hit an airfield in Syria.")
    assert e.date is None  # said on Tuesday; the rockets may have flown days before


def test_a_trailing_attribution_day_does_not_date_the_attack(extractor):
    e = _one(extractor, "Gunmen fired mortars at a police post in Kirkuk, the interior ministry said on Monday.")
    assert e.date is None


def test_an_attack_dated_in_its_own_clause_keeps_its_day(extractor):
    e = _one(extractor, "Officials said gunmen fired mortars at a police post in Kirkuk on Monday.")
    assert e.date is not None and e.date.start == "2024-01-29"


def test_an_announced_decision_is_dated_by_its_announcement(extractor):
    e = _one(extractor, "The armed faction announced on Tuesday that it was halting its operations against "
                        "American forces.", type_="RETREAT")
    assert e.date is not None and e.date.start == "2024-01-30"


def test_the_attack_retaliated_for_lends_nothing_to_the_retaliation(extractor):
    e, told = _events(extractor, "Britain struck back on Thursday in retaliation for the missile attack that killed "
                                 "two British sailors.")  # the deadly attack named is an incident of its own
    assert (told.fatalities, told.mode, told.target.country) == (Count(2, 2), "missile", "GBR")
    assert e.actor.country == "GBR"
    assert e.target is None or e.target.country != "GBR"  # the sailors were the other attack's victims
    assert e.fatalities is None and e.mode is None  # their deaths and the missile belong to that attack
    assert e.date is not None and e.date.start == "2024-02-01"


def test_a_retaliation_keeps_its_own_victims(extractor):
    e = _one(extractor, "Jets bombed a depot near Deir ez-Zor, killing four fighters, in response to the rocket "
                        "attack on the base.")
    assert e.fatalities == Count(4, 4) and e.mode != "rocket"


def test_a_demand_under_a_condition_is_neither_occurred_nor_negated(extractor):
    e = _one(extractor, "The envoy said the army must not launch an offensive on the town unless civilians "
                        "can leave.")
    assert (e.status, e.negated) == ("hypothetical", False)


def test_a_plain_denial_that_an_attack_happened_stays_negated(extractor):
    e = _one(extractor, "The army did not launch an offensive on the town.")
    assert e.status == "occurred" and e.negated


def test_a_strike_that_should_deter_others_still_occurred(extractor):
    e = _one(extractor, "Officials said the strike on the depot should deter the militia.")
    assert e.status == "occurred"


def test_the_day_after_an_attack_dates_the_attack_a_day_earlier(extractor):
    e = _one(extractor, "The envoy landed in Amman on 12 January, the day after the rocket attack on the embassy.")
    assert e.date is not None and (e.date.start, e.date.end) == ("2024-01-11", "2024-01-11")


def test_an_attack_named_only_to_time_a_visit_gets_no_date(extractor):
    e = _one(extractor, "The envoy landed in Amman on 12 January after the rocket attack on the embassy.")
    assert e.date is None  # some time before the 12th: not the 12th


# --- one attack, or a kept-up activity or a count (generic.py, aggregates.py) ---------------------------------
def test_attacks_kept_up_over_time_are_not_one_attack(extractor):
    assert _events(extractor, "Prosecutors said the cell had been preparing and staging attacks on police "
                              "stations.") == []


def test_attacks_carried_out_this_week_are_still_reported(extractor):
    e = _one(extractor, "Gunmen have carried out attacks on two checkpoints this week.")
    assert e.status == "occurred" and not e.negated


def test_volleys_of_one_attack_are_not_a_count_of_attacks(extractor):
    e = _one(extractor, "Three volleys of mortar rounds slammed into the camp on Monday.")
    assert e.aggregate is None


def test_blasts_heard_are_not_a_count_of_attacks(extractor):
    e = _one(extractor, "Witnesses reported a string of heavy blasts near the harbour on Monday.")
    assert e.aggregate is None


def test_counted_attacks_stay_a_count(extractor):
    e = _one(extractor, "Rebels carried out four attacks on army posts on Monday.")
    assert e.aggregate == Count(4, 4)


def test_an_approximate_count_of_attacks_is_not_exact(extractor):
    e = _one(extractor, "Gunmen have attacked the convoy route roughly 40 times since June.")
    assert e.aggregate == Count(2, None)  # a count of attacks, but not exactly 40


def test_a_range_of_two_full_dates_is_that_range_not_the_month(extractor):
    e = _one(extractor, "Militias attacked US patrols between 17 October and 30 October.")
    assert e.date is not None and (e.date.start, e.date.end) == ("2023-10-17", "2023-10-30")


# --- uses of force as official releases tell them (force.py, readers.py) ------------------------------------
def test_weapons_destroyed_on_the_ground_are_a_strike_on_their_owner(extractor):
    e = _one(extractor, "On Saturday, CENTCOM forces destroyed three Houthi unmanned aerial vehicles in "
                        "Houthi-controlled areas of Yemen.")
    assert (e.actor.country, e.actor.kind) == ("USA", "military")
    assert (e.target.country, e.target.kind) == ("YEM", "armed_group") and e.location.country == "YEM"
    assert e.mode is None  # the drones were what was hit, not the means
    assert not _events(extractor, "Heavy rains destroyed three bridges in the north of Yemen on Saturday.")


def test_what_was_hit_gives_no_mode_but_the_means_does(extractor):
    assert _one(extractor, "The strikes targeted missile launchers and radar sites near the coast.").mode is None
    assert _one(extractor, "Coalition aircraft destroyed two rebel boats near the port.").mode == "aerial"
    assert _one(extractor, "Rebels struck the tanker in a suspected drone attack on Friday.").mode == "drone"


def test_intercepted_weapons_belong_to_whoever_launched_them(extractor):
    events = _events(extractor, "Houthi forces launched a wave of drones toward the strait on Monday. A US destroyer "
                                "and two British frigates shot down 14 of the drones.")
    launch, downing = events
    assert launch.mode == "drone" and launch.actor.country == "YEM"
    assert downing.actor.country == "USA" and downing.target.text == "the drones" and downing.target.country == "YEM"
    downed = _events(extractor, "Houthi rebels fired two ballistic missiles toward the strait on Monday. USS Mason "
                                "intercepted one of the missiles.")[1]
    assert (downed.actor.country, downed.actor.kind) == ("USA", "military")
    assert downed.target.country == "YEM"


def test_a_toll_told_after_an_interception_is_the_attack_s(extractor):
    attack = _events(extractor, "Militants fired a volley of rockets at the air base on Sunday. A US destroyer "
                                "intercepted most of the rockets. Two contractors were wounded.")[0]
    assert attack.mode == "rocket" and attack.injuries == Count(2, 2)


def test_forces_after_an_opening_phrase_are_the_subject(extractor):
    e = _one(extractor, "At the direction of the President, U.S. forces, including Navy fighter jets, conducted "
                        "strikes on three weapons depots in Yemen.")
    assert (e.actor.country, e.actor.kind) == ("USA", "military")


def test_sites_operated_by_a_group_are_its_own_and_an_uncrewed_boat_is_no_civilian(extractor):
    e = _one(extractor, "Navy jets conducted strikes against a drone storage facility and a command facility "
                        "operated by Kata'ib Hezbollah in Iraq.")
    assert e.target.id == "kataib-hezbollah"
    e = _one(extractor, "The frigate destroyed an uncrewed surface vessel in the Red Sea.")
    assert e.target is None or e.target.kind != "civilians"


def test_where_struck_weapons_were_aimed_is_not_where_they_were_struck(extractor):
    e = _one(extractor, "US forces struck four Houthi missiles that were prepared to launch against ships in the "
                        "Red Sea.")
    assert e.location is None or e.location.name != "Red Sea"


def test_a_coalition_has_no_home_state_and_nobody_is_no_party(extractor):
    e = _one(extractor, "U.S. and U.K. forces conducted strikes on radar sites in Yemen on Monday.")
    assert e.actor.country is None and e.actor.kind == "military"
    for e in _events(extractor, "A bomb exploded at a market in Kabul on Monday. No group claimed the bombing."):
        assert e.actor is None or "No group" not in e.actor.text


def test_where_a_weapon_was_fired_from_is_not_where_it_hit(extractor):
    e = _one(extractor, "Houthi militants fired a ballistic missile from Houthi-controlled areas of Yemen and struck "
                        "a tanker on Friday.")
    assert e.location is None or e.location.country != "YEM"
    e = _one(extractor, "US forces struck three Houthi missiles that were prepared to launch from Houthi-controlled "
                        "areas of Yemen.")
    assert e.location.country == "YEM"


def test_strikes_a_campaign_consists_of_are_the_campaign_doer_s(extractor):
    e = _one(extractor, "Central Command launched a series of operations on Saturday consisting of precision strikes "
                        "against Houthi targets across Yemen.")
    assert (e.actor.country, e.actor.kind) == ("USA", "military")


def test_a_launch_named_in_an_interception_is_its_own_incident(extractor):
    downing, launch = _events(extractor, "British and US warships shot down 12 drones and a cruise missile fired by "
                                         "the Houthis over the Red Sea on Monday.")
    assert downing.actor.country is None and launch.actor.country == "YEM" and launch.location.name == "Red Sea"
    events = _events(extractor, "The Houthis fired two missiles at a tanker on Monday. A destroyer shot down the "
                                "second missile fired by the Houthis.")
    assert len(events) == 2  # the launch of a salvo told before is no new incident


def test_the_aim_of_a_salvo_and_a_carrier_named_by_its_navy(extractor):
    e = _one(extractor, "Houthi forces fired six missiles and a drone at the aircraft carrier USS Eisenhower in the "
                        "Red Sea on Friday.")
    assert (e.target.country, e.target.kind) == ("USA", "military") and e.actor.country == "YEM"
    e = _one(extractor, "Militants fired rockets and mortars at a bulk carrier near the port on Friday.")
    assert e.target.kind == "civilians"


def test_a_deadly_attack_named_as_the_reason_is_an_incident_of_its_own(extractor):
    strike, attack = _events(extractor, "US jets struck militia depots in Syria on Friday in response to the drone "
                                        "attack that killed three American soldiers in Jordan last Sunday.")
    assert strike.actor.country == "USA" and strike.fatalities is None
    assert (attack.fatalities, attack.mode, attack.location.country) == (Count(3, 3), "drone", "JOR")
    assert attack.date.start == "2024-01-28"
    assert len(_events(extractor, "US jets struck militia depots in Syria in response to the drone attacks.")) == 1


def test_a_toll_is_not_lent_to_attacks_named_in_a_clause(extractor):
    events = _events(extractor, "A drone strike in Baghdad on Friday killed a commander of a militia the Pentagon "
                                "blames for attacks on US troops.")
    assert events[0].fatalities == Count(1, 1)
    assert all(e.fatalities is None for e in events[1:])


def test_tolls_of_two_clauses_add_up_but_not_a_part_of_them(extractor):
    e = _one(extractor, "Rockets hit the base on Saturday. Four US soldiers were injured, and at least two Iraqi "
                        "guards were wounded.")
    assert e.injuries == Count(6, None)
    e = _one(extractor, "Rockets hit the base on Saturday. Four US soldiers were injured, and two of them were "
                        "badly wounded.")
    assert e.injuries == Count(4, 4)


def test_conducted_strikes_targeting_and_missiles_fired_into_shipping_lanes(extractor):
    e = _one(extractor, "Coalition jets conducted airstrikes on Monday targeting al-Shabaab fighters in Somalia.")
    assert e.target.kind == "armed_group"
    e = _one(extractor, "Houthi rebels fired two missiles into international shipping lanes in the Red Sea.")
    assert e.target.kind == "civilians" and e.location.name == "Red Sea"


def test_where_the_next_sentence_puts_struck_weapons_is_the_strike_s_place(extractor):
    strike = _one(extractor, "On Monday, US forces struck two Houthi cruise missiles. These missiles were aimed into "
                             "the Red Sea and were prepared to launch from Houthi-controlled areas of Yemen.")
    assert strike.location.country == "YEM"


def test_a_stated_need_after_and_is_the_first_verbs_subjects(extractor):
    e = _one(extractor, "Jordan reaffirmed its support for the truce and underscored the importance of aid to Gaza.",
             type_="REQUEST")
    assert e.actor is not None and e.actor.country == "JOR"
