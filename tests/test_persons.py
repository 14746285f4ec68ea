"""Officials and people: one record per person, with title/country or role and aliases (trained model)."""

from __future__ import annotations

from typing import Any

import pytest


def _find(record: dict[str, Any], name: str) -> tuple[str, dict[str, Any]] | None:
    for kind in ("officials", "people"):
        for p in record[kind]:
            if p["name"] == name:
                return kind, p
    return None


OFFICIALS = [
    (
        "adjective-country",
        "Mexican President Claudia Sheinbaum spoke on Monday.",
        "Claudia Sheinbaum",
        "President",
        "Mexico",
    ),
    (
        "possessive-country",
        "Mexico's Security Secretary Omar García Harfuch said the men were dangerous.",
        "Omar García Harfuch",
        "Security Secretary",
        "Mexico",
    ),
    (
        "us-attorney-general",
        "U.S. Attorney General Pam Bondi thanked Mexico.",
        "Pam Bondi",
        "Attorney General",
        "United States",
    ),
    (
        "then-president",
        "The raid deposed then-President Nicolás Maduro in January.",
        "Nicolás Maduro",
        "President",
        "Venezuela",  # from data/office_holders.json
    ),
    (
        "title-of-country",
        "The president of Mexico, Claudia Sheinbaum, spoke.",
        "Claudia Sheinbaum",
        "President",
        "Mexico",
    ),
    ("ambassador", "U.S. Ambassador Ronald Johnson praised the move.", "Ronald Johnson", "Ambassador", "United States"),
    (
        "american-adjective",
        "American Ambassador Ronald Johnson praised the move.",
        "Ronald Johnson",
        "Ambassador",
        "United States",
    ),
    ("governor", "Governor Rubén Rocha Moya asked for calm.", "Rubén Rocha Moya", "Governor", None),
    ("senator", "Senator Marcela Ibarra asked what was promised.", "Marcela Ibarra", "Senator", None),
    (
        "secretary-of-state",
        "Secretary of State Marco Rubio met officials in Mexico City.",
        "Marco Rubio",
        "Secretary of State",
        "United States",
    ),
    (
        "district-judge",
        "U.S. District Judge Marisol Ybarra set a trial date.",
        "Marisol Ybarra",
        "District Judge",
        "United States",
    ),
    (
        "salvadoran-president",
        "Salvadoran President Nayib Bukele agreed to take them.",
        "Nayib Bukele",
        "President",
        "El Salvador",
    ),
    (
        "foreign-minister",
        "Venezuelan Foreign Minister Yván Gil rejected the claim.",
        "Yván Gil",
        "Foreign Minister",
        "Venezuela",
    ),
    (
        "apposition-after",
        "Claudia Sheinbaum, Mexico's president, spoke on Monday.",
        "Claudia Sheinbaum",
        "President",
        "Mexico",
    ),
    (
        "apposition-title-of",
        "Omar García Harfuch, the security secretary of Mexico, spoke.",
        "Omar García Harfuch",
        "Security Secretary",
        "Mexico",
    ),
    (
        "apposition-before-lowercase-title",
        "The DEA administrator, Terrance Cole, praised the operation.",
        "Terrance Cole",
        "DEA Administrator",
        "United States",
    ),
    (
        "apposition-before-title-with-scope",
        "El Salvador's minister of justice and security, Gustavo Villatoro, confirmed it.",
        "Gustavo Villatoro",
        "Minister",
        "El Salvador",
    ),
    (
        "apposition-before-possessive-modifier",
        "The state's security chief, Óscar Rentería Schazarino, said three gunmen died.",
        "Óscar Rentería Schazarino",
        "Security Chief",
        None,
    ),
    (
        "apposition-before-scope-country",
        "The minister of security of Ecuador, Reimberg Ortiz, spoke on Monday.",
        "Reimberg Ortiz",
        "Minister of Security",
        "Ecuador",
    ),
    (
        "apposition-before-ambassador-to",
        "The US ambassador to Spain, Benjamin León, welcomed the decision.",
        "Benjamin León",
        "Ambassador",
        "United States",
    ),
    (
        "country-after-the-name",
        "President Daniel Noboa of Ecuador declared a state of emergency.",
        "Daniel Noboa",
        "President",
        "Ecuador",
    ),
    (
        "assistant-us-attorney",
        "Assistant U.S. Attorney Thomas Kessler told the court.",
        "Thomas Kessler",
        "Assistant U.S. Attorney",
        "United States",  # the country word inside the title
    ),
]
# An office the text gives no country takes the dateline's (wire style qualifies only foreign
# offices), except an office held abroad; an agency the text qualifies elsewhere comes first.
DATELINE_OFFICIALS = [
    (
        "agency-office-takes-the-dateline-city",
        "QUITO (Wire) - Some 200 people were held, armed forces commander Marco Ibarra said on Friday.",
        "Marco Ibarra",
        "armed forces commander",
        "Ecuador",
    ),
    (
        "capitalized-office-takes-the-dateline-country",
        "LIMA, Peru (Wire) — Peru sent two men north, Interior Minister Rosa Quispe told reporters on Monday.",
        "Rosa Quispe",
        "Interior Minister",
        "Peru",
    ),
    (
        "colon-dateline-of-a-paragraph",
        "Amritsar: A plane carrying deportees landed on Sunday night, and police spokesman Harjit Gill said"
        " the passengers were questioned for hours before they were allowed to go home.",
        "Harjit Gill",
        "police spokesman",
        "India",
    ),
    (
        "an-ambassador-is-not-the-dateline-country",
        "MEXICO CITY (Wire) — The talks went well, Ambassador Ralph Denton said on Monday.",
        "Ralph Denton",
        "Ambassador",
        None,
    ),
    (
        "agency-qualified-elsewhere-wins",
        "QUITO (Wire) — Colombian police caught him at the border, and police spokesman Luis Arango confirmed"
        " the arrest.",
        "Luis Arango",
        "police spokesman",
        "Colombia",
    ),
    (
        "no-dateline-no-country",
        "Some 200 people were held, armed forces commander Marco Ibarra said on Friday.",
        "Marco Ibarra",
        "armed forces commander",
        None,
    ),
    (
        "short-colon-headline-is-no-dateline",
        "Peru: two men sent north\n\nThe men were flown out, Interior Minister Rosa Quispe said on Monday.",
        "Rosa Quispe",
        "Interior Minister",
        None,
    ),
    (
        "office-before-a-rank-is-the-title",
        "He met the defense minister and military chief General Tomas Reyes in Caracas.",
        "Tomas Reyes",
        "military chief",
        None,
    ),
    (
        "capitalized-office-word-joins-the-title",
        "Brazil's Justice Minister Paulo Ramos said the deportees were treated badly.",
        "Paulo Ramos",
        "Justice Minister",
        "Brazil",
    ),
    (
        "two-office-words-join-the-title",
        "India's External Affairs Minister Ravi Menon told Parliament that the men were shackled.",
        "Ravi Menon",
        "External Affairs Minister",
        "India",
    ),
    (
        "a-scope-word-does-not-join-the-title",
        "Federal Security Secretary Luis Arce Soto said the convoy was attacked.",
        "Luis Arce Soto",
        "Security Secretary",
        None,
    ),
    (
        "apposition-title-of-a-domain",
        "Chile's Minister of Defense, Ana Lira, said the patrols would grow.",
        "Ana Lira",
        "Minister of Defense",
        "Chile",
    ),
    (
        "title-of-a-domain-right-before-the-name",
        "The Minister of the Interior Tomas Vial said the patrols would grow.",
        "Tomas Vial",
        "Minister of the Interior",
        None,
    ),
    (
        "country-at-the-end-of-a-long-title-after-the-name",
        "Ana Lira, secretary of Security and Citizen Protection of Chile, said the patrols would grow.",
        "Ana Lira",
        "Secretary of Security",
        "Chile",
    ),
    (
        "apposition-role-that-is-an-office",
        "As Lena Park, DEA Houston acting Special Agent in Charge, said, the men were flown north.",
        "Lena Park",
        "DEA Houston acting Special Agent in Charge",
        "United States",
    ),
    (
        "a-rank-with-its-country-stays",
        "The plan was announced by Honduran General Tomas Reyes on Monday.",
        "Tomas Reyes",
        "General",
        "Honduras",
    ),
]
OFFICIAL_PARAMS = [pytest.param(*c[1:], id=c[0]) for c in OFFICIALS + DATELINE_OFFICIALS] + [
    pytest.param(
        "President Donald Trump threatened tariffs.",
        "Donald Trump",
        "President",
        "United States",
        id="president-known-office-holder",
    ),
    pytest.param(
        "Senator J.R. Nava and his wife, Ana Nava, arrived in Lima on Monday.",
        "J.R. Nava",
        "Senator",
        None,
        id="initials-before-the-surname",
    ),
    pytest.param(
        "More transfers are possible. Sheinbaum and President Donald Trump spoke by phone this month.",
        "Claudia Sheinbaum",
        "President",
        "Mexico",
        id="holder-short-name-the-model-calls-an-organization",
    ),
    pytest.param(
        "It came as President Donald Trump's administration pressed Mexico. Trump has said he would act.",
        "Donald Trump",
        "President",
        "United States",
        id="modifier-first-then-named-again",
    ),
]


