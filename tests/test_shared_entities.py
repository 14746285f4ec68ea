"""Cartels, officials and people on the real articles beside the repo, as a careful reader lists them."""

from __future__ import annotations

import pytest

from conftest import SHARED, needs_shared

# article stem -> (cartels, officials as name -> (title, country), people as name -> role)
EXPECTED = {
    "independent-2026-01-21": (
        {"Jalisco New Generation Cartel", "Sinaloa Cartel"},
        {
            "Claudia Sheinbaum": ("President", "Mexico"),
            "Donald Trump": ("President", "United States"),
            "Nicolás Maduro": ("President", "Venezuela"),
        },
        {},
    ),
    "sheinbaum-extradition-2026-01-21": (
        {
            "Sinaloa Cartel",
            "Beltrán-Leyva Cartel",
            "Jalisco New Generation Cartel",
            "Northeast Cartel",
            "Los Zetas",
            "Los Cuinis",
        },
        {
            "Claudia Sheinbaum": ("President", "Mexico"),
            "Omar Garcia Harfuch": ("Security Secretary", "Mexico"),
            "Donald Trump": ("President", "United States"),
        },
        {"Abigael Gonzalez Valencia": "leader of Los Cuinis", "Roberto Salazar": "defendant"},
    ),
}


@needs_shared
@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_entities(stem: str, extract_text) -> None:
    path = SHARED / f"{stem}.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    record = extract_text(path.read_text("utf-8"))
    cartels, officials, people = EXPECTED[stem]
    assert {c["name"] for c in record["cartels"]} == cartels
    assert {o["name"]: (o["title"], o["country"]) for o in record["officials"]} == officials
    assert {p["name"]: p["role"] for p in record["people"]} == people


@needs_shared
def test_sheinbaum_is_one_record_with_every_mention(extract_text) -> None:
    path = SHARED / "independent-2026-01-21.txt"
    record = extract_text(path.read_text("utf-8"))
    (sheinbaum,) = [o for o in record["officials"] if o["name"] == "Claudia Sheinbaum"]
    assert len(sheinbaum["mentions"]) >= 4
