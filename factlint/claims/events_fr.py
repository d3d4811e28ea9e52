"""Repeated events, positions within them, counts, quantities and ages, from a French parse.

The French reader behind the event rules (`factlint[fr]`: fr_core_news_sm). It gives the
claims the English reader gives (factlint.claims.events), so the check kinds are the same.

Why a reader of its own and not the English one with other words: the English reader walks
ClearNLP dependencies (prep/pobj/poss) that a Universal Dependencies model does not have,
and fr_core_news_sm's heads are the least reliable thing it gives (on the seed translation it
hangs "le deuxième jour" on a comma, and "Duterte" on the full stop before it). Its lemmas,
parts of speech, morphology and PER names are good. So this reader reads French noun phrases
in word order, inside the cheap pass's sentence ("sa deuxième visite dans le pays": a
possessive, an ordinal, the event noun, a destination), and uses the parse only where word
order cannot say (a verb's subject). Where it is unsure it reads nothing: a claim it misses
costs one finding, a wrong one accuses the copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.claims.event_claims import (
    AgeClaim,
    CountClaim,
    DayOfEvent,
    EventClaims,
    EventMention,
    Quantity,
    StartClaim,
)
from factlint.claims.periods import dated_spans, span_at
from factlint.core.data_cache import load_cached
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data
from factlint.nlp.event_lexicon import EventLexicon, load_event_lexicon
from factlint.nlp.pipeline import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from factlint.claims.analysed import Analysed
    from factlint.claims.date_claim import DateClaim

CLAUSE_VERBS = frozenset({"VERB", "AUX"})
RELATIVE_WORDS = frozenset({"qui", "que", "qu'", "dont", "où", "lequel", "laquelle"})
WINDOW = 14  # tokens after an event word a date, place or partner of its phrase may stand
DATE_GAPS = frozenset({"", ",", "(", "—", "–", "-", ":"})
GAP_ARTICLES = frozenset({"le", "ce"})  # "le deuxième jour de sa visite, le jeudi 3 octobre"


def _next_to(gap: str) -> bool:
    """Does this text between a day-of phrase and a date join them as one ("", ", ", ", le ")?"""
    words = gap.replace(",", " , ").split()
    punctuation = [w for w in words if w in DATE_GAPS]
    articles = [w for w in words if w.lower() in GAP_ARTICLES]
    return len(punctuation) <= 1 and len(articles) <= 1 and len(punctuation) + len(articles) == len(words)


@dataclass(frozen=True)
class FrenchGrammar:
    """The function words the French reader looks for (event-types.fr.yaml, `grammar:`)."""

    singular_possessives: frozenset[str]
    plural_possessives: frozenset[str]
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    referring_determiners: frozenset[str]
    place_prepositions: frozenset[str]
    partner_prepositions: frozenset[str]
    count_nouns: frozenset[str]
    numeric_ordinal_suffixes: tuple[str, ...]
    approximators: frozenset[str]
    other_words: frozenset[str]
    definite_determiners: frozenset[str]
    time_nouns: frozenset[str]
    age_nouns: frozenset[str]
    aged_words: frozenset[str]
    born_words: frozenset[str]
    copulas: frozenset[str]
    happen_verbs: frozenset[str]
    reflexives: frozenset[str]

    def numeric_ordinal(self, text: str) -> int | None:
        """ "2e", "4ème", "12eme" -> the number; None for anything else."""
        match = re.fullmatch(r"(\d{1,7})(\w+)", text.lower())
        if match and match.group(2) in self.numeric_ordinal_suffixes:
            return int(match.group(1))
        return None


def french_lexicon_path() -> str:
    return str(builtin_rules_dir() / "lexicons" / "event-types.fr.yaml")


@lru_cache(maxsize=2)
def french_lexicon(path: str | None = None) -> tuple[EventLexicon, FrenchGrammar]:
    """The French event words (as an EventLexicon, so the kinds read one shape) and grammar."""
    source = Path(path or french_lexicon_path())
    data = load_cached(source, load_data)
    grammar = data.get("grammar") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in grammar.get(key, []))

    sets = {f.name: words(f.name) for f in fields(FrenchGrammar) if f.name != "numeric_ordinal_suffixes"}
    suffixes = tuple(str(w) for w in grammar.get("numeric_ordinal_suffixes", []))
    return load_event_lexicon(source), FrenchGrammar(numeric_ordinal_suffixes=suffixes, **sets)


_ENDINGS = {
    "er": (
        "er",
        "e",
        "es",
        "ent",
        "ons",
        "ez",
        "é",
        "ée",
        "és",
        "ées",
        "ait",
        "aient",
        "ais",
        "a",
        "ai",
        "èrent",
        "era",
        "eront",
        "ant",
    ),
    "ir": ("ir", "i", "is", "it", "ie", "ies", "issent", "issait", "issaient", "issant", "ira", "iront", "irent"),
    "re": ("re", "u", "us", "ue", "ues", "s", "d", "ent", "ait", "aient", "ant", "ra", "ront", "irent"),
}


def verb_forms(lemma: str) -> frozenset[str]:
    """The common written forms of a regular French verb ("visiter": visite, visité, visitée,
    visitaient...): fr_core_news_sm tags some participles as nouns ("a visité" -> NOUN,
    lemma "visité"), so a verb is known by its form, not only by its tag and lemma."""
    stem, ending = lemma[:-2], lemma[-2:]
    return frozenset(stem + e for e in _ENDINGS.get(ending, ())) | {lemma}


@dataclass(frozen=True)
class _Person:
    name: str  # the surname: what the English reader keys people on too
    offset: int
    sentence: int
    subject: bool


@dataclass
class _Sentence:
    tokens: list[Token]
    index: int
    events: dict[int, EventMention] = field(default_factory=dict)  # token index -> event


class _FrenchReader:
    def __init__(self, analysis: Analysed, lexicon: EventLexicon, grammar: FrenchGrammar) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.lexicon = lexicon
        self.grammar = grammar
        self.spans = dated_spans(analysis)
        self.span_starts = [s.start for s in self.spans]
        self.chunks = [c for c in analysis.parsed if c.doc.has_annotation("DEP") and c.doc.has_annotation("ENT_IOB")]
        self.surnames: dict[str, set[str]] = {}  # surname -> the full names the article gives it
        for chunk in self.chunks:
            for ent in chunk.doc.ents:
                if any(t.lower_ in lexicon.person_nouns for t in ent):
                    continue  # "Président de la République": a title, not a name
                if ent.label_ == "PER" and ent[-1].text[:1].isupper():
                    self.surnames.setdefault(ent[-1].text, set()).add(ent.text if len(ent) > 1 else ent[-1].text)
            for token in chunk.doc:
                name = self.subject_name(token) or self.leading_name(token)
                if name:
                    self.surnames.setdefault(name[-1].text, set()).add(" ".join(t.text for t in name))
        self.persons: list[_Person] = []
        self.places: list[tuple[int, str]] = []  # (offset, country)
        self.groups: list[tuple[int, frozenset[str]]] = []
        self.events: list[EventMention] = []
        self.starts: list[StartClaim] = []
        self.days: list[DayOfEvent] = []
        self.counts: list[CountClaim] = []
        self.quantities: list[Quantity] = []
        self.ages: list[AgeClaim] = []
        self.offset = 0  # the chunk being read: plain-text offset of its doc's first character
        # form -> (lemma as the lexicon writes it, reflexive?) for event and start verbs
        self.verbs: dict[str, tuple[str, bool]] = {}
        for written in [*lexicon.verb_types, *(v for verbs in lexicon.start_verbs.values() for v in verbs)]:
            reflexive = written.split()[0] in grammar.reflexives if " " in written else written.startswith("s'")
            base = written.split()[-1] if " " in written else written.removeprefix("s'")
            for form in verb_forms(base):
                self.verbs.setdefault(form, (written, reflexive))

        def line_of(offset: int) -> int:
            return analysis.document.location(offset, offset).start.line

        self.line_of: Callable[[int], int] = line_of

    def subject_name(self, token: Token) -> list[Token]:
        """A proper noun the parse makes a subject, with its flat name parts ("Macky" + "Sall"),
        where NER gave it no other type: the small model leaves many leaders' names unlabelled,
        and a named subject that is no place is, in news copy, a person (as the English reader
        holds too)."""
        if token.pos_ != "PROPN" or not token.dep_.startswith("nsubj") or token.ent_type_ not in ("", "PER", "MISC"):
            return []
        name = sorted([token, *(c for c in token.children if c.dep_.startswith("flat"))], key=lambda t: t.i)
        if name[-1].i - name[0].i != len(name) - 1 or not all(t.text[:1].isupper() and t.text.isalpha() for t in name):
            return []
        text = " ".join(t.text for t in name)
        if self.lexicon.country_of(text) or self.lexicon.country_of(name[-1].text):
            return []
        return name

    def leading_name(self, token: Token) -> list[Token]:
        """ "Macky Sall a visité ...": two to four capitalised proper nouns opening a sentence,
        then its verb, whatever the parse made of them (it hung "Sall" on the verb as an
        auxiliary) and where NER gave them no place or organisation type."""
        doc = token.doc
        opens = token.i == 0 or doc[token.i - 1].text in (".", "!", "?") or doc[token.i - 1].is_space
        if not opens:
            return []
        if token.pos_ != "PROPN":
            return []
        end = token.i
        while end < len(doc) and end - token.i < 4 and doc[end].text[:1].isupper():
            before_verb = end + 1 < len(doc) and (doc[end + 1].pos_ == "AUX" or doc[end + 1].lower_ in self.grammar.reflexives)
            if doc[end].pos_ != "PROPN" and not before_verb:
                break  # a capitalised word the tagger took for a verb ("Sall s'est rendu") only before the verb
            end += 1
        name = list(doc[token.i : end])
        verb = end + 1 if end < len(doc) and doc[end].lower_ in self.grammar.reflexives else end  # "s'est rendu"
        if not 2 <= len(name) <= 4 or verb >= len(doc) or doc[verb].pos_ not in CLAUSE_VERBS:
            return []
        if any(t.ent_type_ not in ("", "PER", "MISC") or not t.text.isalpha() for t in name):
            return []
        if self.lexicon.country_of(" ".join(t.text for t in name)) or self.lexicon.country_of(name[-1].text):
            return []
        return name

    # -- words -------------------------------------------------------------------
    def ordinal(self, token: Token) -> int | None:
        return self.lexicon.ordinal(token.text) or self.grammar.numeric_ordinal(token.text)

    def number(self, token: Token) -> int | None:
        if self.date_at(self.start_of(token)):
            return None
        return self.lexicon.number(token.text)

    def verb(self, tokens: list[Token], i: int) -> str | None:
        """The lexicon's verb a token is a form of ("visité" -> "visiter", "rendu" after "s'est"
        -> "se rendre"), where it stands as a verb: tagged one, or after an auxiliary."""
        token = tokens[i]
        found = self.verbs.get(token.lower_)
        if found is None:
            return None
        written, reflexive = found
        before = [t.lower_ for t in tokens[max(i - 3, 0) : i]]
        if reflexive and not any(word in self.grammar.reflexives for word in before):
            return None
        after_auxiliary = i > 0 and tokens[i - 1].pos_ == "AUX"
        if token.pos_ != "VERB" and not after_auxiliary:
            return None
        return written

    def date_at(self, offset: int) -> DateClaim | None:
        return span_at(self.spans, self.span_starts, offset)

    def start_of(self, token: Token) -> int:
        return self.offset + token.idx

    def end_of(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)

    # -- who and where -------------------------------------------------------------
    def person_at(self, tokens: list[Token], i: int) -> str | None:
        """The surname a token names, when it is a person's: a PER name's last word, or a
        word the article names as a person elsewhere."""
        token = tokens[i]
        if token.text in self.surnames and token.text[:1].isupper() and not self.lexicon.country_of(token.text):
            if i + 1 < len(tokens) and tokens[i + 1].text in self.surnames and tokens[i + 1].ent_iob_ == "I":
                return None  # "Jean" of "Jean Dupont": the surname names them
            return token.text
        return None

    def full_name(self, surname: str, tokens: list[Token], i: int) -> str:
        """ "Jean Dupont" where the text gives it, a bare "Dupont" the article's one full name
        with that surname, nobody ("") when two people share it."""
        given = self.given_names(tokens, i)
        if given:
            name = " ".join([*given, surname])
            self.surnames.setdefault(surname, set()).add(name)  # "Bea Reyes": a second Reyes, seen now
            return name
        names = self.surnames.get(surname, set())
        fuller = {n for n in names if n != surname}
        if len(fuller) > 1:
            return ""
        return next(iter(fuller), surname)

    def given_names(self, tokens: list[Token], i: int) -> list[str]:
        """The capitalised words just before a surname ("Ana" of "Ana Reyes", "Jean-Pierre"
        of "Jean-Pierre Raffarin"), titles and a sentence's first word left out (unless named
        as a person): the small model misses many given names ("sa fille Bea Reyes")."""
        given: list[str] = []
        j = i - 1
        while j >= 0 and i - j <= 2:
            token = tokens[j]
            word = token.text.replace("-", "")
            if not (word.isalpha() and token.text[:1].isupper() and token.text[1:2].islower()):
                break
            if token.lower_ in self.lexicon.person_nouns or token.lower_ in self.grammar.referring_determiners:
                break
            if j == 0 and token.ent_type_ != "PER":
                break
            given.insert(0, token.text)
            j -= 1
        return given

    def place_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        """The country tokens from `i` name (a city stands for its country), and how many tokens."""
        for width in (3, 2, 1):
            if i + width > len(tokens):
                continue
            span = tokens[i : i + width]
            name = "".join(t.text + t.whitespace_ for t in span).strip()
            country = self.lexicon.country_of(name)
            if country:
                return country, width
        return None

    def resolve(self, tokens: list[Token], i: int, sentence: _Sentence) -> tuple[frozenset[str], str]:
        """Who a word names or refers to: a person, "il"/"sa" (the nearest subject), "ils"/"leur"
        (the last two-party event's participants, else the last two people), "le président"."""
        token = tokens[i]
        named = self.person_at(tokens, i)
        if named:
            return frozenset({named}), ""
        lower = token.lower_
        start = self.start_of(token)
        if lower in self.grammar.plural_possessives or lower in self.grammar.plural_pronouns:
            groups = [g for at, g in self.groups if at < start]
            if groups:
                return groups[-1], f"{token.text} -> {' and '.join(sorted(groups[-1]))}"
            distinct: list[str] = []
            for person in reversed([p for p in self.persons if p.offset < start]):
                if person.name not in distinct:
                    distinct.append(person.name)
                if len(distinct) == 2:
                    return frozenset(distinct), f"{token.text} -> {' and '.join(sorted(distinct))}"
            return frozenset(), ""
        described = lower in self.lexicon.person_nouns and i > 0 and tokens[i - 1].lower_ in self.grammar.referring_determiners
        if lower not in self.grammar.singular_possessives and lower not in self.grammar.singular_pronouns and not described:
            return frozenset(), ""
        before = [p for p in self.persons if p.offset < start]
        same = [p for p in before if p.sentence == sentence.index and p.subject]
        earlier = [p for p in before if p.sentence < sentence.index and p.subject]
        pick = (same or earlier or before or [None])[-1]
        if pick is None:
            return frozenset(), ""
        return frozenset({pick.name}), f"{token.text} -> {pick.name} (line {self.line_of(pick.offset)})"

    def country_after(self, tokens: list[Token], i: int) -> tuple[str, str] | None:
        """ "à Moscou", "en Russie", "dans ce pays" from token i (a place preposition)."""
        j = i + 1
        while j < len(tokens) and tokens[j].lower_ in self.grammar.referring_determiners and j - i <= 2:
            j += 1
        if j >= len(tokens):
            return None
        found = self.place_at(tokens, j)
        if found:
            return found[0], ""
        if tokens[j].lower_ in self.lexicon.country_nouns and j > i + 1:
            start = self.start_of(tokens[j])
            countries = [(at, name) for at, name in self.places if at < start and name.lower() in self.lexicon.countries]
            if countries:
                at, name = countries[-1]
                return name, f"{tokens[j].text} -> {name} (line {self.line_of(at)})"
        return None

    def destination(self, tokens: list[Token], positions: range) -> tuple[str, str] | None:
        """The first place a place preposition introduces among `positions`, and how it was
        resolved ("dans ce pays -> Russie")."""
        for j in positions:
            if tokens[j].lower_ in self.grammar.place_prepositions:
                found = self.country_after(tokens, j)
                if found:
                    return found
        return None

    # -- the reading ---------------------------------------------------------------
    def read(self) -> EventClaims:
        for chunk in self.chunks:
            by_sentence: dict[int, list[Token]] = {}
            for token in chunk.doc:
                if not token.is_space:
                    by_sentence.setdefault(self.analysis.sentence_of(chunk.offset + token.idx), []).append(token)
            self.offset = chunk.offset
            for index, tokens in by_sentence.items():
                self.read_sentence(_Sentence(tokens, index))
        return EventClaims(
            tuple(self.events),
            tuple(self.starts),
            tuple(self.days),
            tuple(self.counts),
            tuple(self.quantities),
            tuple(a for a in self.ages if a.person),
        )

    def observe(self, sentence: _Sentence) -> None:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            name = self.person_at(tokens, i)
            if name:
                # A subject by the parse, or named first in its clause ("Duterte et sa
                # délégation sont arrivés": the small model hangs the name elsewhere).
                subject = token.dep_.startswith("nsubj") or any(
                    t.dep_.startswith("nsubj") for t in tokens[max(i - 3, 0) : i] if t.ent_type_ == "PER"
                )
                subject = subject or all(t.is_punct or t.ent_type_ == "PER" for t in tokens[:i])
                self.full_name(name, tokens, i)  # a given name seen here ("Bea Reyes") makes a bare "Reyes" ambiguous
                self.persons.append(_Person(name, self.start_of(token), sentence.index, subject))
                continue
            place = self.place_at(tokens, i)
            if place:
                self.places.append((self.start_of(token), place[0]))

    def read_sentence(self, sentence: _Sentence) -> None:
        """Events first (nouns: "sa deuxième visite"; verbs: "a visité"), then what refers to
        them. Only common nouns are events: "La Réunion" is an island, "le Sommet" a title."""
        self.observe(sentence)
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            base = lemma(token)
            common = token.pos_ == "NOUN" and not token.ent_type_ and (token.text[:1].islower() or i == 0)
            if common and (base in self.lexicon.noun_types or token.lower_ in self.lexicon.noun_types):
                self.noun_event(i, self.lexicon.noun_types.get(base) or self.lexicon.noun_types[token.lower_], sentence)
            elif (verb := self.verb(tokens, i)) in self.lexicon.verb_types:
                self.verb_event(i, self.lexicon.verb_types[verb], sentence)
        for i in range(len(tokens)):
            self.elided_ordinal(i, sentence)
            self.start_claim(i, sentence)
            self.day_of_event(i, sentence)
            self.quantity(i, sentence)
            self.age(i, sentence)
        for event in sentence.events.values():
            if len(event.participants) >= 2:
                self.groups.append((event.start, event.participants))

    def clause_after(self, tokens: list[Token], i: int, reach: int = WINDOW, through_events: bool = False) -> range:
        """Tokens after i that still belong to its phrase or clause: up to a verb, a relative
        word, a sentence's end or (unless `through_events`: after a start verb, "pour sa
        visite" is in its clause) another event word, at most `reach` tokens."""
        end = i + 1
        while end < len(tokens) and end - i <= reach:
            token = tokens[end]
            if self.date_at(self.start_of(token)) is None and (
                token.pos_ in CLAUSE_VERBS
                or token.lower_ in RELATIVE_WORDS
                or token.text in (".", ";", "!", "?")
                or (not through_events and token.pos_ == "NOUN" and lemma(token) in self.lexicon.noun_types)
            ):
                break
            end += 1
        return range(i + 1, end)

    def clause_before(self, tokens: list[Token], i: int) -> range:
        """Tokens before i back to the clause's start (a verb, a relative word, a semicolon)."""
        start = i
        while start > 0:
            token = tokens[start - 1]
            date = self.date_at(self.start_of(token))
            verb = token.pos_ in CLAUSE_VERBS and token.dep_ not in ("aux:tense", "aux:pass", "cop")
            if verb and self.person_at(tokens, start - 1):
                verb = False  # a name the tagger took for a verb ("Macky Sall" -> Sall VERB)
            if date is None and (verb or token.lower_ in RELATIVE_WORDS or token.text in (";", ":")):
                break
            start -= 1
        return range(start, i)

    def date_in(self, tokens: list[Token], positions: range) -> DateClaim | None:
        for j in positions:
            date = self.date_at(self.start_of(tokens[j]))
            if date is not None:
                return date
        return None

    def left_phrase(self, tokens: list[Token], i: int) -> tuple[int, Token | None, Token | None]:
        """The start of the noun phrase ending in tokens[i], its ordinal and its possessive:
        "sa deuxième visite", "leur quatrième rencontre", "la 2e visite"."""
        start, ordinal, possessive = i, None, None
        j = i - 1
        while j >= 0 and i - j <= 3:
            token = tokens[j]
            if self.ordinal(token) is not None and ordinal is None:
                ordinal, start = token, j
            elif token.lower_ in self.grammar.singular_possessives | self.grammar.plural_possessives:
                possessive, start = token, j
                break
            elif token.pos_ == "DET":
                start = j
                break
            elif token.pos_ != "ADJ":
                break
            j -= 1
        return start, ordinal, possessive

    def participants(self, tokens: list[Token], i: int, after: range) -> set[str]:
        """ "de Duterte", "avec Poutine", "entre Duterte et Poutine" after an event word: names,
        so nothing was resolved to say."""
        people: set[str] = set()
        for j in after:
            token = tokens[j]
            previous = tokens[j - 1].lower_ if j > 0 else ""
            linked = previous in self.grammar.partner_prepositions or previous in ("de", "du", "et") or token.dep_ == "conj"
            name = self.person_at(tokens, j)
            if name and (linked or any(tokens[k].lower_ in self.grammar.partner_prepositions for k in range(i + 1, j))):
                people.add(name)
        return people

    def noun_event(self, i: int, kind: str, sentence: _Sentence) -> None:
        tokens = sentence.tokens
        token = tokens[i]
        start, ordinal, possessive = self.left_phrase(tokens, i)
        after = self.clause_after(tokens, i)
        people, resolved = self.participants(tokens, i, after), []
        if possessive is not None:
            found, via = self.resolve(tokens, tokens.index(possessive), sentence)
            people |= found
            resolved.append(via)
        place, place_via = self.destination(tokens, after) or (None, "")
        if place_via:
            resolved.append(place_via)
        date = self.date_in(tokens, after) or self.happened_on(tokens, after)
        plural = "Plur" in token.morph.get("Number")
        phrase_start, end = self.start_of(tokens[start]), self.end_of(token)
        self.add(i, sentence, (phrase_start, end), kind, people, place, ordinal, date, plural, resolved)

    def happened_on(self, tokens: list[Token], phrase: range) -> DateClaim | None:
        """ "leur quatrième rencontre a eu lieu le 3 octobre": where the event's phrase is the
        subject of a verb of happening, that clause's date is the event's."""
        j = phrase.stop
        reflexive = j > 0 and tokens[j - 1].lower_ in self.grammar.reflexives  # "rencontre s'est tenue"
        while j < len(tokens) and (tokens[j].pos_ == "AUX" or tokens[j].lower_ in self.grammar.reflexives):
            reflexive = reflexive or tokens[j].lower_ in self.grammar.reflexives
            j += 1
        if j >= len(tokens) or tokens[j].pos_ not in CLAUSE_VERBS:
            return None
        verb = lemma(tokens[j])
        if verb == "avoir" and j + 1 < len(tokens) and tokens[j + 1].lower_ == "lieu":
            j += 1
            verb = "avoir lieu"
        elif reflexive:
            verb = f"se {verb}"
        if verb not in self.grammar.happen_verbs:
            return None
        return self.date_in(tokens, self.clause_after(tokens, j))

    def add(
        self,
        i: int,
        sentence: _Sentence,
        span: tuple[int, int],
        kind: str,
        people: set[str],
        place: str | None,
        ordinal: Token | None,
        date: DateClaim | None,
        plural: bool,
        resolved: list[str],
    ) -> None:
        ordinal_span = (self.start_of(ordinal), self.end_of(ordinal)) if ordinal is not None else None
        value = self.ordinal(ordinal) if ordinal is not None else None
        event = EventMention(
            span[0],
            span[1],
            self.text[span[0] : span[1]],
            kind,
            frozenset(people),
            place,
            value,
            ordinal_span,
            date,
            plural,
            sentence.index,
            tuple(r for r in resolved if r),
        )
        sentence.events[i] = event
        self.events.append(event)

    def subject_people(self, tokens: list[Token], i: int, sentence: _Sentence) -> tuple[set[str], list[str]]:
        """A verb's subject: the people named before it in its clause ("Duterte et sa
        délégation sont arrivés"), else its parsed subject ("il", "ils", "le président")."""
        before = self.clause_before(tokens, i)
        named = {n for j in before if (n := self.person_at(tokens, j))}
        if named:
            return named, []
        verb = tokens[i]
        for child in verb.children:
            if child.dep_.startswith("nsubj") and child in tokens:
                found, via = self.resolve(tokens, tokens.index(child), sentence)
                if found:
                    return set(found), [via]
        return set(), []

    def times(self, tokens: list[Token], positions: range) -> tuple[int, int, int | None, bool] | None:
        """ "deux fois", "à trois reprises" (a count) or "pour la deuxième fois" (an ordinal):
        (start token, end token, value, is_ordinal)."""
        for j in positions:
            if tokens[j].lower_ not in self.grammar.count_nouns:
                continue
            before = tokens[j - 1] if j > 0 else None
            if before is None:
                continue
            rank = self.ordinal(before)
            if rank is not None:
                return j - 1, j, rank, True
            value = self.lexicon.number(before.text)
            if value is not None:
                first = j - 2 if j >= 2 and tokens[j - 2].lower_ == "à" else j - 1
                return first, j, value, False
        return None

    def verb_event(self, i: int, kind: str, sentence: _Sentence) -> None:
        """ "Duterte a visité la Russie en 2017", "ils se sont rencontrés pour la première fois"."""
        tokens = sentence.tokens
        verb = tokens[i]
        people, resolved = self.subject_people(tokens, i, sentence)
        after = self.clause_after(tokens, i)
        for j in after:  # "a rencontré Poutine": the met person takes part too
            name = self.person_at(tokens, j)
            if name and kind == "meeting":
                people.add(name)
        place = None
        if kind == "visit":
            for j in after:
                found = self.place_at(tokens, j)
                if found:
                    place = found[0]
                    break
        counted = self.times(tokens, after)
        before = self.clause_before(tokens, i)
        date = self.date_in(tokens, after) or self.date_in(tokens, before)
        start, end = self.start_of(verb), self.end_of(verb)
        if counted is not None and not counted[3]:
            _first, last, value, _ = counted
            c_end = self.end_of(tokens[last])
            text = self.text[start:c_end]
            self.counts.append(CountClaim(start, c_end, text, kind, frozenset(people), place, value or 0))
            return  # "s'est rendu deux fois en Russie" states how many, not one event
        ordinal = tokens[counted[0]] if counted is not None else None
        self.add(i, sentence, (start, end), kind, people, place, ordinal, date, False, resolved)

    def elided_ordinal(self, i: int, sentence: _Sentence) -> None:
        """ "La rencontre du 3 octobre ... était la quatrième entre Duterte et Poutine"."""
        tokens = sentence.tokens
        value = self.ordinal(tokens[i])
        if value is None or i < 2 or tokens[i - 1].pos_ != "DET":
            return
        if i + 1 < len(tokens) and tokens[i + 1].pos_ == "NOUN":
            return  # "la quatrième rencontre": an ordinal of its own noun
        copula = tokens[i - 2]
        if lemma(copula) not in self.grammar.copulas:
            return
        subjects = [j for j in sentence.events if j < i - 2 and sentence.events[j].ordinal is None]
        if not subjects:
            return
        j = subjects[0]
        event = sentence.events[j]
        people = self.participants(tokens, i, self.clause_after(tokens, i))
        updated = replace(
            event,
            participants=event.participants | frozenset(people),
            ordinal=value,
            ordinal_span=(self.start_of(tokens[i]), self.end_of(tokens[i])),
        )
        self.events[self.events.index(event)] = updated
        sentence.events[j] = updated

    def start_claim(self, i: int, sentence: _Sentence) -> None:
        """ "sont arrivés à Moscou le mercredi 1er octobre, pour sa deuxième visite"."""
        tokens = sentence.tokens
        verb = tokens[i]
        written = self.verb(tokens, i)
        if written is None or not any(written in verbs for verbs in self.lexicon.start_verbs.values()):
            return
        after = self.clause_after(tokens, i, reach=WINDOW + 4, through_events=True)
        date = self.date_in(tokens, after) or self.date_in(tokens, self.clause_before(tokens, i))
        if date is None:
            return
        people, _ = self.subject_people(tokens, i, sentence)
        place = (self.destination(tokens, after) or (None, ""))[0]
        linked = None
        for j in after:
            if j in sentence.events and any(tokens[k].lower_ == "pour" for k in range(max(j - 3, i), j)):
                linked = sentence.events[j]
                updated = replace(linked, start_date=date)
                self.events[self.events.index(linked)] = updated
                sentence.events[j] = updated
                linked = updated
                break
        start = self.start_of(verb)
        end = max(date.end, self.end_of(verb))
        self.starts.append(StartClaim(start, end, self.text[start:end], frozenset(people), place, date, linked))

    def day_of_event(self, i: int, sentence: _Sentence) -> None:
        """ "le jeudi 3 octobre, le deuxième jour de sa visite officielle"."""
        tokens = sentence.tokens
        token = tokens[i]
        if lemma(token) not in ("jour", "journée") or token.pos_ not in ("NOUN", "PROPN"):
            return
        marker, position, final = None, None, False
        j = i - 1
        while j >= 0 and i - j <= 2 and marker is None:
            if tokens[j].lower_ in self.lexicon.final_words:
                marker, final = tokens[j], True
            elif self.ordinal(tokens[j]) is not None:
                marker, position = tokens[j], self.ordinal(tokens[j])
            elif tokens[j].pos_ != "ADJ":
                break
            j -= 1
        if marker is None:
            return
        event = None
        for k in range(i + 1, min(i + 5, len(tokens))):
            if k in sentence.events:
                event = sentence.events[k]
                break
            if tokens[k].lower_ not in ("de", "d'", "du") and tokens[k].pos_ not in ("DET", "ADJ"):
                break
        if event is None:
            return
        left = tokens.index(marker)
        if left > 0 and tokens[left - 1].pos_ in ("DET", "ADP"):
            left -= 1
        start, end = self.start_of(tokens[left]), self.end_of(token)
        date = None
        before = self.date_at(max(start - 3, 0))
        if before is not None and before.end <= start and _next_to(self.text[before.end : start]):
            date = before
        if date is None:  # "le deuxième jour de sa visite, jeudi 3 octobre"
            phrase_end = event.end
            following = [s for s in self.spans if phrase_end <= s.start <= phrase_end + 6]
            if following and _next_to(self.text[phrase_end : following[0].start]):
                date = following[0]
        marker_start = self.start_of(marker)
        self.days.append(
            DayOfEvent(
                start,
                end,
                self.text[start:end],
                position,
                final,
                event,
                date,
                (marker_start, marker_start + len(marker.text), marker.text),
            )
        )

    def quantity(self, i: int, sentence: _Sentence) -> None:
        """ "trois navires de guerre russes" ... "les quatre navires"."""
        tokens = sentence.tokens
        token = tokens[i]
        number = self.number(token)
        if number is None or i + 1 >= len(tokens):
            return
        if _digit_group(tokens[i + 1].text):
            return  # "15 000 manifestants": the number is read at its last group
        last, first = i, i
        while (
            first > 0
            and _digit_group(tokens[first].text)
            and tokens[first - 1].text.isdigit()
            and len(tokens[first - 1].text) <= 3
        ):
            first -= 1
        if first < i:
            number, token = int("".join(t.text for t in tokens[first : i + 1])), tokens[first]
            i = first
        previous = [t.lower_ for t in tokens[max(i - 2, 0) : i]]
        if any(word in self.grammar.approximators for word in previous):
            return  # "environ 500 personnes", "plus de deux navires": not a count to hold the text to
        if previous and tokens[i - 1].pos_ in ("NOUN", "PROPN"):
            return  # "la classe 12", "la ligne 9": the number names, it does not count
        partitive = False
        k = last + 1
        if tokens[k].lower_ in ("des", "d'entre"):
            partitive, k = True, k + 1
            while k < len(tokens) and tokens[k].pos_ == "DET":
                k += 1
        while k < len(tokens) and tokens[k].pos_ == "ADJ" and k - i <= 2:
            k += 1
        if k >= len(tokens):
            return
        noun = tokens[k]
        if noun.pos_ != "NOUN" or "Plur" not in noun.morph.get("Number") or lemma(noun) in self.grammar.time_nouns:
            return
        block = self.analysis.document.block_at(self.start_of(token))
        if block is not None and block.kind in ("cell", "item"):
            return  # a table's or a list's numbers are each its own row's
        around = [t.lower_ for t in tokens[i + 1 : k]] + [t.lower_ for t in tokens[k + 1 : k + 3]]
        if any(word in self.grammar.other_words for word in around):
            return  # "quatre autres navires": another set
        modifiers = frozenset(t.lower_ for t in tokens[k + 1 : k + 4] if t.pos_ == "ADJ")
        modifiers |= frozenset(t.lower_ for t in tokens[i + 1 : k] if t.pos_ == "ADJ")
        definite = bool(previous) and previous[-1] in self.grammar.definite_determiners
        tail = [t.lower_ for t in tokens[k + 1 : k + 4]]
        if any(word in RELATIVE_WORDS for word in tail):
            definite = False  # "les trois buts qu'il a marqués en mai": a set told by its clause
        start = self.start_of(token)
        text = self.text[start : self.end_of(noun)]
        self.quantities.append(
            Quantity(start, self.end_of(tokens[last]), text, lemma(noun), number, definite, partitive, modifiers, sentence.index)
        )

    def age(self, i: int, sentence: _Sentence) -> None:
        """ "Jean Dupont, 45 ans,", "Dupont (45 ans)", "Dupont, âgé de 45 ans", "Dupont est né en
        1970": only where the text ties the age to a named person."""
        tokens = sentence.tokens
        token = tokens[i]
        lower = token.lower_
        if lower in self.grammar.age_nouns and i >= 2:
            number = tokens[i - 1]
            if not (number.text.isascii() and number.text.isdigit()) or not 0 < int(number.text) < 125:
                return
            if i + 1 < len(tokens) and tokens[i + 1].text == ";":
                return  # a tally, not an age
            person_index = None
            if tokens[i - 2].text in (",", "("):
                person_index = i - 3
            elif tokens[i - 2].lower_ == "de" and i >= 3 and tokens[i - 3].lower_ in self.grammar.aged_words:
                back = i - 4
                while back >= 0 and tokens[back].text in (",",) and back > i - 6:
                    back -= 1
                person_index = back
            if person_index is None or person_index < 0:
                return
            name = self.person_at(tokens, person_index)
            if name is None:
                return
            start = self.start_of(number)
            self.ages.append(
                AgeClaim(
                    start,
                    self.end_of(token),
                    self.text[start : self.end_of(token)],
                    self.full_name(name, tokens, person_index),
                    int(number.text),
                    None,
                )
            )
            return
        if lower in self.grammar.born_words:
            after = range(i + 1, min(i + 4, len(tokens)))
            date = self.date_in(tokens, after)
            year, end = (date.period.first.year, date.end) if date is not None and date.period is not None else (None, 0)
            if year is None:  # "née en 1970": a bare year is no calendar date in another language
                bare = [tokens[j] for j in after if tokens[j].text.isascii() and tokens[j].text.isdigit()]
                if not bare or len(bare[0].text) != 4 or tokens[tokens.index(bare[0]) - 1].lower_ != "en":
                    return
                year, end = int(bare[0].text), self.end_of(bare[0])
            before = range(max(i - 3, 0), i)
            names = [(j, n) for j in before if (n := self.person_at(tokens, j))]
            if not names:
                return  # "Il est né en 1984": he may be anyone just mentioned; no guess
            j, name = names[-1]
            between = tokens[j + 1 : i]
            if any(t.pos_ == "VERB" for t in between):
                return
            start = self.start_of(token)
            self.ages.append(AgeClaim(start, end, self.text[start:end], self.full_name(name, tokens, j), None, year))


def _digit_group(text: str) -> bool:
    """A group of three digits, as French writes thousands apart ("15 000")."""
    return len(text) == 3 and text.isascii() and text.isdigit()


def _leading_group(text: str) -> bool:
    """The first group of a number written in groups ("15" of "15 000")."""
    return 1 <= len(text) <= 3 and text.isascii() and text.isdigit()


def extract_french_event_claims(analysis: Analysed) -> EventClaims:
    if not analysis.parsed:
        return EventClaims()
    lexicon, grammar = french_lexicon()
    return _FrenchReader(analysis, lexicon, grammar).read()