@pytest.mark.parametrize(("text", "name", "title", "country"), OFFICIAL_PARAMS)
def test_official(text: str, name: str, title: str, country: str | None, extract_text) -> None:
    record = extract_text(text)
    found = _find(record, name)
    assert found is not None and found[0] == "officials", record["officials"] + record["people"]
    assert (found[1]["title"], found[1]["country"]) == (title, country)


MERGES = [
    (
        "single-quoted-nickname-inside-the-name",
        "He worked for drug lord Ismael 'El Mayo' Zambada for years. Zambada denies it.",
        "Ismael Zambada",
        ["Ismael 'El Mayo' Zambada", "Zambada"],
    ),
    (
        "an-alias-is-a-mention-only-whole",
        'Ismael "El Mayo" Zambada was flown to El Paso. El Mayo said nothing there.',
        "Ismael Zambada",
        ['Ismael "El Mayo" Zambada', "El Mayo"],
    ),
    (
        "alias-later",
        'Ecuador extradited José Adolfo Macías Villamar, alias "Fito," on Sunday. Fito led the gang.',
        "José Adolfo Macías Villamar",
        ["José Adolfo Macías Villamar", "Fito", "Fito"],
    ),
    (
        "surname-later",
        "Mexican President Claudia Sheinbaum spoke. Sheinbaum said no.",
        "Claudia Sheinbaum",
        ["Claudia Sheinbaum", "Sheinbaum"],
    ),
    (
        "possessive",
        "President Claudia Sheinbaum spoke. Sheinbaum's cabinet agreed.",
        "Claudia Sheinbaum",
        ["Claudia Sheinbaum", "Sheinbaum"],
    ),
    (
        "title-surname",
        "President Claudia Sheinbaum spoke. President Sheinbaum said no.",
        "Claudia Sheinbaum",
        ["Claudia Sheinbaum", "Sheinbaum"],
    ),
    (
        "surname-first",
        "Sheinbaum spoke on Monday. Mexican President Claudia Sheinbaum said no.",
        "Claudia Sheinbaum",
        ["Sheinbaum", "Claudia Sheinbaum"],
    ),
    (
        "accent-variants",
        "Security Secretary Omar García Harfuch spoke. Garcia Harfuch said no. Harfuch left.",
        "Omar García Harfuch",
        ["Omar García Harfuch", "Garcia Harfuch", "Harfuch"],
    ),
    (
        "who-clause",
        "Mexican President Claudia Sheinbaum spoke. Sheinbaum, who is popular, said no.",
        "Claudia Sheinbaum",
        ["Claudia Sheinbaum", "Sheinbaum"],
    ),
    (
        "ambassador-surname",
        "U.S. Ambassador Ronald Johnson spoke. Johnson said it was unprecedented.",
        "Ronald Johnson",
        ["Ronald Johnson", "Johnson"],
    ),
    (
        "person-surname",
        "Laura Méndez, an analyst, spoke. Méndez said the risk was real.",
        "Laura Méndez",
        ["Laura Méndez", "Méndez"],
    ),
]


