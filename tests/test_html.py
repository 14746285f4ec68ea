"""Web pages: told apart from text by their content, read through trafilatura, end to end.

The pages are in fixtures/html/: an article page with navigation, a cookie banner, a related
rail, comments, scripts and JSON-LD metadata; an index page; a login wall; malformed markup.
"""

from __future__ import annotations

import io
import json
import socket
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, check_record
from transfer_extract.cli import app
from transfer_extract.core import Input, extract, read_article
from transfer_extract.html import NO_ARTICLE, is_page, read_page
from transfer_extract.record import Source

PAGES = ROOT / "fixtures" / "html"
runner = CliRunner()


def page(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


# --- telling a page from text ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<!DOCTYPE html><html><body><p>x</p></body></html>", True, id="doctype"),
        pytest.param("<!doctype HTML>\n<p>x</p>", True, id="doctype-any-case"),
        pytest.param("\n\n   <html lang='en'><p>x</p></html>", True, id="html-tag-after-blank-lines"),
        pytest.param('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
                     True, id="xhtml-declaration"),
        pytest.param("<!-- saved from url=(0042)https://example.org/ -->\n<!DOCTYPE html>", True,
                     id="browser-comment-first"),
        pytest.param("<head><meta charset='utf-8'><title>t</title></head>", True, id="head-without-html"),
        pytest.param("Mexico sent 26 prisoners to the United States on Tuesday.", False, id="plain-article"),
        pytest.param("Readers wrote that <html> tags broke the site.\n<!DOCTYPE html>", False,
                     id="markup-named-inside-text"),
        pytest.param("<3 to all the families waiting at the border", False, id="less-than-three"),
        pytest.param("<p>A fragment of a story.</p><p>Another.</p>", False, id="fragment-not-a-page"),
        pytest.param("", False, id="empty"),
    ],
)
def test_a_page_is_told_by_how_it_opens(text: str, expected: bool) -> None:
    assert is_page(text) is expected


# --- what trafilatura finds ------------------------------------------------------------------

ARTICLE = "article-page.html"


@pytest.mark.parametrize(
    "snippet",
    [
        pytest.param("Guatemala extradited 12 alleged members of the Barrio 18 gang", id="lead"),
        pytest.param('"These extraditions show that no one', id="quote-paragraph"),
        pytest.param("21 alleged gang members have been extradited", id="paragraph-after-an-ad-slot"),
        pytest.param("Human rights groups have warned", id="last-paragraph"),
    ],
)
def test_the_article_page_keeps_the_body(snippet: str) -> None:
    assert snippet in read_page(page(ARTICLE)).text


@pytest.mark.parametrize(
    "snippet",
    [
        pytest.param("Politics", id="navigation"),
        pytest.param("We use cookies", id="cookie-banner"),
        pytest.param("Most read", id="rail-heading"),
        pytest.param("Costa Rica police seize", id="rail-story"),
        pytest.param("About time they sent all 500", id="comment"),
        pytest.param("Ovidio", id="comment-name"),
        pytest.param("dataLayer", id="script"),
        pytest.param("El Chapo", id="script-string"),
        pytest.param("All rights reserved", id="footer"),
        pytest.param("Sign up for our daily newsletter", id="newsletter"),
        pytest.param("(CAW Photo/Mario Estrada)", id="image-caption"),
        pytest.param("Share this article", id="share-tools"),
    ],
)
def test_the_article_page_leaves_out_the_furniture(snippet: str) -> None:
    assert snippet not in read_page(page(ARTICLE)).text


def test_paragraphs_are_separated_by_blank_lines() -> None:
    paragraphs = read_page(page(ARTICLE)).text.split("\n\n")
    assert len(paragraphs) == 7 and all(p and "\n" not in p for p in paragraphs)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("title", "Guatemala sends 12 gang suspects to US in second extradition flight this year",
                     id="title-without-site-suffix"),
        pytest.param("url", "https://wire.example.org/2025/03/14/guatemala-extradition-flight", id="canonical-url"),
        pytest.param("author", "Lucía Herrera", id="author"),
        pytest.param("site", "Central America Wire", id="site-name"),
        pytest.param("published", date(2025, 3, 14), id="published-from-metadata"),
    ],
)
def test_the_page_metadata_is_read(field: str, value: object) -> None:
    assert getattr(read_page(page(ARTICLE)), field) == value


