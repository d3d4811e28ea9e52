"""The HTML renderer: concrete markup for hand-made articles and for the seed's real results.

Documents are parsed with the standard library's html.parser into a small tree that also
checks well-formedness (every element closed, in order), so the tests assert on elements
and attributes rather than on substrings of the markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import pytest
from html_fixtures import SEED_RELATIVE, seed_view

from factlint.shells.html import ArticleView, render_article, render_report, script, stylesheet
from factlint.shells.html.timeline import Mark, layout, scale_for

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if all((node.attrs.get(k.rstrip("_").replace("_", "-")) == v) for k, v in attrs.items()):
                found.append(node)
        return found

    def with_class(self, name: str, tag: str | None = None) -> list[Node]:
        return [n for n in self.iter() if name in n.classes and (tag is None or n.tag == tag)]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    """A strict tree: an end tag must close the innermost open element (no implied closing)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if "id" in node.attrs:
            self.ids.append(node.attrs["id"])
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if "id" in node.attrs:
            self.ids.append(node.attrs["id"])

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"end tag for void element {tag}"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed: {[n.tag for n in builder.stack[1:]]}"
    assert len(builder.ids) == len(set(builder.ids)), (
        f"duplicate ids: {sorted({i for i in builder.ids if builder.ids.count(i) > 1})}"
    )
    return builder.root


