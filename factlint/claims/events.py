"""Repeated events, positions within them, counts, quantities and ages, from the parse.

Reads the trained pipeline's output (analysis.parsed) sentence by sentence, keeping a
small discourse model (factlint.claims.entities) for "his", "they" and "that country".
Every claim keeps its plain-text span and how its references were resolved; nothing
here judges consistency (that is factlint.kinds.events).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim
from factlint.claims.entities import Discourse, Resolution, first_names
from factlint.claims.event_claims import (
    AgeClaim,
    CountClaim,
    DayOfEvent,
    EventClaims,
    EventMention,
    Quantity,
    StartClaim,
)
from factlint.claims.events_fr import extract_french_event_claims
from factlint.claims.periods import dated_spans, span_at
from factlint.nlp.event_lexicon import EventLexicon, load_event_lexicon
from factlint.nlp.pipeline import lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from factlint.claims.analysed import Analysed
    from factlint.nlp.chunks import ParsedChunk

STOP_VERBS_POS = frozenset({"VERB", "AUX"})
QUANTITY_EXCLUDED_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
APPROXIMATORS = frozenset(
    {"about", "around", "some", "roughly", "approximately", "nearly", "almost", "over", "least", "than", "only", "up", "just"}
    | {"estimated", "perhaps", "maybe", "under", "fewer", "more", "less", "most"}
)
OTHER_SET = frozenset(
    {"other", "additional", "more", "another", "remaining", "top", "different", "new", "further", "extra", "same", "first"}
    | {"last", "next", "several", "many", "few", "or", "so", "-"}
)
QUANTITY_DETERMINER_REACH = 1  # words between "the" and a number it makes definite
QUANTITY_SENTENCES = 2  # "the four warships" refers to ships counted just before, not pages back
# The event readers of languages other than English; the event kinds run in these and English.
OTHER_LANGUAGE_READERS: dict[str, Callable[[Analysed], EventClaims]] = {"fr": extract_french_event_claims}
TIME_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "time", "decade", "century", "percent"})


@dataclass
class _Sentence:
    tokens: list[Token]
    offset: int  # chunk offset: plain-text offset of token.idx == 0
    index: int  # the cheap pass's sentence index (the cheap pass's sentence numbering)
    dates: list[DateClaim]
    events: dict[int, EventMention] = field(default_factory=dict)  # token index -> event


def _claim_chunks(analysis: Analysed) -> list[ParsedChunk]:
    """The parsed chunks claims come from: parsed and with entities. A chunk read for a rule
    needing less (NER only, or no NER) is not one."""
    return [c for c in analysis.parsed if c.doc.has_annotation("DEP") and c.doc.has_annotation("ENT_IOB")]


class _Reader:
    def __init__(self, analysis: Analysed, lexicon: EventLexicon) -> None:
        self.analysis = analysis
        self.lexicon = lexicon
        self.spans = dated_spans(analysis)
        self.span_starts = [s.start for s in self.spans]
        # Names from the chunks claims are read from alone: what a NER-only user rule had parsed
        # must not change what the built-in rules read.
        self.chunks = _claim_chunks(analysis)
        names = {e[-1].text for chunk in self.chunks for e in chunk.doc.ents if e.label_ == "PERSON"}
        self.discourse = Discourse(lexicon, frozenset(names))
        self.events: list[EventMention] = []
        self.starts: list[StartClaim] = []
        self.days: list[DayOfEvent] = []
        self.counts: list[CountClaim] = []
        self.quantities: list[Quantity] = []
        self.ages: list[AgeClaim] = []
        lines = analysis.document

        def line_of(offset: int) -> int:
            return lines.location(offset, offset).start.line

        self.line_of: Callable[[int], int] = line_of

    # -- helpers ---------------------------------------------------------------
    def date_at(self, offset: int) -> DateClaim | None:
        return span_at(self.spans, self.span_starts, offset)

    def attached_date(self, sentence: _Sentence, anchor: Token) -> DateClaim | None:
        """A date whose syntactic path reaches `anchor` without crossing another clause."""
        for token in sentence.tokens:
            span = self.date_at(sentence.offset + token.idx)
            if span is None or (token.head.i != token.i and self.date_at(sentence.offset + token.head.idx) is span):
                continue  # only the root token of each date expression
            step, hops = token, 0
            while step.head.i != step.i and hops < 8:
                step, hops = step.head, hops + 1
                if step.i == anchor.i:
                    return span
                if step.pos_ in STOP_VERBS_POS and lemma(step) != "do":
                    break
        return None

    def phrase(self, sentence: _Sentence, token: Token) -> tuple[int, int, str]:
        left = min((t.left_edge.i for t in token.lefts), default=token.i)
        doc = token.doc
        start = sentence.offset + doc[left].idx
        end = sentence.offset + token.idx + len(token.text)
        return start, end, self.analysis.document.text[start:end]

    def resolve_people(self, token: Token, sentence: _Sentence) -> Resolution | None:
        found = self.discourse.person(token, sentence.offset, sentence.index, self.line_of)
        if found is None:
            found = self.discourse.group(token, sentence.offset)
        if found is None:
            return None
        names = set(found.names)
        vias = [found.via] if found.via else []
        for conj in token.conjuncts:
            extra = self.discourse.person(conj, sentence.offset, sentence.index, self.line_of)
            if extra:
                names |= extra.names
                vias += [extra.via] if extra.via else []
        return Resolution(frozenset(names), "; ".join(vias))

    def owners(self, token: Token, sentence: _Sentence) -> tuple[set[str], list[str]]:
        """Whose event this is: its possessor ("Duterte's", "his") and partners ("with Putin"),
        with how each reference was resolved."""
        people: set[str] = set()
        resolved: list[str] = []
        found_all = [self.resolve_people(c, sentence) for c in token.children if c.dep_ == "poss"]
        for found in [*found_all, self.partners(token, sentence)]:
            if found:
                people |= found.names
                resolved += [found.via] if found.via else []
        return people, resolved

    def partners(self, token: Token, sentence: _Sentence) -> Resolution | None:
        """ "with Putin", "between X and Y"."""
        names: set[str] = set()
        vias: list[str] = []
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = self.resolve_people(obj, sentence)
                if found:
                    names |= found.names
                    vias += [found.via] if found.via else []
        return Resolution(frozenset(names), "; ".join(vias)) if names else None

    def place(self, token: Token, sentence: _Sentence, preps: tuple[str, ...]) -> Resolution | None:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = self.discourse.country(obj, sentence.offset, self.line_of)
                if found:
                    return found
        return None

    def ordinal_child(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ in ("amod", "nummod", "advmod", "npadvmod", "compound") and self.lexicon.ordinal(child.text):
                return child
        return None

    def governing_subject(self, token: Token, sentence: _Sentence) -> Resolution | None:
        """The subject of the clause a noun sits in ("Duterte had to cut short that first trip")."""
        step, hops = token, 0
        while step.head.i != step.i and hops < 4:
            step, hops = step.head, hops + 1
            if step.pos_ in STOP_VERBS_POS:
                subjects = [c for c in step.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    return self.resolve_people(subjects[0], sentence)
                if step.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
                    return None
        return None

    # -- extraction ------------------------------------------------------------
    def read(self) -> EventClaims:
        for chunk in self.chunks:
            for sent in chunk.doc.sents:
                index = self.analysis.sentence_of(chunk.offset + sent.start_char)
                sentence = _Sentence(list(sent), chunk.offset, index, [])
                self.discourse.observe(sentence.tokens, chunk.offset, index)
                self.read_sentence(sentence, sent)
        return EventClaims(
            tuple(self.events),
            tuple(self.starts),
            tuple(self.days),
            tuple(self.counts),
            tuple(self.quantities),
            tuple(a for a in self.ages if a.person),  # "": a surname two people share
        )

    def read_sentence(self, sentence: _Sentence, sent: Span) -> None:
        for token in sentence.tokens:
            # Common nouns only: "the APEC Summit" names a venue, "long-term" is no term of office.
            # Only the forms the gate looks for (every inflection of the lexicon's words) can be
            # events, with or without gating; the lemma is computed for those alone.
            if token.lower_ not in self.lexicon.event_forms:
                continue
            noun = token.pos_ == "NOUN" and token.dep_ != "compound"
            kind = (self.lexicon.noun_types.get(lemma(token)) or self.lexicon.noun_types.get(token.lower_)) if noun else None
            if kind:
                self.noun_event(token, kind, sentence)
            verb_kind = self.lexicon.verb_types.get(lemma(token)) if token.pos_ == "VERB" else None
            if verb_kind:
                self.verb_event(token, verb_kind, sentence)
        for token in sentence.tokens:
            self.elided_ordinal(token, sentence)
            self.start_claim(token, sentence)
            self.day_of_event(token, sentence)
            self.quantity(token, sentence)
            self.age(token, sentence)
        for event in sentence.events.values():
            if len(event.participants) >= 2:
                self.discourse.groups.append((event.start, event.participants))

    def _add(
        self,
        token: Token,
        sentence: _Sentence,
        phrase: tuple[int, int, str],
        kind: str,
        people: set[str],
        place: str | None,
        ordinal: Token | None,
        date: DateClaim | None,
        plural: bool,
        resolved: list[str],
    ) -> None:
        """Record an event mention (a noun phrase or a verb) of this sentence."""
        ordinal_span = (sentence.offset + ordinal.idx, sentence.offset + ordinal.idx + len(ordinal.text)) if ordinal else None
        event = EventMention(
            *phrase,
            kind,
            frozenset(people),
            place,
            self.lexicon.ordinal(ordinal.text) if ordinal else None,
            ordinal_span,
            date,
            plural,
            sentence.index,
            tuple(r for r in resolved if r),
        )
        sentence.events[token.i] = event
        self.events.append(event)

    def noun_event(self, token: Token, kind: str, sentence: _Sentence) -> None:
        people, resolved = self.owners(token, sentence)
        if not people and token.dep_ not in ("nsubj", "nsubjpass"):
            found = self.governing_subject(token, sentence)
            if found:
                people |= found.names
                resolved += [found.via] if found.via else []
        place = self.place(token, sentence, ("to", "in"))
        if place and place.via:
            resolved.append(place.via)
        ordinal = self.ordinal_child(token)
        start, end, text = self.phrase(sentence, token)
        plural = token.tag_ in ("NNS", "NNPS")
        place_name = next(iter(place.names)) if place else None
        date = self.event_date(sentence, token)
        demonstrative = any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in token.children)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another") for c in token.children)
        refers_back = demonstrative or (definite and ordinal is None)
        if refers_back and (place is None or date is None):
            earlier = self.antecedent_event(kind, frozenset(people), sentence.index)
            if earlier is not None:  # "that first trip" is the visit just told of: its place and date
                place_name = place_name or earlier.place
                date = date or earlier.date
                resolved.append(f"{text} -> {earlier.text} (line {self.line_of(earlier.start)})")
        self._add(token, sentence, (start, end, text), kind, people, place_name, ordinal, date, plural, resolved)

    def event_date(self, sentence: _Sentence, token: Token) -> DateClaim | None:
        """A noun event's date: attached to it, the apposition it names ("October 3, their third
        meeting"), or attached to the light verb it is the object of ("made his first visit in 2017")."""
        date = self.attached_date(sentence, token)
        if date is None and token.dep_ == "appos":
            date = self.date_at(sentence.offset + token.head.idx)
        if date is None and token.dep_ in ("dobj", "nsubjpass", "attr") and token.head.pos_ == "VERB":
            date = self.attached_date(sentence, token.head)
        return date

    def antecedent_event(self, kind: str, people: frozenset[str], sentence: int) -> EventMention | None:
        """The most recent singular event of the same type and people, at most two sentences back."""
        for event in reversed(self.events):
            if event.sentence < sentence - 2:
                return None
            if event.type == kind and not event.plural and (not people or event.participants == people):
                return event
        return None

    def verb_event(self, token: Token, kind: str, sentence: _Sentence) -> None:
        resolved: list[str] = []
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject_token = subjects[0] if subjects else None
        if subject_token is None and token.dep_ == "xcomp":  # "invited Duterte to visit": the object visits
            objects = [c for c in token.head.children if c.dep_ == "dobj"]
            subject_token = objects[0] if objects else None
        people: set[str] = set()
        if subject_token is not None:
            found = self.resolve_people(subject_token, sentence)
            if found:
                people |= found.names
                resolved += [found.via] if found.via else []
        partners = self.partners(token, sentence)
        if partners:
            people |= partners.names
        if kind == "meeting":  # "Duterte met Putin": the object is the other party
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                found = self.resolve_people(obj, sentence)
                people |= found.names if found else set()
        place = None
        if kind == "visit":
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                place = self.discourse.country(obj, sentence.offset, self.line_of)
            place = place or self.place(token, sentence, ("to",))
        ordinal = self.ordinal_child(token)
        count = self.count_of(token)
        start = sentence.offset + token.idx
        end = start + len(token.text)
        if ordinal is not None and ordinal.i < token.i:
            start = sentence.offset + ordinal.idx
        text = self.analysis.document.text[start:end]
        place_name = next(iter(place.names)) if place else None
        if count is not None:
            count_token, value = count
            c_end = max(end, sentence.offset + count_token.idx + len(count_token.text))
            self.counts.append(
                CountClaim(start, c_end, self.analysis.document.text[start:c_end], kind, frozenset(people), place_name, value)
            )
            return  # "visited twice" states how many, not one event
        date = self.attached_date(sentence, token)
        self._add(token, sentence, (start, end, text), kind, people, place_name, ordinal, date, False, resolved)

    def count_of(self, verb: Token) -> tuple[Token, int] | None:
        for child in verb.children:
            if child.dep_ in ("advmod", "npadvmod") and child.lower_ in self.lexicon.count_adverbs:
                return child, self.lexicon.count_adverbs[child.lower_]
            if child.lower_ == "times" and child.dep_ in ("npadvmod", "advmod", "dobj"):
                numbers = [self.lexicon.number(c.text) for c in child.children if c.dep_ == "nummod"]
                if numbers and numbers[0] is not None:
                    return child, numbers[0]
        return None

    def elided_ordinal(self, token: Token, sentence: _Sentence) -> None:
        """ "The October 3 meeting ... was Duterte's 4th with Putin": the ordinal of the subject's event."""
        value = self.lexicon.ordinal(token.text)
        if value is None or token.dep_ != "attr" or lemma(token.head) != "be":
            return
        subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.i in sentence.events]
        if not subjects:
            return
        event = sentence.events[subjects[0].i]
        owners, vias = self.owners(token, sentence)
        people = set(event.participants) | owners
        resolved = [*event.resolved, *vias]
        span = (sentence.offset + token.idx, sentence.offset + token.idx + len(token.text))
        updated = EventMention(
            event.start,
            event.end,
            event.text,
            event.type,
            frozenset(people),
            event.place,
            value,
            span,
            event.date,
            event.plural,
            event.sentence,
            tuple(r for r in resolved if r),
        )
        self.events[self.events.index(event)] = updated
        sentence.events[subjects[0].i] = updated

    def start_claim(self, token: Token, sentence: _Sentence) -> None:
        """ "arrived in Moscow on Wednesday, October 1, for his second visit"."""
        if token.pos_ != "VERB" or token.lower_ not in self.lexicon.start_forms:
            return
        verb = lemma(token)
        if not any(verb in verbs for verbs in self.lexicon.start_verbs.values()):
            return
        date = self.attached_date(sentence, token)
        if date is None:
            return
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        found = self.resolve_people(subjects[0], sentence) if subjects else None
        place = self.place(token, sentence, ("in", "at", "to"))
        linked = None
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "to")):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.i in sentence.events):
                linked = sentence.events[obj.i]
        if linked is not None:
            updated = EventMention(**{**linked.__dict__, "start_date": date})
            self.events[self.events.index(linked)] = updated
            sentence.events[next(i for i, e in sentence.events.items() if e is linked)] = updated
            linked = updated
        start = sentence.offset + token.idx
        end = date.end
        self.starts.append(
            StartClaim(
                start,
                end,
                self.analysis.document.text[start:end],
                found.names if found else frozenset(),
                next(iter(place.names)) if place else None,
                date,
                linked,
            )
        )

    def day_of_event(self, token: Token, sentence: _Sentence) -> None:
        if token.lower_ not in ("day", "days") or token.pos_ != "NOUN" or lemma(token) != "day":
            return
        position, final, marker = None, False, None
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ in self.lexicon.final_words:
                final, marker = True, child
            elif child.dep_ in ("amod", "nummod", "compound") and self.lexicon.ordinal(child.text):
                position, marker = self.lexicon.ordinal(child.text), child
            elif child.dep_ == "nummod" and self.lexicon.number(child.text):
                position, marker = self.lexicon.number(child.text), child
        if marker is None:
            return
        holders = [token, marker]
        event = None
        for holder in holders:
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj" and c.i in sentence.events):
                    event = sentence.events[obj.i]
        if event is None:
            return
        date = None
        if token.dep_ in ("appos", "attr", "npadvmod"):
            date = self.date_at(sentence.offset + token.head.idx)
        date = date or self.attached_date(sentence, token)
        left = min(token.left_edge.i, marker.i)
        if date is None:  # "On Thursday, October 3, the second day of ...", however it was parsed
            before = self.date_at(max(sentence.offset + token.doc[left].idx - 3, 0))
            gap = self.analysis.document.text[before.end : sentence.offset + token.doc[left].idx] if before else ""
            date = before if before is not None and gap.strip() in ("", ",", "(", "—", "–") else None
        start = sentence.offset + token.doc[left].idx
        end = sentence.offset + max(token.idx + len(token.text), marker.idx + len(marker.text))
        marker_start = sentence.offset + marker.idx
        self.days.append(
            DayOfEvent(
                start,
                end,
                self.analysis.document.text[start:end],
                position,
                final,
                event,
                date,
                (marker_start, marker_start + len(marker.text), marker.text),
            )
        )

    def quantity(self, token: Token, sentence: _Sentence) -> None:
        number = self.lexicon.number(token.text)
        if number is None or token.ent_type_ in QUANTITY_EXCLUDED_ENTS or self.date_at(sentence.offset + token.idx):
            return
        noun, partitive = None, False
        if token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.i < token.head.i:
            noun = token.head
            # "one of the seven wonders", "350 of its 21,000 jobs": the whole is the part's context
            partitive = noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num
        elif token.dep_ in ("nsubj", "dobj", "pobj"):
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            objects = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            noun = objects[0] if objects and objects[0].pos_ == "NOUN" else None
            partitive = True
        if noun is None or lemma(noun) in TIME_NOUNS or noun.tag_ not in ("NNS", "NNPS"):
            return
        before = token.doc[token.i - 1] if token.i else None
        if (
            before is not None
            and before.head.i == noun.i
            and before.dep_ in ("nmod", "compound")
            and before.pos_ in ("NOUN", "PROPN")
        ):
            return  # "the grade 12 students", "Route 9 buses": the number names the grade, not how many
        block = self.analysis.document.block_at(sentence.offset + token.idx)
        if block is not None and block.kind in ("cell", "item"):
            return  # a table's or a list's numbers are each its own row's ("| Spurs | 6 wins |")
        if any(c.like_num and c.i != token.i for c in noun.children):
            return  # "Boeing's 777 planes", "20 777 planes": a model number, not a count
        context = [*token.children, noun.doc[token.i - 1]] if token.i else list(token.children)
        if any(c.lower_ in APPROXIMATORS for c in context) or any(c.lower_ == "all" for c in noun.children):
            return  # "about 500 people", "at least two rebels", "all 14 rebels": not a count to hold the text to
        compounds = [lemma(c) for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
        key = " ".join([*compounds, lemma(noun)])
        modifiers = frozenset(c.lower_ for c in noun.children if c.dep_ in ("amod", "nmod") and c.i < noun.i)
        # Refers back only with "the"/"these"/"those": "his seven wickets" or "Denmark's 173
        # soldiers" name their own set, and "other", "more" or "top" mark a different one.
        definite = any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") and token.i - c.i <= QUANTITY_DETERMINER_REACH + 1
            for c in noun.children
        )  # "the four warships", "the original four warships"; not "the newly elected 15 members"
        if modifiers & OTHER_SET or any(c.lower_ in OTHER_SET for c in token.children):
            return
        if any(c.dep_ in ("relcl", "acl") for c in noun.children):
            definite = False  # "the 3 goals he scored in May": a set of its own, told by its clause
        start = sentence.offset + token.idx
        text = self.phrase(sentence, noun)[2]
        self.quantities.append(
            Quantity(start, start + len(token.text), text, key, number, definite, partitive, modifiers, sentence.index)
        )

    def age(self, token: Token, sentence: _Sentence) -> None:
        """ "Smith, 45,", "Smith, a 45-year-old ...", "the 45-year-old Smith", "Smith was born in 1970".

        Only where the text ties the age to a named person: "the 52-year-old" or "she was
        born" alone may be anyone, and a wrong guess would accuse the copy of a contradiction.
        """
        offset = sentence.offset
        if token.text.isascii() and token.text.isdigit() and token.dep_ == "appos" and self.discourse.is_person(token.head):
            value = int(token.text)
            if 0 < value < 125 and not _tallied(token, sentence):
                start = offset + token.idx
                self.ages.append(AgeClaim(start, start + len(token.text), token.text, self.full_name(token.head), value, None))
            return
        if token.lower_ == "old" and token.i >= 4 and token.doc[token.i - 2].lower_ == "year":
            number_token = token.doc[token.i - 4]
            value = self.lexicon.number(number_token.text)
            person = self.aged_person(token)
            if value is None or person is None:
                return
            start = offset + number_token.idx
            end = offset + token.idx + len(token.text)
            self.ages.append(AgeClaim(start, end, self.analysis.document.text[start:end], self.full_name(person), value, None))
            return
        if token.lower_ == "born" and token.pos_ == "VERB":
            date = self.attached_date(sentence, token)
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if date is None or not subjects:
                return
            subject = subjects[0]
            if not self.discourse.is_person(subject):
                return  # "She was born in 1984": she may be the daughter just mentioned; no guess
            start = offset + token.idx
            text = self.analysis.document.text[start : date.end]
            self.ages.append(AgeClaim(start, date.end, text, self.full_name(subject), None, date.period.first.year))

    def aged_person(self, old: Token) -> Token | None:
        """The named person an "N-year-old" describes: its head, its apposition, or its noun."""
        described = old.head.head if old.head.dep_ == "appos" else old.head  # "Jones, a 47-year-old teacher,"
        for candidate in (old.head, described, *old.children, *(c for c in old.head.children if c.dep_ == "appos")):
            if candidate.i != old.i and self.discourse.is_person(candidate):
                return candidate
        if old.dep_ == "appos" and self.discourse.is_person(old.head):
            return old.head
        return None

    def full_name(self, token: Token) -> str:
        """ "Elian Gonzalez" and "Juan Miguel Gonzalez" are two people; a bare "Gonzalez" is the
        most recent full name with that surname, or nobody ("") when the article gives two people
        that surname ("Ana Reyes, 34 ... her daughter Bea Reyes, 6 ... Reyes said")."""
        given = first_names(token)
        if given:
            name = " ".join([*given, token.text])
            self.discourse.full_names[token.text] = name
            return name
        if len(self.discourse.surnames.get(token.text, ())) > 1:
            return ""
        return self.discourse.full_names.get(token.text, token.text)


