"""Every error the core raises on purpose. The CLI turns these into one-line messages."""

from __future__ import annotations


class TransferExtractError(Exception):
    """Base class: anything the user can fix by changing the input or the options."""


class InputError(TransferExtractError):
    """The input cannot be read as article text (missing, a folder, binary, too large...)."""


class NotTextError(InputError):
    """The input's bytes are not text in any encoding we read (NUL bytes, binary data)."""


class InputTooLargeError(InputError):
    """The input is longer than the character limit (`--max-chars`)."""


class OutputError(TransferExtractError):
    """The output file cannot be written (it exists and --force is not given, or a folder...)."""


class ModelNotFoundError(TransferExtractError):
    """No spaCy pipeline of the requested name is installed."""


class RecordFormatError(TransferExtractError):
    """A saved record file (JSON or JSONL) cannot be read back."""


class GoldFormatError(TransferExtractError):
    """A gold file for `evaluate` cannot be read (not JSON, a key missing or of the wrong type)."""


class ArticleTimeoutError(InputError):
    """An article took longer than the time limit (`--timeout`)."""
