"""Event series as a fact-checker reads them: per participants and type, each member with
its ordinal, date and where the article says so (for `factlint claims`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factlint.claims.events import EventMention, extract_event_claims

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed


@dataclass(frozen=True)
class SeriesMember:
    ordinal: int | None
    date: str  # TIMEX3-style label, "" when undated
    line: int
    column: int
    text: str
    resolved: tuple[str, ...]
    offsets: tuple[int, int] = (0, 0)  # the phrase's plain-text span (the HTML timeline links to it)


@dataclass(frozen=True)
class Series:
    type: str
    participants: tuple[str, ...]
    place: str | None
    members: tuple[SeriesMember, ...]

    @property
    def title(self) -> str:
        who = " and ".join(self.participants)
        where = f" to {self.place}" if self.place else ""
        return f"{self.type}s{where} ({who})"

    def describe(self) -> str:
        """ "visits to Russia (Duterte): #1 2017 (line 17, "that first trip"), #2 2019-10 (...)"."""
        parts = [
            f'{"#" + str(m.ordinal) if m.ordinal else "#?"} {m.date or "undated"} (line {m.line}, "{m.text}")'
            for m in self.members
        ]
        return f"{self.title}: " + ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "participants": list(self.participants),
            "place": self.place,
            "members": [_member_json(m) for m in self.members],
        }


def _member_json(member: SeriesMember) -> dict[str, Any]:
    """A member as `factlint claims --format json` has always shown it (offsets are internal)."""
    data = {k: v for k, v in member.__dict__.items() if k != "offsets"}
    return data | {"resolved": list(member.resolved)}


def event_series(analysis: Analysed) -> list[Series]:
    """Series of singular events with known participants, members in order of date then text."""
    buckets: dict[tuple, list[EventMention]] = defaultdict(list)
    claims = analysis.claims(extract_event_claims)
    for event in claims.events:
        if event.participants and not event.plural:
            buckets[event.series_key].append(event)
    day_dates = {day.event.start: day.date.period.label for day in claims.days if day.date}
    series: list[Series] = []
    for (kind, people, place), events in buckets.items():
        members = []
        for event in events:
            location = analysis.document.location(event.start, event.end)
            label = event.when.period.label if event.when else day_dates.get(event.start, "")
            members.append(
                SeriesMember(
                    event.ordinal,
                    label,
                    location.start.line,
                    location.start.column,
                    event.text,
                    event.resolved,
                    (event.start, event.end),
                )
            )
        members.sort(key=lambda m: (m.date or "9999", m.ordinal or 0, m.line, m.column))
        series.append(Series(kind, tuple(sorted(people)), place, tuple(members)))
    return sorted(series, key=lambda s: (s.type, s.participants, s.place or ""))
