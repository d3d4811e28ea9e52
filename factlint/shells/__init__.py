"""Thin shells around the engine: the command line, the language server, reporters, the
claims view, rule-example tests and changed lines."""
