"""The bottom layer: plain data every other layer shares (diagnostics, the Document, rules,
findings, results, errors) and the few things they need (safe YAML, message templates, where
the built-in rule pack lives). Imports nothing else of factlint."""
