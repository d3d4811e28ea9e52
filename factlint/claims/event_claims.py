"""The claims the event readers give the event kinds: events, their starts and days, counts,
quantities and ages, each with its plain-text span.

One shape for every language's reader (factlint.claims.events for English,
factlint.claims.events_fr for French), so the check kinds never ask which language a claim
was read in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factlint.claims.date_claim import DateClaim


@dataclass(frozen=True)
class EventMention:
    start: int  # plain-text span of the phrase ("his second visit")
    end: int
    text: str
    type: str  # from the lexicon: visit, meeting, term, ...
    participants: frozenset[str]
    place: str | None
    ordinal: int | None
    ordinal_span: tuple[int, int] | None
    date: DateClaim | None
    plural: bool
    sentence: int
    resolved: tuple[str, ...] = ()  # e.g. ("his -> Duterte (line 19)",)
    start_date: DateClaim | None = None  # "arrived ... on Oct. 1, for his second visit"

    @property
    def when(self) -> DateClaim | None:
        """Its own date, else the date it started ("arrived on Oct. 1 for his second visit")."""
        return self.date or self.start_date

    @property
    def series_key(self) -> tuple[str, frozenset[str], str | None]:
        """Events of one series share type, participants and (for visits) destination."""
        return (self.type, self.participants, self.place if self.type == "visit" else None)


@dataclass(frozen=True)
class StartClaim:
    """An event's start as the text states it: "arrived in Moscow on Wednesday, October 1"."""

    start: int
    end: int
    text: str
    participants: frozenset[str]
    place: str | None
    date: DateClaim
    event: EventMention | None


@dataclass(frozen=True)
class DayOfEvent:
    """ "the second day of his official visit": a position within a stated event."""

    start: int
    end: int
    text: str
    position: int | None  # None with final=True
    final: bool
    event: EventMention
    date: DateClaim | None
    marker: tuple[int, int, str] = (0, 0, "")  # the position word ("second") and its span


@dataclass(frozen=True)
class CountClaim:
    """ "has visited Russia twice"."""

    start: int
    end: int
    text: str
    type: str
    participants: frozenset[str]
    place: str | None
    count: int


@dataclass(frozen=True)
class Quantity:
    start: int  # span of the number
    end: int
    text: str  # the noun phrase
    noun: str  # the counted thing's key ("warship", "port call")
    number: int
    definite: bool  # "the four warships" refers back; "four warships" may be new ones
    partitive: bool = False  # "two of the port calls" counts a part, not the whole
    modifiers: frozenset[str] = frozenset()  # "Russian" in "3 Russian warships"
    sentence: int = 0


@dataclass(frozen=True)
class AgeClaim:
    start: int
    end: int
    text: str
    person: str
    age: int | None
    born: int | None
    resolved: str = ""


@dataclass(frozen=True)
class EventClaims:
    events: tuple[EventMention, ...] = ()
    starts: tuple[StartClaim, ...] = ()
    days: tuple[DayOfEvent, ...] = ()
    counts: tuple[CountClaim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    ages: tuple[AgeClaim, ...] = ()
