"""Reading numbers written in digits or words ("37", "1,200", "twenty-six", "a dozen", "third")."""

from __future__ import annotations

import math
import re

from transfer_extract.data import load_json

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d{1,9})(?:st|nd|rd|th)$", re.IGNORECASE)
# Larger is not a count (and a run of digits can overflow a float to inf, which is not JSON).
_MAX_VALUE = 1e15


def parse_number(text: str) -> int | float | None:
    """The value of a cardinal written in digits or words, or None."""
    words = load_json("numbers.json")
    t = text.strip().lower().replace("\u2013", "-")
    if _DIGITS.match(t):
        value = float(t.replace(",", ""))
        if not math.isfinite(value) or value > _MAX_VALUE:
            return None
        return int(value) if value.is_integer() else value
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in ("and", "of", ""):
            continue
        if word in words["units"]:
            current += words["units"][word]
        elif word in words["scales"]:
            current = max(current, 1) * words["scales"][word]
            if words["scales"][word] >= 1000:
                total, current = total + current, 0
        elif _DIGITS.match(word):
            current += float(word.replace(",", ""))
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if not math.isfinite(value) or value > _MAX_VALUE:
        return None
    return int(value) if float(value).is_integer() else value


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("third", "3rd"), or None."""
    t = text.strip().lower()
    if m := _ORDINAL_DIGITS.match(t):
        return int(m[1])
    return load_json("numbers.json")["ordinals"].get(t)