@pytest.mark.parametrize(("text", "name", "mentions"), [c[1:] for c in MERGES], ids=[c[0] for c in MERGES])
def test_mentions_merge(text: str, name: str, mentions: list[str], extract_text) -> None:
    record = extract_text(text)
    found = _find(record, name)
    assert found is not None, record["officials"] + record["people"]
    assert [m["text"] for m in found[1]["mentions"]] == mentions
    assert sum(1 for p in record["officials"] + record["people"] if name.split()[-1] in p["name"]) == 1


PEOPLE = [
    (
        "alias-in-curly-single-quotes",
        "Ecuador extradited Rafael Ortiz Mena, alias ‘Chino’, on Sunday.",
        "Rafael Ortiz Mena",
        None,
        ["Chino"],
    ),
    (
        "also-known-as-the-quoted-nickname",
        'Felipe Ruiz Soto, also known as the "Doctor," was arrested on Friday.',
        "Felipe Ruiz Soto",
        None,
        ["Doctor"],
    ),
    (
        "role-word-before-name",
        "Analyst Cecilia Farfán-Méndez said the transfers were political.",
        "Cecilia Farfán-Méndez",
        "Analyst",
        [],
    ),
    (
        "alias-inside-name-short-sentence",
        'The sons of Joaquín "El Chapo" Guzmán lead one faction.',
        "Joaquín Guzmán",
        None,
        ["El Chapo"],
    ),
    (
        "alias-inside-name-the-model-calls-an-organization",
        'They have fought Ismael "El Mayo" Zambada since last year.',
        "Ismael Zambada",
        None,
        ["El Mayo"],
    ),
    (
        "first-name-left-out-by-the-model",
        "Héctor Sandoval Paz, a spokesman for the institute, said the flight landed.",
        "Héctor Sandoval Paz",
        "spokesman for the institute",
        [],
    ),
    (
        "title-word-ending-the-sentence-before",
        "The request came from the Ministry of Justice. Carlos Restrepo Vélez said he would appeal.",
        "Carlos Restrepo Vélez",
        None,
        [],
    ),
    (
        "role-apposition-leader",
        'It included Abigael Gonzalez Valencia, a leader of "Los Cuinis," a group tied to CJNG.',
        "Abigael Gonzalez Valencia",
        "leader of Los Cuinis",
        [],
    ),
    (
        "role-analyst",
        "Laura Méndez, a senior analyst with the International Crisis Group, disagreed.",
        "Laura Méndez",
        "senior analyst with the International Crisis Group",
        [],
    ),
    (
        "role-before-comma",
        "Another defendant, Roberto Salazar, is wanted in California.",
        "Roberto Salazar",
        "defendant",
        [],
    ),
    (
        "role-before-name",
        "Police arrested Northeast Cartel leader Miguel Ángel Treviño on Sunday.",
        "Miguel Ángel Treviño",
        "Northeast Cartel leader",
        [],
    ),
    (
        "alias-quoted",
        'The leader, Nemesio Oseguera Cervantes, alias "El Mencho," remains at large.',
        "Nemesio Oseguera Cervantes",
        "leader",
        ["El Mencho"],
    ),
    (
        "alias-known-as",
        'Ramiro Villalobos Garza, 51, known within the organization as "Comandante R-12," was flown out.',
        "Ramiro Villalobos Garza",
        None,
        ["Comandante R-12"],
    ),
    ("alias-aka", 'Prosecutors say Juan Pérez, aka "El Ricky," ran the cell.', "Juan Pérez", None, ["El Ricky"]),
    (
        "role-age-skipped",
        "Mercedes Rojas, 52, a hairdresser's mother, cried.",
        "Mercedes Rojas",
        "hairdresser's mother",
        [],
    ),
    (
        "role-before-name-after-headline-verb",
        "Real Oviedo sign Chilean forward Andrés Mora from Cali\n\nThe club confirmed it.",
        "Andrés Mora",
        "Chilean forward",
        [],
    ),
    (
        "role-before-name-headline-with-fee",
        "Sporting sign Peruvian forward Andrés Mora from Cali for €9 million\n\nThe club confirmed it.",
        "Andrés Mora",
        "Peruvian forward",
        [],
    ),
    ("no-role", "Daniela Beltrán lives near the market.", "Daniela Beltrán", None, []),
    (
        "role-economist",
        "Andrés Paredes, chief economist at a brokerage, said families save.",
        "Andrés Paredes",
        "chief economist at a brokerage",
        [],
    ),
    (
        "defense-attorney-is-not-official",
        "His defense attorney, Leonardo Cantú, said he would fight.",
        "Leonardo Cantú",
        "defense attorney",
        [],
    ),
]


