"""Counts with the thing they count (parse-based: these use the session `nlp` fixture)."""

from __future__ import annotations

from datetime import date

import pytest

from transfer_extract.extractors.counts import find_counts
from transfer_extract.extractors.dates import find_dates
from transfer_extract.extractors.numbers import parse_number, parse_ordinal

PUB = date(2026, 1, 21)


def case(text: str, *expected: tuple[str, int, str | None, str], id: str, xfail: bool = False):
    marks = [pytest.mark.xfail(strict=True)] if xfail else []
    return pytest.param(text, list(expected), id=id, marks=marks)


CARDINALS = [
    case("Forty Guatemalan migrants were deported to El Salvador on Monday, officials said.",
         ("Forty", 40, "Guatemalan migrants", "cardinal"),
         id="word-before-a-nationality-the-model-calls-a-name"),
    case("Mexico sent 37 cartel members to the United States.", ("37", 37, "cartel members", "cardinal"),
         id="digits"),
    case("Mexico flew 37 alleged cartel members north.", ("37", 37, "alleged cartel members", "cardinal"),
         id="digits-adjective"),
    case("They flew aboard seven Air Force planes.", ("seven", 7, "Air Force planes", "cardinal"),
         id="word-proper-compound"),
    case("With this flight, 92 high-impact criminals have gone north under this administration.",
         ("92", 92, "high-impact criminals", "total"), id="hyphenated-adjective-total"),
    case("The government sent twenty-six inmates.", ("twenty-six", 26, "inmates", "cardinal"), id="hyphen-words"),
    case("Thirty-eight more defendants will face trial.", ("Thirty-eight", 38, "defendants", "cardinal"),
         id="capitalized-words-more"),
    case("Police detained 1,200 people.", ("1,200", 1200, "people", "cardinal"), id="thousands-comma"),
    case("A dozen of them were flagged.", ("A dozen", 12, None, "cardinal"), id="a-dozen"),
    case("Officers found two hundred rifles.", ("two hundred", 200, "rifles", "cardinal"), id="two-hundred"),
    case("The flights carried 238 Venezuelan men.", ("238", 238, "Venezuelan men", "cardinal"), id="nationality"),
    case("Mexico sent 26 more cartel prisoners.", ("26", 26, "cartel prisoners", "cardinal"), id="strip-more"),
    case("The army sent 600 soldiers to Sinaloa.", ("600", 600, "soldiers", "cardinal"), id="soldiers"),
    case("He faces five counts of drug trafficking.", ("five", 5, "counts", "cardinal"), id="charges"),
    case("Officials count 12\nMEXICO CITY — Soldiers found them on Friday.", ("12", 12, None, "cardinal"),
         id="headline-count-not-dateline"),
    case("Guatemala extradites 14 traffickers\nGUATEMALA CITY — It sent them north.",
         ("14", 14, "traffickers", "cardinal"), id="headline-count-before-dateline"),
    case("He scored 11 goals last season.", ("11", 11, "goals", "cardinal"), id="goals"),
    case("There were 6005 prisoners in the jail.", ("6005", 6005, "prisoners", "cardinal"), id="four-digits-not-year"),
    case("Some 2000 troops arrived.", ("2000", 2000, "troops", "cardinal"), id="year-like-count"),
    case("The state recorded more than 1,600 homicides.", ("1,600", 1600, "homicides", "cardinal"),
         id="more-than"),
    case("They made about 150 million transactions.", ("150 million", 150000000, "transactions", "cardinal"),
         id="million"),
    case("Mexico sent two earlier groups.", ("two", 2, "earlier groups", "cardinal"), id="two-adjective"),
    case("Six Mexican cartels were designated.", ("Six", 6, "Mexican cartels", "cardinal"), id="sentence-start"),
    case("One person died.", ("One", 1, "person", "cardinal"), id="one-with-noun"),
    case("Mexico sent 40 prisoners, 14 in 2024 and 26 in 2025.", ("40", 40, "prisoners", "cardinal"),
         ("14", 14, "prisoners", "cardinal"), ("26", 26, "prisoners", "cardinal"), id="n-in-a-year-not-a-ratio"),
]

