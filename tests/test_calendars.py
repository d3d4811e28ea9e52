"""Reference calendars: YAML fact files and .ics files in config, calendar-event-mismatch, `factlint facts`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from factlint.engine.api import LintOptions, lint_text
from factlint.engine.config import ConfigError, parse_config
from factlint.read.calendars import CalendarError, load_calendar
from factlint.shells.cli import main

FACTS = """\
# The newsroom's own facts
events:
  - name: APEC Economic Leaders' Meeting 2016
    aliases: [APEC summit in Lima, APEC summit]
    places: [Lima, Peru]
    start: 2016-11-19
    end: 2016-11-20
  - name: Town fiesta
    date: 2016-05-15
    place: Lucena, Quezon
  - name: Town fiesta
    date: 2016-06-24
    place: Tayabas, Quezon
"""

ICS = """\
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Newsroom//Facts//EN\r
BEGIN:VEVENT\r
UID:sea-games-2019@newsroom\r
SUMMARY:2019 Southeast Asian Games\r
X-FACTLINT-ALIAS:SEA Games\r
LOCATION:Manila\\, Philippines\r
DTSTART;VALUE=DATE:20191130\r
DTEND;VALUE=DATE:20191212\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "events.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "facts" / "sports.ics").write_bytes(ICS.encode("utf-8"))
    (tmp_path / ".factlint.yaml").write_text("calendars: [facts/events.yaml, facts/sports.ics]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(root: Path, text: str) -> list:
    options = LintOptions(select=("calendar-event-mismatch",))
    return lint_text(text, str(root / "story.txt"), options)


def test_yaml_fact_wrong_month(newsroom: Path) -> None:
    [d] = findings(newsroom, "Duterte first met Putin at the APEC summit in Lima in December 2016.\n")
    assert (d.rule, str(d.severity)) == ("calendar-event-mismatch", "warning")
    assert (d.location.start.line, d.location.start.column, d.quoted) == (1, 55, "December 2016")
    assert d.message == 'APEC Economic Leaders\' Meeting 2016 ran November 19-20, 2016 (facts/events.yaml:3), not "December 2016"'
    in_article, in_calendar = d.related
    assert (in_article.location.path, in_article.location.start.column) == (str(newsroom / "story.txt"), 32)
    assert in_calendar.location.path == "facts/events.yaml"
    assert (in_calendar.location.start.line, in_calendar.location.start.column) == (3, 11)
    assert in_calendar.label == "APEC Economic Leaders' Meeting 2016: November 19-20, 2016 (facts/events.yaml:3)"


def test_yaml_fact_right_date_and_other_years(newsroom: Path) -> None:
    assert findings(newsroom, "Duterte first met Putin at the APEC summit in Lima in November 2016.\n") == []
    assert findings(newsroom, "The APEC summit closed on Nov. 20, 2016.\n") == []
    # Lima hosted APEC in 2008 too: another year is another summit, not a wrong date.
    assert findings(newsroom, "Leaders went to the APEC summit in Lima in November 2008.\n") == []


def test_place_chooses_among_entries_of_one_name_and_year(newsroom: Path) -> None:
    [d] = findings(newsroom, "The Town fiesta in Tayabas was held on May 15, 2016.\n")
    assert d.message == 'Town fiesta ran June 24, 2016 (facts/events.yaml:11), not "May 15, 2016"'
    assert findings(newsroom, "The Town fiesta in Lucena was held on May 15, 2016.\n") == []
    # No place: two fiestas that year, no verdict.
    assert findings(newsroom, "The Town fiesta was held on May 1, 2016.\n") == []


def test_ics_event_right_and_wrong(newsroom: Path) -> None:
    assert findings(newsroom, "The SEA Games opened in Manila on Nov. 30, 2019.\n") == []
    assert findings(newsroom, "The SEA Games closed on Dec. 11, 2019.\n") == []
    [d] = findings(newsroom, "The SEA Games closed on Dec. 12, 2019, in Manila.\n")
    assert (
        d.message == '2019 Southeast Asian Games ran November 30 to December 11, 2019 (facts/sports.ics:6), not "Dec. 12, 2019"'
    )
    assert (d.related[1].location.path, d.related[1].location.start.line) == ("facts/sports.ics", 6)


def test_check_exit_code_and_the_builtin_calendar(newsroom: Path) -> None:
    story = newsroom / "story.txt"
    story.write_text("They met at the APEC summit in Lima in December 2016.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["check", "story.txt", "--select", "calendar-event-mismatch", "--fail-on", "warning"], stdout=out) == 1
    assert out.getvalue().splitlines()[0] == (
        "story.txt:1:40: warning: APEC Economic Leaders' Meeting 2016 ran November 19-20, 2016 (facts/events.yaml:3),"
        ' not "December 2016" [calendar-event-mismatch]'
    )


def test_facts_lists_every_calendar(newsroom: Path) -> None:
    out = io.StringIO()
    assert main(["facts"], stdout=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[:5] == [
        "facts/events.yaml: 3 events",
        "     3  APEC Economic Leaders' Meeting 2016: November 19-20, 2016  (APEC summit in Lima, APEC summit; Lima, Peru)",
        "     8  Town fiesta: May 15, 2016  (Lucena, Quezon)",
        "    11  Town fiesta: June 24, 2016  (Tayabas, Quezon)",
        "facts/sports.ics: 1 event",
    ]
    assert lines[5] == "     6  2019 Southeast Asian Games: November 30 to December 11, 2019  (SEA Games; Manila, Philippines)"
    assert any(line.endswith("lexicons/reference-events.yaml: 4 events") for line in lines)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("bad.ics", ICS.replace("DTSTART;VALUE=DATE:20191130", "DTSTART;VALUE=DATE:2019-13-45"), "bad.ics:9: invalid DTSTART:"),
        ("bad.ics", ICS.replace("END:VEVENT\r\n", ""), "bad.ics:11: END:VCALENDAR does not close VEVENT"),
        ("bad.ics", ICS.replace("SUMMARY:", "SUMMARY "), "bad.ics:6: not an iCalendar content line (NAME:value): "),
        (
            "bad.ics",
            ICS.replace("DTSTART;VALUE=DATE:20191130\r\n", ""),
            "bad.ics:4: VEVENT '2019 Southeast Asian Games' has no DTSTART",
        ),
        ("bad.ics", "hello\n", "bad.ics:1: not an iCalendar content line (NAME:value): 'hello'"),
        (
            "bad.yaml",
            FACTS.replace("end: 2016-11-20", "end: 2016-11-31"),
            "bad.yaml:7: `end` must be a date in YYYY-MM-DD form, not '2016-11-31'",
        ),
        (
            "bad.yaml",
            FACTS.replace("aliases:", "alias:"),
            "bad.yaml:4: unknown key 'alias' (known: aliases, date, end, name, note, place, places, start)",
        ),
        (
            "bad.yaml",
            FACTS.replace("    date: 2016-05-15\n", ""),
            "bad.yaml:8: event 'Town fiesta' needs exactly one of `date` or `start`",
        ),
        (
            "bad.yaml",
            FACTS.replace("end: 2016-11-20", "end: 2016-11-01"),
            'bad.yaml:7: event "APEC Economic Leaders\' Meeting 2016" ends (2016-11-01) before it starts (2016-11-19)',
        ),
        (
            "bad.yaml",
            "events: [{name: x, date: 2016-01-01}\n",
            "bad.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        ("bad.yaml", "people: []\n", "bad.yaml:1: a fact file needs an `events` list"),
    ],
)
def test_malformed_calendars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, error: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(content.encode("utf-8"))
    with pytest.raises(CalendarError) as raised:
        load_calendar(tmp_path / name)
    assert str(raised.value).startswith(error)


def test_facts_and_check_report_a_malformed_calendar(newsroom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (newsroom / "facts" / "events.yaml").write_text(FACTS.replace("start: 2016-11-19", "start: Nov 19"), encoding="utf-8")
    out = io.StringIO()
    assert main(["facts"], stdout=out) == 2
    assert (
        "factlint: error: facts/events.yaml:6: `start` must be a date in YYYY-MM-DD form, not 'Nov 19'" in capsys.readouterr().err
    )
    assert "facts/sports.ics: 1 event" in out.getvalue()  # the other calendars are still listed
    (newsroom / "story.txt").write_text("The APEC summit was in Lima.\n", encoding="utf-8")
    assert main(["check", "story.txt"], stdout=io.StringIO()) == 2
    assert "facts/events.yaml:6: `start` must be a date" in capsys.readouterr().err


def test_calendars_config_key() -> None:
    config = parse_config({"calendars": ["facts/a.yaml"], "country": "ph"}, Path("/news"), "/news/.factlint.yaml")
    assert config.calendars == (Path("/news/facts/a.yaml"),)
    assert config.country == "PH"
    with pytest.raises(ConfigError, match="`calendars` must be a list of strings"):
        parse_config({"calendars": 3}, Path("/news"), "/news/.factlint.yaml")


def test_no_calendars_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factlint.yaml").write_text("ignore: [calendar-event-mismatch]\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["facts"], stdout=out) == 0
    assert out.getvalue() == "no reference calendars configured (add `calendars:` to .factlint.yaml)\n"
