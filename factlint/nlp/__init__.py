"""spaCy: loading pipelines, the words factlint matches (calendar and event lexicons),
matchers that run only where they can match, sentences worked out once per doc."""
