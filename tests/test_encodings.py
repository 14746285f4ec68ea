"""Encodings: BOMs, UTF-8, Windows-1252 and Latin-1 are decoded right and named in the record."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from transfer_extract.reader import decode, read_input

TEXT = "Mexico's Cártel del Golfo leader was extradited to Texas, officials in Matamoros said.\n"
SPANISH = "Según él, la extradición del líder del cártel fue un éxito para el país.\n"
CP1252_TEXT = "The \u201cleaders\u201d of the cartel were sent north \u2014 a \u20ac14 million deal.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, "utf-8", id="utf8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8-sig", id="utf8-bom"),
        pytest.param(TEXT.encode("utf-16"), TEXT, "utf-16", id="utf16-bom-native"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16", id="utf16-be-bom"),
        pytest.param(CP1252_TEXT.encode("cp1252"), CP1252_TEXT, "cp1252", id="windows-1252"),
        pytest.param(TEXT.encode("latin-1"), TEXT, "cp1252", id="latin1-same-as-cp1252"),
        pytest.param(SPANISH.encode("latin-1"), SPANISH, "cp1252", id="latin1-spanish"),
        pytest.param(TEXT.encode("utf-32"), TEXT, "utf-32", id="utf32-bom"),
        pytest.param(b"", "", "utf-8", id="empty"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "x.txt") == (text, encoding)


def test_record_source_names_the_encoding_and_offsets_refer_to_decoded_text(tmp_path: Path, extract_text) -> None:
    from transfer_extract.core import extract

    path = tmp_path / "cp1252.txt"
    body = "Mexico sent 26 prisoners to the United States on \u201cTuesday\u201d, officials said.\n"
    path.write_bytes(body.encode("cp1252"))
    item = read_input(path)
    record = extract(item).to_dict()
    assert record["source"]["encoding"] == "cp1252" and record["source"]["chars"] == len(body)
    assert any(c["text"] == "26" and body[c["start"]:c["end"]] == "26" for c in record["counts"])
