"""Holidays as claims: the names an article uses, the dates it states for them, and the
dates each holiday has.

Holiday names and how to date them are data (rules/lexicons/holidays.yaml); dates come
from the `holidays` package (offline, per country) and from fixed or computed rules in the
lexicon. The country is the one the phrase names, else the dateline's, else the front
matter's (`country`, `places`), else the configured one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from factlint.claims.date_claim import DateClaim
from factlint.claims.years import stated_year
from factlint.core.data_cache import load_cached
from factlint.core.errors import LexiconError
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_read import MiB, UnreadableFile, read_regular_text
from factlint.core.safe_yaml import load_data
from factlint.nlp.pipeline import load_language_pipeline, load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from factlint.claims.dates import DateMention
    from factlint.core.document import Document

_COMPUTED = re.compile(r"^(orthodox-easter|easter)([+-]\d+)?$")
_NTH = re.compile(r"^(1st|2nd|3rd|4th|5th|last) (\w+) of (\w+)$")
_ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Between a holiday and the date or weekday stated for it: "Christmas Day, Wednesday, Dec. 25", "Easter on April 21".
_GAP_AFTER = re.compile(r"^[\s,(:\u2013\u2014-]*(?:on\s+)?(?:a\s+)?$", re.IGNORECASE)
# Between a date or weekday and a holiday named after it: "June 12 (Independence Day)", "Tuesday, Christmas Day",
# a list's "October 2: Gandhi Jayanti" and "May 1 - Labour Day".
_GAP_BEFORE = re.compile(r"^(?:\s*[,(:\u2013\u2014-]?\s*|'s\s+)$")
_CLOSES = re.compile(r"^\s*(?:[,.;:)]|$)")
# In other languages, the article or preposition a date may take after a holiday's name:
# "Navidad, el 25 de diciembre", "Noël, le 25 décembre", "Weihnachten am 25. Dezember".
_FOREIGN_GAP_AFTER = re.compile(
    r"^[\s,(:\u2013\u2014-]*(?:(?:el|le|la|il|am|op|em|no|na|den|pada|tanggal|noong|sa|på|w|v|u)\s+)?$", re.IGNORECASE
)
_DATELINE = re.compile(r"^\s*([^\n\u2013\u2014]{2,60}?)\s*(?:\([^)\n]*\)\s*)?(?:\u2013|\u2014|--| - )")


@dataclass(frozen=True)
class Holiday:
    name: str
    aliases: tuple[str, ...]
    rules: tuple[str, ...]  # "fixed:MM-DD" or computed rules, valid in every country
    countries: tuple[tuple[str, tuple[str, ...]], ...]  # (code, own rules; () = look it up in the package)
    ambiguous: bool

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class HolidayLexicon:
    holidays: tuple[Holiday, ...]
    country_names: tuple[tuple[str, str], ...]  # (spelling, code), longest first
    first_names: tuple[tuple[str, str], ...] = ()  # (name, code): the first spelling listed for each code

    def display(self, code: str) -> str:
        """The country's first listed name ("Philippines"), or its code."""
        return next((name for name, c in self.first_names if c == code), code)

    def country_in(self, text: str, at_end: bool = False) -> str | None:
        """The country a stretch of text names (with `at_end`, only a name ending it: "Philippine ")."""
        for spelling, code in self.country_names:
            flags = 0 if len(spelling) <= 4 else re.IGNORECASE
            tail = r"(?:'s|')?\s+(?:the\s+)?$" if at_end else r"(?!\w)"
            if re.search(r"(?<!\w)" + re.escape(spelling) + tail, text, flags):
                return code
        return None


def _rule_error(problem: str) -> str:
    """'' for a valid fixed/computed rule, else what is wrong with it."""
    if problem.startswith("fixed:"):
        try:
            date.fromisoformat("2000-" + problem[6:])
        except ValueError:
            return f"fixed date {problem[6:]!r} is not MM-DD"
        return ""
    if _COMPUTED.match(problem):
        return ""
    match = _NTH.match(problem)
    if match and match.group(2) in _WEEKDAYS and match.group(3) in _MONTHS:
        return ""
    return f"computed rule {problem!r} is not easter[+-N], orthodox-easter[+-N] or '<nth|last> <weekday> of <month>'"


def _rules_of(entry: Mapping[str, Any]) -> tuple[str, ...]:
    rules = [f"fixed:{entry['fixed']}"] if entry.get("fixed") else []
    computed = entry.get("computed") or []
    rules += [str(c).strip().lower() for c in ([computed] if isinstance(computed, str) else computed)]
    for rule in rules:
        if problem := _rule_error(rule):
            raise LexiconError(f"holiday {entry.get('name')!r}: {problem}")
    return tuple(rules)


MAX_LEXICON_BYTES = 4 * MiB