PEOPLE_PARAMS = [pytest.param(*c[1:], id=c[0]) for c in PEOPLE]


@pytest.mark.parametrize(("text", "name", "role", "aliases"), PEOPLE_PARAMS)
def test_person(text: str, name: str, role: str | None, aliases: list[str], extract_text) -> None:
    record = extract_text(text)
    found = _find(record, name)
    assert found is not None and found[0] == "people", record["officials"] + record["people"]
    assert (found[1]["role"], found[1]["aliases"]) == (role, aliases)
    alias_names = {p["name"] for p in record["people"]} & set(aliases)
    assert not alias_names, "an alias is not a separate person"


NOT_PEOPLE = [
    ("cartel-is-not-person", "Members of the Sinaloa Cartel were flown north.", "Sinaloa"),
    (
        "coordinated-cartel",
        "Those sent include members of the Sinaloa, Beltran Leyva, Jalisco and Zetas cartels.",
        "Beltran",
    ),
    ("news-outlet", "Noticias Telemundo noted that the men were flown north.", "Telemundo"),
    ("wire", "MEXICO CITY (LatAm Wire) — Mexico sent 37 people.", "Wire"),
    ("state", "He was arrested near Reynosa, Tamaulipas, in March.", "Tamaulipas"),
    ("gang", "Alleged Tren de Aragua members were deported.", "Aragua"),
    ("club", "He played for Club América before leaving.", "América"),
    ("place-after-preposition", "He moved from Monterrey to Seville.", "Monterrey"),
    ("landform", "Crossings through the Darien Gap fell by half in January.", "Darien"),
    ("name-of-a-prison", "He was named director of the La Tolva penal center in 2023.", "Tolva"),
    ("landform-strait", "Patrols in the Florida Strait were doubled.", "Florida"),
]


