"""Before parsing: the sentences factlint.claims.events could read a compared claim from.

Each function is a gate selector (factlint.gating) for the check kinds over events, counts,
quantities and ages. It mirrors the reader's conditions with what the cheap pass has (word
forms, no lemmas, tags or dependencies), always erring towards picking a sentence, and adds
the context the reader looks back at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.events import TIME_NOUNS
from factlint.claims.lexicons import EventLexicon, inflections, load_event_lexicon
from factlint.gating import SentenceRange, around

if TYPE_CHECKING:
    from spacy.tokens import Span

    from factlint.gating import Cues
    from factlint.rules import Rule

PRONOUN_SENTENCES = 1  # who "his" is: the subject of the sentence before, as a rule
QUANTITY_SENTENCES = 2  # as factlint.checks.events: "the four warships" refers back at most two sentences
DEFINITE = frozenset({"the", "these", "those"})
DEFINITE_LOOKBACK = 5  # "the 12 Russian warships", "the newly elected 15 members"
DAY_WORDS = frozenset({"day", "days"})
IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "police", "feet", "teeth", "mice", "geese", "data"})
IRREGULAR_PLURALS |= frozenset({"media", "criteria", "personnel", "cattle", "staff", "clergy", "militia", "crew", "youth"})
TIME_FORMS = frozenset(form for noun in TIME_NOUNS for form in inflections(noun))


def _ranks(words: frozenset[str], lexicon: EventLexicon) -> bool:
    """An ordinal, a count ("twice", "three times") or a day number ("day 2"): what every event
    rule compares. Without one in an event's sentence, no event rule can fire."""
    if "times" in words or any(lexicon.ordinal(w) is not None or w in lexicon.count_adverbs for w in words):
        return True
    return not words.isdisjoint(DAY_WORDS) and any(lexicon.number(w) is not None for w in words)


def event_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """Sentences with a form of an event noun or verb and sentences with a start verb and a date
    (the start of a visit), each with the sentence before (who "his" is); nothing when no event
    sentence has an ordinal, a count or a day number. "That first trip" looks back for an
    earlier event, but events come only from event sentences, which are all picked."""
    lexicon = load_event_lexicon()
    events = cues.with_words(lexicon.event_forms)
    if not any(_ranks(cues.words[i], lexicon) for i in events):
        return []
    dated = {cues.sentence_of(t.start) for t in cues.analysis.timexes}
    dated |= {cues.sentence_of(r.mention.start) for r in cues.analysis.resolved}
    starts = [i for i in cues.with_words(lexicon.start_forms) if i in dated]
    return around(events, before=PRONOUN_SENTENCES) + around(starts, before=PRONOUN_SENTENCES)


def _plural(word: str) -> bool:
    return word.endswith("s") or word in IRREGULAR_PLURALS


def _numbers(sentence: Span, lexicon: EventLexicon) -> Iterator[tuple[int, int, bool, frozenset[str]]]:
    """(token index, value, definite?, the plurals after it in the sentence) for each number."""
    tokens = list(sentence)
    for position, token in enumerate(tokens):
        value = lexicon.number(token.text)
        if value is None:
            continue
        before = {t.lower_ for t in tokens[max(position - DEFINITE_LOOKBACK, 0) : position]}
        after = frozenset(t.lower_ for t in tokens[position + 1 :] if t.is_alpha and not t.is_stop and _plural(t.lower_))
        yield token.i, value, not before.isdisjoint(DEFINITE), after - TIME_FORMS


def quantity_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """From each number in the two sentences before a definite number ("the four warships") to
    it, where the numbers differ and a plural after both could be the noun they count: the only
    pairs `quantity` compares (the noun is tagged plural and follows its number, and one lemma
    has one plural form)."""
    lexicon = load_event_lexicon()
    numbered = {
        i: list(_numbers(cues.sentences[i], lexicon))
        for i, words in enumerate(cues.words)
        if any(w[:1].isdigit() or w in lexicon.cardinals for w in words)  # what lexicon.number() reads
    }
    picks: list[SentenceRange] = []
    for index, numbers in numbered.items():
        for position, value, definite, after in numbers:
            if not definite or not after:
                continue
            for earlier in range(max(index - QUANTITY_SENTENCES, 0), index + 1):
                found = numbered.get(earlier, ())
                if any(p < position and v != value and not w.isdisjoint(after) for p, v, _d, w in found):
                    picks.append((earlier, index))
                    break
    return picks


def _age_cues(sentence: Span) -> int:
    """ "Smith, 45," / "Smith (45)", "45-year-old" and "born": what an age claim is read from."""
    tokens = list(sentence)
    found = 0
    for position, token in enumerate(tokens):
        lower = token.lower_
        if (
            lower == "born"
            or (lower == "old" and position >= 2 and tokens[position - 2].lower_ == "year")
            or (
                token.text.isascii()
                and token.text.isdigit()
                and 0 < int(token.text) < 125
                and position
                and tokens[position - 1].text in (",", "(")
            )
        ):
            found += 1
    return found


def age_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """Sentences with an age cue, with the one before (who "she" is); nothing unless there are
    two cues: one age cannot conflict with itself."""
    candidates = {"born", "old"}
    counts = {
        i: _age_cues(cues.sentences[i])
        for i, words in enumerate(cues.words)
        if not words.isdisjoint(candidates) or any(w.isdigit() for w in words)
    }
    cued = [i for i, count in counts.items() if count]
    if sum(counts.values()) < 2:
        return []
    return around(cued, before=PRONOUN_SENTENCES)
