"""Reference calendars: a newsroom's known events, from iCalendar (.ics) files and YAML fact files.

Every entry remembers the file, line and offsets it came from, so a diagnostic can point
at the fact it was checked against, and every malformed file is a CalendarError naming
the file and line.

YAML fact file:
    events:
      - name: APEC Economic Leaders' Meeting 2016
        aliases: [APEC summit in Lima]
        places: [Lima, Peru]
        start: 2016-11-19      # or `date:` for a one-day event
        end: 2016-11-20        # inclusive

iCalendar: each VEVENT's SUMMARY is the name, LOCATION (comma-separated) the places,
X-FACTLINT-ALIAS (repeatable) the aliases, DTSTART/DTEND the dates (DTEND exclusive for
all-day events, as RFC 5545 says).
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from factlint.core.diagnostics import Location, Position
from factlint.core.errors import CalendarError
from factlint.core.safe_read import MiB, UnreadableFile, read_regular_text
from factlint.core.safe_yaml import compose_string_dates

MAX_CALENDAR_BYTES = 16 * MiB
EVENT_KEYS = frozenset({"name", "aliases", "places", "place", "date", "start", "end", "note"})
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(?:;[^:]*)?:")


@dataclass(frozen=True)
class CalendarEntry:
    name: str
    aliases: tuple[str, ...]
    places: tuple[str, ...]
    start: date
    end: date  # inclusive
    location: Location  # where the entry is written (its name)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def source(self) -> str:
        return f"{self.location.path}:{self.location.start.line}"

    def dates_text(self) -> str:
        """As a reader writes it: "November 19-20, 2016", "November 30 to December 2, 2016"."""
        s, e = self.start, self.end
        if s == e:
            return f"{s:%B} {s.day}, {s.year}"
        if (s.year, s.month) == (e.year, e.month):
            return f"{s:%B} {s.day}-{e.day}, {s.year}"
        if s.year == e.year:
            return f"{s:%B} {s.day} to {e:%B} {e.day}, {s.year}"
        return f"{s:%B} {s.day}, {s.year} to {e:%B} {e.day}, {e.year}"


def _location(path: str, text: str, start: int, end: int) -> Location:
    return Location(path, _position(text, start), _position(text, end), start, end)


def _position(text: str, offset: int) -> Position:
    """Line and column of `offset`, from line starts found once per text (a scan from the
    start for every event made a 60,000-event calendar take minutes)."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return Position(line, offset - starts[line - 1] + 1)


_STARTS: dict[int, tuple[str, list[int]]] = {}


def _line_starts(text: str) -> list[int]:
    cached = _STARTS.get(id(text))
    if cached is None or cached[0] is not text:
        _STARTS.clear()  # one file at a time
        cached = (text, [0, *(m.end() for m in re.finditer("\n", text))])
        _STARTS[id(text)] = cached
    return cached[1]


def load_calendar(path: Path) -> tuple[CalendarEntry, ...]:
    """The entries of one calendar file (.ics, or YAML for anything else)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise CalendarError(str(path), 1, f"cannot read calendar: {error.strerror}") from None
    return _load(path, stat.st_mtime_ns, stat.st_size, os.getcwd())


@lru_cache(maxsize=64)
def _load(path: Path, _mtime: int, _size: int, _cwd: str = "") -> tuple[CalendarEntry, ...]:
    shown = display_path(path)
    try:
        text = read_regular_text(path, MAX_CALENDAR_BYTES, errors="replace")
    except UnreadableFile as error:
        raise CalendarError(shown, 1, f"cannot read calendar: {error.problem.removeprefix('cannot read: ')}") from None
    if path.suffix.lower() in (".ics", ".ical", ".ifb"):
        return _read_ics(shown, text)
    return _read_yaml(shown, text)


def display_path(path: Path) -> str:
    """Relative to the working directory when under it (as checked files are shown), else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


# --- YAML fact files -------------------------------------------------------------------------


def _yaml_error(path: str, node: yaml.Node, message: str) -> CalendarError:
    return CalendarError(path, node.start_mark.line + 1, message)