@lru_cache(maxsize=8)
def load_holiday_lexicon(path: Path | None = None) -> HolidayLexicon:
    path = path or builtin_rules_dir() / "lexicons" / "holidays.yaml"
    try:
        data = load_cached(path, load_data, read_regular_text(path, MAX_LEXICON_BYTES)) or {}
    except UnreadableFile as error:
        raise LexiconError(f"holiday lexicon {error}") from None
    except yaml.YAMLError as error:
        raise LexiconError(f"holiday lexicon {path}: invalid YAML: {' '.join(str(error).split())[:200]}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"holiday lexicon {path}: must be a mapping with a `holidays:` list")
    holidays: list[Holiday] = []
    for entry in data.get("holidays", []):
        raw = entry.get("countries") or []
        countries = raw.items() if isinstance(raw, dict) else ((code, None) for code in raw)
        holidays.append(
            Holiday(
                str(entry["name"]),
                tuple(str(a) for a in entry.get("aliases", []) or []),
                _rules_of(entry),
                tuple((str(code).upper(), _rules_of(own) if own else ()) for code, own in countries),
                bool(entry.get("ambiguous", False)),
            )
        )
    table = {str(code).upper(): [str(name) for name in spellings] for code, spellings in (data.get("countries") or {}).items()}
    names = sorted(((name, code) for code, spellings in table.items() for name in spellings), key=lambda n: -len(n[0]))
    return HolidayLexicon(
        tuple(holidays), tuple(names), tuple((spellings[0], code) for code, spellings in table.items() if spellings)
    )


def language_holiday_lexicon(language: str) -> HolidayLexicon | None:
    """The holiday names of another language (rules/lexicons/holidays/<lang>.yaml, generated
    from the `holidays` package), or None when there are none."""
    path = builtin_rules_dir() / "lexicons" / "holidays" / f"{language}.yaml"
    return load_holiday_lexicon(path) if path.exists() else None


def _easter(year: int, orthodox: bool) -> date:
    from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

    return easter(year, EASTER_ORTHODOX if orthodox else EASTER_WESTERN)


def rule_dates(rule: str, year: int) -> set[date]:
    """The dates one fixed or computed rule gives in `year`."""
    if rule.startswith("fixed:"):
        month, day = (int(p) for p in rule[6:].split("-"))
        return {date(year, month, day)} if (month, day) != (2, 29) or year % 4 == 0 else set()
    if match := _COMPUTED.match(rule):
        value = _easter(year, match.group(1) == "orthodox-easter") + timedelta(days=int(match.group(2) or 0))
        return {value} if value.year == year else set()
    match = _NTH.match(rule)
    assert match is not None
    nth, weekday, month = _ORDINALS[match.group(1)], _WEEKDAYS.index(match.group(2)), _MONTHS.index(match.group(3)) + 1
    days = [date(year, month, d) for d in range(1, 32) if _valid(year, month, d) and date(year, month, d).weekday() == weekday]
    return {days[nth - 1 if nth > 0 else -1]} if len(days) >= nth else set()


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=256)
def package_dates(code: str, year: int, names: tuple[str, ...]) -> frozenset[date]:
    """Dates of the holiday called any of `names` in one country's `holidays` calendar (observed days excluded)."""
    import holidays

    if not 1900 <= year <= 2100 or code not in holidays.list_supported_countries():
        return frozenset()
    calendar = holidays.country_holidays(code, years=year, observed=False)
    if "en_US" in getattr(calendar, "supported_languages", ()):
        calendar = holidays.country_holidays(code, years=year, observed=False, language="en_US")
    wanted = {n.casefold() for n in names}
    return frozenset(day for day, label in calendar.items() if any(p.strip().casefold() in wanted for p in label.split(";")))


def holiday_dates(holiday: Holiday, year: int, country: str | None) -> set[date]:
    """Every date `holiday` may fall on in `year` for `country` (None: unknown); empty when not judged."""
    if holiday.ambiguous and country is None:
        return set()
    shared = set().union(*(rule_dates(r, year) for r in holiday.rules)) if not holiday.ambiguous else set()

    def of(code: str) -> set[date]:
        own = dict(holiday.countries).get(code, ())
        found = set().union(*(rule_dates(r, year) for r in own)) if own else set()
        return found | set(package_dates(code, year, holiday.names))

    if country is not None:
        local = of(country)
        if local or holiday.ambiguous:
            return shared | local
    return shared or set().union(*(of(code) for code, _ in holiday.countries))


@dataclass(frozen=True)
class HolidayMention:
    start: int
    end: int
    text: str
    holiday: Holiday
    sentence_start: int


@lru_cache(maxsize=16)
def _phrase_matcher(lexicon: HolidayLexicon, vocab: Any) -> tuple[Any, dict[str, Holiday]]:
    from spacy.matcher import PhraseMatcher

    language = getattr(vocab, "lang", "en") or "en"
    pipeline = load_pipeline(None) if language == "en" else load_language_pipeline(language)
    make_doc = pipeline.nlp.make_doc  # the cheap pass's tokenizer made `doc`
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_key: dict[str, Holiday] = {}
    for index, holiday in enumerate(lexicon.holidays):
        key = f"holiday-{index}"
        by_key[key] = holiday
        matcher.add(key, [make_doc(n) for n in holiday.names])
    return matcher, by_key