ELSEWHERE = [
    case("Mexico sent 40 prisoners. Officials said 37 of them were wanted.",
         ("40", 40, "prisoners", "cardinal"), ("37", 37, "prisoners", "cardinal"), id="of-them"),
    case("Mexico sent 40 prisoners. Only 29 of the prisoners had been charged.",
         ("40", 40, "prisoners", "cardinal"), ("29", 29, "prisoners", "cardinal"), id="of-the-noun"),
    case("Mexico sent 26 cartel figures in August. Among the 26 handed over in August was a leader.",
         ("26", 26, "cartel figures", "cardinal"), ("26", 26, "cartel figures", "cardinal"), id="bare-number"),
    case("Mexico sent 37 prisoners. At least 14 of those sent had pleaded not guilty.",
         ("37", 37, "prisoners", "cardinal"), ("14", 14, "prisoners", "cardinal"), id="of-those"),
    case("The figure has routinely topped 130.", ("130", 130, None, "cardinal"), id="no-noun-anywhere"),
    case("Mexico sent 37 prisoners. Prosecutors will not seek death for any of the 37.",
         ("37", 37, "prisoners", "cardinal"), ("37", 37, "prisoners", "cardinal"), id="any-of-the"),
    case("He met 37 prisoners. The two meet regularly.",
         ("37", 37, "prisoners", "cardinal"), ("two", 2, None, "cardinal"), id="the-two-not-anaphora",
         xfail=True),
    case("Mexico sent 29 prisoners in February, 26 in August.",
         ("29", 29, "prisoners", "cardinal"), ("26", 26, "prisoners", "cardinal"), id="list-after-comma"),
    case("Mexico sent 29 prisoners in February and 26 more in August.",
         ("29", 29, "prisoners", "cardinal"), ("26", 26, "prisoners", "cardinal"), id="n-more"),
    case("Mexico sent 29 prisoners north in February and another 26 in August.",
         ("29", 29, "prisoners", "cardinal"), ("26", 26, "prisoners", "cardinal"), id="another-n"),
    case("Officials named 12 suspects and 37 prisoners. The 37 included leaders.",
         ("12", 12, "suspects", "cardinal"), ("37", 37, "prisoners", "cardinal"), ("37", 37, "prisoners", "cardinal"),
         id="same-value-antecedent"),
    case("Mexico sent 29 prisoners and three suspects. Officials said all three were charged.",
         ("29", 29, "prisoners", "cardinal"), ("three", 3, "suspects", "cardinal"),
         ("three", 3, "suspects", "cardinal"), id="all-n-same-value"),
    case("Mexico sent 29 prisoners. Washington designated all three as terrorist groups.",
         ("29", 29, "prisoners", "cardinal"), ("three", 3, None, "cardinal"), id="all-n-not-other-value"),
    case("Mexico sent 37 prisoners. The two officials meet regularly.",
         ("37", 37, "prisoners", "cardinal"), ("two", 2, "officials", "cardinal"), id="two-with-noun"),
    case("Troops held four gunmen while 12 others fled into the hills.",
         ("four", 4, "gunmen", "cardinal"), ("12", 12, "gunmen", "cardinal"), id="n-others-is-the-people-before"),
    case("Nobody was named, and 12 others were questioned.", ("12", 12, None, "cardinal"),
         id="n-others-without-people-before"),
]

ORDINALS = [
    case("It was the third such transfer.", ("third", 3, "transfer", "ordinal"), id="third-such"),
    case("29 people were part of the first group.",
         ("29", 29, "people", "cardinal"), ("first", 1, "group", "ordinal"), id="first-group"),
    case("The second group left in August.", ("second", 2, "group", "ordinal"), id="second-group"),
    case("This is the third and largest group.", ("third", 3, "group", "ordinal"), id="third-and-largest"),
    case("It was the fourth mass handover.", ("fourth", 4, "mass handover", "ordinal"), id="fourth"),
    case("It is the 3rd such operation.", ("3rd", 3, "operation", "ordinal"), id="digit-ordinal"),
    case("It was the first annual drop in a decade.", ("first", 1, "annual drop", "ordinal"), id="first-annual"),
    case("First and foremost, it protects Mexico.", id="first-and-foremost"),
    case("At first, officials denied it.", id="at-first"),
    case("Officials first reported the flights.", id="first-adverb"),
    case("The Second Amendment was cited.", id="ordinal-in-name"),
    case("He waited a second before answering.", id="second-as-time"),
    case("The hearing is on Jan. 21st.", id="ordinal-day-of-month"),
]

