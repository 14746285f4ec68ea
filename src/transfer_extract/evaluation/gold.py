"""Gold files: the facts a person reads in one article, in the development set's format.

The format is `../shared/devset/CONVENTIONS.md` (and `gold.schema.json` in this package). Reading
never prints: a file that is not a gold file raises GoldFormatError naming the file and the key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from transfer_extract.errors import GoldFormatError

EVENT_FIELDS = ("count", "origin", "destination", "date", "cumulative_total", "sequence", "kind")

# key: (the JSON types it may have, whether it must be there)
_KEYS: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": ((str,), True),
    "published": ((str, type(None)), True),
    "published_in_text": ((bool,), False),
    "boilerplate": ((list,), False),
    "body_must_keep": ((list,), False),
    "cartels": ((list,), True),
    "officials": ((list,), True),
    "people_other": ((list,), False),
    "quotes": ((list,), True),
    "counts": ((list,), True),
    "dates": ((list,), True),
    "transfer_event": ((dict, type(None)), True),
}
_ITEM_KEYS = {
    "officials": ("name",),
    "quotes": ("start_words",),
    "counts": ("value",),
    "dates": ("text",),
}
_STR, _OPT_STR, _NUMBER = (str,), (str, type(None)), (int, float)
# item field: the JSON types it may have
_ITEM_TYPES = {
    "officials": {"name": _STR, "title": _OPT_STR, "country": _OPT_STR},
    "quotes": {"start_words": _STR, "speaker": _OPT_STR},
    "counts": {"value": _NUMBER},
    "dates": {"text": _STR, "value": _OPT_STR},
}


@dataclass(frozen=True)
class Gold:
    """One article's gold facts (the JSON as written, checked) and where it was read from."""

    id: str
    path: str
    data: dict[str, Any]

    @property
    def published(self) -> str | None:
        return self.data["published"]

    @property
    def published_in_text(self) -> bool:
        return bool(self.data.get("published_in_text", True))

    def publish_date(self) -> date | None:
        """The date to pass as `--published` when the text does not state it, else None."""
        if self.published_in_text or not self.published:
            return None
        return date.fromisoformat(self.published)


def check_gold(data: Any, where: str) -> dict[str, Any]:
    """`data` if it is a gold article, else GoldFormatError naming `where` and what is wrong."""
    if not isinstance(data, dict):
        raise GoldFormatError(f"{where}: not a gold file (a JSON object is expected)")
    for key, (types, required) in _KEYS.items():
        if key not in data:
            if required:
                raise GoldFormatError(f"{where}: the key {key!r} is missing")
            continue
        if not isinstance(data[key], types):
            raise GoldFormatError(f"{where}: {key!r} has the wrong type ({type(data[key]).__name__})")
    for key, needed in _ITEM_KEYS.items():
        for n, item in enumerate(data[key], 1):
            if not isinstance(item, dict) or any(k not in item for k in needed):
                raise GoldFormatError(f"{where}: {key} item {n} needs {', '.join(needed)}")
            for name, types in _ITEM_TYPES[key].items():
                value = item.get(name)
                if name in item and (not isinstance(value, types) or isinstance(value, bool)):
                    raise GoldFormatError(f"{where}: {key} item {n}: {name!r} has the wrong type"
                                          f" ({type(value).__name__})")
    for key in ("cartels", "people_other", "boilerplate", "body_must_keep"):
        if not all(isinstance(v, str) for v in data.get(key, [])):
            raise GoldFormatError(f"{where}: {key!r} must be a list of strings")
    event = data["transfer_event"]
    if event is not None and any(k not in event for k in EVENT_FIELDS):
        raise GoldFormatError(f"{where}: transfer_event needs {', '.join(EVENT_FIELDS)}")
    if data["published"] is not None:
        try:
            date.fromisoformat(data["published"])
        except ValueError:
            raise GoldFormatError(f"{where}: published {data['published']!r} is not YYYY-MM-DD") from None
    return data


def read_gold(path: str | Path) -> Gold:
    """The gold file at `path` (GoldFormatError when it is not one)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{path}: not JSON ({exc})") from None
    data = check_gold(data, str(path))
    return Gold(data["id"], str(path), data)


def gold_files(folder: str | Path) -> list[Path]:
    """The gold files (`*.json`) in `folder`, sorted (GoldFormatError when it is not a folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldFormatError(f"{folder}: not a folder of gold files")
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