def by_id(root: Node, ident: str) -> Node:
    found = [n for n in root.iter() if n.attrs.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def position(line: int, column: int) -> dict:
    return {"line": line, "column": column}


def diagnostic(start: tuple[int, int], end: tuple[int, int], text: str, **extra) -> dict:
    base = {
        "path": "a.txt",
        "rule": "weekday-mismatch",
        "severity": "error",
        "message": "October 1, 2019 was a Tuesday, not a Wednesday",
        "start": position(*start),
        "end": position(*end),
        "text": text,
        "note": "",
        "related": [],
        "suggestions": [],
    }
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def seed() -> ArticleView:
    return seed_view()


@pytest.fixture(scope="module")
def seed_doc(seed: ArticleView) -> Node:
    return parse(render_report([seed], tool_version="0.1.0"))


def seed_mark(doc: Node) -> Node:
    marks = [m for m in doc.find_all("mark") if m.attrs.get("data-start") == "19:58" and "error" in m.classes]
    assert len(marks) == 1
    return marks[0]


# --- the text view ---------------------------------------------------------------------------


def test_the_weekday_error_at_19_58_is_an_error_mark_around_its_words(seed: ArticleView, seed_doc: Node) -> None:
    mark = seed_mark(seed_doc)
    assert mark.text == "Wednesday, October 1"
    assert mark.attrs["data-rule"] == "weekday-mismatch" and mark.attrs["data-end"] == "19:78"
    line = next(a for a in mark.ancestors() if a.attrs.get("id", "").endswith("-L19"))
    content = line.with_class("fl-lc")[0]
    before = content.text.split("Wednesday, October 1")[0]
    assert len(before) == 57  # column 58: 57 code points precede it on line 19 (footnotes come after spans)
    assert seed.source.splitlines()[18][57:77] == "Wednesday, October 1"


def test_a_diagnostic_and_its_mark_link_to_each_other(seed_doc: Node) -> None:
    mark = seed_mark(seed_doc)
    item = by_id(seed_doc, mark.attrs["id"] + "-msg")
    assert item.tag == "li" and "fl-diag-error" in item.classes
    assert "October 1, 2019 was a Tuesday, not a Wednesday" in item.text and "weekday-mismatch" in item.text
    assert any(a.attrs.get("href") == "#" + mark.attrs["id"] for a in item.find_all("a"))
    footnotes = [a for a in seed_doc.find_all("a") if a.attrs.get("href") == "#" + item.attrs["id"] and a.parent.tag == "sup"]
    assert footnotes, "the mark's footnote links to its message"
    assert "year 2019 is the one nearest the publication date 2019-10-04 (date header)" in item.text  # the note


def test_related_locations_are_marked_and_linked_back_to_their_diagnostic(seed_doc: Node) -> None:
    item = next(li for li in seed_doc.with_class("fl-diag", "li") if li.attrs["data-rule"] == "event-day-mismatch")
    link = next(a for a in item.with_class("fl-related-list")[0].find_all("a"))
    related = by_id(seed_doc, link.attrs["href"][1:])
    assert related.tag == "mark" and "fl-related" in related.classes
    assert related.text == "arrived in Moscow on Wednesday, October 1"
    assert related.attrs["data-start"] == "19:37"
    back = [
        a for a in seed_doc.find_all("a") if a.attrs.get("href") == "#" + item.attrs["id"] and "fl-ref-rel" in a.parent.classes
    ]
    assert back and back[0].text.endswith("a")
    # the error mark nests inside the related mark: one element tree, no crossing tags
    assert seed_mark(seed_doc) in list(related.iter())


def test_every_fragment_link_has_a_target_and_ids_are_unique(seed_doc: Node) -> None:
    ids = {n.attrs["id"] for n in seed_doc.iter() if "id" in n.attrs}
    hrefs = [n.attrs["href"] for n in seed_doc.iter() if "href" in n.attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert [h for h in hrefs if h[1:] not in ids] == []


def test_static_report_shows_fixes_without_buttons(seed_doc: Node) -> None:
    fixes = [f for f in seed_doc.with_class("fl-fix", "li")]
    labels = [f.with_class("fl-fix-label")[0].text for f in fixes]
    assert labels == ["the third day", "Tuesday, October 1", "Wednesday, October 2"]
    tuesday = fixes[1]
    assert tuesday.find_all("del")[0].text == "Wednesday" and tuesday.find_all("ins")[0].text == "Tuesday"
    assert seed_doc.find_all("button") == []
    assert "<script" not in render_report([seed_view()])


def test_overlapping_spans_are_split_into_nested_pieces_with_one_id_each() -> None:
    source = "abcdefghijklmnopqrstuvwxyz"
    crossing = (
        diagnostic((1, 3), (1, 11), "cdefghij", rule="one", severity="warning"),
        diagnostic((1, 7), (1, 16), "ghijklmno", rule="two", severity="info"),
    )
    doc = parse(render_article(ArticleView("a.txt", source, crossing, {}), prefix="x"))
    first, second = by_id(doc, "x-d1"), by_id(doc, "x-d2")
    pieces = [m for m in doc.find_all("mark") if m.attrs.get("data-of") == "x-d2"]
    assert first.text == "cdefghij"
    assert second.text + "".join(p.text for p in pieces) == "ghijklmno"
    assert second in list(first.iter()) and pieces and all("fl-cont" in p.classes for p in pieces)
    line = doc.with_class("fl-lc")[0]
    assert re.sub(r"\d", "", line.text) == source  # only the footnote numbers were added


def test_astral_characters_before_a_span_do_not_shift_it() -> None:
    source = "🗞️ 𝒩ews 😀: they met on Wednesday, October 1, in Moscow."
    column = source.index("Wednesday") + 1  # code points, as factlint counts them
    assert len(source.encode("utf-16-le")) // 2 > len(source)  # UTF-16 would count more
    diags = (diagnostic((1, column), (1, column + 20), "Wednesday, October 1", path="a.txt"),)
    doc = parse(render_article(ArticleView("a.txt", source, diags, {}), prefix="x"))
    assert by_id(doc, "x-d1").text == "Wednesday, October 1"


def test_line_breaks_of_every_kind_keep_lines_and_columns() -> None:
    source = "one\r\ntwo\rthree Wednesday, October 1\n\nfive"
    diags = (diagnostic((3, 7), (3, 27), "Wednesday, October 1"),)
    doc = parse(render_article(ArticleView("a.txt", source, diags, {}), prefix="x"))
    lines = doc.with_class("fl-line")
    assert [line.attrs["id"] for line in lines] == [f"x-L{n}" for n in range(1, 6)]
    assert [line.with_class("fl-ln")[0].attrs["data-n"] for line in lines] == ["1", "2", "3", "4", "5"]
    assert by_id(doc, "x-d1").text == "Wednesday, October 1"
    assert lines[3].with_class("fl-lc")[0].text == ""


def test_a_span_over_a_line_break_is_cut_per_line_with_its_footnote_at_the_end() -> None:
    source = "met on Wednesday,\nOctober 1 in Moscow"
    diags = (diagnostic((1, 8), (2, 10), "Wednesday,\nOctober 1"),)
    doc = parse(render_article(ArticleView("a.txt", source, diags, {}), prefix="x"))
    first = by_id(doc, "x-d1")
    rest = [m for m in doc.find_all("mark") if m.attrs.get("data-of") == "x-d1"]
    assert first.text == "Wednesday," and [m.text for m in rest] == ["October 1"]
    refs = [a for a in doc.find_all("a") if a.attrs.get("href") == "#x-d1-msg" and a.parent.tag == "sup"]
    assert len(refs) == 1 and any(refs[0] in list(n.iter()) for n in by_id(doc, "x-L2").iter())


def test_empty_spans_and_control_characters_keep_their_place() -> None:
    source = "a\x00b\x7fc Wednesday"
    diags = (diagnostic((1, 1), (1, 1), "", rule="encoding"), diagnostic((1, 7), (1, 16), "Wednesday"))
    doc = parse(render_article(ArticleView("a.txt", source, diags, {}), prefix="x"))
    assert by_id(doc, "x-d1").text == "" and by_id(doc, "x-d2").text == "Wednesday"
    assert "a\u2400b\u2421c" in doc.with_class("fl-lc")[0].text


def test_article_text_and_messages_are_escaped() -> None:
    source = 'He said "<script>alert(1)</script>" & left on Wednesday, October 1 <img src=x onerror=alert(2)>'
    column = source.index("Wednesday") + 1
    evil = '<script>alert("m")</script> "quoted" \'single\''
    diags = (
        diagnostic(
            (1, column),
            (1, column + 20),
            "Wednesday, October 1",
            path='a"<b>.txt',
            message=evil,
            note=evil,
            rule='r"><x',
            suggestions=[
                {
                    "label": evil,
                    "edits": [{"replacement": evil, "path": 'a"<b>.txt', "start": position(1, 1), "end": position(1, 3)}],
                }
            ],
        ),
    )
    timeline = {
        "publication_date": {"date": "2019-10-04", "origin": evil},
        "points": [
            {
                "id": '"p1',
                "text": evil,
                "start": position(1, column),
                "end": position(1, column + 20),
                "value": "2019-10-01",
                "first": "2019-10-01",
                "last": "2019-10-01",
                "granularity": "day",
                "year": evil,
                "anchor": None,
            }
        ],
        "series": [{"title": evil, "members": []}],
    }
    article = ArticleView('a"<b>.txt', source, diags, timeline)
    for markup in (render_report([article, article], title=evil, errors=[evil]), render_article(article, editable=True)):
        doc = parse(markup)
        assert doc.find_all("script") == [] and doc.find_all("img") == [] and doc.find_all("x") == []
        assert "<script>alert(1)</script>" in doc.text  # shown as text
        assert all(not k.startswith("on") for n in doc.iter() for k in n.attrs)
        button = doc.find_all("button")
        if button:
            assert json.loads(button[0].attrs["data-edits"])[0]["replacement"] == evil


def test_no_external_resources_at_all(seed: ArticleView) -> None:
    markup = render_report([seed, ArticleView("b.txt", "See http://example.com on Monday.", (), {})], tool_version="0.1.0")
    doc = parse(markup)
    assert doc.find_all("link") == [] and [s for s in doc.find_all("script") if "src" in s.attrs] == []
    for node in doc.iter():
        for name in ("src", "href", "xlink:href", "action", "poster", "data"):
            value = node.attrs.get(name, "")
            assert not re.match(r"\s*(https?:|//)", value, re.I), (node.tag, name, value)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)|@import", stylesheet(), re.I)
    assert "http://example.com" in doc.text  # the article's own words are text, not links


# --- the page ----------------------------------------------------------------------------------


def test_one_document_reads_on_a_phone_and_in_print(seed_doc: Node) -> None:
    head = seed_doc.find_all("head")[0]
    assert any(m.attrs.get("name") == "viewport" and "width=device-width" in m.attrs["content"] for m in head.find_all("meta"))
    assert any(m.attrs.get("charset") == "utf-8" for m in head.find_all("meta"))
    style = head.find_all("style")[0].text
    assert "@media print" in style and "@media (max-width" in style and ".fl-apply { display: none; }" in style
    for svg in seed_doc.find_all("svg"):
        assert svg.attrs["viewbox"].startswith("0 0 ") and "width" not in svg.attrs  # CSS scales it to its column


def test_summary_table_links_each_article_and_lists_unreadable_files(seed: ArticleView) -> None:
    clean = ArticleView("clean.txt", "Nothing dated here.", (), {})
    doc = parse(render_report([seed, clean], errors=["missing.txt: No such file or directory"], tool_version="0.1.0"))
    rows = doc.with_class("fl-summary", "table")[0].find_all("tbody")[0].find_all("tr")
    cells = [[td.text for td in row.find_all("td")] for row in rows]
    assert cells == [[SEED_RELATIVE, "1", "1", "0", "event-day-mismatch, weekday-mismatch"], ["clean.txt", "0", "0", "0", ""]]
    for row in rows:
        target = by_id(doc, row.find_all("a")[0].attrs["href"][1:])
        assert target.tag == "section" and target.attrs["data-path"] == row.find_all("a")[0].text
    assert "missing.txt: No such file or directory" in by_id(doc, "fl-errors").text
    assert parse(render_report([seed])).with_class("fl-summary") == []  # one article: no table


def test_same_path_twice_still_gets_unique_ids(seed: ArticleView) -> None:
    parse(render_report([seed, seed]))  # parse() asserts unique ids


# --- the timeline --------------------------------------------------------------------------------


def main_svg(doc: Node) -> Node:
    return next(s for s in doc.find_all("svg") if s.attrs["id"].endswith("-tl"))


def timeline_item(svg: Node, text: str) -> Node:
    found = [a for a in svg.with_class("fl-tl-item") if a.find_all("text")[0].text == text]
    assert len(found) == 1, (text, [a.find_all("text")[0].text for a in svg.with_class("fl-tl-item")])
    return found[0]


def test_timeline_draws_first_meeting_visit_and_arrival_in_time_order(seed_doc: Node) -> None:
    svg = main_svg(seed_doc)
    first_met = timeline_item(svg, "#1 first met")
    visit = timeline_item(svg, "visit")
    arrival = timeline_item(svg, "Wednesday, October 1")
    assert (first_met.attrs["data-first"], visit.attrs["data-first"], arrival.attrs["data-first"]) == (
        "2016-11-01",
        "2017-01-01",
        "2019-10-01",
    )
    assert float(first_met.attrs["data-x"]) < float(visit.attrs["data-x"]) < float(arrival.attrs["data-x"])
    for item, words in ((first_met, "first met"), (visit, "visit"), (arrival, "Wednesday, October 1")):
        assert by_id(seed_doc, item.attrs["href"][1:]).text == words  # each point links to its words in the text
    assert "fl-sev-error" in arrival.classes
    ticks = [t.text for t in svg.with_class("fl-tick")]
    assert ticks[:4] == ["2016", "2017", "2018", "2019"]


def test_hovering_a_point_says_what_was_read_and_how_the_year_was_read(seed_doc: Node) -> None:
    title = timeline_item(main_svg(seed_doc), "Wednesday, October 1").find_all("title")[0].text
    assert "“Wednesday, October 1” (19:58)" in title
    assert "2019-10-01 (day)" in title
    assert "year: 2019, the year nearest the publication date 2019-10-04 (date header)" in title


def test_publication_date_is_marked(seed_doc: Node) -> None:
    svg = main_svg(seed_doc)
    pub = svg.with_class("fl-pub")[0]
    assert pub.find_all("text")[0].text == "published 2019-10-04" and "date header" in pub.find_all("title")[0].text
    x = float(pub.find_all("line")[0].attrs["x1"])
    assert (
        float(timeline_item(svg, "Wednesday, October 1").attrs["data-x"])
        <= x
        <= float(timeline_item(svg, "Wednesday, October 1").attrs["data-x"]) + 5
    )


def test_conflicting_claims_are_joined_by_a_red_line_linked_to_the_diagnostic(seed_doc: Node) -> None:
    detail = next(s for s in seed_doc.find_all("svg") if s.attrs["id"].endswith("-tlz"))
    conflicts = detail.with_class("fl-conflict")
    assert len(conflicts) == 1
    line = conflicts[0]
    assert "day 3 of the visit" in line.find_all("title")[0].text
    target = by_id(seed_doc, line.parent.attrs["href"][1:])
    assert target.attrs["data-rule"] == "event-day-mismatch"
    if line.tag == "line":
        ends = sorted((round(float(line.attrs[f"x{n}"])), round(float(line.attrs[f"y{n}"]))) for n in (1, 2))
    else:  # two claims in one lane: a bow "M x y Q cx cy x y" under their labels
        numbers = [round(float(v)) for v in re.findall(r"-?\d+(?:\.\d+)?", line.attrs["d"])]
        ends = sorted([(numbers[0], numbers[1]), (numbers[4], numbers[5])])
    centers = []
    for text in ("Wednesday, October 1", "Thursday, October 3"):
        circle = timeline_item(detail, text).find_all("circle")[0]
        centers.append((round(float(circle.attrs["cx"])), round(float(circle.attrs["cy"]))))
    assert ends == sorted(centers)
    assert main_svg(seed_doc).with_class("fl-conflict"), "the full axis has the line too"


def test_relative_dates_are_drawn_from_their_anchor(seed_doc: Node) -> None:
    titles = [p.find_all("title")[0].text for p in main_svg(seed_doc).with_class("fl-anchor-link")]
    assert "“the following year” computed from “2016”" in titles
    assert "“Last year” computed from the publication date" in titles


def test_dates_without_a_range_are_listed_but_not_drawn(seed_doc: Node) -> None:
    table = seed_doc.with_class("fl-points", "table")[0]
    row = next(tr for tr in table.find_all("tr") if "the first few months" in tr.text)
    assert "not on the axis" in row.text and "PXM" in row.text
    assert all("the first few months" not in t.text for t in main_svg(seed_doc).find_all("text"))
    series = seed_doc.with_class("fl-series", "ul")[0].text
    assert "meetings (Duterte and Putin): #1 2016 “their first meeting”, #1 2016-11 “first met”, #4 2019-10-03" in series


def test_axis_ticks_follow_the_range() -> None:
    assert [label for _, label in scale_for(date(2016, 11, 1), date(2019, 10, 4)).ticks] == [
        "2016",
        "2017",
        "2018",
        "2019",
        "2020",
    ]
    months = scale_for(date(2019, 3, 10), date(2019, 9, 2))
    assert months.ticks[0] == (date(2019, 3, 1), "Mar 2019") and months.ticks[-1][0] == date(2019, 10, 1)
    weeks = scale_for(date(2019, 9, 4), date(2019, 10, 1))
    assert {d.weekday() for d, _ in weeks.ticks} == {0} and weeks.lo <= date(2019, 9, 4) and weeks.hi > date(2019, 10, 1)
    days = scale_for(date(2019, 10, 1), date(2019, 10, 3))
    assert days.ticks[0][1].startswith(("Sun", "Mon", "Tue")) and "Tue Oct 1" in [label for _, label in days.ticks]
    assert len(days.ticks) >= 7


def test_many_dates_on_one_day_stack_in_lanes_instead_of_overprinting() -> None:
    day = date(2019, 10, 1)
    marks = [Mark(f"t{n}", 0, day, day, f"Wednesday, October 1 #{n}", "", "#x") for n in range(12)]
    placed, heads = layout(marks, ["dates"], scale_for(day, day))
    assert len({p.y for p in placed}) == 12 and heads[0][2] == 12


def test_a_malformed_timeline_renders_what_it_can() -> None:
    timeline = {
        "publication_date": {"date": "not a date"},
        "points": [
            "junk",
            {"id": "p1", "text": "Tuesday", "first": "2019-13-01", "last": "2019-10-01"},
            {
                "id": "p2",
                "text": "Monday",
                "start": position(1, 1),
                "end": position(1, 7),
                "first": "2019-09-30",
                "last": "2019-09-30",
            },
        ],
        "series": [{"members": [{"ordinal": True, "first": "2019-09-29", "last": "2019-09-29"}]}, None],
    }
    doc = parse(render_article(ArticleView("a.txt", "Monday it was.", (), timeline), prefix="x"))
    assert [a.find_all("text")[0].text for a in main_svg(doc).with_class("fl-tl-item")] == ["Monday", ""]
    assert by_id(doc, "x-t2").text == "Monday"  # "junk" is skipped, not counted


# --- the editable fragment ---------------------------------------------------------------------


def test_editable_fragment_carries_each_fix_as_code_point_offsets(seed: ArticleView) -> None:
    doc = parse(render_article(seed, editable=True))
    buttons = {b.attrs["data-label"]: json.loads(b.attrs["data-edits"]) for b in doc.find_all("button")}
    assert set(buttons) == {"the third day", "Tuesday, October 1", "Wednesday, October 2"}
    (edit,) = buttons["Tuesday, October 1"]
    start = seed.source.index("Wednesday, October 1")
    assert edit == {"start": start, "end": start + len("Wednesday"), "replacement": "Tuesday", "original": "Wednesday"}
    patched = seed.source[: edit["start"]] + edit["replacement"] + seed.source[edit["end"] :]
    assert "arrived in Moscow on Tuesday, October 1, for his second visit" in patched


def test_editable_offsets_count_code_points_not_utf16_units() -> None:
    source = "🎉🎉 Arrived on Wednesday, October 1."
    column = source.index("Wednesday") + 1
    fix = {
        "label": "Tuesday, October 1",
        "edits": [{"replacement": "Tuesday", "path": "a.txt", "start": position(1, column), "end": position(1, column + 9)}],
    }
    diags = (diagnostic((1, column), (1, column + 20), "Wednesday, October 1", suggestions=[fix]),)
    doc = parse(render_article(ArticleView("a.txt", source, diags, {}), editable=True))
    (edit,) = json.loads(doc.find_all("button")[0].attrs["data-edits"])
    assert (edit["start"], edit["original"]) == (source.index("Wednesday"), "Wednesday")


def test_the_fix_script_is_plain_javascript_for_the_service_page() -> None:
    code = script()
    assert "function factlintApplyFix(button, textarea)" in code and "function factlintWireFixes(container, textarea)" in code
    assert "fetch(" not in code and "XMLHttpRequest" not in code  # it edits the page, it sends nothing


def test_a_row_too_crowded_to_read_says_how_many_it_left_out() -> None:
    day = date(2019, 10, 1)
    marks = [Mark(f"t{n}", 0, day, day, f"Wednesday #{n}", "", "#x") for n in range(40)]
    placed, heads = layout(marks, ["dates"], scale_for(day, day))
    assert len(placed) == 30 and heads[0][2:] == (30, 10)
    points = [
        {
            "id": f"p{n}",
            "text": f"Wednesday #{n}",
            "value": "2019-10-01",
            "first": "2019-10-01",
            "last": "2019-10-01",
            "granularity": "day",
        }
        for n in range(40)
    ]
    doc = parse(render_article(ArticleView("a.txt", "x", (), {"points": points}), prefix="x"))
    assert "and 10 more not drawn: see the table" in main_svg(doc).text
    assert len(doc.with_class("fl-points", "table")[0].find_all("tbody")[0].find_all("tr")) == 40
