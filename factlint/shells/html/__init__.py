"""HTML views of a factlint result: the self-contained report file and the service page's fragments.

Both `factlint check --format html` and `factlint serve` draw through this one renderer, fed
plain data, so the two views cannot drift apart and neither repeats the analysis:

    ArticleView(path, source, diagnostics, timeline)
    render_report(articles, *, errors=(), title="factlint report", tool_version="") -> str   # a whole document
    render_article(article, *, editable=False, prefix=None) -> str   # one article's <section>
    stylesheet() -> str, script() -> str   # what a page showing fragments inlines once

`source` is the article's text exactly as read; every span is given as 1-based line and
column, columns counting Unicode code points, end exclusive; LF, CRLF and a lone CR each
end a line. `diagnostics` are this file's objects of the JSON report, unchanged (schema
factlint/schemas/output.schema.json).

The timeline contract (`ArticleView.timeline`; {} when there is none):

    {"publication_date": {"date": "2019-10-04", "origin": "date header"} | null,
     "points": [Point, ...],
     "series": [Series, ...],
     "note": "No timeline: ..."}     optional: why there is none, shown instead of the axis

    Point = {
      "id": "p3",                       unique within the article; what `anchor` refers to
      "text": "Wednesday, October 1",   the expression as written
      "start": {"line": 19, "column": 58}, "end": {"line": 19, "column": 78},
      "value": "2019-10-01",            its TIMEX3 value ("2016-11", "2017", "PXM", "PAST_REF", ...)
      "first": "2019-10-01" | null,     the inclusive range of days the value covers;
      "last": "2019-10-01" | null,      both null (durations, "PAST_REF"): listed, not drawn
      "granularity": "day",             "day", "month", "year", "duration", ... (shown as given)
      "year": "2019, the year nearest the publication date 2019-10-04 (date header)" | null,
                                        how the year was read, one phrase, shown on hover
      "anchor": null | "p1" | "publication_date"
                                        what a relative value was computed from: another
                                        point's id ("the following year" from "2016"), or the
                                        publication date ("last year"); drawn as an arrow.
                                        null for absolute dates, including those whose year
                                        alone was inferred (that is what `year` says)
    }
    Series = {"title": "meetings (Duterte and Putin)", "members": [Member, ...]}   one timeline row
    Member = {"ordinal": 1 | null, "label": "2016-11", "first": "2016-11-01" | null, "last": "2016-11-30" | null,
              "text": "first met", "start": {...}, "end": {...}}

What is drawn from what:
- each point and member with first/last: a dot (a day) or a bar (a longer range) on the
  axis, an `<a href>` to its words in the text, hovered for its text, value, range and year;
- a diagnostic whose primary span overlaps a point or member colours it by severity;
- conflicts: a diagnostic with `related` locations draws a red line from the claim at its
  location to the claim at each related location, when both are on the timeline. A
  location's claim is the point or member it overlaps most (points before members); a
  location overlapping none (a rule that flags "the second day" next to "Thursday,
  October 3") takes the nearest one on the same line within 40 code points.
Unknown keys are ignored and malformed entries skipped, so the contract can grow.

The service page (`editable=True`): every suggestion whose edits are all in this file gets
`<button class="fl-apply" data-label="Tuesday, October 1" data-edits='[{"start": 1234,
"end": 1243, "replacement": "Tuesday", "original": "Wednesday"}]'>`, offsets in code points
into `source`. The page inlines `stylesheet()` and `script()` once, then calls
`factlintWireFixes(container, textarea)` (one delegated listener, so fragments can be
replaced inside `container`) or `factlintApplyFix(button, textarea)` itself. Applying
converts offsets to UTF-16 indices, refuses (class `fl-failed`) when the text at an edit
is no longer its `original`, fires an `input` event for the page to check again, and marks
the article `fl-stale` until it is re-rendered. The textarea must hold `source` as checked
(a browser turns CRLF into LF in a textarea: send its value, not the file, to be checked).
"""

from __future__ import annotations

from factlint.shells.html.article import render_article
from factlint.shells.html.model import PUBLICATION_ANCHOR, ArticleView
from factlint.shells.html.report import render_report, script, stylesheet

__all__ = ["PUBLICATION_ANCHOR", "ArticleView", "render_article", "render_report", "script", "stylesheet"]
