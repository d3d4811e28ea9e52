"""Diagnostics: their marks in the text, their list with notes, related claims and fixes.

A diagnostic's mark carries a footnote number linking to its message, and the message's
location links back to the mark; each related location gets a mark of its own with a
footnote ("1a") back to the diagnostic it supports. A fix is shown as what it changes; on
the service page (editable) it also gets a button whose edits are code-point offsets into
the source, computed here once so the page's script needs no line arithmetic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factlint.shells.html.model import ArticleView, SourceIndex, text_of, where_of
from factlint.shells.html.text import Span, clean

SEVERITIES = ("error", "warning", "info")


def severity_of(diagnostic: Mapping[str, Any]) -> str:
    value = diagnostic.get("severity")
    return value if value in SEVERITIES else "info"


def counts(diagnostics: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    result = dict.fromkeys(SEVERITIES, 0)
    for diagnostic in diagnostics:
        result[severity_of(diagnostic)] += 1
    return result


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word in ("info", "event series") else f"{count} {word}s"


@dataclass(frozen=True)
class Diag:
    """A diagnostic with its spans resolved against the source."""

    n: int  # 1-based, the footnote number
    data: Mapping[str, Any]
    span: tuple[int, int] | None
    related: tuple[tuple[Mapping[str, Any], tuple[int, int] | None], ...]  # span None: another file, or unplaced

    @property
    def severity(self) -> str:
        return severity_of(self.data)

    @property
    def message(self) -> str:
        return text_of(self.data.get("message"))

    @property
    def rule(self) -> str:
        return text_of(self.data.get("rule"))


def read_diagnostics(article: ArticleView, index: SourceIndex) -> list[Diag]:
    """The article's diagnostics in text order (footnotes count up through the text)."""
    found = []
    for data in article.diagnostics:
        if not isinstance(data, Mapping):
            continue
        same = data.get("path", article.path) == article.path
        span = index.span(data.get("start"), data.get("end")) if same else None
        related = []
        for item in data.get("related") or ():
            if isinstance(item, Mapping):
                here = item.get("path", article.path) == article.path
                related.append((item, index.span(item.get("start"), item.get("end")) if here else None))
        found.append((span[0] if span else -1, len(found), data, span, tuple(related)))
    found.sort(key=lambda f: (f[0], f[1]))
    return [Diag(n + 1, data, span, related) for n, (_, _, data, span, related) in enumerate(found)]


def letter(k: int) -> str:
    return chr(ord("a") + k) if k < 26 else f"-{k + 1}"


def diagnostic_spans(diags: Sequence[Diag], prefix: str) -> list[Span]:
    """Marks for each diagnostic (innermost, coloured by severity) and its related locations (outermost)."""
    spans = []
    for diag in diags:
        msg = f"#{prefix}-d{diag.n}-msg"
        if diag.span is not None:
            attrs = (
                ("title", f"{diag.severity}: {diag.message} [{diag.rule}]"),
                ("data-rule", diag.rule),
                ("data-start", where_of(diag.data.get("start"))),
                ("data-end", where_of(diag.data.get("end"))),
            )
            ref = f'<sup class="fl-ref"><a href="{msg}" title="{clean(diag.message)}">{diag.n}</a></sup>'
            spans.append(
                Span(*diag.span, tag="mark", classes=diag.severity, anchor=f"{prefix}-d{diag.n}", attrs=attrs, after=ref, order=3)
            )
        for k, (item, span) in enumerate(diag.related):
            if span is None:
                continue
            label = text_of(item.get("label"))
            attrs = (("title", f"{label} (see {diag.n}: {diag.message})"), ("data-start", where_of(item.get("start"))))
            ref = f'<sup class="fl-ref fl-ref-rel"><a href="{msg}" title="{clean(label)}">{diag.n}{letter(k)}</a></sup>'
            classes = f"fl-related fl-related-{diag.severity}"
            spans.append(
                Span(*span, tag="mark", classes=classes, anchor=f"{prefix}-d{diag.n}-r{k + 1}", attrs=attrs, after=ref, order=0)
            )
    return spans


