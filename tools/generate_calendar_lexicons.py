"""Generate factlint's per-language calendar lexicons from dateparser's locale data.

    python tools/generate_calendar_lexicons.py            # every language with an override file
    python tools/generate_calendar_lexicons.py es fr      # just these
    python tools/generate_calendar_lexicons.py --check    # exit 1 if a lexicon is stale

Weekday and month spellings come from dateparser (`dateparser/data/date_translation_data/
<locale>.py`, CLDR-derived: full names, abbreviations, inflected forms); everything a
generator cannot know is in the reviewed override file `tools/calendar_overrides/<lang>.yaml`:
which dateparser locales to read, spaCy's language code, whether the language capitalises
calendar words, spellings to add or to drop. A new language is one override file, one run and
a review of the YAML diff. Only dateparser's data is used, never its parser (it drops a
conflicting weekday silently).

Rules applied to every language, so that a spelling cannot turn an ordinary word into a date:
- a spelling that names two different days or months (es "mar": martes and marzo) is dropped;
- spellings shorter than three letters are dropped ("po", "di", "ma" are common words);
- an abbreviation without a dot is "ambiguous": matched only when capitalised (factlint's
  English lexicon treats "Sun" and "May" the same way); with its dot it matches in any case.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "tools" / "calendar_overrides"
OUT = ROOT / "rules" / "lexicons" / "calendar"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Catalan writes "d'octubre", "de maig": the article belongs to the date pattern (OF), not the month.
_LEADING = ("d'", "d’", "de ")


def _clean(form: str) -> str | None:
    form = form.strip().lower()
    for lead in _LEADING:
        if form.startswith(lead):
            form = form[len(lead) :]
    form = form.rstrip(".")
    if not form or any(c.isdigit() or c.isspace() for c in form):
        return None  # Vietnamese "thứ hai", "tháng 10": several tokens, left to a pattern file
    return form


def _cased(form: str, capitalised: bool) -> str:
    return form[:1].upper() + form[1:] if capitalised else form


def generate(language: str, override: dict[str, Any], dateparser_version: str) -> str:
    """The lexicon YAML for one language."""
    locales = override.get("dateparser", [language])
    capitalised = bool(override.get("capitalised", False))
    remove = {str(f).lower() for f in override.get("remove", [])}
    add = override.get("add", {})
    collected: dict[str, list[str]] = {}
    for key in (*WEEKDAYS, *MONTHS):
        forms: list[str] = []
        for locale in locales:
            info = importlib.import_module(f"dateparser.data.date_translation_data.{locale}").info
            forms += [c for f in info.get(key, []) if (c := _clean(str(f)))]
        forms += [str(f).lower() for f in add.get(key, [])]  # after dateparser's: its name stays the canonical one
        collected[key] = list(dict.fromkeys(f for f in forms if f not in remove and len(f) >= 3))
    owners: dict[str, set[str]] = {}
    for key, forms in collected.items():
        for form in forms:
            owners.setdefault(form, set()).add(key)
    clashes = sorted(form for form, keys in owners.items() if len(keys) > 1)
    entries: dict[str, dict[str, list[str]]] = {"weekdays": {}, "months": {}}
    ambiguous: list[str] = [str(a) for a in override.get("ambiguous", [])]
    for key, forms in collected.items():
        kept = [f for f in forms if f not in clashes]
        if not kept:
            raise SystemExit(f"{language}: no spelling left for {key} (clashes: {clashes})")
        canonical = str(override.get("canonical", {}).get(key, "")).lower() or _canonical(kept)
        full = [f for f in kept if len(f) > 4 or f == canonical]  # names and inflected forms
        short = [f for f in kept if f not in full]  # abbreviations
        spellings = [_cased(canonical, capitalised)]
        spellings += [_cased(f, capitalised) for f in full if f != canonical]
        for abbreviation in short:
            spellings += [_cased(abbreviation, capitalised) + ".", _cased(abbreviation, capitalised)]
            ambiguous.append(_cased(abbreviation, capitalised))
        group = "weekdays" if key in WEEKDAYS else "months"
        entries[group][key] = list(dict.fromkeys(spellings))
    data: dict[str, Any] = {
        "language": language,
        "name": override["name"],
        "spacy": override.get("spacy", language),
        "date_order": override.get("date_order") or _date_order(locales),
        "capitalised": capitalised,
        **entries,
        "ambiguous": sorted(set(ambiguous)),
    }
    header = (
        f"# Generated by tools/generate_calendar_lexicons.py from dateparser {dateparser_version} "
        f"(locales: {', '.join(locales)})\n"
        f"# and tools/calendar_overrides/{language}.yaml. Do not edit: change the overrides and regenerate.\n"
        "# The first spelling of each entry is the name used in suggested fixes; the others are\n"
        "# inflected forms and abbreviations. `ambiguous`: matched only when capitalised.\n"
    )
    if clashes:
        header += f"# Dropped, as they name two different days or months: {', '.join(clashes)}\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def _canonical(forms: list[str]) -> str:
    """The full name: dateparser lists abbreviation, name, inflected forms; the first of at least
    five letters, or the longest."""
    long = [f for f in forms if len(f) >= 5]
    return long[0] if long else max(forms, key=len)


def _date_order(locales: list[str]) -> str:
    info = importlib.import_module(f"dateparser.data.date_translation_data.{locales[0]}").info
    return str(info.get("date_order", "DMY"))


def main(argv: list[str] | None = None) -> int:
    import dateparser

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*")
    parser.add_argument("--check", action="store_true", help="report stale lexicons instead of writing them")
    args = parser.parse_args(argv)
    languages = args.languages or sorted(p.stem for p in OVERRIDES.glob("*.yaml"))
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for language in languages:
        override = yaml.safe_load((OVERRIDES / f"{language}.yaml").read_text(encoding="utf-8")) or {}
        text = generate(language, override, dateparser.__version__)
        target = OUT / f"{language}.yaml"
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(language)
            continue
        target.write_text(text, encoding="utf-8")
    if stale:
        print("stale lexicons: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
