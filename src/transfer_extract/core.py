"""The one entry point of the core: article text in, `Record` out. Never prints.

Whatever the text, `extract` returns: empty text, a web page without an article, tags in a text
and text in another language give a record with a warning; a text over the character limit is
refused with an InputError. A web page (told by its content, `html.is_page`) is read through
trafilatura: its article text is what is parsed, and the record carries it as `source.text`.
Long texts are parsed in paragraph chunks (never hitting spaCy's `max_length`) that are joined
back into one `Doc` whose text is exactly the text parsed, so every offset stays exact.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from transfer_extract.article import Article, prepare
from transfer_extract.data import load_json
from transfer_extract.errors import InputTooLargeError
from transfer_extract.html import NO_ARTICLE, Page, is_page, read_page
from transfer_extract.record import Record, Source

MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Input:
    """One article to process: its text, where it came from, and how it was decoded."""

    text: str
    path: str | None = None
    encoding: str = "utf-8"
    sha256: str | None = None
    absolute_path: str | None = None  # of a file read from disk, so a record is found from any folder


def source_of(item: Input, page: Page | None = None) -> Source:
    """The record's `source`: the input as read, and for a web page its metadata and article text."""
    digest = item.sha256 or hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
    source = Source(item.path, digest, len(item.text), item.encoding, absolute_path=item.absolute_path)
    if page is None:
        return source
    return dataclasses.replace(source, format="html", title=page.title, url=page.url, author=page.author,
                               site=page.site, text=page.text)


def too_large(text: str, max_chars: int = MAX_CHARS) -> bool:
    return len(text) > max_chars


def too_large_error(name: str, chars: int, max_chars: int) -> InputTooLargeError:
    """The InputTooLargeError (naming `--max-chars`) for the text `name` of `chars` characters."""
    return InputTooLargeError(
        f"{name}: {chars} characters is more than the limit of {max_chars} (raise it with --max-chars)")


def check_size(item: Input, max_chars: int = MAX_CHARS) -> None:
    """Raise InputTooLargeError (naming `--max-chars`) for a text over the limit."""
    if too_large(item.text, max_chars):
        raise too_large_error(item.path or "<text>", len(item.text), max_chars)


def read_article(text: str, published: date | None = None) -> tuple[Article, Page | None]:
    """The article of `text` with its boilerplate found and cut out, and the `Page` when `text` is
    a web page: then the article is the text trafilatura found in it, published on `published`,
    else on the page's metadata date, else on the date the text states."""
    if not is_page(text):
        return prepare(text, published), None
    page = read_page(text)
    return prepare(page.text, published or page.published), page


def clean(text: str, published: date | None = None) -> Article:
    """The article with its boilerplate found and cut out (no model needed)."""
    return read_article(text, published)[0]


# --- what kind of text it is ---------------------------------------------------------------

@cache
def _html_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    html = load_json("input.json")["html"]
    return (re.compile(html["tag"]), re.compile(html["entity"]),
            tuple(html["raw_text_elements"]))


def _blank(text: str, start: int, end: int, out: list[str]) -> None:
    out.append(re.sub(r"[^\n]", " ", text[start:end]))


def mask_html(text: str) -> tuple[str, int]:
    """`text` with HTML tags, comments' markers, entities and script/style contents replaced by
    spaces (newlines kept, so the length and every offset stay the same), and the tag count."""
    tag, entity, raw = _html_patterns()
    lower = text.lower()
    out: list[str] = []
    pos = count = 0
    while (m := tag.search(text, pos)) is not None:
        out.append(text[pos:m.start()])
        end = m.end()
        name = m.group()[1:].split(None, 1)[0].rstrip(">/").lower() if len(m.group()) > 1 else ""
        if name in raw:  # blank everything up to the closing tag
            close = lower.find(f"</{name}", end)
            end = len(text) if close == -1 else (lower.find(">", close) + 1 or len(text))
        _blank(text, m.start(), end, out)
        count += 1
        pos = end
    out.append(text[pos:])
    masked = "".join(out)
    return entity.sub(lambda e: " " * len(e.group()), masked), count


def english_ratio(text: str) -> tuple[int, float]:
    """The number of words in `text` and the share of them that are English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0, 0.0
    return len(words), sum(w in STOP_WORDS for w in words) / len(words)


def inspect(original: str, text: str, page: Page | None = None) -> tuple[str, list[str]]:
    """The text to parse (tags blanked out when a text that is not a web page has them) and
    warnings about the input. `original` is the article text before boilerplate stripping and
    `text` after; `page` is the web page `original` was found in, if any."""
    settings = load_json("input.json")
    warnings: list[str] = []
    if page is not None and not page.has_article:
        return text, [NO_ARTICLE]
    if not original.strip():
        return text, ["empty input: there is no text to extract facts from"]
    if not text.strip():
        return text, ["no article text left once the boilerplate is removed"]
    masked, tags = mask_html(text) if page is None else (text, 0)
    if page is None and (tags >= settings["html"]["min_tags"] or "<!doctype" in text[:1000].lower()):
        text = masked
        warnings.append(f"the input looks like HTML ({tags} tags); its tags were ignored, but convert"
                        " it to plain text first for reliable results")
    english = settings["english"]
    words, ratio = english_ratio(text)
    if words >= english["min_words"] and ratio < english["min_stopword_ratio"]:
        warnings.append(f"the text does not look like English ({ratio:.0%} English stop words);"
                        " facts may be missing or wrong")
    return text, warnings


# --- parsing in chunks ---------------------------------------------------------------------

def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces of `text` of at most `size` characters, cut after a
    blank line if there is one, else after a line break, else after a space, else anywhere."""
    bounds: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while n - pos > size:
        cut = pos + size
        for sep in ("\n\n", "\n", " "):
            i = text.rfind(sep, pos + 1, pos + size)
            if i != -1:
                cut = i + len(sep)
                break
        bounds.append((pos, cut))
        pos = cut
    bounds.append((pos, n))
    return bounds


