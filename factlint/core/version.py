"""factlint's version: one place, read by pyproject.toml, the reports and the cache key."""

__version__ = "0.1.0"
