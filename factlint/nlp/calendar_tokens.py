"""Calendar words as spaCy sees them: token attributes, tokenizer special cases, patterns.

The date and TIMEX patterns (rules/patterns/*.yaml) are written with token classes and the
`fl_weekday` / `fl_month` attributes; here they become plain spaCy Matcher patterns (the
attributes as ORTH sets, which spaCy looks up without calling Python for every token).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from factlint.core.calendar_words import CalendarLexicon, calendar_lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Token


# hash of the language code -> (weekday forms, month forms, ambiguous words): the languages
# whose pipelines are loaded (keyed by spaCy's `token.lang`, an integer: no string per call).
_REGISTERED: dict[int, tuple[dict[str, int], dict[str, int], frozenset[str]]] = {}


def register_calendar_attributes(lexicon: CalendarLexicon) -> None:
    """Token attributes `fl_weekday` / `fl_month` that the date patterns match on, in the
    token's own language (its pipeline's: spaCy's `token.lang`; none when unregistered).

    Spellings that are also ordinary words ("may", "sun", "wed") count only when capitalised.
    """
    from spacy.strings import hash_string
    from spacy.tokens import Token

    _REGISTERED[hash_string(lexicon.language)] = (
        lexicon.weekday_forms,
        lexicon.month_forms,
        frozenset(word.lower() for word in lexicon.ambiguous),
    )

    def in_forms(index: int):
        def getter(token: Token) -> bool:
            words = _REGISTERED.get(token.lang)
            if words is None:
                return False
            lower = token.lower_
            return lower in words[index] and (lower not in words[2] or token.text[:1].isupper())

        return getter

    if Token.has_extension("fl_weekday") and lexicon.language != "en":
        return  # the getters read _REGISTERED: the new language is seen already
    Token.set_extension("fl_weekday", getter=in_forms(0), force=True)
    Token.set_extension("fl_month", getter=in_forms(1), force=True)


def add_calendar_special_cases(nlp: Language, lexicon: CalendarLexicon, numeric_dates: bool = False) -> None:
    """Keep "Wed"/"Wed." and "Tues." whole (spaCy otherwise reads "Wed" as "We'd"), split list
    punctuation off calendar words, and (`numeric_dates`) keep "13/10/2019" one token.

    Only the spellings the tokenizer would split get a special case: the other two thirds
    ("Monday", "Jan.") are whole already, and each special case slows every text down.

    spaCy reloads all of a tokenizer's 1,300 special cases whenever a prefix, suffix or token
    rule is set: set one by one, the changes below cost more than building the pipeline. As
    spaCy's own `Tokenizer.from_bytes` does, the special cases are taken out, the rules set,
    and the special cases (with the calendar ones) put back: one load."""
    tokenizer = nlp.tokenizer
    variants = {v for names in (*lexicon.weekday_names, *lexicon.month_names) for n in names for v in (n, n.lower(), n.upper())}
    split = [v for v in sorted(variants) if len(v) > 1 and [t.text for t in tokenizer(v)] != [v]]
    rules = dict(tokenizer.rules)
    for variant in split:
        rules[variant] = [{"ORTH": variant}]
    tokenizer.rules = {}  # each rule set below reloads nothing
    if numeric_dates:
        _keep_numeric_dates(tokenizer)
    _split_list_punctuation(tokenizer)
    if lexicon.language == "tr":
        _split_apostrophe_suffixes(tokenizer)
    tokenizer.rules = rules


def _keep_numeric_dates(tokenizer: Tokenizer) -> None:
    """Some tokenizers (Indonesian, Malay) split "2/11" and "13/10/2019" at the slash; keep a
    numeric date one token, as the date patterns read it."""
    import re

    numeric = re.compile(r"^\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?$").match
    previous = tokenizer.token_match
    tokenizer.token_match = (lambda text: numeric(text) or previous(text)) if previous else numeric


def _split_apostrophe_suffixes(tokenizer: Tokenizer) -> None:
    """Turkish writes case endings after an apostrophe on names and dates ("Ekim'de", "1'inde"):
    split them off so the month or day is a token of its own."""
    import re

    if tokenizer.suffix_search is not None:
        suffix = r"|(?<=\w)['’][^\W\d]+$"
        tokenizer.suffix_search = re.compile(tokenizer.suffix_search.__self__.pattern + suffix).search


def _split_list_punctuation(tokenizer: Tokenizer) -> None:
    """Lists and schedules glue punctuation to calendar words: a table's bar ("|Thursday,
    Sept. 7") and a dash after the weekday ("October 23, Friday- Mahasaptami"). Split them
    off, as spaCy already does a comma, so the weekday is a token of its own."""
    import re

    if tokenizer.prefix_search is not None:
        tokenizer.prefix_search = re.compile(tokenizer.prefix_search.__self__.pattern + r"|^\|").search
    if tokenizer.suffix_search is not None:
        day_dash = r"|(?<=[dD][aA][yY])[-\u2013\u2014]$"
        tokenizer.suffix_search = re.compile(tokenizer.suffix_search.__self__.pattern + day_dash).search


CALENDAR_ATTRIBUTES = {"fl_weekday": "weekday", "fl_month": "month"}


@lru_cache(maxsize=64)
def calendar_orths(kind: str, language: str = "en") -> tuple[str, ...]:
    """Every spelling a token of this kind can have, in the cases that count: all cases for
    plain words, capitalised ones only for words that are also common words ("May", "Sun")."""
    lexicon = calendar_lexicon(language)
    names = lexicon.weekday_names if kind == "weekday" else lexicon.month_names
    ambiguous = {word.lower() for word in lexicon.ambiguous}
    forms: set[str] = set()
    for spellings in names:
        for spelling in spellings:
            variants = {spelling, spelling.upper(), spelling[:1].upper() + spelling[1:]}
            if spelling.lower() not in ambiguous:
                variants |= {spelling.lower(), spelling.title()}
            forms |= {v for v in variants if v[:1].isupper() or spelling.lower() not in ambiguous}
    return tuple(sorted(forms))


def expand_pattern(pattern: list, classes: dict) -> list[dict]:
    """A YAML pattern (class names, "(CLASS)" for optional, or inline token specs) as the
    spaCy Matcher token list; a class may stand for several tokens."""
    tokens: list[dict] = []
    for element in pattern:
        if isinstance(element, dict):  # an inline token spec
            tokens.append(dict(element))
            continue
        optional = element.startswith("(") and element.endswith(")")
        spec = classes[element.strip("()")]
        for item in spec if isinstance(spec, list) else [spec]:
            token = dict(item)
            if optional:
                token["OP"] = "?"
            tokens.append(token)
    return tokens


def native_calendar_pattern(pattern: list[dict], language: str = "en") -> list[dict]:
    """A Matcher pattern with `_: {fl_weekday: true}` (and fl_month) turned into an ORTH set.

    The custom attributes read well in the YAML, but the Matcher calls their Python getters
    for every token of every text; an ORTH set is a hash lookup inside spaCy.
    """
    compiled = []
    for token in pattern:
        extension = token.get("_")
        if not isinstance(extension, dict) or not set(extension) & set(CALENDAR_ATTRIBUTES):
            compiled.append(token)
            continue
        token = {k: v for k, v in token.items() if k != "_"}
        rest = {k: v for k, v in extension.items() if k not in CALENDAR_ATTRIBUTES}
        for name, kind in CALENDAR_ATTRIBUTES.items():
            if extension.get(name) is True:
                token["ORTH"] = {"IN": list(calendar_orths(kind, language))}
        if rest:
            token["_"] = rest
        compiled.append(token)
    return compiled
