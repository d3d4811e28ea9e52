"""The public linter object: settings in, diagnostics out, for one text or a stream of records.

A `Linter` is built from settings only (rule packs, select/ignore, a configuration, model,
country, language, fail level) and pickles only those: a Dask task, a Spark closure or a
process pool sends a few hundred bytes, never a spaCy pipeline. What the settings resolve
to (the configuration, the rules) is worked out lazily, once per process, and the models
are the per-process ones of `factlint.nlp.pipeline.load_pipeline`, so a worker that checks a
million records loads each model once.

Nothing depends on the process's working directory unless `discover_config=True` asks for
the nearest `.factlint.yaml`/`pyproject.toml` above it (what the command line does): a
worker started in `/tmp` checks exactly as the driver that built the linter would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factlint.analysis.document_analysis import Analysis
from factlint.core.diagnostics import Diagnostic, Severity
from factlint.core.document import Document
from factlint.core.errors import ConfigError, SourceError
from factlint.core.rule import Rule
from factlint.engine.check import check_documents
from factlint.engine.config import Config, read_config_file
from factlint.engine.options import Limits, LintOptions
from factlint.engine.selection import config_for, enabled_rules, rules_for
from factlint.read.language import normalise_language, supported
from factlint.read.reader import ReadOptions, load_text

MARKUPS = ("text", "markdown")
# Records per batched NLP stream in `check_many`: what --jobs sends a worker at once
# (factlint.engine.parallel.MAX_CHUNK), and the most text held in memory at a time.
BATCH_SIZE = 128


# A text that reaches every kind of rule's first step (a weekday, a visit, a count, an age).
WARM_UP_TEXT = (
    "MOSCOW, Oct. 4, 2019 - President Rodrigo Duterte, 74, arrived on Tuesday, October 1, for his second visit"
    " to Russia. On Christmas Day, three ships docked; the following year he met Putin for the fourth time."
)
_WARM_UP_DATE = date(2019, 10, 4)
# What this process has warmed: (model, rules) pairs. A Spark task unpickles its closure, so
# every task brings a new Linter with the same settings; without this each one parsed the
# warm-up text again (13 to 20 ms a task on a warm worker).
_WARMED: set[tuple[str | None, tuple[Rule, ...]]] = set()


class RecordError(SourceError):
    """A record that cannot be checked: no text, a date that is not a date, an unknown markup."""


@dataclass(frozen=True)
class Record:
    """One article to check: an id that names it in the output, its text, and optionally its
    publication date, markup, country (holiday rules) and language."""

    id: str
    text: str
    date: date | None = None
    markup: str | None = None
    country: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, data: Record | Mapping[str, Any], where: str = "record") -> Record:
        """A record from a mapping (a JSON line, a dataframe row); `where` names it in errors
        ("records.jsonl:12"). The id may be any JSON scalar; it is kept as a string."""
        if isinstance(data, Record):
            return data
        if not isinstance(data, Mapping):
            raise RecordError(f"{where}: not an object with an id and a text (got {type(data).__name__})")
        raw_id = data.get("id")
        if raw_id is None or isinstance(raw_id, (dict, list)) or raw_id == "":
            raise RecordError(f'{where}: no id (every record needs an "id" naming it in the output)')
        name = str(raw_id)
        text = data.get("text")
        if not isinstance(text, str):
            raise RecordError(f'{where}: record {name!r}: "text" must be a string (got {_kind(text)})')
        markup = _optional_str(data, "markup", where, name)
        if markup is not None and markup not in MARKUPS:
            raise RecordError(f"{where}: record {name!r}: markup {markup!r} is not one of: {', '.join(MARKUPS)}")
        return cls(
            id=name,
            text=text,
            date=parse_date(data.get("date"), f"{where}: record {name!r}"),
            markup=markup,
            country=_optional_str(data, "country", where, name),
            language=_optional_str(data, "language", where, name),
        )


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _optional_str(data: Mapping[str, Any], key: str, where: str, name: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f"{where}: record {name!r}: {key!r} must be a string (got {_kind(value)})")
    return value


def parse_date(value: object, where: str) -> date | None:
    """A publication date given as a date, a datetime, or ISO text ("2019-10-04", or a
    timestamp "2019-10-04T08:00:00Z" whose day is taken as written, with no time-zone shift)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()  # type: ignore[union-attr]
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 10 and text[10] in "T ":
            text = text[:10]
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise RecordError(f"{where}: date {value!r} is not a date in YYYY-MM-DD form")


def _english(language: str | None) -> bool:
    return language is None or language.lower() == "en" or language.lower().startswith(("en-", "en_"))