def _scalar(path: str, node: yaml.Node, key: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _yaml_error(path, node, f"`{key}` must be a non-empty string")
    return str(node.value).strip()


def _strings(path: str, node: yaml.Node, key: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        return (_scalar(path, node, key),)
    if not isinstance(node, yaml.SequenceNode):
        raise _yaml_error(path, node, f"`{key}` must be a list of strings")
    return tuple(_scalar(path, item, key) for item in node.value)


def _date(path: str, node: yaml.Node, key: str) -> date:
    value = _scalar(path, node, key)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _yaml_error(path, node, f"`{key}` must be a date in YYYY-MM-DD form, not {value!r}") from None


def _read_yaml(path: str, text: str) -> tuple[CalendarEntry, ...]:
    try:
        root = compose_string_dates(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CalendarError(path, mark.line + 1 if mark else 1, f"invalid YAML: {getattr(error, 'problem', error)}") from None
    if root is None:
        return ()
    if isinstance(root, yaml.MappingNode):
        events = dict((k.value, v) for k, v in root.value).get("events")
        if events is None:
            raise _yaml_error(path, root, "a fact file needs an `events` list")
        root = events
    if not isinstance(root, yaml.SequenceNode):
        raise _yaml_error(path, root, "`events` must be a list of events")
    return tuple(_event(path, text, node) for node in root.value)


def _event(path: str, text: str, node: yaml.Node) -> CalendarEntry:
    if not isinstance(node, yaml.MappingNode):
        raise _yaml_error(path, node, "an event must be a mapping with `name` and `date` (or `start`/`end`)")
    fields = {k.value: v for k, v in node.value}
    for key_node, _value in node.value:
        if key_node.value not in EVENT_KEYS:
            raise _yaml_error(path, key_node, f"unknown key {key_node.value!r} (known: {', '.join(sorted(EVENT_KEYS))})")
    if "name" not in fields:
        raise _yaml_error(path, node, "an event needs a `name`")
    name_node = fields["name"]
    name = _scalar(path, name_node, "name")
    if ("date" in fields) == ("start" in fields):
        raise _yaml_error(path, node, f"event {name!r} needs exactly one of `date` or `start`")
    start = _date(path, fields.get("date") or fields["start"], "date" if "date" in fields else "start")
    end = _date(path, fields["end"], "end") if "end" in fields else start
    if end < start:
        raise _yaml_error(path, fields["end"], f"event {name!r} ends ({end}) before it starts ({start})")
    places = _strings(path, fields["places"], "places") if "places" in fields else ()
    places += tuple(p.strip() for p in _scalar(path, fields["place"], "place").split(",")) if "place" in fields else ()
    return CalendarEntry(
        name,
        _strings(path, fields["aliases"], "aliases") if "aliases" in fields else (),
        places,
        start,
        end,
        _location(path, text, name_node.start_mark.index, name_node.end_mark.index),
    )


# --- iCalendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based physical line where the (unfolded) content line starts
    offset: int
    text: str
    first_length: int = 0  # characters of its first physical line (where a diagnostic points)


def _content_lines(text: str) -> list[_Line]:
    """RFC 5545 unfolding: a line starting with a space or tab continues the previous one."""
    lines: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), 1):
        body = raw.rstrip("\r\n")
        if body[:1] in (" ", "\t") and lines:
            last = lines[-1]
            lines[-1] = _Line(last.number, last.offset, last.text + body[1:], last.first_length)
        elif body.strip():
            lines.append(_Line(number, offset, body, len(body)))
        offset += len(raw)
    return lines


def _scan_ics(path: str, lines: list[_Line]) -> list[dict[str, _Line]]:
    """Structure checks icalendar does not locate: content lines, BEGIN/END nesting. Returns,
    per VEVENT in order, its BEGIN line and the first line of each property."""
    stack: list[_Line] = []
    events: list[dict[str, _Line]] = []
    for line in lines:
        if not _CONTENT_LINE.match(line.text):
            raise CalendarError(path, line.number, f"not an iCalendar content line (NAME:value): {line.text[:60]!r}")
        name, _, value = line.text.partition(":")
        name = name.split(";")[0].upper()
        if name == "BEGIN":
            stack.append(line)
            if value.strip().upper() == "VEVENT":
                events.append({"BEGIN": line})
        elif name == "END":
            if not stack or stack[-1].text.partition(":")[2].strip().upper() != value.strip().upper():
                opened = stack[-1].text.partition(":")[2].strip() if stack else "nothing"
                raise CalendarError(path, line.number, f"END:{value.strip()} does not close {opened}")
            stack.pop()
        elif stack and stack[-1].text.partition(":")[2].strip().upper() == "VEVENT":
            events[-1].setdefault(name, line)
    if stack:
        raise CalendarError(path, stack[-1].number, f"{stack[-1].text.strip()} is never closed (END missing)")
    if lines and lines[0].text.strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError(path, lines[0].number, "an iCalendar file must start with BEGIN:VCALENDAR")
    return events


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _read_ics(path: str, text: str) -> tuple[CalendarEntry, ...]:
    import icalendar

    lines = _content_lines(text)
    scanned = _scan_ics(path, lines)
    if not lines:
        return ()
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise CalendarError(path, 1, f"invalid iCalendar: {' '.join(str(error).split())[:200]}") from None
    components = [c for calendar in calendars for c in calendar.walk("VEVENT")]
    entries: list[CalendarEntry] = []
    for event, where in zip(components, scanned, strict=True):
        begin = where["BEGIN"].number
        for prop, problem in getattr(event, "errors", []):
            line = where.get(str(prop).upper(), where["BEGIN"]).number if prop else begin
            raise CalendarError(path, line, f"invalid {prop or 'property'}: {problem}")
        summary, start_value = event.get("SUMMARY"), event.get("DTSTART")
        if not summary or not str(summary).strip():
            raise CalendarError(path, begin, "VEVENT has no SUMMARY (the event's name)")
        if start_value is None:
            raise CalendarError(path, begin, f"VEVENT {str(summary)!r} has no DTSTART")
        start = _day(event.decoded("DTSTART"))
        end = start
        if event.get("DTEND") is not None:
            raw_end = event.decoded("DTEND")
            end = _day(raw_end) - timedelta(days=0 if isinstance(raw_end, datetime) else 1)
        elif event.get("DURATION") is not None:
            end = start + max(event.decoded("DURATION") - timedelta(days=1), timedelta(0))
        if end < start:
            raise CalendarError(path, where.get("DTEND", where["BEGIN"]).number, f"VEVENT {str(summary)!r} ends before it starts")
        aliases = event.get("X-FACTLINT-ALIAS") or []
        aliases = aliases if isinstance(aliases, list) else [aliases]
        places = tuple(p.strip() for p in str(event.get("LOCATION") or "").split(",") if p.strip())
        line = where.get("SUMMARY", where["BEGIN"])
        entries.append(
            CalendarEntry(
                str(summary).strip(),
                tuple(_text(a) for a in aliases),
                places,
                start,
                end,
                _location(path, text, line.offset, line.offset + line.first_length),
            )
        )
    return tuple(entries)


def _text(value: Any) -> str:
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    return (raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)).strip()


def load_calendars(paths: tuple[str, ...] | list[str]) -> tuple[CalendarEntry, ...]:
    return tuple(entry for path in paths for entry in load_calendar(Path(path)))
