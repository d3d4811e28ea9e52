"""Check kind `holiday-date`: a date written next to a holiday's name must be its date that year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.date_claim import year_explanation
from factlint.claims.holidays import (
    HolidayLexicon,
    article_country,
    country_before,
    date_next_to,
    holiday_dates,
    holiday_mentions,
    written_start,
)
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


def check_holiday_date(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A date given for a named holiday must be one of that holiday's dates in its year.

    Proves: the stated date (year as resolved for the date) is none of the holiday's dates
    for the article's country (or, country unknown, any listed country and the fixed or
    computed dates). Does not: judge ambiguous names without a country, or years for which
    no date of the holiday is known.
    """
    language = analysis.document.language
    lexicon = holiday_lexicon(rule, language)
    if lexicon is None:
        return
    text = analysis.document.text
    default = article_country(analysis.document, lexicon, configured_country(rule))
    for mention in holiday_mentions(analysis.doc, lexicon):
        resolved = date_next_to(mention, analysis.resolved, text, language)
        if resolved is None or resolved.date is None:
            continue
        stated = resolved.date
        country = country_before(mention, text, lexicon, default)
        dates = holiday_dates(mention.holiday, stated.year, country)
        if not dates or stated in dates:
            continue
        expected = min(dates, key=lambda d: (abs((d - stated).days), d))
        m = resolved.mention
        start = written_start(m, mention)
        end = m.end
        yield Finding(
            start,
            end,
            {
                **holiday_fields(mention, country, lexicon, stated.year),
                "stated": stated,
                "expected": expected,
                "date_text": text[start:end],
            },
            note="; ".join(
                part
                for part in (
                    f"country: {lexicon.display(country)}"
                    if country
                    else "country unknown: any listed country's date is accepted",
                    year_explanation(resolved, analysis.document),
                )
                if part
            ),
        )


HOLIDAY_DATE = CheckKind(
    "holiday-date",
    check_holiday_date,
    COMMON_FIELDS | {"stated", "expected", "date_text"},
    parameters=PARAMETERS,
    description="a date stated for a named holiday against the holiday's date that year",
    validate=validate_country,
    languages="all",
)


def _country_note(lexicon: HolidayLexicon, country: str | None) -> str:
    return f"country: {lexicon.display(country)}" if country else "country unknown: any listed country's date is accepted"
