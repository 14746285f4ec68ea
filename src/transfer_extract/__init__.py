"""transfer-extract: facts from news articles about cartel transfers, extraditions and deportations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("transfer-extract")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = ["__version__"]
