"""JSON Schemas shipped with factlint (rule files, JSON output)."""
