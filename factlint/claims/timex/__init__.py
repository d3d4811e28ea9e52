"""Temporal expressions: found with Matcher patterns (rules/patterns/timex.yaml), valued as
TIMEX3 and anchored on the publication date or the narrative (see resolve.py)."""
