"""Claims: typed facts an article states, each with its exact span in the plain text.

dates.py      calendar date expressions ("Wednesday, October 1") from Matcher patterns
events.py     events, starts, days of events, counts, quantities and ages, from the parse
entities.py   who "his", "they" and "that country" refer to
periods.py    date expressions as first/last-day periods, whatever their granularity
series.py     event series as `factlint claims` shows them
lexicons.py   the events lexicon (rules/lexicons/event-types.yaml)
"""

from factlint.claims.dates import DateMention, Part, extract_dates

__all__ = ["DateMention", "Part", "extract_dates"]
