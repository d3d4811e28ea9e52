"""Sources: a file or a string becomes a Document (plain text, offset map, publication date,
structure), and the other files a run reads (suppression comments, reference calendars).
Imports only factlint.core."""