def make_doc(nlp: Any, text: str, max_run: int) -> Any:  # -> spacy.tokens.Doc
    """The tokens of `text`; a run of non-space characters longer than `max_run` is tokenized
    in pieces of `max_run` (spaCy's tokenizer takes quadratic time on long punctuation runs)."""
    from spacy.tokens import Doc

    cuts = [c for m in re.finditer(rf"\S{{{max_run + 1},}}", text)
            for c in range(m.start() + max_run, m.end(), max_run)]
    if not cuts:
        return nlp.make_doc(text)
    pieces = [nlp.make_doc(text[a:b]) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return Doc.from_docs(pieces, ensure_whitespace=False)


def _join(docs: list[Any]) -> Any:
    from spacy.tokens import Doc

    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


# --- extraction ----------------------------------------------------------------------------

def as_date(value: date | str | None) -> date | None:
    """`value` as a date: a date, an ISO date "YYYY-MM-DD", or None (ValueError otherwise)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Prepared:
    """One input read and cleaned, ready to parse: `text` is exactly what is parsed."""

    item: Input
    page: Page | None
    article: Article
    text: str
    warnings: tuple[str, ...]


def prepare_input(item: Input | str, published: date | str | None = None,
                  max_chars: int = MAX_CHARS) -> Prepared:
    """`item` checked for size, its article found and its text to parse chosen."""
    item = Input(item) if isinstance(item, str) else item
    check_size(item, max_chars)
    article, page = read_article(item.text, as_date(published))
    text, warnings = inspect(article.text, article.clean, page)
    if article.published_inferred and article.published:
        warnings.append(f"publication date {article.published.isoformat()}: the dateline gives no year; it is "
                        "the latest year in which its day falls on the weekday the lead names (give "
                        "--published YYYY-MM-DD to be sure)")
    return Prepared(item, page, article, text, tuple(warnings))


def whole_doc_fits(nlp: Any, text: str) -> bool:
    """Whether `text` is parsed in one piece by `parse` (then a Doc of it made otherwise is the same)."""
    settings = load_json("input.json")
    return len(text) <= settings["chunk_chars"] and not re.search(rf"\S{{{settings['max_run'] + 1},}}", text)


def parse(nlp: Any, prepared: Iterable[Prepared], batch_size: int = 16,
          disable: Iterable[str] = ()) -> Iterator[tuple[Prepared, Any]]:
    """(prepared, Doc of prepared.text) in order, parsed by `nlp` in batches of paragraph chunks."""
    settings = load_json("input.json")

    def chunks() -> Iterator[tuple[Any, tuple[Prepared, int]]]:
        for prep in prepared:
            bounds = chunk_bounds(prep.text, settings["chunk_chars"])
            for k, (a, b) in enumerate(bounds):
                yield make_doc(nlp, prep.text[a:b], settings["max_run"]), (prep, len(bounds) - k - 1)

    parsed: list[Any] = []
    for doc, (prep, left) in nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size, disable=list(disable)):
        parsed.append(doc)
        if left:
            continue
        whole, parsed = _join(parsed), []
        yield prep, whole


def build_record(prep: Prepared, doc: Any) -> Record:
    """The record of `prep` from `doc`, the parse of `prep.text`: every extractor of the registry run."""
    from transfer_extract.article import in_original
    from transfer_extract.extractors import Context, run_extractors

    article = prep.article
    ctx = run_extractors(doc, Context(article))
    return Record(
        source=source_of(prep.item, prep.page),
        published=article.published.isoformat() if article.published else None,
        boilerplate=article.boilerplate,
        facts={name: in_original(found, article) for name, found in ctx.found.items()},
        warnings=(*prep.warnings, *ctx.warnings),
    )


def pipeline_of(nlp: Any = None, model: str | None = None) -> Any:
    """`nlp` when it is a Language, else the pipeline named `nlp` or `model` (see load_pipeline)."""
    if nlp is not None and not isinstance(nlp, str):
        return nlp
    from transfer_extract.pipeline import load_pipeline

    return load_pipeline(nlp or model)


def extract(item: Input | str, *, published: date | str | None = None, model: str | None = None,
            max_chars: int = MAX_CHARS, nlp: Any = None) -> Record:
    """The record of one article (InputTooLargeError over `max_chars` characters)."""
    return next(extract_many([item], published=published, model=model, max_chars=max_chars, nlp=nlp))


def extract_many(
    items: Iterable[Input | str],
    *,
    published: date | str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    max_chars: int = MAX_CHARS,
    nlp: Any = None,
) -> Iterator[Record]:
    """Records for `items`, in order; the model is loaded once and texts are parsed in batches
    of paragraph chunks. An item over `max_chars` raises InputTooLargeError when its turn comes.
    `nlp`: a spaCy Language to parse with (its `transfer_facts` component, if any, is skipped)
    or the name of a pipeline; by default `model`, else the first installed default."""
    from transfer_extract.facts_component import FACTORY as FACTS

    language = pipeline_of(nlp, model)
    when = as_date(published)
    prepared = (prepare_input(i, when, max_chars) for i in items)
    skip = [name for name in language.pipe_names if language.get_pipe_meta(name).factory == FACTS]
    for prep, doc in parse(language, prepared, batch_size, disable=skip):
        yield build_record(prep, doc)