def diagnostic_list(diags: Sequence[Diag], index: SourceIndex, prefix: str, editable: bool) -> str:
    if not diags:
        return '<p class="fl-none">No problems found.</p>'
    return f'<ol class="fl-diag-list">{"".join(_item(diag, index, prefix, editable) for diag in diags)}</ol>'


def _item(diag: Diag, index: SourceIndex, prefix: str, editable: bool) -> str:
    data = diag.data
    where = clean(where_of(data.get("start")))
    loc = f'<a class="fl-loc" href="#{prefix}-d{diag.n}">{where}</a>' if diag.span else f'<span class="fl-loc">{where}</span>'
    parts = [
        f'<div class="fl-head"><span class="fl-num">{diag.n}</span> '
        f'<span class="fl-sev fl-sev-{diag.severity}">{diag.severity}</span> {loc} '
        f'<span class="fl-msg">{clean(diag.message)}</span> <code class="fl-rule">{clean(diag.rule)}</code></div>'
    ]
    if text_of(data.get("text")):
        parts.append(f'<div class="fl-quote">“{clean(text_of(data.get("text")))}”</div>')
    if text_of(data.get("note")):
        parts.append(f'<div class="fl-note">{clean(text_of(data.get("note")))}</div>')
    if diag.related:
        links = []
        for k, (item, span) in enumerate(diag.related):
            label = clean(text_of(item.get("label")) or "related")
            place = clean(where_of(item.get("start")))
            if span is not None:
                at = f'<span class="fl-at">{diag.n}{letter(k)}, {place}</span>'
                links.append(f'<li><a href="#{prefix}-d{diag.n}-r{k + 1}">{label}</a> {at}</li>')
            else:
                links.append(f'<li>{label} <span class="fl-at">{clean(text_of(item.get("path")))}:{place}</span></li>')
        parts.append(f'<div class="fl-related-list">Related:<ul>{"".join(links)}</ul></div>')
    fixes = [f for f in data.get("suggestions") or () if isinstance(f, Mapping)]
    if fixes:
        rows = "".join(_fix(fix, index, data.get("path"), prefix, editable) for fix in fixes)
        parts.append(f'<div class="fl-fixes">{"Fix" if len(fixes) == 1 else "Fixes"}:<ul>{rows}</ul></div>')
    attrs = f'class="fl-diag fl-diag-{diag.severity}" id="{prefix}-d{diag.n}-msg" data-rule="{clean(diag.rule)}"'
    return f"<li {attrs}>{''.join(parts)}</li>"


def _fix(fix: Mapping[str, Any], index: SourceIndex, path: Any, prefix: str, editable: bool) -> str:
    """A suggestion as its label and what each edit does; editable, plus a button carrying the edits."""
    edits = [e for e in fix.get("edits") or () if isinstance(e, Mapping)]
    described = []
    payload = []
    applicable = bool(edits)
    for edit in edits:
        replacement = text_of(edit.get("replacement"))
        start_at, end_at = edit.get("start"), edit.get("end")
        if edit.get("path", path) != path or not isinstance(start_at, Mapping) or not isinstance(end_at, Mapping):
            applicable = False  # an edit of another file cannot be applied to this text
            continue
        start = index.offset(start_at.get("line", 0), start_at.get("column", 0))
        end = max(index.offset(end_at.get("line", 0), end_at.get("column", 0)), start)
        original = index.source[start:end]
        place = f'<a href="#{prefix}-L{index.line_of(start)}">{clean(where_of(start_at))}</a>'
        if not original:
            described.append(f"insert <ins>{clean(replacement)}</ins> at {place}")
        elif not replacement:
            described.append(f"delete <del>{clean(original)}</del> at {place}")
        else:
            described.append(f"replace <del>{clean(original)}</del> with <ins>{clean(replacement)}</ins> at {place}")
        payload.append({"start": start, "end": end, "replacement": replacement, "original": original})
    label = clean(text_of(fix.get("label")))
    button = ""
    if editable and applicable:
        data = clean(json.dumps(payload, ensure_ascii=True))
        button = f' <button type="button" class="fl-apply" data-edits="{data}" data-label="{label}">apply fix</button>'
    edits_html = f'<span class="fl-edits">{"; ".join(described)}</span>'
    return f'<li class="fl-fix"><span class="fl-fix-label">{label}</span>{button} {edits_html}</li>'
