"""Cartels and other criminal organizations: rule tests on a blank English pipeline plus our rules."""

from __future__ import annotations

from functools import cache

import pytest
import spacy

from conftest import FIXTURE_ARTICLES
from transfer_extract.article import prepare
from transfer_extract.extractors import Context, organizations
from transfer_extract.pipeline import add_rule_components


@cache
def _blank():  # -> spacy.language.Language
    nlp = spacy.blank("en")
    add_rule_components(nlp)
    return nlp


def orgs(text: str) -> dict[str, list[str]]:
    """Organization name -> the texts of its mentions (offsets checked against the text)."""
    found = organizations.extract(_blank()(text), Context(prepare(text)))["cartels"]
    for cartel in found:
        for m in cartel.mentions:
            assert text[m.start : m.end] == m.text
    return {c.name: [m.text for m in c.mentions] for c in found}


CASES = [
    # known names and aliases, English and Spanish, accents and hyphens ignored
    ("sinaloa", "members of the Sinaloa Cartel were sent", {"Sinaloa Cartel": ["Sinaloa Cartel"]}),
    ("sinaloa-lower", "the Sinaloa cartel said", {"Sinaloa Cartel": ["Sinaloa cartel"]}),
    ("sinaloa-spanish", "el Cártel de Sinaloa domina", {"Sinaloa Cartel": ["Cártel de Sinaloa"]}),
    ("cjng-acronym", "a CJNG cell", {"Jalisco New Generation Cartel": ["CJNG"]}),
    ("title-case-headline", "Police Detain Senior Member Of Sinaloa Drug Cartel",
     {"Sinaloa Cartel": ["Sinaloa Drug Cartel"]}),
    ("title-case-headline-new-name", "Soldiers Capture Top Boss Of Foo Bar Cartel",
     {"Foo Bar Cartel": ["Foo Bar Cartel"]}),
    ("nickname-of-a-person", 'They sentenced Juan Pérez Sauceda, known as "El Tigre," to life.', {}),
    ("el-nickname", 'A man known as El Contador kept the books.', {}),
    ("honduran-group", "the Cachiros, a Honduran trafficking clan", {"Los Cachiros": ["Cachiros"]}),
    (
        "nueva-familia-is-not-la-familia",
        "La Nueva Familia Michoacana and La Familia Michoacana",
        {"La Nueva Familia Michoacana": ["La Nueva Familia Michoacana"],
         "La Familia Michoacana": ["La Familia Michoacana"]},
    ),
    (
        "clan-del-golfo-english-and-old-names",
        "the Gaitanista Army of Colombia, once Los Urabeños",
        {"Clan del Golfo": ["Gaitanista Army of Colombia", "Los Urabeños"]},
    ),
    (
        "cjng-full",
        "the Jalisco New Generation Cartel grew",
        {"Jalisco New Generation Cartel": ["Jalisco New Generation Cartel"]},
    ),
    (
        "cjng-spanish",
        "the Cártel de Jalisco Nueva Generación grew",
        {"Jalisco New Generation Cartel": ["Cártel de Jalisco Nueva Generación"]},
    ),
    (
        "cjng-no-accent",
        "the Cartel de Jalisco Nueva Generacion grew",
        {"Jalisco New Generation Cartel": ["Cartel de Jalisco Nueva Generacion"]},
    ),
    ("beltran-accent-hyphen", "the Beltrán-Leyva Cartel", {"Beltrán-Leyva Cartel": ["Beltrán-Leyva Cartel"]}),
    ("beltran-plain", "the Beltran Leyva Organization", {"Beltrán-Leyva Cartel": ["Beltran Leyva Organization"]}),
    ("beltran-blo", "a BLO boss", {"Beltrán-Leyva Cartel": ["BLO"]}),
    ("beltran-lower-org", "the Beltrán Leyva organization", {"Beltrán-Leyva Cartel": ["Beltrán Leyva organization"]}),
    ("gulf", "a Gulf Cartel plaza", {"Gulf Cartel": ["Gulf Cartel"]}),
    ("gulf-spanish", "el Cártel del Golfo", {"Gulf Cartel": ["Cártel del Golfo"]}),
    ("zetas", "former Zetas leaders", {"Los Zetas": ["Zetas"]}),
    ("los-zetas", "Los Zetas split", {"Los Zetas": ["Los Zetas"]}),
    ("noreste", "the Cártel del Noreste", {"Northeast Cartel": ["Cártel del Noreste"]}),
    ("noreste-unaccented", "the Cartel del Noreste", {"Northeast Cartel": ["Cartel del Noreste"]}),
    ("northeast", "the Northeast Cartel leader", {"Northeast Cartel": ["Northeast Cartel"]}),
    ("familia", "La Familia Michoacana fighters", {"La Familia Michoacana": ["La Familia Michoacana"]}),
    ("templar", "the Knights Templar", {"Knights Templar": ["Knights Templar"]}),
    ("caballeros", "Los Caballeros Templarios", {"Knights Templar": ["Los Caballeros Templarios"]}),
    ("juarez", "the Juarez Cartel", {"Juárez Cartel": ["Juarez Cartel"]}),
    ("tijuana-afo", "the Arellano Félix Organization", {"Tijuana Cartel": ["Arellano Félix Organization"]}),
    ("santa-rosa", "the Santa Rosa de Lima Cartel", {"Santa Rosa de Lima Cartel": ["Santa Rosa de Lima Cartel"]}),
    ("chapitos", "Los Chapitos and La Mayiza", {"Los Chapitos": ["Los Chapitos"], "La Mayiza": ["La Mayiza"]}),
    ("cuinis-quoted", 'a leader of "Los Cuinis," a group', {"Los Cuinis": ["Los Cuinis"]}),
    ("tren", "alleged Tren de Aragua members", {"Tren de Aragua": ["Tren de Aragua"]}),
    ("ms13", "Mara Salvatrucha, or MS-13", {"MS-13": ["Mara Salvatrucha", "MS-13"]}),
    ("barrio18", "rivals of Barrio 18", {"Barrio 18": ["Barrio 18"]}),
    ("clan-golfo", "Colombia's Clan del Golfo", {"Clan del Golfo": ["Clan del Golfo"]}),
    # names not in the file
    ("unknown-cartel", "the Foo cartel said", {"Foo Cartel": ["Foo cartel"]}),
    ("unknown-capital", "a Pelones Cartel cell", {"Pelones Cartel": ["Pelones Cartel"]}),
    ("unknown-gang", "the Bar gang attacked", {"Bar Gang": ["Bar gang"]}),
    ("faction-known-as", "a faction known as Los Pelones", {"Los Pelones": ["Los Pelones"]}),
    ("spanish-unknown", "the Cártel de los Soles", {"Cártel de los Soles": ["Cártel de los Soles"]}),
    ("adjective-trimmed", "Alleged Gulf Cartel figure", {"Gulf Cartel": ["Gulf Cartel"]}),
    # coordinations: one organization each
    (
        "coordination-five",
        "members of the Sinaloa, Beltran Leyva, Jalisco, Noreste and Zetas cartels",
        {
            "Sinaloa Cartel": ["Sinaloa"],
            "Beltrán-Leyva Cartel": ["Beltran Leyva"],
            "Jalisco New Generation Cartel": ["Jalisco"],
            "Northeast Cartel": ["Noreste"],
            "Los Zetas": ["Zetas"],
        },
    ),
    ("coordination-two", "the Gulf and Sinaloa cartels", {"Gulf Cartel": ["Gulf"], "Sinaloa Cartel": ["Sinaloa"]}),
    (
        "coordination-oxford",
        "the Sinaloa, Jalisco, and Foo cartels",
        {"Sinaloa Cartel": ["Sinaloa"], "Jalisco New Generation Cartel": ["Jalisco"], "Foo Cartel": ["Foo"]},
    ),
    # later short mentions
    (
        "short-after-full",
        "The Jalisco New Generation Cartel expanded. Jalisco now leads.",
        {"Jalisco New Generation Cartel": ["Jalisco New Generation Cartel", "Jalisco"]},
    ),
    ("anaphor", "The Gulf Cartel is old. The cartel controls Reynosa.", {"Gulf Cartel": ["Gulf Cartel", "The cartel"]}),
    # not organizations
    ("short-before-full-is-not", "Jalisco is a state.", {}),
    ("place-after-full", "The Sinaloa Cartel fights in Sinaloa.", {"Sinaloa Cartel": ["Sinaloa Cartel"]}),
    (
        "anaphor-ambiguous",
        "The Gulf Cartel and the Zetas fought. The cartel won.",
        {"Gulf Cartel": ["Gulf Cartel"], "Los Zetas": ["Zetas"]},
    ),
    ("anaphor-modifier", "The Gulf Cartel is old. Some of the cartel leaders fled.", {"Gulf Cartel": ["Gulf Cartel"]}),
    ("generic-mexican-cartels", "Mexican cartels and drug cartels", {}),
    ("number-before-cartel", "Mexico sent 37 cartel members", {}),
    ("weekday-before-cartel", "said Tuesday cartels were weaker", {}),
    ("lowercase-la-linea", "cruzar la línea", {}),
    ("la-linea", "La Línea gunmen", {"La Línea": ["La Línea"]}),
    ("organization-unknown", "the World Health Organization", {}),
    ("descriptor-before-head", "weakened by the rival Sinaloa drug gang.", {"Sinaloa Cartel": ["Sinaloa drug gang"]}),
    ("descriptor-new-name", "the Foo crime gang was dismantled", {"Foo Gang": ["Foo crime gang"]}),
    ("listed-after-known", "gangs like Los Choneros, Los Lobos and Los Tiguerones.",
     {"Los Choneros": ["Los Choneros"], "Los Lobos": ["Los Lobos"], "Los Tiguerones": ["Los Tiguerones"]}),
    ("listed-place-is-no-gang", "Los Choneros and Los Angeles.", {"Los Choneros": ["Los Choneros"]}),
    ("listed-modifier-is-no-gang", "Los Choneros, Los Angeles police said.", {"Los Choneros": ["Los Choneros"]}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_organizations(text: str, expected: dict[str, list[str]]) -> None:
    assert orgs(text) == expected


def test_aliases_are_kept_with_the_canonical_name() -> None:
    text = "The Jalisco New Generation Cartel, or CJNG, and the Cártel de Jalisco Nueva Generación."
    (cartel,) = organizations.extract(_blank()(text), Context(prepare(text)))["cartels"]
    assert cartel.aliases == ("CJNG", "Cártel de Jalisco Nueva Generación")


@pytest.mark.parametrize("path", FIXTURE_ARTICLES, ids=lambda p: p.stem)
def test_matches_near_anchor_words_are_all_the_matches(path) -> None:
    """Looking only around anchor words finds what the matcher finds on the whole article."""
    doc = _blank()(path.read_text("utf-8"))
    whole = [(doc.vocab.strings[key], start, end) for key, start, end in organizations._matcher(doc.vocab)(doc)]
    assert sorted(organizations._matches(doc)) == sorted(whole)
