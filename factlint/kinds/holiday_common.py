"""What the two holiday kinds share: their parameters, their lexicon, their message fields."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.claims.holidays import HolidayLexicon, HolidayMention, language_holiday_lexicon, load_holiday_lexicon

if TYPE_CHECKING:
    from factlint.core.rule import Rule


def holiday_lexicon(rule: Rule, language: str = "en") -> HolidayLexicon | None:
    """The rule's own lexicon when it names one; else the built-in one of the document's
    language (None: that language has no holiday names)."""
    path = rule.params.get("lexicon")
    if path:
        return load_holiday_lexicon(Path(rule.source).parent / path)
    return load_holiday_lexicon() if language == "en" else language_holiday_lexicon(language)


def holiday_fields(mention: HolidayMention, country: str | None, lexicon: HolidayLexicon, year: int) -> dict[str, Any]:
    name = lexicon.display(country) if country else ""
    return {
        "holiday": mention.holiday.name,
        "text": mention.text,
        "year": year,
        "country": name,
        "country_clause": f" ({name})" if name else "",
    }


def validate_country(params: Mapping[str, Any]) -> list[tuple[list[Any], str]]:
    country = params.get("country")
    if country is not None:
        import holidays

        if str(country).upper() not in holidays.list_supported_countries():
            return [(["country"], f"unknown country code {country!r} (use an ISO 3166 alpha-2 code such as PH or US)")]
    return []


def configured_country(rule: Rule) -> str | None:
    country = rule.params.get("country")
    return str(country) if country else None


PARAMETERS = {
    "country": {"type": "string", "description": "ISO code of the country to assume when the article does not say"},
    "lexicon": {"type": "string", "description": "a holiday lexicon replacing the built-in one (relative to the rule file)"},
}
COMMON_FIELDS = frozenset({"holiday", "text", "year", "country", "country_clause"})