@dataclass(frozen=True)
class _State:
    """What a Linter's settings resolve to in this process (never pickled)."""

    options: LintOptions
    config: Config
    rules: tuple[Rule, ...]
    model: str | None
    by_country: dict[str, tuple[Rule, ...]] = field(default_factory=dict)  # a record's own country's rules


@dataclass(frozen=True)
class Linter:
    """Checks texts with fixed settings; safe to pickle, share and send to workers.

    `rules`: extra rule files or folders (the built-in pack is always loaded); `rule_set`:
    these exact Rule objects instead of any pack (rule-example tests); `select`/`ignore`: rule
    ids or prefixes; `config`: a configuration file or a `Config`; `discover_config`: look
    for the nearest configuration above the working directory (off unless asked); `model`:
    the spaCy pipeline; `country`: assumed where an article names none; `language`: what
    records are in when they do not say (else their front matter, the configuration's
    `language:`, or detection; a language factlint has no calendar words for is refused, not
    misread); `date`: the publication date for texts that give none as an
    argument; `fail_on`: the lowest severity `failing()` counts.
    """

    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | Config | None = None
    discover_config: bool = False
    model: str | None = None
    country: str | None = None
    language: str | None = None
    date: date | None = None
    fail_on: Severity | None = None
    gating: bool = True
    rule_set: tuple[Rule, ...] | None = None
    _state: _State | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lists are accepted for convenience and kept as tuples, so a Linter stays immutable.
        object.__setattr__(self, "rules", tuple(Path(p) for p in self.rules))
        object.__setattr__(self, "select", tuple(self.select))
        object.__setattr__(self, "ignore", tuple(self.ignore))
        if isinstance(self.config, str):
            object.__setattr__(self, "config", Path(self.config))
        if isinstance(self.fail_on, str):
            object.__setattr__(self, "fail_on", Severity.parse(self.fail_on))
        if self.rule_set is not None:
            object.__setattr__(self, "rule_set", tuple(self.rule_set))
        if isinstance(self.date, str):
            object.__setattr__(self, "date", parse_date(self.date, "Linter(date=...)"))

    def __getstate__(self) -> dict[str, Any]:
        """Only the settings travel; each process resolves them and loads the models itself."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_state"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_state", None)

    @classmethod
    def from_options(cls, options: LintOptions, rules: Sequence[Rule] | None = None) -> Linter:
        """The linter `lint_text` uses: LintOptions' settings, configuration discovery as
        `options.use_config` says (the command line's and the language server's behaviour)."""
        return cls(
            rules=options.rule_paths,
            select=options.select,
            ignore=options.ignore,
            config=options.config if options.use_config else None,
            discover_config=options.use_config and options.config is None,
            model=options.model,
            date=options.dct,
            gating=options.gating,
            rule_set=tuple(rules) if rules is not None else None,
        )

    # -- what the settings resolve to -------------------------------------------------------

    def _options(self) -> LintOptions:
        return LintOptions(
            dct=self.date,
            model=self.model,
            rule_paths=self.rules,
            select=self.select,
            ignore=self.ignore,
            config=self.config if isinstance(self.config, Path) else None,
            use_config=self.discover_config or isinstance(self.config, Path),
            gating=self.gating,
        )

    def _resolved(self) -> _State:
        if self._state is None:
            options = self._options()
            if isinstance(self.config, Config):
                config = self.config
            elif isinstance(self.config, Path):
                config = read_config_file(self.config)
                if config is None:
                    raise ConfigError(f"{self.config}: no [tool.factlint] table")
            else:
                config = config_for(None, options)  # discovery from the working directory, or defaults
            if self.country:
                config = replace(config, country=self.country)
            if self.rule_set is not None:
                rules = tuple(enabled_rules(options, self.rule_set))
            else:
                rules = tuple(rules_for(None, options, config))
            object.__setattr__(self, "_state", _State(options, config, rules, self.model or config.model))
        assert self._state is not None
        return self._state

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        """The rules every text is checked with (a record's own country adjusts the holiday rules)."""
        return self._resolved().rules

    @property
    def fail_level(self) -> Severity:
        """`fail_on`, else the configuration's `fail-on`, else error."""
        return self.fail_on or self._resolved().config.fail_on or Severity.ERROR

    def failing(self, diagnostics: Iterable[Diagnostic]) -> bool:
        """Whether any diagnostic is at or above the fail level (the command line's exit code 1)."""
        level = self.fail_level
        return any(d.severity >= level for d in diagnostics)

    def _rules_for(self, country: str | None) -> tuple[Rule, ...]:
        state = self._resolved()
        if not country or country == state.config.country or self.rule_set is not None:
            return state.rules
        if country not in state.by_country:
            state.by_country[country] = tuple(rules_for(None, state.options, replace(state.config, country=country)))
        return state.by_country[country]

    def warm(self) -> None:
        """Load the models this linter's rules need, and compile what each rule builds on its
        first text (matchers, the gate), now: a Dask worker plugin or a Spark executor's first
        batch calls it so that no task pays for it, and a worker never pays twice: a linter
        whose model and rules this process has warmed returns at once."""
        state = self._resolved()
        key = (state.model, state.rules)
        if key in _WARMED:
            return
        self.check(WARM_UP_TEXT, id="<warm-up>", date=_WARM_UP_DATE)
        _WARMED.add(key)

    # -- checking ------------------------------------------------------------------------

    def check(
        self, text: str, *, date: date | str | None = None, id: str | None = None, markup: str | None = "text"
    ) -> list[Diagnostic]:
        """One article as a string. `date`: its publication date (else the one the text gives:
        front matter, a date header, a dateline); `id`: the name diagnostics carry as their
        path; `markup`: "text" or "markdown"."""
        record = Record(id="<text>" if id is None else str(id), text=text, date=parse_date(date, "check()"), markup=markup)
        return next(self.check_many([record]))

    def check_many(
        self, records: Iterable[Record | Mapping[str, Any]], batch_size: int = BATCH_SIZE
    ) -> Iterator[list[Diagnostic]]:
        """Each record's diagnostics, in order, checked `batch_size` at a time through one
        batched NLP stream (`nlp.pipe`); memory holds one batch. A malformed record raises
        RecordError (factlint.batch.lint_records reports it and goes on)."""
        batch: list[Record] = []
        for index, item in enumerate(records):
            batch.append(Record.of(item, f"record {index + 1}"))
            if len(batch) >= batch_size:
                yield from self._check_batch(batch)
                batch = []
        if batch:
            yield from self._check_batch(batch)

    def _check_batch(self, records: Sequence[Record]) -> Iterator[list[Diagnostic]]:
        documents, rule_sets = [], []
        for record in records:
            self.validate(record)
            documents.append(self.document(record.text, record.id, record.date, record.markup, language=record.language))
            rule_sets.append(self._rules_for(record.country))
        for _analysis, diagnostics in self.check_documents(documents, rule_sets, self._resolved().model):
            yield diagnostics

    def validate(self, record: Record, where: str = "record") -> None:
        """Refuse what this linter cannot check rightly: a record in a language factlint has
        no calendar words for would be read with English ones and give wrong findings."""
        language = record.language or self.language
        if language and not _english(language) and language != "auto" and not supported(normalise_language(language)):
            raise RecordError(
                f"{where}: record {record.id!r}: language {language!r}: "
                "factlint has no calendar words for it (see `factlint languages`)"
            )

    def document(
        self,
        text: str,
        path: str,
        dct: date | None = None,
        markup: str | None = None,
        config: Config | None = None,
        language: str | None = None,
    ) -> Document:
        """A text read as this linter reads it; `markup` None: by the suffix of `path`;
        `language` (the record's, else this linter's, else the front matter, the
        configuration's or the one detected) picks the calendar words."""
        config = config or self._resolved().config
        keys = {"front_matter_keys": config.front_matter_keys} if config.front_matter_keys else {}
        chosen = language or self.language
        languages = {"language": chosen} if chosen else {}
        if config.language:
            languages["default_language"] = config.language
        return load_text(text, path, ReadOptions(dct=dct or self.date, markup=markup, **keys, **languages))

    def check_documents(
        self,
        documents: Sequence[Document],
        rule_sets: Sequence[Sequence[Rule]] | None = None,
        model: str | None = None,
        limits: Limits | Sequence[Limits] | None = None,
    ) -> Iterator[tuple[Analysis, list[Diagnostic]]]:
        """Read documents checked in one batched stream, with their analyses (the language
        server's hover reads how a date was read from the lint itself). With `rule_sets`, the
        caller has resolved each document's rules and model already (`for_path`, `lint_paths`
        per file), and this linter's settings are not resolved again; else its own."""
        if rule_sets is None:
            state = self._resolved()
            rule_sets, model = [state.rules] * len(documents), model or state.model
        if limits is None:
            limits = self._resolved().config.limits
        return check_documents(documents, rule_sets, model or self.model, self.gating, limits=limits)

    def for_path(self, path: str) -> tuple[Config, tuple[Rule, ...], str | None]:
        """The configuration, rules and model for a named buffer, its configuration discovered
        from its folder when this linter discovers configuration (`lint_text`, the language
        server: per-file settings and overrides)."""
        state = self._resolved()
        if not self.discover_config or path == "<stdin>" or isinstance(self.config, Config):
            return state.config, state.rules, state.model
        file = Path(path)
        config = config_for(file, state.options)
        if self.country:
            config = replace(config, country=self.country)
        rules = state.rules if self.rule_set is not None else tuple(rules_for(file, state.options, config))
        return config, rules, self.model or config.model