@pytest.mark.parametrize(("text", "word"), [c[1:] for c in NOT_PEOPLE], ids=[c[0] for c in NOT_PEOPLE])
def test_not_a_person(text: str, word: str, extract_text) -> None:
    record = extract_text(text)
    names = [p["name"] for p in record["officials"] + record["people"]]
    assert not any(word in n for n in names), names


@pytest.mark.parametrize("text", [
    "The Trump administration pressed Mexico on fentanyl.",
    "They met at Trump Tower on Monday.",
    "Jorge Valdano, Real Madrid President, said the club would appeal.",
    "Marta Gil, Iberia Airlines Director, said the flight was late.",
    "Gianni Ruiz, FIFA President, said the club would appeal.",
], ids=["only-a-modifier", "first-word-of-a-place", "club-president", "company-director",
        "acronym-of-no-public-agency"])
def test_no_official(text: str, extract_text) -> None:
    assert extract_text(text)["officials"] == []


def test_nobody_is_both_official_and_person(extract_text) -> None:
    record = extract_text(
        "Mexican President Claudia Sheinbaum spoke. Claudia Sheinbaum, who is popular, said no. Sheinbaum left."
    )
    assert [p["name"] for p in record["officials"]] == ["Claudia Sheinbaum"]
    assert record["people"] == []
