"""Check kind `holiday-weekday`: a weekday written next to a holiday (without a date) must be
the holiday's weekday."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.holidays import (
    article_country,
    country_before,
    holiday_dates,
    holiday_mentions,
    sentence_year,
    weekday_next_to,
)
from factlint.core.calendar_words import calendar_lexicon, load_calendar_lexicon
from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind
from factlint.kinds.holiday_common import (
    COMMON_FIELDS,
    PARAMETERS,
    configured_country,
    holiday_fields,
    holiday_lexicon,
    validate_country,
)

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_holiday_weekday(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A weekday given for a named holiday (without a date) must be the holiday's weekday.

    The year is one stated earlier in the sentence, else the occurrence nearest the
    publication date. Proves: no date of the holiday in that year has the stated weekday.
    Does not: judge without a year (no publication date) or a known date of the holiday.
    """
    language = analysis.document.language
    lexicon = holiday_lexicon(rule, language)
    if lexicon is None:
        return
    names = load_calendar_lexicon()  # the message's words: rule messages are English
    own_words = calendar_lexicon(language)
    text = analysis.document.text
    dct = analysis.document.dct
    default = article_country(analysis.document, lexicon, configured_country(rule))
    for mention in holiday_mentions(analysis.doc, lexicon):
        token = weekday_next_to(mention, analysis.doc, analysis.resolved, text, language)
        if token is None:
            continue
        country = country_before(mention, text, lexicon, default)
        year = sentence_year(analysis.resolved, mention)
        if year is None and dct is not None:
            years = (dct.value.year - 1, dct.value.year, dct.value.year + 1)
            near = [d for y in years for d in holiday_dates(mention.holiday, y, country)]
            year = min(near, key=lambda d: abs((d - dct.value).days)).year if near else None
        dates = sorted(holiday_dates(mention.holiday, year, country)) if year else []
        stated = own_words.weekday_forms[token.lower_]
        if not dates or any(d.weekday() == stated for d in dates):
            continue
        if dct is not None:
            dates.sort(key=lambda d: abs((d - dct.value).days))
        yield Finding(
            token.idx,
            token.idx + len(token),
            {
                **holiday_fields(mention, country, lexicon, dates[0].year),
                "date": dates[0],
                "actual_weekday": names.weekday_name(dates[0].weekday()),
                "stated_weekday": names.weekday_name(stated),
            },
            note=f"year {year} from " + ("the sentence" if sentence_year(analysis.resolved, mention) else "the publication date"),
        )


HOLIDAY_WEEKDAY = CheckKind(
    "holiday-weekday",
    check_holiday_weekday,
    COMMON_FIELDS | {"date", "actual_weekday", "stated_weekday"},
    parameters=PARAMETERS,
    description="a weekday stated for a named holiday against the holiday's weekday that year",
    validate=validate_country,
    languages="all",
)
