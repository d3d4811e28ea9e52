"""Before parsing: the sentences factlint.claims.events could read a compared claim from.

Each function is a gate selector (factlint.analysis.gate) for the check kinds over events, counts,
quantities and ages. It mirrors the reader's conditions with what the cheap pass has (word
forms, no lemmas, tags or dependencies), always erring towards picking a sentence, and adds
the context the reader looks back at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.claims.cues import SentenceRange, around
from factlint.claims.events import QUANTITY_DETERMINER_REACH, QUANTITY_SENTENCES, TIME_NOUNS
from factlint.nlp.event_lexicon import EventLexicon, inflections, load_event_lexicon

if TYPE_CHECKING:
    from factlint.claims.cues import Cues
    from factlint.core.rule import Rule

PRONOUN_SENTENCES = 1  # who "his" is: the subject of the sentence before, as a rule
DEFINITE = frozenset({"the", "these", "those"})
DEFINITE_LOOKBACK = QUANTITY_DETERMINER_REACH + 1  # the determiner's place, as factlint.claims.events reads it
DAY_WORDS = frozenset({"day", "days"})
IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "police", "feet", "teeth", "mice", "geese", "data"})
IRREGULAR_PLURALS |= frozenset({"media", "criteria", "personnel", "cattle", "staff", "clergy", "militia", "crew", "youth"})
COUNTED_STOP_WORDS = frozenset({"others"})  # spaCy lists it as a stop word; "the two others" counts it
TIME_FORMS = frozenset(form for noun in TIME_NOUNS for form in inflections(noun))


@dataclass(frozen=True)
class EventCues:
    """What the event rules could compare in one document, from word forms alone."""

    sentences: list[int]  # sentences with a form of an event noun or verb, and start sentences
    event_words: int  # forms of event nouns and verbs, counted
    ordinals: int  # ordinal tokens ("second", "4th") in event sentences
    counts: int  # event sentences with a count ("twice", "three times")
    days: int  # event sentences with a day word and a number or ordinal ("the second day of")
    starts: int  # sentences with a start verb ("arrived") and a date
    dated: bool  # some event or start sentence holds a date: where every event date comes from


def event_cues(cues: Cues) -> EventCues:
    """Computed once per document and shared by the event kinds' selectors."""
    cached = cues.memo.get("events")
    if cached is None:
        cached = cues.memo["events"] = _event_cues(cues)
    return cached


def _event_cues(cues: Cues) -> EventCues:
    lexicon = load_event_lexicon()
    dated = {cues.sentence_of(t.start) for t in cues.analysis.timexes}
    dated |= {cues.sentence_of(r.mention.start) for r in cues.analysis.resolved}
    events = cues.with_words(lexicon.event_forms)
    starts = [i for i in cues.with_words(lexicon.start_forms) if i in dated]
    words = ordinals = counts = days = 0
    for index in events:
        sentence = cues.sentences[index]
        lowers = cues.columns.lowers[sentence.start : sentence.end]
        words += sum(1 for w in lowers if w in lexicon.event_forms)
        ranks = sum(1 for w in lowers if lexicon.ordinal(w) is not None)
        ordinals += ranks
        counts += any(w in lexicon.count_adverbs or w == "times" for w in lowers)
        numbered = ranks or any(lexicon.number(w) is not None for w in lowers)
        days += bool(numbered and not DAY_WORDS.isdisjoint(lowers))
    picked = sorted(set(events) | set(starts))
    return EventCues(picked, words, ordinals, counts, days, len(starts), bool(dated & set(picked)))


def ordinal_series_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """Two ordinals beside event words at least (one event given two ordinals, or two events
    one): then every event and start sentence, each with the sentence before (who "his" is;
    "that first trip" looks back at events, which come only from these sentences)."""
    found = event_cues(cues)
    return around(found.sentences, before=PRONOUN_SENTENCES) if found.ordinals >= 2 else []


def series_count_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """`exceeds-count`: an ordinal and a count beside event words. `exceeds-ordinal`: an
    ordinal, another event word, and a date in an event or start sentence."""
    found = event_cues(cues)
    if rule.params.get("check", "exceeds-count") == "exceeds-count":
        possible = found.ordinals >= 1 and found.counts >= 1
    else:
        possible = found.ordinals >= 1 and found.event_words >= 2 and found.dated
    return around(found.sentences, before=PRONOUN_SENTENCES) if possible else []


