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
    ("sense.modifier-not-event", "Qatar urged both sides to return to the negotiating table.", True),
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
    ("sense.aid-noun", "Royal Air Force planes carried out an airdrop of food into Gaza.", False),
    ("sense.aid-noun", "Officials said the airdrop was dangerous.", True),
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
    ("drop.a-kind", "The air force carried out nearly 40 such raids last year in the north.", False),
    ("drop.generic-plural", "Simply put, these raids threaten the peace of the whole region.", True),
    ("drop.generic-plural", "Militants raided two villages on Monday. These raids killed five farmers.", False),
    ("drop.re-mention", "Jets struck militant camps in Somalia on Monday. The group claimed the deadly attack on a "
     "hotel in Kenya's capital last week.", False),
    ("drop.re-mention", "Jets struck militant camps in Somalia on Monday. The attack in Somalia drew protests.", True),
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
    ("refine.victims-counted", "A rocket hit the camp, wounding four soldiers and two interpreters.", True),
    ("refine.victims-counted", "A rocket hit the camp, wounding four soldiers.", False),
    ("refine.weapon-is-no-actor", "Houthi rockets struck the base.", False),
    ("refine.visit-place", "Blinken met Sudani in Baghdad.", False),
    ("refine.place-as-written", "Rebels shelled three villages in Idlib province overnight.", True),
    ("refine.place-as-written", "Rebels shelled three villages near Idlib overnight.", False),
    ("refine.place-modifier", "Lawmakers met a week after the Manchester bombing.", True),
    ("refine.place-modifier", "Lawmakers met a week after the US strike.", False),
    ("refine.place-modifier", "Lawmakers met a week after Moscow's strikes.", False),
    ("refine.place-unlisted-name", "Militants ambushed a patrol near Tal Harmoush on Monday.", True),
    ("refine.place-unlisted-name", "Militants ambushed a patrol in Hezbollah territory on Monday.", False),
    ("refine.place-unlisted-name", "Militants ambushed a patrol in March.", False),
    ("refine.place-of-setting", "A teenager was wounded at a protest on Friday in the port city of Basra.", True),
    ("refine.place-of-setting", "A teenager was wounded at a protest on Friday.", False),
    ("refine.talks-told", "Austin spoke with Gallant by phone.", False),
    ("refine.condemned-perpetrator", "Baghdad condemned the decision.", False),
    ("refine.state-strike-is-military", "The Paris attacks killed 130 people.", False),
    ("refine.conditional-target", "Israel warned it would strike.", False),
    ("refine.supporters-of", "Hundreds of people rallied in Sanaa.", False),
    ("refine.one-side-each", "Houthi boats fired on the American helicopters.", False),
    ("refine.one-side-each", "Army commanders said al-Shabaab fighters were killed after they attacked Somali "
     "troops near Jilib.", False),
    ("refine.without-reason-counts", "The US struck militia sites, killing three fighters.", False),
    ("refine.story-day", "A drone struck the base. The attack wounded three soldiers.", False),
    ("more.ellipsis", "There have been no attacks in Iraq since then.", False),
    ("article.nobody-hurt", "A drone struck the base on Monday, wounding two soldiers.", False),
    ("article.no-injuries-next", "A rocket hit the embassy compound. Two guards were injured.", False),
    ("refine.first-person-is-publisher", "We strongly condemn the attack on the train.", False),  # no publisher
    ("refine.publisher-condemns", "[source: U.S. Department of State] These attacks on the convoy are unacceptable.",
     True),
    ("refine.publisher-condemns", "[source: Reuters] These attacks on the convoy are unacceptable.", False),
    ("refine.publisher-condemns", "[source: U.S. Department of State] Iran said the attacks on the convoy were "
     "unacceptable.", False),
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
    ("article.toll-to-incident", "Militants fired rockets at the air base on Saturday. Most of the rockets were "
                                 "shot down. Two soldiers were killed in Kirkuk on Sunday.", False),  # own place, day
    ("article.toll-to-incident", "Militants fired rockets at the air base on Saturday. Israeli jets struck Gaza, "
                                 "and two militants were killed.", False),  # its sentence tells another attack
    ("article.focus-country", "Gunmen attacked a camp in Darfur, Sudan, on Monday. The camp hosts many people. "
                              "Separately, militants shelled a market, killing eight.", False),  # another topic
    ("article.focus-country", "Gunmen attacked a camp for displaced people in Darfur, Sudan, on Monday. The fighting "
                              "cut off aid. Houthi militants struck a Greek-owned tanker on Tuesday.", False),  # a ship
    ("group.follow-up", "A drone struck a car in Baghdad on Thursday, killing a commander. Two soldiers died on "
                        "Saturday.", False),  # another day: another incident
    ("drop.intercepted-weapon", "Militants fired rockets at the base. Most of the rockets were shot down.", True),
    ("drop.intercepted-weapon", "Three Houthi drones were shot down by the destroyer USS Carney.", False),  # a party
    ("drop.intercepted-weapon", "US forces intercepted two drones over the Red Sea.", False),  # active: a party acts
    ("drop.intercepted-weapon", "A US MQ-9 Reaper drone was shot down over Yemen.", False),  # a new drone, no weapon
    ("article.readout-day", "[title: Minister Meets with Iraqi Prime Minister] The minister met with the prime "
                            "minister in Baghdad on Monday.", False),  # dated by its sentence
    ("article.readout-day", "[title: Allies Call for a Cease-Fire] The ministers met in Paris to discuss the "
                            "border.", False),  # a call for something is no call with someone
    ("article.title-day", "[title: Central Command Update] Houthi militants struck a Greek-owned bulk carrier with "
                          "a drone boat.", False),  # the title names no day
    ("article.title-day", "[title: June 23 Central Command Update] The carrier was hit near Aden. Earlier this "
                          "year, Houthi militants struck a tanker.", False),  # not the lead, and dated
    # uses of force as official texts tell them (force.py), and the general rules they changed
    ("sense.since-point", "Three rounds of sanctions have followed since the October 7 attack on Israel.", False),
    ("drop.re-mention", "A drone hit the base on Monday. The Sunday attack on the depot killed two guards.", False),
    ("sense.part-of-retreat", "The two sides agreed to a three-day pause in the strikes on the port.", True),
    ("refine.story-day", "A drone struck the base on Sunday. Militias have attacked the base in the past.", False),
    ("sense.weapon-launched", "Rockets that were fired by the militia hit the airport on Monday.", True),
    ("sense.weapon-launched", "The missiles launched by the Houthis were shot down on Monday.", False),
    ("sense.weapon-launched", "The company launched a new phone on Monday.", False),
    ("sense.engage-shared-object", "The destroyer engaged and destroyed two hostile drones over the Red Sea.", True),
    ("sense.engage-shared-object", "The envoy engaged and persuaded both delegations.", False),
    ("sense.launched-salvo", "The rebels launched dozens of drones toward the city overnight.", True),
    ("sense.launched-salvo", "Police launched a wave of arrests in the capital overnight.", False),
    ("sense.weapon-destroyed", "The navy said its ships shot down and destroyed 12 of the drones.", True),
    ("sense.weapon-destroyed", "Coalition jets destroyed three rebel rocket launchers near the border.", True),
    ("sense.weapon-destroyed", "The frigate intercepted two drones over the gulf on Friday.", True),
    ("sense.weapon-destroyed", "Two uncrewed aerial vehicles were destroyed over the strait.", True),
    ("sense.weapon-destroyed", "Heavy floods destroyed two bridges near the border.", False),
    ("sense.weapon-destroyed", "Customs officers intercepted a shipment of rifles at the port.", False),
    ("sense.weapon-destroyed", "The storm destroyed two drones parked at the airfield.", False),
    ("article.struck-weapons-place", "US jets struck three rebel rockets on Monday. These rockets were prepared for "
     "launch in eastern Syria.", True),
    ("article.struck-weapons-place", "US jets struck three rebel rockets on Monday. These rockets were prepared for "
     "launch toward Syria.", False),
    ("group.launch-apart", "Navy jets shot down three drones and a missile launched by the Houthis on Friday.", True),
    ("group.launch-apart", "The Houthis said they fired a missile at the tanker on Friday.", False),
    ("drop.victims-named", "Two rockets struck the outpost on Sunday. Medics flew the wounded to a hospital in Erbil.",
     True),
    ("drop.victims-named", "Two rockets struck the outpost on Sunday. Four soldiers were wounded.", False),
    ("refine.weapon-owner", "The destroyer shot down several drones that were launched by Houthi forces.", True),
    ("refine.weapon-owner", "The destroyer shot down two Houthi drones over the Red Sea.", False),
    ("refine.navy-ship", "HMS Richmond shot down two drones over the Red Sea on Tuesday.", True),
    ("refine.navy-ship", "A British warship shot down two drones over the Red Sea on Tuesday.", False),
    ("sense.capture-place", "Insurgents captured the town of Saraqeb on Friday.", True),
    ("sense.capture-place", "The rebels took questions from reporters in the town.", False),
    ("sense.death-of-victims", "Officials confirmed the deaths of four soldiers near the border.", True),
    ("sense.death-of-victims", "The deaths of three children from cholera alarmed the ministry.", False),
    ("sense.launched-operation", "The army launched Operation Northern Shield on Tuesday.", True),
    ("sense.launched-operation", "The army launched a recruitment drive on Tuesday.", False),
    ("sense.engaged-state", "Government troops are engaged in a battle for the airport.", True),
    ("sense.engaged-state", "The two armies engaged in a fierce battle for the airport on Monday.", False),
    ("sense.hostages-held", "The deal would free twenty women held hostage in the tunnels.", True),
    ("sense.hostages-held", "Gunmen were holding hostages inside the hotel on Friday.", False),
    ("group.incident-apart", "Since the October 7 attack on Israel, Houthi militants have fired missiles at ships.", True),
    ("group.incident-apart", "U.S. forces struck four Houthi missiles on Jan. 16.", False),
    ("group.operation-parts", "The army launched Operation Northern Shield, in which jets flew north to strike the "
                              "depots.", True),
    ("group.operation-parts", "The army launched Operation Northern Shield, and jets struck the depots.", False),
    ("group.dated-conjuncts", "The army shelled the town in March, and launched ground raids in May.", True),
    ("group.dated-conjuncts", "The army shelled the town and launched ground raids in May.", False),
    ("drop.characterized-as", "The raid, which the militia described as a massacre, killed nine people.", True),
    ("drop.characterized-as", "US aircraft carried out what the Pentagon described as proportionate strikes.", False),
    ("event.day-after-incident", "Militants began shelling the city the day after the June 3, 2023 bombing of the "
                                 "market.", True),
    ("event.day-after-incident", "Hezbollah began firing rockets into Israel on October 8, 2023.", False),
    ("event.weapon-object-mode", "The militia kept shooting mortars at the camp.", True),
    ("event.weapon-object-mode", "Gunmen started shooting at the crowd.", False),
    ("refine.merchant-ship", "Houthi militants struck the M/V Star Nasia in the Gulf of Aden.", True),
    ("refine.merchant-ship", "US helicopters sank three Houthi boats in the Red Sea.", False),
    ("refine.weapon-anaphor", "Houthi militants fired six missiles. Two of the missiles struck a tanker.", True),
    ("refine.weapon-anaphor", "Houthi militants fired six missiles. Three missiles hit a tanker.", False),
    ("refine.event-anaphor", "Israeli jets bombed the port. The raid did not target the fuel depots.", True),
    ("refine.event-anaphor", "Israeli jets bombed the port. Militants did not target the fuel depots.", False),
    ("refine.first-named-target", "Militants struck two villages, Kafr Kila and Khiam, on Monday.", True),
    ("refine.first-named-target", "Militants struck two villages near the border on Monday.", False),
    ("refine.first-listed-day", "On April 11, April 22 and May 3, jets struck the port.", True),
    ("refine.first-listed-day", "Jets struck the port on March 2.", False),
    ("more.one-per-date", "Jets struck the port on March 2, March 9 and March 16.", True),
    ("more.one-per-date", "Jets struck the port on March 2.", False),
    ("drop.habit", "It often targets high-profile areas of the capital with suicide bombings.", True),
    ("drop.habit", "The militia routinely fires rockets at the base.", True),
    ("drop.habit", "The militia often fired rockets at the base last year, but on Monday it struck the airport.",
     False),
    ("drop.habit", "The militia fires rockets at the base as talks stall, officials say.", False),
    ("more.one-per-date", "Militants bombed a hotel in the capital on Wednesday, Jan. 16, police said.", False),
    ("refine.first-listed-day", "Militants bombed a hotel in the capital on Wednesday, Jan. 16 2019, police said.",
     False),
    ("more.one-per-target", "The Houthis struck two tankers, the M/T Cordelia and the M/V Sounion, last week.", True),
    ("more.one-per-target", "The Houthis struck two tankers in the Red Sea last week.", False),
    ("refine.city-target", "Militants shelled Kharkiv overnight.", True),
    ("refine.city-target", "Militants shelled the outskirts overnight.", False),
    ("refine.state-operation-is-military", "Turkey launched a ground offensive in the north on Monday.", True),
    ("refine.state-operation-is-military", "Iran fired missiles at Israel on Monday.", False),
    ("refine.retaliation-target", "The region braced after Israel's retaliation for Iran's missile attack.", True),
    ("refine.retaliation-target", "The region braced after Israel's retaliation.", False),
    ("refine.defended-target", "Officials praised the defense of Jordan against the drone attack.", True),
    ("refine.defended-target", "Officials praised the defense budget.", False),
    ("refine.claimed-by", "Gunmen stormed the hotel in Mogadishu, an attack claimed by al-Shabaab.", True),
    ("refine.claimed-by", "Gunmen stormed the hotel in Mogadishu on Friday.", False),
    ("sense.readied-weapon", "Militants were seen preparing rockets near the base.", True),
    ("sense.readied-weapon", "Officials were preparing a statement near the base.", False),
    ("event.readied-is-planned", "Militants were seen preparing rockets near the base.", True),
    ("event.readied-is-planned", "Militants fired rockets near the base.", False),
    ("event.launched-weapon-mode", "Sailors shot down two drones and a missile that were launched by the Houthis.", True),
    ("event.launched-weapon-mode", "Sailors shot down two drones on Monday.", False),
    ("refine.story-day", "Rockets hit Haifa on Monday. In March and April 2024, raids grew. Jets struck a depot.", True),
    ("drop.re-mention", "A drone hit the base on Monday. The deadliest attack in a decade followed in Basra.", False),
    # extract/statements.py: statements and acts that are not force (issue 11)
    ("sense.threat-noun-made", "The drones posed a serious threat to shipping in the strait.", True),
    ("sense.threat-noun-made", "The militia issued a threat against the embassy on Monday.", False),
    ("sense.threatens-what", "The group's reckless conduct threatens the security of the whole region.", True),
    ("sense.threatens-what", "Hezbollah threatened to strike Haifa if the raids continued.", False),
    ("sense.vow-of-force", "The new president vowed to pursue reconciliation with the rebels.", True),
    ("sense.vow-of-force", "The militia vowed to avenge the death of its commander.", False),
    ("sense.backing-described", "The militia, supported by Iran, attacked the base.", True),
    ("sense.backing-described", "Turkey backed the rebels with artillery and money.", False),
    ("sense.solidarity-motive", "The militia fired rockets at the base as a sign of solidarity with Hamas.", True),
    ("sense.solidarity-motive", "The minister said Jordan stands in solidarity with the people of Gaza.", False),
    ("sense.stated-support", "The foreign minister reiterated Egypt's firm support for the Palestinian Authority.", True),
    ("sense.stated-support", "The rebels advanced with support from Turkish drones.", False),
    ("sense.partner-pledge", "Japan will remain a reliable partner of Jordan.", True),
    ("sense.partner-pledge", "Japan has been a trading partner of Jordan for decades.", False),
    ("sense.stated-need", "The envoy stressed the need for an immediate halt to the fighting.", True),
    ("sense.stated-need", "The envoy said there was no need for further talks.", False),
    ("sense.party-should", "The minister said Hezbollah should withdraw its fighters north of the river.", False),
    ("sense.party-should", "The minister said Israel should allow more trucks into Gaza.", True),
    ("sense.expect-party-to", "We expect the Iraqi government to protect our personnel.", True),
    ("sense.expect-party-to", "We expect the attacks to continue for some weeks.", False),
    ("sense.question-not-request", "Reporters asked the spokesman whether the strikes had hit the depot.", True),
    ("sense.question-not-request", "The mayor asked residents to stay indoors.", False),
    ("sense.call-person", "The king called the Egyptian president on Sunday.", True),
    ("sense.call-person", "The king called on the Egyptian president to reopen the crossing.", False),
    ("sense.in-contact", "The minister has been in contact with his Qatari counterpart all week.", True),
    ("sense.in-contact", "The ship lost contact with the coast guard.", False),
    ("sense.discussed-with", "The envoy discussed the truce with Lebanese officials in Beirut.", True),
    ("sense.discussed-with", "The report discussed the truce in detail.", False),
    ("sense.co-verb", "Egypt and Qatar will co-host the next round of talks in Cairo.", True),
    ("sense.co-verb", "Egypt will host the next round of talks in Cairo.", False),
    ("sense.talk-as-aim", "Both sides say they want peace and negotiation.", True),
    ("sense.talk-as-aim", "The negotiation in Doha lasted two days.", False),
    ("sense.hold-accountable", "The United States holds Tehran accountable for the attacks.", True),
    ("sense.hold-accountable", "The court held a hearing on the case.", False),
    ("sense.front-for", "Officials say the new group is a front for Hezbollah.", True),
    ("sense.front-for", "Officials say the new group is a danger to the region.", False),
    ("sense.not-tolerate", "Jordan will not tolerate any violation of its airspace.", True),
    ("sense.not-tolerate", "Jordan tolerated the protests outside the embassy.", False),
    ("sense.said-will-attack", "The militia said it would resume attacks on US bases.", True),
    ("sense.said-will-attack", "The militia said it would resume talks with Baghdad.", False),
    ("sense.retaliatory-measures", "Algeria took retaliatory measures against France.", True),
    ("sense.retaliatory-measures", "Algeria took safety measures at its ports.", False),
    ("sense.cargo-delivered", "Forty truckloads of flour were delivered to Khan Younis.", True),
    ("sense.cargo-delivered", "The speech was delivered to parliament.", False),
    ("sense.signed-what", "The president signed the defense bill on Friday.", True),
    ("sense.signed-what", "The two sides signed a ceasefire agreement in Doha.", False),
    ("sense.not-stopped", "The shelling has not stopped since Monday.", True),
    ("sense.not-stopped", "The shelling stopped on Monday.", False),
    ("sense.force-presence", "Britain is boosting its naval presence in the Gulf.", True),
    ("sense.force-presence", "Britain is boosting its diplomatic presence in the Gulf.", False),
    ("sense.posture-forces", "The navy will posture two destroyers off the coast.", True),
    ("sense.posture-forces", "The army remains postured to defend the capital.", False),
    ("sense.posture-forces", "The candidates postured during the debate.", False),
    ("sense.entered-area", "The aircraft carrier entered the Mediterranean theater on Friday.", True),
    ("sense.entered-area", "The minister entered the conference hall on Friday.", False),
    ("sense.coalition-formed", "France formed a naval coalition to escort tankers in the strait.", True),
    ("sense.coalition-formed", "The parties formed a coalition government in Baghdad.", False),
    ("sense.reinforce-forces", "The talks reinforced the need for restraint.", True),
    ("sense.reinforce-forces", "The army reinforced its positions near the border.", False),
    ("drop.aim", "The envoy came to discuss efforts to secure a pause in the fighting.", True),
    ("drop.aim", "Israel announced a pause in the fighting on Monday.", False),
    ("drop.generic-act", "Sanctions remain an effective tool against such groups.", True),
    ("drop.generic-act", "New sanctions took effect on Monday.", False),
    ("event.statement-roles", "The minister said Hezbollah should pull its fighters back from the border.", True),
    ("event.statement-roles", "Qatar urged Hamas to accept the proposal.", False),
    ("event.statement-made", "Egypt will remain a steadfast partner of Sudan.", True),
    ("event.statement-made", "The council would ask the coalition to set a clear timeline.", False),
    ("event.members-of", "Washington imposed sanctions on two senior leaders of Kata'ib Hezbollah.", True),
    ("event.members-of", "Washington imposed sanctions on Kata'ib Hezbollah.", False),
    ("event.people-of", "Japan pledged aid for the people of Gaza.", True),
    ("event.people-of", "Japan pledged aid for displaced families.", False),
    ("event.mover", "The withdrawal of Russian troops from the base began on Monday.", True),
    ("event.mover", "Russia announced the withdrawal on Monday.", False),
    ("event.destination", "The Pentagon ordered the deployment of two fighter squadrons to Jordan.", True),
    ("event.destination", "The Pentagon deployed two fighter squadrons.", False),
    ("event.talk-place", "Blinken met Netanyahu in Jerusalem to discuss aid deliveries into Gaza.", False),
    ("event.talk-place", "Blinken met Netanyahu to discuss aid deliveries into Gaza.", True),
    ("event.statement-by", "A statement by the European Union urged both sides to show restraint.", True),
    ("event.statement-by", "The European Union urged both sides to show restraint.", False),
    ("event.conjoined-issuer", "The government of Algeria denied the report but announced new sanctions.", True),
    ("event.conjoined-issuer", "Algeria announced new sanctions.", False),
    ("event.request-addressee", "The council demanded that Hezbollah stop firing across the border.", True),
    ("event.request-addressee", "The council demanded a full investigation.", False),
    ("event.planned-ahead", "The withdrawal of French troops from Niger is set to meet a December 22 deadline.", False),
    ("event.planned-ahead", "French troops are on track to meet the December 22 deadline of a full withdrawal from Niger.", True),
    ("refine.condemned-owner", "Jordan condemned the rocket attacks from Lebanon.", True),
    ("refine.condemned-owner", "Jordan condemned the decision to close the crossing.", False),
    ("more.echoed", "Macron said France stands with Lebanon, a view echoed by the European Union.", True),
    ("more.echoed", "Macron said France stands with Lebanon.", False),
    ("sense.reward-offer", "The State Department announced a reward of up to $5 million for information on the cell.", True),
    ("sense.reward-offer", "The reward for the soldiers was a week of leave.", False),
    ("sense.favoured-response", "The cabinet is in favor of a strong response to the missile attack.", True),
    ("sense.favoured-response", "The cabinet is in favor of a response to the peace proposal.", False),
    ("event.statement-date", "Jordan reaffirmed its support for the truce, which was signed on March 3.", True),
    ("event.statement-date", "Jordan on Monday reaffirmed its support for the truce.", False),
    ("event.ordered-forces", "The minister ordered the HMS Diamond to move to the Red Sea.", True),
    ("event.ordered-forces", "The Houthis deployed fighters to the coast.", False),
    ("sense.party-should", "Should Iran retaliate, the region would suffer.", False),
    ("sense.hold-accountable", "Their families would be held accountable if they fled.", False),
    ("drop.aim", "Kuwait became the latest country to withdraw its ambassador from Iran.", False),
    ("sense.opposes", "Egypt opposes any move to push Gazans into Sinai.", True),
    ("sense.opposes", "Militias opposed to the government seized the port.", False),
    ("sense.forces-left", "The last French soldiers departed Mali in August.", True),
    ("sense.forces-left", "The foreign minister left Cairo after the talks.", False),
    ("drop.rejected-content", "Jordan voiced its opposition to any ground offensive in Rafah.", True),
    ("drop.rejected-content", "Jordan voiced its opposition to the plan, and Israel launched an offensive in Rafah.", False),
    ("sense.asked-of-the-room", "I would ask you to hold your follow-ups until the end.", True),
    ("sense.asked-of-the-room", "The minister asked Hamas to free the remaining captives.", False),
    ("drop.yes-no-question", "Did the Houthis attack another tanker overnight?", True),
    ("drop.yes-no-question", "Can you tell us more about the Greek ship that was attacked on Monday?", False),
    ("drop.yes-no-question", "The Houthis attacked another tanker overnight.", False),
    ("drop.yes-no-question", "And are you still calling on Qatar to expel the Hamas leaders?", True),
    ("drop.yes-no-question", "The State Department designated the group. Can I start with the designation?", True),
    ("drop.yes-no-question", "Can you tell us whether the strike on the depot in Sanaa hit its target?", False),
    ("sense.courtesy", "The general thanked the nurses for their care during his stay.", True),
    ("sense.courtesy", "I want to welcome a delegation of students who are visiting the Pentagon this week.", True),
    ("sense.courtesy", "The minister thanked Qatar for its mediation of the truce.", False),
    ("sense.courtesy", "I want to thank the foreign minister for hosting us in Amman.", True),
    ("sense.courtesy", "Jordan welcomed the decision to open a second crossing.", False),
    ("sense.courtesy", "Cairo welcomed President Biden's latest proposal for a truce.", False),
    ("sense.released-from-care", "The ambassador was released from a hospital in Beirut on Friday.", True),
    ("sense.released-from-care", "The journalist was released from detention in Tehran on Friday.", False),
    ("sense.will-respond", "We will respond to this attack in a manner of our choosing.", True),
    ("sense.will-respond", "The ministry will respond to the proposal next week.", False),
    ("sense.will-respond", "If the talks fail, the army will respond with force.", False),
    ("sense.not-hesitate", "Israel would not hesitate to use force against Hezbollah, the minister said.", True),
    ("sense.not-hesitate", "She did not hesitate to praise the rescue teams.", False),
    ("drop.rejected-accusation", "Tehran dismissed the Israeli accusations as baseless.", True),
    ("drop.rejected-accusation", "Israel repeated its accusations against Tehran on Monday.", False),
    ("refine.said-now", "Gunmen stormed a church on Sunday. We condemn the assault on the church on Sunday.", True),
    ("refine.said-now", "[source: U.S. Department of State] Gunmen stormed a church on Sunday. The department "
     "condemned the assault on Sunday.", False),
    ("refine.said-now", "Gunmen stormed a church on Sunday. Rebels still demand that the army leave the town.", False),
    ("refine.spokesman-for", "A spokesman for Hamas rejected the proposal on Tuesday.", True),
    ("refine.spokesman-for", "Pentagon spokesman Pat Ryder rejected the report on Tuesday.", False),
    ("sense.threatens-what", "Russia continues to threaten European security, the minister said.", True),
    ("sense.threatens-what", "Heavy rains threaten the security of the harvest.", True),
    ("sense.backing-described", "The rebels used drones supplied by Iran.", True),
    ("sense.entered-area", "The admiral ordered the carrier strike group to remain in the Red Sea.", True),
    ("sense.entered-area", "The admiral asked the crew to remain calm.", False),
    ("sense.warning", "The minister warned Hezbollah against widening the war.", True),
    ("refine.condemned-owner", "The envoy condemned the raids on aid convoys in Darfur by allied militias.", True),
    ("refine.title-of-publisher", "[source: U.S. Department of State] The Department welcomes the release of the "
     "hostages.", True),
    ("sense.front-for", "We assess that the militia was behind the attack.", True),
    ("sense.company", "Austin spoke with Egyptian Defense Minister Mohamed Zaki to discuss the crisis in Gaza.", True),
    ("sense.noun-company", "The Treasury imposed visa restrictions on four militia commanders.", True),
    ("sense.noun-company", "Israel eased restrictions on fishing off Gaza.", False),
    ("event.statement-roles", "The president sent a letter to Iran's leader warning against any attack.", True),
    ("event.statement-roles", "Britain pledged its full support to defend Jordan against any attack.", True),
    ("event.destination", "French troops will leave Niger by the end of the year.", True),
    ("sense.acts-must-stop", "The rocket attacks by Hamas must stop, the envoy said.", True),
    ("sense.acts-must-stop", "The fighting stopped after the truce took hold.", False),
    ("sense.acts-must-stop", "The emir told the envoy that the war in Sudan must end now.", True),
    ("sense.warning", "The minister warned of a harsh response if the shelling went on.", True),
    ("sense.unacceptable", "The Houthis' attacks on merchant ships are unacceptable.", True),
    ("sense.unacceptable", "The delay in the talks is unacceptable to the families.", False),
    ("event.statement-roles", "Canada supports Ukraine's right to defend itself.", True),
    ("event.statement-roles", "The envoy discussed with Foreign Minister Wang the shipping lanes of the Red Sea.", True),
    ("event.planned-ahead", "The minister will host the Iraqi prime minister in Amman on Saturday.", True),
    ("sense.stated-need", "The Secretary also raised the need to protect aid workers in Gaza.", True),
    ("drop.undone-act", "Washington lifted the terrorist designation of the group in 2021.", True),
    ("drop.undone-act", "Washington announced the terrorist designation of the group on Monday.", False),
    ("sense.endangers", "Hezbollah's unprovoked strikes endanger families in northern Israel.", True),
    ("sense.endangers", "Officials worry that the strikes endanger the talks.", False),
    ("sense.endangers", "Syria's regime undermines regional security, the envoy said.", True),
    ("sense.endangers", "Drought undermines the security of farmers.", False),
    ("sense.smuggled-what", "Treasury named a ring that smuggled Iranian fuel to Syria.", True),
    ("sense.smuggled-what", "The ring smuggled drone engines to the Houthis.", False),
    ("sense.committed-to", "Britain remains committed to the security of Jordan.", True),
    ("sense.committed-to", "Britain remains committed to a negotiated settlement.", False),
    ("sense.hold-accountable", "NATO will continue to work with allies to deter Russia and hold it accountable.", True),
    ("event.statement-roles", "The council adopted a resolution demanding that the militias leave the port.", True),
    ("event.threatened-party", "Washington warned that it would hold Tehran responsible for any new attack.", True),
    ("event.request-addressee", "Canada calls on the RSF, the SAF, and allied militias to spare the camps.", True),
    ("article.readout-day", "[title: Minister Meets with Qatari Emir] The aid law was signed on April 2. The minister "
     "met with the emir in Doha. They agreed that the talks should resume.", True),
]


def article(text: str) -> Article:
    """A row's article; a leading "[source: X]" gives its publisher (rules about who speaks need one), a leading
    "[title: X]" its headline (rules that read the title)."""
    given = {"source": None, "title": None}
    while text.startswith(("[source: ", "[title: ")):
        key, rest = text[1:].split(": ", 1)
        given[key], text = rest.split("] ", 1)
    return Article(id="row", text=text, published="2024-02-01", **given)


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