@pytest.mark.parametrize("name", ["index-page.html", "login-wall.html"], ids=["index-page", "login-wall"])
def test_a_page_without_an_article_has_no_text_but_keeps_its_metadata(name: str) -> None:
    found = read_page(page(name))
    assert not found.has_article and found.text == ""
    assert found.title and found.site


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param(page("malformed.html"), id="fixture"),
        pytest.param("<html>", id="only-an-html-tag"),
        pytest.param("<!DOCTYPE html>", id="only-a-doctype"),
        pytest.param("<html><head><title>Never closed", id="title-never-closed"),
        pytest.param("<html><body>" + "<div>" * 5000 + "Deep text." + "</span>" * 10, id="deep-nesting"),
        pytest.param("<html><body><p>" + "&#xFFFFFFF; &bogus; &#0;" * 50, id="bad-entities"),
        pytest.param("<html>\ufffd\ufffd<body>\x01\x02 text</body>", id="replacement-and-controls"),
        pytest.param("<html><body><script>" + "<p>" * 1000, id="script-never-closed"),
        pytest.param("<?xml version='1.0'?><html><body><![CDATA[ x ]]><p>y", id="cdata-in-html"),
    ],
)
def test_malformed_markup_never_raises(markup: str) -> None:
    assert is_page(markup)
    found = read_page(markup)
    assert isinstance(found.text, str)


MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<script>", "</script>", "<!--",
                                   "-->", "&amp;", "&#x;", "<", ">", "\"", "Mexico sent 26 men. ", "\n", "<br/>"]))


@settings(max_examples=150, deadline=None)
@given(MARKUP, st.text(max_size=40))
def test_any_markup_after_a_doctype_gives_a_page(pieces: list[str], noise: str) -> None:
    found = read_page("<!DOCTYPE html><html><body>" + "".join(pieces) + noise)
    assert found.text == found.text.strip() and "\n\n\n" not in found.text


