"""Office-holders the tool knows (data/office_holders.json): the country of an office where the
text does not say it, and a known office-holder named without a title, checked against the day
the article was published."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import pytest

from transfer_extract.extractors.offices import known_office

LOOKUPS = [
    # id, name, title in the text, published, expected (title, country, former) or None
    ("president-2019", "Trump", "President", date(2019, 5, 1), ("President", "United States", False)),
    ("president-2026", "Donald Trump", None, date(2026, 1, 21), ("President", "United States", False)),
    ("between-terms-is-former", "Donald Trump", None, date(2023, 6, 1), ("President", "United States", True)),
    ("biden-2026-former", "Joe Biden", None, date(2026, 1, 21), ("President", "United States", True)),
    ("short-first-name", "Pamela Bondi", "Attorney General", date(2025, 8, 12),
     ("Attorney General", "United States", False)),
    ("accents-and-second-surname", "Otto Perez", "President", date(2014, 3, 18),
     ("President", "Guatemala", False)),
    ("acting-title", "Alberto Elias Beltran", "Acting Attorney General", date(2018, 7, 6),
     ("Attorney General", "Mexico", False)),
    ("not-yet-in-office", "Claudia Sheinbaum", "President", date(2011, 4, 1), None),
    ("one-word-needs-a-title", "Hernandez", None, date(2024, 1, 1), None),
    ("distinctive-short-name", "Trump", None, date(2026, 1, 21), ("President", "United States", False)),
    ("one-word-with-title", "Petro", "President", date(2024, 1, 1), ("President", "Colombia", False)),
    ("other-first-name-same-surname", "Roosevelt Hernandez", None, date(2024, 3, 18), None),
    ("title-does-not-fit", "Juan Orlando Hernandez", "General", date(2024, 3, 18), None),
    ("two-holders-two-countries", "Pedro Sánchez", None, date(2025, 8, 1), None),
    ("unknown-name", "Juan Pérez", "President", date(2025, 8, 1), None),
]


@pytest.mark.parametrize(("name", "title", "on", "expected"), [pytest.param(*c[1:], id=c[0]) for c in LOOKUPS])
def test_known_office(name: str, title: str | None, on: date, expected: tuple | None) -> None:
    found = known_office(name, title, on)
    assert (found and (found.title, found.country, found.former)) == expected


def test_every_term_is_well_formed() -> None:
    data = json.loads(files("transfer_extract").joinpath("data", "office_holders.json").read_text("utf-8"))
    countries = json.loads(files("transfer_extract").joinpath("data", "countries.json").read_text("utf-8"))
    known = set(countries["countries"]) | {"India", "Thailand", "Bolivia", "Paraguay"}
    assert data["_sources"]
    for h in data["holders"]:
        for o in h["offices"]:
            assert o["to"] is None or date.fromisoformat(o["from"]) < date.fromisoformat(o["to"]), h["name"]
            assert o["country"] in known, (h["name"], o["country"])


EXTRACTED = [
    # id, text, published, name, expected (title, country), or None: not an official
    ("country-from-what-is-known", "President Gustavo Petro accused the group.", "2025-05-01",
     "Gustavo Petro", ("President", "Colombia")),
    ("former-after-the-term", "Nicolás Maduro was flown to New York, officials said.", "2026-02-01",
     "Nicolás Maduro", ("former President", "Venezuela")),
    ("in-office-without-title", "Joe Biden signed the order on Monday.", "2022-05-01",
     "Joe Biden", ("President", "United States")),
    ("text-country-wins", "Mexican President Claudia Sheinbaum spoke.", "2025-05-01",
     "Claudia Sheinbaum", ("President", "Mexico")),
    ("unknown-holder-no-guess", "Mexico's police arrested him. President Juan Ruiz Lara said nothing.",
     "2025-05-01", "Juan Ruiz Lara", ("President", None)),
    ("unknown-person-stays-a-person", "Ovidio Guzmán López was extradited on Monday.", "2025-05-01",
     "Ovidio Guzmán López", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "name", "expected"), [pytest.param(*c[1:], id=c[0]) for c in EXTRACTED])
def test_office_in_records(text: str, published: str, name: str, expected: tuple | None, extract_text) -> None:
    record = extract_text(text, date.fromisoformat(published))
    officials = {o["name"]: (o["title"], o["country"]) for o in record["officials"]}
    if expected is None:
        assert name not in officials and name in {p["name"] for p in record["people"]}
    else:
        assert officials.get(name) == expected, record["officials"] + record["people"]


ROLES = [
    # id, text, name, expected (title, country), or None: not an official
    ("lower-case-role-before", "“The plane is in the air,” police spokesman Ana Beltrán told AFP.", "Ana Beltrán",
     ("police spokesman", None)),
    ("two-modifiers", "Dozens were arrested, armed forces commander Luis Ortega said on Wednesday.", "Luis Ortega",
     ("armed forces commander", None)),
    ("then-and-nationality", "She saw then Honduran defense minister Mario Zelaya there.", "Mario Zelaya",
     ("Defense Minister", "Honduras")),
    ("apposition-after-with-agency", "Col. Jorge Villegas, chief of Colombia's Judicial Police, told reporters.",
     "Jorge Villegas", ("chief of Colombia's Judicial Police", "Colombia")),
    ("apposition-after-department", "Mark Garcia, an assistant secretary of the U.S. Department of Justice,"
     " said he would be tried.", "Mark Garcia",
     ("assistant secretary of the U.S. Department of Justice", "United States")),
    ("apposition-before-with-agency", "It is a problem, said the general commander of the Police, Mateo Arroyo.",
     "Mateo Arroyo", ("general commander of the Police", None)),
    ("cartel-chief-is-no-office", "Cartel chief Rafael Caro Quintero was sent to Texas.", "Rafael Caro Quintero", None),
    ("head-of-a-gang-is-no-office", "The head of the gang, Jose Luis Perez, fled.", "Jose Luis Perez", None),
    ("head-of-a-cartel-after", "Jose Luis Perez, head of the Gulf Cartel, was sent.", "Jose Luis Perez", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "expected"), [pytest.param(*c[1:], id=c[0]) for c in ROLES])
def test_office_roles(text: str, name: str, expected: tuple | None, extract_text) -> None:
    record = extract_text(text)
    officials = {o["name"]: (o["title"], o["country"]) for o in record["officials"]}
    if expected is None:
        assert name not in officials
    else:
        assert officials.get(name) == expected, record["officials"] + record["people"]


@pytest.mark.model
@pytest.mark.parametrize("text", ["The court of Justice in Lima, September 17, 2013.",
                                  "Minister of Justice, Monday, said nothing."], ids=["month", "weekday"])
def test_month_or_weekday_is_no_person(text: str, extract_text) -> None:
    record = extract_text(text)
    names = {o["name"] for o in record["officials"]} | {p["name"] for p in record["people"]}
    assert not names & {"September", "Monday"}


MENTIONED = [
    # id, text, names expected among officials and people
    ("only-as-modifier", "The Trump administration has pressed Mexico for more.", set()),
    ("modifier-then-named", "The Trump administration pressed Mexico. Trump said it was good.", {"Donald Trump"}),
    ("short-name-of-a-holder", "Salvadoran leader Bukele said the prisoners had arrived.", {"Nayib Bukele"}),
    ("one-word-club-is-no-person", "I would like to start by thanking Everton for everything.", set()),
    ("one-word-site-is-no-person", "She posted the video on Twitter on Monday.", set()),
    ("one-word-after-an-honorific", "Mr. Ruiz arrived. Mr Ortiz left.", {"Ruiz", "Ortiz"}),
    ("honorific-and-first-name-joins-the-full-name", "Nattaya Sirikul, a public prosecutor, spoke"
     " on Monday. Ms Nattaya said police arrested him.", {"Nattaya Sirikul"}),
    ("possessive-owner-is-not-the-name", "After the match, Real Betis’s Luis Ortega said"
     " the new forward would start.", {"Luis Ortega"}),
    ("name-after-a-place-noun", "Her family still lives in village Pipal Kalan near the border.", set()),
    ("name-after-the-town-of", "They came from the town of San Marcos Ortega on Monday.", set()),
    ("title-of-the-city-is-still-an-office", "The mayor of the city, Ana Ruiz, said so.", {"Ana Ruiz"}),
    ("name-stops-at-a-line-break", "The move was approved in Ciudad Juarez\nLopez was later sent to Texas.",
     set()),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [pytest.param(*c[1:], id=c[0]) for c in MENTIONED])
def test_who_is_a_person(text: str, expected: set[str], extract_text) -> None:
    record = extract_text(text, date(2026, 1, 21))
    names = {o["name"] for o in record["officials"]} | {p["name"] for p in record["people"]}
    assert names == expected


@pytest.mark.parametrize(("name", "title", "country"), [
    ("Nicols Maduro", "President", "Venezuela"),  # a letter lost in the page's encoding
    ("Nicolas Maduro", "President", "Venezuela"),
    ("Nico Maduro", "President", "Venezuela"),  # a short form of the first name
    ("Nelson Maduro", "President", None),
], ids=["letter-lost", "no-accent", "short-first-name", "other-first-name"])
def test_first_names_that_agree(name: str, title: str, country: str | None) -> None:
    found = known_office(name, title, date(2025, 6, 1))
    assert (found.country if found else None) == country


TEXT_COUNTRIES = [
    # id, text, name, expected (title, country)
    ("country-word-inside-title", "Assistant U.S. Attorney Mark Lowe told the court.", "Mark Lowe",
     ("Assistant U.S. Attorney", "United States")),
    ("state-before-title", "Sinaloa Governor Ramón Vega Ortiz asked for calm.", "Ramón Vega Ortiz",
     ("Governor", "Mexico")),
    ("city-before-title", "Mumbai Deputy Commissioner Priya Rana said all were healthy.", "Priya Rana",
     ("Deputy Commissioner", "India")),
    ("adjective-of-a-listed-country", "Thai Prime Minister Somchai Wongsa spoke.", "Somchai Wongsa",
     ("Prime Minister", "Thailand")),
    ("agency-named-with-its-country", "Ecuador’s National Police arrested 20 people. It is a problem,"
     " said the general commander of the Police, Mateo Arroyo.", "Mateo Arroyo",
     ("general commander of the Police", "Ecuador")),
    ("agency-of-two-countries-is-none", "Honduran police and Guatemalan police met. Police spokesman"
     " Anan Srisuk said so.", "Anan Srisuk", ("Police spokesman", None)),
    ("state-of-one-country", "Honduran officials said the plane left. Police spokesman Rafael Cardona"
     " told AFP.", "Rafael Cardona", ("Police spokesman", "Honduras")),
    ("state-of-two-countries-is-none", "Honduran officials and U.S. officials met. Police spokesman"
     " Rafael Cardona told AFP.", "Rafael Cardona", ("Police spokesman", None)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "expected"), [pytest.param(*c[1:], id=c[0]) for c in TEXT_COUNTRIES])
def test_country_from_the_text(text: str, name: str, expected: tuple, extract_text) -> None:
    record = extract_text(text)
    officials = {o["name"]: (o["title"], o["country"]) for o in record["officials"]}
    assert officials.get(name) == expected, record["officials"] + record["people"]
