"""Claims: typed facts an article states, each with its exact span in the plain text."""

from factlint.claims.dates import DateMention, Part, extract_dates

__all__ = ["DateMention", "Part", "extract_dates"]
