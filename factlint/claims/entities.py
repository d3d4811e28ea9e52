"""Who and where: named people and places, and what "his", "they", "the President" and
"that country" refer to.

Deliberately simple and documented rather than clever: a pronoun or definite description
of a person resolves to the nearest preceding subject of its own sentence, else to the
most recent subject of an earlier sentence, else to the most recent person named; "they"
and "their" to the participants of the most recent two-party event, else to the last two
people named; "the country" to the most recent country named (a city stands for its
country through the lexicon: "Moscow" -> Russia). The small English model often labels
politicians ORG or nothing, so a proper noun that is a subject or possessor, or that is
named as PERSON anywhere in the article, counts as a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factlint.nlp.event_lexicon import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

NOT_PEOPLE = frozenset(
    {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
    | {"MONEY", "PERCENT", "QUANTITY"}
)
SINGULAR_PERSON_PRONOUNS = frozenset({"he", "his", "him", "himself", "she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs", "themselves"})
PERSON_TITLES = frozenset({"president", "mr.", "mrs.", "ms.", "dr.", "minister", "senator", "king", "queen", "pope"})


@dataclass(frozen=True)
class Mention:
    """A named referent at a plain-text offset."""

    name: str
    offset: int
    end: int
    sentence: int
    subject: bool = False


@dataclass(frozen=True)
class Resolution:
    """What a referring expression was read as, kept in the claim to explain a diagnostic."""

    names: frozenset[str]
    via: str  # "" when named directly, else e.g. 'his -> Duterte (line 19)'


@dataclass
class Discourse:
    lexicon: EventLexicon
    person_names: frozenset[str]
    persons: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    groups: list[tuple[int, frozenset[str]]] = field(default_factory=list)  # (offset, participants of a 2+ party event)
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> latest full name ("Gonzalez" -> "Elian Gonzalez")
    surnames: dict[str, set[str]] = field(default_factory=dict)  # surname -> every full name the article gives it

    def is_person(self, token: Token) -> bool:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            return False
        aged = any(c.dep_ == "appos" and c.like_num and c.text.isdigit() and 0 < int(c.text) < 125 for c in token.children)
        if token.ent_type_ in NOT_PEOPLE and not (aged and token.ent_type_ in ("GPE", "LOC", "NORP", "DATE")):
            return False  # "Jones, 45," is a person even when the model says GPE
        if self.lexicon.country_of(token.text):
            return False
        if token.text in self.person_names:
            return True
        if token.ent_type_ == "PERSON":
            return True
        titled = any(child.dep_ == "compound" and child.lower_ in PERSON_TITLES for child in token.children)
        return titled or token.dep_ in ("nsubj", "nsubjpass", "poss")

    def place_of(self, token: Token) -> str | None:
        """The country (or, failing the lexicon, the place name) a place token stands for."""
        if token.dep_ == "compound":
            return None
        if self.lexicon.may_end_place(token.lower_):  # else no name ending here is in the lexicon: skip the subtree
            name = " ".join(t.text for t in token.subtree if t.dep_ == "compound" and t.i < token.i) + " " + token.text
            country = self.lexicon.country_of(name.strip()) or self.lexicon.country_of(token.text)
            if country:
                return country
        return token.text if token.ent_type_ in ("GPE", "LOC") and token.pos_ == "PROPN" else None

    def observe(self, tokens: list[Token], offset: int, sentence: int) -> None:
        for token in tokens:
            start = offset + token.idx
            if self.is_person(token):
                subject = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "conj" and token.head.dep_ == "nsubj")
                self.persons.append(Mention(token.text, start, start + len(token.text), sentence, subject))
                first = first_names(token)
                if first:
                    self.surnames.setdefault(token.text, set()).add(" ".join([*first, token.text]))
            else:
                place = self.place_of(token)
                if place:
                    self.places.append(Mention(place, start, start + len(token.text), sentence))

    def person(
        self,
        token: Token,
        offset: int,
        sentence: int,
        line_of: callable,  # type: ignore[valid-type]
        max_distance: int | None = None,
    ) -> Resolution | None:
        """A person named by `token`: a name, "his"/"he", or "the President"-like description.

        `max_distance`: accept an antecedent at most this many sentences back."""
        start = offset + token.idx
        if self.is_person(token):
            return Resolution(frozenset({token.text}), "")
        lower = token.lower_
        described = lower in self.lexicon.person_nouns and any(c.lower_ in ("the", "that", "this") for c in token.children)
        if lower not in SINGULAR_PERSON_PRONOUNS and not described:
            return None
        before = [m for m in self.persons if m.offset < start and (max_distance is None or sentence - m.sentence <= max_distance)]
        same = [m for m in before if m.sentence == sentence and m.subject]
        earlier_subjects = [m for m in before if m.sentence < sentence and m.subject]
        pick = (same or earlier_subjects or before or [None])[-1]
        if pick is None:
            return None
        return Resolution(frozenset({pick.name}), f"{token.text} -> {pick.name} (line {line_of(pick.offset)})")

    def group(self, token: Token, offset: int) -> Resolution | None:
        """'they'/'their': the last two-party event's participants, else the last two people."""
        if token.lower_ not in PLURAL_PRONOUNS:
            return None
        start = offset + token.idx
        groups = [g for at, g in self.groups if at < start]
        if groups:
            names = groups[-1]
        else:
            distinct: list[str] = []
            for mention in reversed([m for m in self.persons if m.offset < start]):
                if mention.name not in distinct:
                    distinct.append(mention.name)
                if len(distinct) == 2:
                    break
            if len(distinct) < 2:
                return None
            names = frozenset(distinct)
        return Resolution(names, f"{token.text} -> {' and '.join(sorted(names))}")

    def country(self, token: Token, offset: int, line_of: callable) -> Resolution | None:  # type: ignore[valid-type]
        """A place token, or "the country"/"that country" resolved to the last country named."""
        place = self.place_of(token)
        if place:
            return Resolution(frozenset({place}), "")
        if token.lower_ not in self.lexicon.country_nouns:
            return None
        start = offset + token.idx
        countries = [m for m in self.places if m.offset < start and m.name.lower() in self.lexicon.countries]
        if not countries:
            return None
        pick = countries[-1]
        return Resolution(frozenset({pick.name}), f"{token.text} -> {pick.name} (line {line_of(pick.offset)})")


NAME_TITLES = frozenset({"president", "mr.", "mrs.", "ms.", "dr."})


def first_names(token: Token) -> list[str]:
    """The given names written before a surname ("Ana" of "Ana Reyes"), titles left out."""
    names = [c.text for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
    return [name for name in names if name.lower() not in NAME_TITLES]
