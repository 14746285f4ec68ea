"""transfer-extract: facts from news articles about cartel transfers, extraditions and deportations.

The public API (see the README's "Python API"): `load`, `extract`, `extract_many`, `clean`, the
record classes, the registry of kinds of fact (`Kind`, `Extractor`, `register`, `registered_kinds`,
`record_schema`) and the errors.
Every other module is private and may change.
"""

from importlib.metadata import PackageNotFoundError, version

from transfer_extract.api import clean, extract, extract_many, load
from transfer_extract.errors import (
    InputError,
    InputTooLargeError,
    ModelNotFoundError,
    RecordFormatError,
    TransferExtractError,
)
from transfer_extract.kinds import Extractor, Kind, record_schema, register
from transfer_extract.kinds import kinds as registered_kinds
from transfer_extract.record import (
    Boilerplate,
    Cartel,
    CountFact,
    DateFact,
    Event,
    Official,
    Person,
    Quote,
    Record,
    Source,
    Span,
)

try:
    __version__ = version("transfer-extract")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = [
    "Boilerplate",
    "Cartel",
    "CountFact",
    "DateFact",
    "Event",
    "Extractor",
    "InputError",
    "InputTooLargeError",
    "Kind",
    "ModelNotFoundError",
    "Official",
    "Person",
    "Quote",
    "Record",
    "RecordFormatError",
    "Source",
    "Span",
    "TransferExtractError",
    "__version__",
    "clean",
    "extract",
    "extract_many",
    "load",
    "record_schema",
    "register",
    "registered_kinds",
]