TOTALS = [
    case("Mexico has sent 92 people in total.", ("92", 92, "people", "total"), id="in-total"),
    case("The flights brought the total to 92.", ("92", 92, None, "total"), id="total-to"),
    case("In all, a total of 92 people have been handed over.", ("92", 92, "people", "total"), id="a-total-of"),
    case("Mexico has now sent 92 prisoners.", ("92", 92, "prisoners", "total"), id="has-now-sent"),
    case("The operation lifts to 92 the number of prisoners handed over.",
         ("92", 92, None, "total"), id="lifts-to"),
    case("The move brings the number transferred under the deal to 92.", ("92", 92, None, "total"),
         id="brings-number-to"),
    case("The flights carried 23 gang members, bringing the total number of deportees to 261.",
         ("23", 23, "gang members", "cardinal"), ("261", 261, "gang members", "total"), id="bringing-total-number"),
    case("Mexico sends 37 operatives, raising total to 92",
         ("37", 37, "operatives", "cardinal"), ("92", 92, "operatives", "total"), id="headline-raising-total"),
    case("So far 55 people have been sent.", ("55", 55, "people", "total"), id="so-far-before"),
    case("The government has sent 55 people so far.", ("55", 55, "people", "total"), id="so-far-after"),
    case("Officials counted 40 prisoners on the planes.", ("40", 40, "prisoners", "cardinal"),
         id="not-a-total"),
    case("Guatemala has deported roughly 150 gang members since January.",
         ("150", 150, "gang members", "total"), id="perfect-since"),
    case("Mexico has sent 26 prisoners to the United States.", ("26", 26, "prisoners", "cardinal"),
         id="perfect-without-since-not-a-total"),
    case("The flight brought the total to roughly 11,000.", ("11,000", 11000, None, "total"),
         id="total-to-approximately"),
    case("It brings the total sent this way to 118. Mexico flew the men north.",
         ("118", 118, None, "total"), id="number-ending-a-sentence"),
]