def holiday_mentions(doc: Doc, lexicon: HolidayLexicon) -> list[HolidayMention]:
    from spacy.util import filter_spans

    matcher, by_key = _phrase_matcher(lexicon, doc.vocab)
    matches = matcher(doc)
    spans: list[Span] = filter_spans([doc[s:e] for _k, s, e in matches])
    keys = {(s, e): doc.vocab.strings[k] for k, s, e in matches}
    return [
        HolidayMention(span.start_char, span.end_char, span.text, by_key[keys[(span.start, span.end)]], span.sent.start_char)
        for span in spans
    ]


def article_country(document: Document, lexicon: HolidayLexicon, configured: str | None) -> str | None:
    """The dateline's country, else the front matter's (`country`, `places`), else the configured one."""
    dateline = _DATELINE.match(document.text[:120])
    if dateline and (code := lexicon.country_in(dateline.group(1))):
        return code
    matter = document.front_matter
    for key in ("country", "places", "place"):
        values = matter.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            text = str(value)
            if key == "country" and len(text) == 2 and text.isalpha():
                return text.upper()
            if code := lexicon.country_in(text):
                return code
    return configured.upper() if configured else None


def country_before(mention: HolidayMention, text: str, lexicon: HolidayLexicon, default: str | None) -> str | None:
    """An explicit mention right before the holiday ("Philippine Independence Day") wins."""
    before = text[max(mention.sentence_start, mention.start - 40) : mention.start]
    return lexicon.country_in(before, at_end=True) or default


# A holiday named only to place another day: "the day after Christmas, December 26" dates Boxing
# Day, not Christmas.
_RELATIVE_TO = re.compile(
    r"(?:\b(?:after|before|following|preceding|since|until|till|ahead\s+of|prior\s+to|eve\s+of))\s+(?:the\s+)?$", re.IGNORECASE
)


def _apart(gap: str) -> bool:
    """A line break in the plain text is a hard one (soft wraps became spaces): another list
    item, table cell or paragraph, whose date is not this holiday's."""
    return "\n" in gap


def date_next_to(mention: HolidayMention, resolved: tuple[DateClaim, ...], text: str, language: str = "en") -> DateClaim | None:
    """The date the text states for the holiday: right after its name ("Easter on April 21",
    "Labor Day - 1 May") or right before it ("June 12 (Independence Day)"), on its own line."""
    if _RELATIVE_TO.search(text[max(mention.sentence_start, mention.start - 30) : mention.start]):
        return None
    for item in resolved:
        m = item.mention
        if m.day is None or m.month is None or m.range_part or item.date is None:
            continue
        start = written_start(m, mention)
        inside = m.weekday is not None and mention.start <= m.weekday.start < mention.end
        after = text[mention.end : start]
        gap = _GAP_AFTER if language == "en" else _FOREIGN_GAP_AFTER
        if start >= mention.end and (m.start >= mention.end or inside) and gap.match(after) and not _apart(after):
            return item
        before = text[m.end : mention.start]
        if m.end <= mention.start and _GAP_BEFORE.match(before) and not _apart(before) and _CLOSES.match(text[mention.end :]):
            return item
    return None


def written_start(m: DateMention, mention: HolidayMention) -> int:
    """Where the date stated for the holiday starts: after the name when they overlap ("Easter [Sunday, April 21]")."""
    if m.start >= mention.end or m.end <= mention.start:
        return m.start
    return min((p.start for p in (m.day, m.month, m.year) if p is not None and p.start >= mention.end), default=-1)


def weekday_next_to(mention: HolidayMention, doc: Doc, resolved: tuple[DateClaim, ...], text: str, language: str = "en") -> Any:
    """A weekday token stated for the holiday with no date ("on Christmas Day, Tuesday")."""
    dated = [(r.mention.start, r.mention.end) for r in resolved if r.mention.day is not None]
    for token in doc:
        if not token._.fl_weekday or mention.start <= token.idx < mention.end:
            continue
        if any(s <= token.idx < e for s, e in dated):
            continue
        gap_after, gap_before = text[mention.end : token.idx], text[token.idx + len(token) : mention.start]
        gap = _GAP_AFTER if language == "en" else _FOREIGN_GAP_AFTER
        after = token.idx >= mention.end and gap.match(gap_after) and not _apart(gap_after)
        before = token.idx + len(token) <= mention.start and _GAP_BEFORE.match(gap_before) and not _apart(gap_before)
        if after or (before and _CLOSES.match(text[mention.end :])):
            return token
    return None


def sentence_year(resolved: tuple[DateClaim, ...], mention: HolidayMention) -> int | None:
    """An explicit year stated earlier in the same sentence ("In 2018, Christmas Day, a Tuesday")."""
    years = [stated_year(r) for r in resolved if mention.sentence_start <= r.mention.start < mention.start]
    years = [y for y in years if y is not None]
    return years[-1] if years else None
