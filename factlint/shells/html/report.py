"""The whole report document: one file that opens anywhere, printed or on a phone, with nothing fetched.

The stylesheet is inlined (and the fix script only for pages that edit), every link is a
fragment within the page, and the timeline is inline SVG, so the file can be mailed,
attached to a CI run or opened from disk without a network or a server.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from factlint.shells.html.article import article_prefix, render_article
from factlint.shells.html.diagnostics import SEVERITIES, counts, plural
from factlint.shells.html.model import ArticleView
from factlint.shells.html.text import clean


@cache
def stylesheet() -> str:
    """The report's CSS, for a page that shows `render_article` fragments (inline it once in `<style>`)."""
    return resources.files("factlint.shells.html").joinpath("report.css").read_text(encoding="utf-8")


@cache
def script() -> str:
    """`factlintApplyFix(button, textarea)` and `factlintWireFixes(container, textarea)`, for the service page."""
    return resources.files("factlint.shells.html").joinpath("fix.js").read_text(encoding="utf-8")


def prefixes(articles: Sequence[ArticleView]) -> list[str]:
    """Each article's id prefix; a path given twice gets a suffix so ids stay unique in one page."""
    seen: dict[str, int] = {}
    result = []
    for article in articles:
        prefix = article_prefix(article.path)
        seen[prefix] = seen.get(prefix, 0) + 1
        result.append(prefix if seen[prefix] == 1 else f"{prefix}-{seen[prefix]}")
    return result


def render_report(
    articles: Sequence[ArticleView], *, errors: Sequence[str] = (), title: str = "factlint report", tool_version: str = ""
) -> str:
    """A whole self-contained HTML document for one article or a run over many.

    `errors` are the files that could not be read ("path: problem"), listed first. More than
    one article gets a summary table linking to each article's section.
    """
    ids = prefixes(articles)
    total = counts([d for a in articles for d in a.diagnostics if isinstance(d, dict)])
    meta = [plural(len(articles), "file")] + [plural(total[s], s) for s in SEVERITIES]
    if errors:
        meta.append(f"{plural(len(errors), 'file')} not read")
    generator = f"factlint {tool_version}".strip()
    body = [
        f'<header><h1>{clean(title)}</h1><p class="fl-meta">{clean(", ".join(meta))}'
        + (f" · {clean(generator)}" if tool_version else "")
        + "</p></header>"
    ]
    if errors:
        items = "".join(f"<li>{clean(error)}</li>" for error in errors)
        body.append(f'<section class="fl-errors" id="fl-errors"><h2>Files that could not be read</h2><ul>{items}</ul></section>')
    if len(articles) > 1:
        body.append(_summary(articles, ids))
    body += [render_article(article, prefix=prefix) for article, prefix in zip(articles, ids, strict=True)]
    if not articles and not errors:
        body.append('<p class="fl-none">No files were checked.</p>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{clean(generator)}"><title>{clean(title)}</title>'
        f"<style>{stylesheet()}</style></head>"
        f'<body><div class="fl-page">{"".join(body)}</div></body></html>\n'
    )


def _summary(articles: Sequence[ArticleView], ids: Sequence[str]) -> str:
    rows = []
    for article, prefix in zip(articles, ids, strict=True):
        diagnostics = [d for d in article.diagnostics if isinstance(d, dict)]
        tally = counts(diagnostics)
        rules = sorted({d.get("rule") for d in diagnostics if isinstance(d.get("rule"), str)})
        cells = "".join(f'<td class="fl-n{" fl-has-" + s if tally[s] else ""}">{tally[s]}</td>' for s in SEVERITIES)
        names = ", ".join(f"<code>{clean(rule)}</code>" for rule in rules)
        rows.append(f'<tr><td><a href="#{prefix}">{clean(article.path)}</a></td>{cells}<td>{names}</td></tr>')
    head = (
        '<tr><th>file</th><th class="fl-n">errors</th><th class="fl-n">warnings</th><th class="fl-n">info</th><th>rules</th></tr>'
    )
    return (
        '<section class="fl-summary" id="fl-summary"><h2>Summary</h2><div class="fl-table-scroll">'
        f'<table class="fl-summary"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div></section>'
    )