NOT_COUNTS = [
    case("The reward was $20 million.", id="money-dollar"),
    case("The deal was worth 14 million euros.", id="money-euros"),
    case("The cartel earned 30 billion pesos.", id="money-pesos"),
    case("Remittances fell 4.6 percent.", id="percent-word"),
    case("About 96% of the money comes from the U.S.", id="percent-sign"),
    case("A decline of between 1 and 3 percent is expected.", id="percent-range"),
    case("The flights left in 2025.", id="year"),
    case("The flights left on Jan. 20, 2026.", id="full-date"),
    case("The flights left on 20 January.", id="day-first"),
    case("The hearing began at 10:30 a.m.", id="clock-time"),
    case("The plane left at 9 a.m.", id="clock-am"),
    case("A 45-year-old man fought extradition.", id="age-hyphen"),
    case("Mercedes Rojas, 52, said her son cuts hair.", id="age-apposition"),
    case("The man, aged 45, was sent north.", id="age-aged"),
    case("He is 45 years old.", id="age-years-old"),
    case("The leader, Wilmer Restrepo Cuartas, 47, was among them.", id="age-after-untagged-name"),
    case('Police detained Luis Fernando "N," 52, in Madrid.', id="age-after-quoted-initial"),
    case("He was taken to the Federal Social Readaptation Center No. 1 on Friday.", id="label-no-dot"),
    case("Barrio 18 has been weakened by arrests.", id="number-in-gang-name"),
    case("He fought extradition for three years.", id="duration-years"),
    case("He faces a minimum of 10 years in prison.", id="duration-minimum"),
    case("The gang MS-13 was designated.", id="name-hyphen"),
    case("Article 5 of the National Security Law applies.", id="article"),
    case("Call 555-123-4567 for details.", id="phone"),
    case("They took flight 370 to Houston.", id="flight-lower", xfail=True),
    case("The drive covered 500 kilometers.", id="measure"),
    case("No one was hurt.", id="no-one"),
    case("One of the leaders was arrested.", id="one-of"),
    case("Dozens of prisoners were moved.", id="dozens-vague"),
    case("The gang has several thousand members.", id="several-thousand-vague"),
    case("A few hundred soldiers arrived.", id="a-few-hundred-vague"),
    case("She gave only her first name, Lucía.", id="first-name-not-ordinal"),
    case("Four in ten Mexicans say security is the main problem.", id="ratio-in"),
    case("One out of five prisoners was released.", id="ratio-out-of"),
    case("The flight left on the 14th, officials said.", id="day-of-month-not-ordinal"),
    case("He was paid between 10 and 15 million (Colombian pesos, about $3,000) each.",
         id="money-range-in-parentheses"),
    case("Each got between $2,300 and 3,500 for the job.", id="money-range-second-number"),
    case("At 6ft 3in, he is a physical presence.", id="feet-and-inches"),
    case("The guard said so.\n\nCalix, 42, was taken to the airport.", id="age-of-a-name-tagged-as-place"),
    case("Jackie tells 6 News that the scammer called.", id="station-name"),
    case('Police arrested Luis Mora, alias "El 300," in Tijuana.', id="number-in-a-nickname"),
    # a number that is part of a place's or a gang's name, in any case
    case("Two bodies lay in commune 7 of the city.", ("Two", 2, "bodies", "cardinal"), id="label-commune"),
    case("The shop stands on carrera 43 near the river.", id="label-carrera"),
    case("She grew up on calle 9 in the old quarter.", id="label-calle"),
    case("Prosecutors described a gang 18 cell that ran extortion.", id="label-gang-singular-noun"),
    case("In the zone 3 soldiers were wounded.", ("3", 3, "soldiers", "cardinal"),
         id="label-word-before-a-count-of-a-plural"),
    # money in currencies named after the number
    case("Agents seized 312,000 lempiras from the house.", id="money-lempiras"),
    case("He paid 15,000 quetzales for the trip.", id="money-quetzales"),
    case("The bribe came to 4,500 soles.", id="money-soles"),
    case("Thieves took 800,000 reais from the van.", id="money-reais"),
    case("The fraud cost 20 million rupees.", id="money-rupees-scale"),
    case("Prices rose to 9,000 bolivares a kilo.", id="money-bolivares"),
    case("The fine is 250,000 colones.", id="money-colones"),
    case("The deal was worth 3 billion yuan.", id="money-yuan"),
    case("She owed 700 Honduran lempiras.", id="money-after-a-nationality"),
    case("The agent asked for Rs 8,000 in cash.", id="money-rupee-sign"),
    # rates, ages, pronouns
    case("The murder rate reached 38.2 per 100,000 inhabitants.", id="rate-per-base"),
    case("Cases rose to 12 per 100,000 people.", id="rate-per-both"),
    case("The suspect, Pieter de Vries, now 41, was handed over.", id="age-now-apposition"),
    case("Ana Gomez, then 19, was detained.", id="age-then-apposition"),
    case("If one doesn't comply, the fine doubles.", id="one-pronoun-subject"),
    case("The rules say one must register first.", id="one-pronoun-modal"),
]


@pytest.mark.parametrize(("text", "expected"), CARDINALS + ELSEWHERE + ORDINALS + TOTALS + NOT_COUNTS)
def test_count(text: str, expected: list[tuple[str, int, str | None, str]], nlp) -> None:
    doc = nlp(text)
    dates = [(d.start, d.end) for d in find_dates(text, PUB, doc)]
    found = find_counts(doc, dates)
    assert [(t, v, c, k) for _s, _e, t, v, c, k in found] == expected
    for start, end, t, *_ in found:
        assert text[start:end] == t


def test_enough_cases() -> None:
    assert len(CARDINALS + ELSEWHERE + ORDINALS + TOTALS + NOT_COUNTS) >= 60


@pytest.mark.parametrize(("text", "value"), [
    ("37", 37), ("1,200", 1200), ("twenty-six", 26), ("Thirty-eight", 38), ("a dozen", 12),
    ("two dozen", 24), ("two hundred and fifty", 250), ("14 million", 14_000_000), ("one thousand", 1000),
    ("seven", 7), ("banana", None),
], ids=lambda v: str(v))
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "value"), [("third", 3), ("3rd", 3), ("21st", 21), ("Twentieth", 20),
                                             ("tenth", 10), ("thirds", None)])
def test_parse_ordinal(text: str, value: int | None) -> None:
    assert parse_ordinal(text) == value