def test_reading_a_page_opens_no_connection(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert read_page(page(ARTICLE)).has_article


def test_reading_a_page_prints_nothing(capfd) -> None:
    for name in ("login-wall.html", "index-page.html", "malformed.html"):
        read_page(page(name))
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# --- the publication date --------------------------------------------------------------------

UNDATED = ("<!DOCTYPE html><html><head><title>t</title></head><body><article>"
           "<p>Published March 3, 2025</p>"
           + "<p>Mexico sent 29 prisoners to the United States on Thursday, the security cabinet said in a"
             " statement, in the largest such transfer in years.</p>" * 3
           + "</article></body></html>")


@pytest.mark.parametrize(
    ("markup", "given", "expected"),
    [
        pytest.param(page(ARTICLE), None, date(2025, 3, 14), id="page-metadata"),
        pytest.param(page(ARTICLE), date(2025, 3, 20), date(2025, 3, 20), id="given-date-wins"),
        pytest.param(UNDATED, None, date(2025, 3, 3), id="no-metadata-date-from-the-text"),
        pytest.param(UNDATED.replace("<title>", '<meta property="article:published_time" content="2090-05-01">'
                                     "<title>"), None, date(2090, 5, 1), id="the-machine-clock-plays-no-part"),
    ],
)
def test_published_comes_from_the_page_then_the_text(markup: str, given: date | None, expected: date) -> None:
    article, found = read_article(markup, given)
    assert found is not None and article.published == expected


# --- records ---------------------------------------------------------------------------------

def test_a_plain_text_source_keeps_its_keys() -> None:
    assert list(Source("a.txt", "0" * 64, 3).to_dict()) == ["path", "sha256", "chars", "encoding"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_a_fixture_article_is_not_read_as_a_page(path: Path) -> None:
    assert read_article(path.read_text("utf-8"))[1] is None


@pytest.fixture(scope="module")
def page_record(nlp) -> dict:
    return extract(Input(page(ARTICLE), "article-page.html")).to_dict()


def test_a_page_record_says_html_and_carries_the_article_text(page_record: dict) -> None:
    source = page_record["source"]
    assert source["format"] == "html" and source["chars"] == len(page(ARTICLE))
    assert source["text"] == read_page(page(ARTICLE)).text
    check_record(page_record, source["text"])  # every offset points into source.text


def test_a_page_record_has_the_facts_of_the_article_only(page_record: dict) -> None:
    main = page_record["events"][0]
    assert (main["kind"], main["count"], main["origin"], main["destination"]) == (
        "extradition", 12, "Guatemala", "United States")  # the article's first explicit label
    assert page_record["published"] == "2025-03-14" and page_record["warnings"] == []
    assert [o["name"] for o in page_record["officials"]] == ["Francisco Jiménez"]
    facts = json.dumps({k: page_record[k] for k in ("cartels", "officials", "people", "quotes", "counts")})
    for furniture in ("Ovidio", "Sinaloa", "Chapo", "500", "29", "Costa Rica"):
        assert furniture not in facts


@pytest.mark.parametrize("name", ["index-page.html", "login-wall.html"], ids=["index-page", "login-wall"])
def test_a_page_without_an_article_gives_a_warning_and_no_facts(name: str, nlp) -> None:
    record = extract(Input(page(name), name)).to_dict()
    check_record(record, "")
    assert record["warnings"] == [NO_ARTICLE] and record["source"]["text"] == ""
    assert not any(record[k] for k in ("dates", "counts", "cartels", "officials", "people", "quotes", "events"))


def test_a_malformed_page_is_extracted(nlp) -> None:
    record = extract(Input(page("malformed.html"))).to_dict()
    check_record(record, record["source"]["text"])
    assert record["events"][0]["count"] == 26


# --- the command line ------------------------------------------------------------------------

def test_extract_reads_a_page_from_stdin(nlp) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=page(ARTICLE))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "html" and record["source"]["path"] is None


def test_a_page_is_told_by_content_not_by_name(tmp_path: Path, nlp) -> None:
    saved = tmp_path / "story.txt"  # a page saved under a text name
    saved.write_text(page(ARTICLE), "utf-8")
    result = runner.invoke(app, ["extract", str(saved), "--format", "json"])
    assert json.loads(result.stdout)["source"]["format"] == "html"


def test_clean_prints_the_article_text_of_a_page() -> None:
    result = runner.invoke(app, ["clean", str(PAGES / ARTICLE)])
    assert result.exit_code == 0
    assert result.stdout.startswith("Guatemala sends 12 gang suspects") and "<" not in result.stdout


def test_clean_warns_about_a_page_without_an_article() -> None:
    result = runner.invoke(app, ["clean", str(PAGES / "index-page.html")])
    assert result.exit_code == 0 and result.stdout.strip() == ""
    assert NO_ARTICLE in result.stderr


def test_batch_reads_pages_and_show_evidence_uses_the_article_text(tmp_path: Path, nlp) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in (ARTICLE, "index-page.html"):
        (pages / name).write_text(page(name), "utf-8")
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["batch", str(pages), "--glob", "*.html", "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["source"]["format"] for r in records] == ["html", "html"]
    (pages / ARTICLE).unlink()  # the evidence comes from the record, not from the page file
    shown = runner.invoke(app, ["show", str(out), "--evidence", "--article", ARTICLE])
    assert shown.exit_code == 0
    assert "Interior Minister Francisco" in shown.stdout and "no evidence" not in shown.stdout


def test_the_record_table_names_the_page(page_record: dict) -> None:
    from rich.console import Console

    from transfer_extract.render import record_tables

    console = Console(record=True, width=200, file=io.StringIO())
    console.print(record_tables(page_record))
    assert "web page: Guatemala sends 12 gang suspects" in console.export_text()
