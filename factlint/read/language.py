"""Which language a file is in: declared (front matter, configuration, `--language`) or detected.

Detection uses py3langid (langid.py's model repackaged: 97+ languages, offline, numpy only,
a 4.6 MB wheel, a few milliseconds per article once its model is loaded). It is asked only
when a text is not plainly English: most articles factlint reads are, and a count of English
function words settles those without loading the model, so English runs cost nothing more.

One file, one language. A file is read in the language it is mostly in, and only that
language's calendar words are matched: an English article quoting a Filipino sentence is read
as English (its Filipino words are not calendar words there), a Filipino page with an English
sentence is read as Filipino. A detected language is used only above a confidence floor;
below it, and for languages without calendar words, the file is read as English, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factlint.core.calendar_words import calendar_languages, normalise_language

# A text with this share of these words is English: no model needed.
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|was|were|that|with|for|from|has|have|this|is|said|are|had|been|by|at|its|which|will"
    r"|would|but|they|their|his|her|who|after|about|an|as|be|it|not|or|he|she|we|you)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# 5%: of 2,897 English news texts in ../shared/corpora, 14 (tables, results lists) fall below
# it and are handed to the model (which reads them as English); the 21 languages' test texts
# stay under 4%.
ENGLISH_SHARE = 0.05
CONFIDENCE_FLOOR = 0.85  # py3langid's normalised probability, after merging near-identical languages
MIN_WORDS = 12  # fewer words than this say too little to leave English for
# Languages py3langid tells apart poorly and whose calendars agree on most words: their
# probabilities are summed, then the likelier one is taken.
_GROUPS = ({"id", "ms"}, {"da", "no", "nb", "nn"}, {"hr", "bs", "sr"}, {"cs", "sk"})
FRONT_MATTER_KEYS = ("lang", "language", "locale")


@dataclass(frozen=True)
class LanguageChoice:
    language: str  # a language with calendar words ("en" when nothing else applies)
    source: str  # where it came from: "--language", "front matter 'lang'", "configuration", "detected (0.97)", "default"


def declared_language(front_matter: dict[str, Any]) -> tuple[str, str] | None:
    """(language, key) from a front-matter `lang`, `language` or `locale` ("es-MX" -> "es")."""
    for key in FRONT_MATTER_KEYS:
        value = front_matter.get(key)
        if isinstance(value, str) and value.strip():
            return normalise_language(value), key
    return None


def supported(language: str) -> bool:
    return language in calendar_languages()


def detect_language(text: str) -> LanguageChoice:
    """The language of a text without a declared one (see the module docstring)."""
    head = text[:2000]  # enough to tell English (the cost is per file, on every English run)
    words = len(_WORD.findall(head))
    if words < MIN_WORDS:
        return LanguageChoice("en", "default (too short to detect)")
    if len(_ENGLISH_WORDS.findall(head)) >= ENGLISH_SHARE * words:
        return LanguageChoice("en", "detected (English function words)")
    sample = text[:6000]
    ranked = dict(_identifier().rank(sample))
    scores: dict[str, float] = {}
    for code, probability in ranked.items():
        scores[code] = scores.get(code, 0.0) + float(probability)
    for group in _GROUPS:
        total = sum(scores.get(code, 0.0) for code in group)
        best = max(group, key=lambda code: scores.get(code, 0.0))
        for code in group:
            scores.pop(code, None)
        scores[best] = total
    language, probability = max(scores.items(), key=lambda item: item[1])
    language = normalise_language(language)
    if probability < CONFIDENCE_FLOOR or not supported(language):
        return LanguageChoice("en", f"default (detected {language} at {probability:.2f})")
    return LanguageChoice(language, f"detected ({probability:.2f})")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def choose_language(forced: str | None, front_matter: dict[str, Any], configured: str | None, text: str) -> LanguageChoice:
    """`--language`, then the front matter, then the configuration, then detection. A declared
    language without calendar words reads as English (said in the source)."""
    declared: list[tuple[str | None, str]] = [(normalise_language(forced) if forced else None, "--language")]
    hit = declared_language(front_matter)
    declared.append((hit[0], f"front matter '{hit[1]}'") if hit else (None, ""))
    declared.append((normalise_language(configured) if configured else None, "configuration"))
    for language, source in declared:
        if language is None:
            continue
        if language == "auto":
            break
        if not supported(language):
            return LanguageChoice("en", f"{source} ({language}: no calendar words, read as English)")
        return LanguageChoice(language, source)
    return detect_language(text)