def event_day_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """A day number beside an event word ("the second day of his visit") and a start verb
    with a date ("arrived on October 1"): the two an event day is checked between."""
    found = event_cues(cues)
    possible = found.days >= 1 and found.starts >= 1
    return around(found.sentences, before=PRONOUN_SENTENCES) if possible else []


def _plural(word: str) -> bool:
    """Could be a plural noun: ends in -s or is an irregular plural."""
    return word.endswith("s") or word in IRREGULAR_PLURALS


def _numbers(cues: Cues, index: int, lexicon: EventLexicon) -> Iterator[tuple[int, int, bool, frozenset[str]]]:
    """(token index, value, definite?, the plurals after it in the sentence) for each number
    of sentence `index`."""
    sentence = cues.sentences[index]
    first, end = sentence.start, sentence.end
    columns = cues.columns
    texts, lowers, alpha, stop = columns.texts, columns.lowers, columns.alpha, columns.stop
    plurals: list[tuple[int, str]] | None = None  # (token, word): the sentence's possible counted plurals
    for i in range(first, end):
        value = lexicon.number(texts[i])
        if value is None:
            continue
        if plurals is None:  # once per sentence, not once per number in it
            plurals = [
                (j, w)
                for j, w in zip(range(first, end), lowers[first:end], strict=True)
                if _plural(w) and alpha[j] and (not stop[j] or w in COUNTED_STOP_WORDS) and w not in TIME_FORMS
            ]
        before = set(lowers[max(i - DEFINITE_LOOKBACK, first) : i])
        after = frozenset(w for j, w in plurals if j > i)
        yield i, value, not before.isdisjoint(DEFINITE), after


def quantity_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """A definite number ("the four warships") and the numbers before it, in its sentence and
    the two before, with a plural after both that could be the noun they count, where some
    differ: the only pairs `quantity` compares (the noun is tagged plural and follows its
    number, one lemma has one plural form, and "the" stands at most one word before).
    Sentences between them without such a number are not needed."""
    lexicon = load_event_lexicon()
    numbered = {
        i: list(_numbers(cues, i, lexicon))
        for i, words in enumerate(cues.words)
        if any(w[:1].isdigit() or w in lexicon.cardinals for w in words)  # what lexicon.number() reads
    }
    picks: list[SentenceRange] = []
    for index, numbers in numbered.items():
        for position, value, definite, after in numbers:
            if not definite or not after:
                continue
            window = range(max(index - QUANTITY_SENTENCES, 0), index + 1)
            # Every earlier count of a shared plural in reach: the last of them is what
            # "the four warships" is compared with, whatever its number.
            earlier = [(j, v) for j in window for p, v, _d, w in numbered.get(j, ()) if p < position and not w.isdisjoint(after)]
            if any(v != value for _j, v in earlier):
                picks += [(j, j) for j in sorted({index, *(j for j, _v in earlier)})]
    return picks


def _age_cues(cues: Cues, index: int) -> int:
    """ "Smith, 45," / "Smith (45)", "45-year-old" and "born": what an age claim is read from,
    in sentence `index`."""
    sentence = cues.sentences[index]
    first, texts, lowers = sentence.start, cues.columns.texts, cues.columns.lowers
    found = 0
    for i in range(first, sentence.end):
        lower, text = lowers[i], texts[i]
        if (
            lower == "born"
            or (lower == "old" and i - first >= 2 and lowers[i - 2] == "year")
            or (text.isascii() and text.isdigit() and 0 < int(text) < 125 and i > first and texts[i - 1] in (",", "("))
        ):
            found += 1
    return found


def age_sentences(cues: Cues, rule: Rule) -> list[SentenceRange]:
    """Sentences with an age cue; nothing unless there are two: one age cannot conflict with
    itself. No context: an age is read only where the sentence names its person ("She was
    born in 1984" is no claim), so no pronoun needs resolving."""
    candidates = {"born", "old"}
    counts = {
        i: _age_cues(cues, i)
        for i, words in enumerate(cues.words)
        if not words.isdisjoint(candidates) or any(w.isdigit() for w in words)
    }
    cued = [i for i, count in counts.items() if count]
    if sum(counts.values()) < 2:
        return []
    return around(cued)
