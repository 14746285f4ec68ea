"""Page-extraction benchmark: the fixture articles as saved web pages, read through trafilatura.

Each fixture article becomes a page of the kind a crawler or a browser saves: a head with
JSON-LD and Open Graph metadata, a large inline script, navigation, a cookie banner, the article
paragraphs, a related-stories rail, a comment thread and a footer (about 40 kB, like a real news
page's HTML without its external files). Then, in one process with the model loaded:

  per page     the time of `html.read_page` (trafilatura and htmldate) alone
  pipeline     `extract_many` over the pages against `extract_many` over the articles' texts:
               the share of the pipeline's time on pages that HTML extraction takes
  text found   token 4-gram precision, recall and F1 of the cleaned text of each page against the
               cleaned text of its article (what `clean page.html` prints against what
               `clean article.txt` prints), and the same for the page read as plain text with its
               tags blanked (what the tool did before it read pages)

Usage: PYTHONPATH=src python bench/pages.py [--pages 130]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from transfer_extract.article import prepare
from transfer_extract.core import Input, extract_many, mask_html
from transfer_extract.html import read_page
from transfer_extract.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
RAIL = ["Honduras declares a state of emergency in three cities", "Peso holds its gains after the rate decision",
        "Police seize a record cocaine shipment at the port", "Who leads the country's largest gangs?",
        "Storm season forecast: ten named storms expected", "Opinion: the border needs more than soldiers",
        "Five things to know before the summit", "Football: the league's top scorer signs a new deal"]
COMMENTS = ["About time, they should send all of them.", "Nothing will change, it never does.",
            "Great reporting as always.", "Who pays for the flights? Asking for a friend.",
            "My cousin lives there and says it is calm now.", "This is about trade, not about cartels."]
NAV = ["World", "Politics", "Security", "Business", "Opinion", "Sports", "Culture", "Podcasts", "Subscribe"]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def make_page(text: str, stem: str, i: int, rng: random.Random) -> str:
    """A saved web page holding the article `text` (its `date` line becomes page metadata)."""
    lines = text.strip("\n").split("\n\n")
    published = None
    if lines and (m := re.fullmatch(r"date (\d{4}-\d{2}-\d{2})", lines[0].strip())):
        published, lines = m.group(1), lines[1:]
    title = stem.replace("-", " ").capitalize()
    url = f"https://news.example.org/{published or 'undated'}/{stem}-{i}"
    meta = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "author": {"@type": "Person", "name": "Staff Reporter"}, "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": "Example News"}}
    if published:
        meta["datePublished"] = f"{published}T08:00:00Z"
    state = json.dumps({"items": [{"id": k, "headline": rng.choice(RAIL), "score": rng.random()}
                                  for k in range(300)]})
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in lines if p.strip())
    rail = "".join(f'<li><a href="/r/{k}">{_esc(rng.choice(RAIL))}</a></li>' for k in range(12))
    comments = "".join(f'<div class="comment"><p class="who">reader{rng.randrange(999)}</p>'
                       f"<p>{_esc(rng.choice(COMMENTS))}</p></div>" for _ in range(rng.randrange(3, 12)))
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)} | Example News</title>
<meta property="og:title" content="{_esc(title)}"><meta property="og:site_name" content="Example News">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{json.dumps(meta)}</script>
<script>window.__STATE__ = {state};</script>
<style>body {{ font-family: serif }} .rail {{ float: right }}</style></head>
<body><header><a href="/">Example News</a><nav><ul>{nav}</ul></nav>
<div class="cookies">We use cookies to improve your experience. <button>Accept</button></div></header>
<main><article><h1>{_esc(title)}</h1><div class="byline">By Staff Reporter</div>
<div class="body">{body}</div></article>
<aside class="rail"><h3>Most read</h3><ol>{rail}</ol></aside>
<section class="comments"><h3>Comments</h3>{comments}</section></main>
<footer><p>&copy; Example News</p><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer>
<script src="/app.js"></script></body></html>
"""


def _grams(text: str) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(zip(words, words[1:], words[2:], words[3:], strict=False))


def overlap(found: str, reference: str) -> tuple[float, float, float]:
    """Token 4-gram precision, recall and F1 of `found` against `reference`."""
    f, r = _grams(found), _grams(reference)
    common = sum((f & r).values())
    p = common / max(sum(f.values()), 1)
    rc = common / max(sum(r.values()), 1)
    return p, rc, 2 * p * rc / (p + rc) if p + rc else 0.0


def _scores(rows: list[tuple[float, float, float]]) -> str:
    p, r, f = (statistics.mean(x) for x in zip(*rows, strict=True))
    return f"precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=130)
    args = parser.parse_args()
    rng = random.Random(23)
    texts = [ARTICLES[i % len(ARTICLES)].read_text("utf-8") for i in range(args.pages)]
    pages = [make_page(t, ARTICLES[i % len(ARTICLES)].stem, i, rng) for i, t in enumerate(texts)]
    print(f"{len(pages)} pages of {statistics.mean(map(len, pages)) / 1000:.1f} kB on average "
          f"(articles of {statistics.mean(map(len, texts)):.0f} characters)")

    read_page(pages[0])  # imports trafilatura: timed separately below
    seconds = []
    for p in pages:
        start = time.perf_counter()
        read_page(p)
        seconds.append(time.perf_counter() - start)
    ms = sorted(s * 1000 for s in seconds)
    print(f"read_page per page: median {statistics.median(ms):.1f} ms, mean {statistics.mean(ms):.1f} ms, "
          f"90th percentile {ms[int(0.9 * len(ms))]:.1f} ms, total {sum(seconds):.2f} s")

    load_pipeline()
    list(extract_many([Input(t) for t in texts[:5]]))  # warm up
    start = time.perf_counter()
    list(extract_many([Input(t) for t in texts]))
    as_text = time.perf_counter() - start
    start = time.perf_counter()
    list(extract_many([Input(p) for p in pages]))
    as_pages = time.perf_counter() - start
    print(f"extract_many: articles as text {as_text:.2f} s ({as_text / len(texts) * 1000:.0f} ms each), "
          f"as pages {as_pages:.2f} s ({as_pages / len(pages) * 1000:.0f} ms each); HTML extraction is "
          f"{sum(seconds) / as_pages:.0%} of the pipeline's time on pages")

    now, before, masked = [], [], []
    for text, page in zip(texts, pages, strict=True):
        reference = prepare(text).clean
        now.append(overlap(prepare(read_page(page).text).clean, reference))
        before.append(overlap(prepare(page).clean, reference))
        masked.append(overlap(prepare(mask_html(page)[0]).clean, reference))
    print(f"clean page.html, through trafilatura:     {_scores(now)}")
    print(f"clean page.html, read as text (before):   {_scores(before)}")
    print(f"tags blanked, as extract did (before):    {_scores(masked)}")


if __name__ == "__main__":
    main()
