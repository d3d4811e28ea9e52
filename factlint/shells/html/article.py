"""One article's section: the diagnostics, the marked-up text and the timeline, cross-linked.

The report and the service page show exactly this markup. Ids are the article's prefix
plus a short local name (`-d2` a diagnostic's mark, `-d2-msg` its message, `-d2-r1` a
related location, `-t4` a date in the text, `-s1-m2` an event, `-tl-t4` / `-tlz-t4` its
mark on the timeline and on the detail timeline, `-L19` a line), so several articles share
one page without clashes and a re-rendered article keeps its ids.
"""

from __future__ import annotations

import hashlib

from factlint.shells.html.dates import claim_spans, timeline_section
from factlint.shells.html.diagnostics import SEVERITIES, counts, diagnostic_list, diagnostic_spans, plural, read_diagnostics
from factlint.shells.html.model import ArticleView, SourceIndex, read_timeline
from factlint.shells.html.text import clean, render_source


def article_prefix(path: str) -> str:
    """A stable id prefix from the path alone, so the service can re-render an article in place."""
    return "f" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def render_article(article: ArticleView, *, editable: bool = False, prefix: str | None = None) -> str:
    """The article's `<section>`; `editable` adds "apply fix" buttons for `factlintApplyFix` (see `script()`).

    `prefix` overrides the id prefix (the report uses it when one path is given twice).
    """
    prefix = prefix or article_prefix(article.path)
    index = SourceIndex.of(article.source)
    diags = read_diagnostics(article, index)
    timeline = read_timeline(article.timeline, index)
    tally = counts([d.data for d in diags])
    summary = ", ".join(plural(tally[s], s) for s in SEVERITIES if tally[s]) or "no problems found"
    if timeline.publication is not None:
        origin = f" ({timeline.publication.origin})" if timeline.publication.origin else ""
        summary += f" · published {timeline.publication.day.isoformat()}{origin}"
    spans = diagnostic_spans(diags, prefix) + claim_spans(timeline, prefix)
    head = f'<h2 class="fl-path">{clean(article.path)}</h2><p class="fl-counts">{clean(summary)}</p>'
    return (
        f'<section class="fl-article" id="{prefix}" data-path="{clean(article.path)}" data-factlint-article="">'
        f'<header class="fl-article-head">{head}</header>'
        f'<div class="fl-diags"><h3>Diagnostics</h3>{diagnostic_list(diags, index, prefix, editable)}</div>'
        f'<div class="fl-text"><h3>Text</h3>{render_source(index, spans, prefix)}</div>'
        f'<div class="fl-timeline"><h3>Timeline</h3>{timeline_section(article.path, timeline, diags, index, prefix)}</div>'
        "</section>"
    )
