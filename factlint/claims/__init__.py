"""Claims: typed facts an article states, each with its exact span in the plain text.

date_claim.py  the one date model (DateClaim) for calendar dates and TIMEX values
dates.py       calendar date expressions ("Wednesday, October 1") from Matcher patterns
years.py       each calendar expression's year, and where it came from
timex/         every temporal expression valued as TIMEX3 and anchored
events.py      events, starts, days of events, counts, quantities and ages, from the parse
event_cues.py  the gate selectors of the event kinds: what events.py could read, from words alone
entities.py    who "his", "they" and "that country" refer to
holidays.py    holiday names, the dates stated for them and the dates they have
periods.py     the dated claims events are dated by
series.py      event series as `factlint claims` shows them
cues.py        what a gate selector reads of a document before anything is parsed
analysed.py    the protocol extractors read an analysis through
"""