def _tallied(number: Token, sentence: _Sentence) -> bool:
    """ "Top scorers: Kane, 4; Son, 1": a number set after a name in a list of them, separated by
    semicolons, is a tally, not an age ("Kane, 30, leads" is one)."""
    doc = number.doc
    if number.i + 1 < len(doc) and doc[number.i + 1].text == ";":
        return True
    tokens = sentence.tokens
    pairs = sum(
        1
        for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
        if a.pos_ == "PROPN" and b.text == "," and c.text.isdigit()
    )
    return pairs >= 2 and any(t.text == ";" for t in tokens)


class _Described:
    """Stands in for "the 47-year-old" so the discourse resolves it like "the President"."""

    def __init__(self, token: Token) -> None:
        self.idx = token.idx
        self.text = token.text
        self.lower_ = "he"
        self.pos_ = "PRON"
        self.dep_ = token.dep_
        self.ent_type_ = ""
        self.children: list[Token] = []


def extract_event_claims(analysis: Analysed) -> EventClaims:
    """The event claims of a parsed document, read by its language's reader (English, or
    French with `factlint[fr]`); none where nothing was parsed."""
    if not analysis.parsed:
        return EventClaims()
    reader = OTHER_LANGUAGE_READERS.get(analysis.document.language)
    return reader(analysis) if reader else _Reader(analysis, load_event_lexicon()).read()
