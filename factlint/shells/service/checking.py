"""What `factlint serve` does with one request, apart from HTTP: read it strictly, check the text.

Kept free of Starlette so it is the same code under any server and is tested directly. The
check is the library's (`lint_text_analysed`), the JSON is the reporter's (`report_object`),
the timeline the engine's (`timeline_of`) and the view the renderer's: the service adds only
the reading of requests, with a clear error for each thing a client can get wrong.

Nothing in a request reaches the file system: the configuration is not searched for (the
rules are the ones the server loaded at startup), and rules a request brings itself are read
from its text, only when the server allows them, and refused when a parameter names a file
(`calendars`, `lexicon`: a rule file's own folder is where those would be read from).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factlint.core.errors import RuleError
from factlint.core.result import LintResult
from factlint.core.rule import Rule
from factlint.engine.api import LintOptions, lint_text_analysed
from factlint.engine.check import required_components
from factlint.engine.rule_loading import load_rule_text
from factlint.engine.selection import matches, rules_for
from factlint.engine.timeline import timeline_of
from factlint.nlp.pipeline import load_pipeline
from factlint.shells.html import ArticleView, render_article
from factlint.shells.reporters.json_report import report_object

REQUEST_PATH = "<request>"  # the `path` of every diagnostic: a request names no file
REQUEST_KEYS = frozenset({"text", "date", "markup", "language", "rules"})
RULES_KEYS = frozenset({"select", "ignore", "define"})
LANGUAGES = frozenset({"en"})
FILE_PARAMETERS = frozenset({"calendars", "lexicon"})  # rule parameters that name files to read


class RequestError(ValueError):
    """A request the service cannot check: `status` (400, 403, 422) and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class CheckRequest:
    text: str
    dct: date | None = None
    markup: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    define: str = ""  # YAML of the request's own rules (only with --allow-user-rules)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RequestError(422, f"`{where}` must be a list of rule ids or prefixes")
    return tuple(v.strip() for v in value)


def read_request(data: Any) -> CheckRequest:
    """`{text, date?, markup?, language?, rules?}` read strictly: an unknown key is an error, not ignored
    (a misspelt `dates` would otherwise check against the wrong publication date, silently)."""
    if not isinstance(data, Mapping):
        raise RequestError(422, 'the body must be a JSON object: {"text": "..."}')
    unknown = sorted(set(data) - REQUEST_KEYS)
    if unknown:
        raise RequestError(422, f"unknown key(s): {', '.join(unknown)} (known: {', '.join(sorted(REQUEST_KEYS))})")
    text = data.get("text")
    if not isinstance(text, str):
        raise RequestError(422, "`text` is required: the article, as a string")
    dct = None
    if data.get("date") is not None:
        try:
            dct = date.fromisoformat(data["date"]) if isinstance(data["date"], str) and len(data["date"]) == 10 else None
        except ValueError:
            dct = None
        if dct is None:
            raise RequestError(422, f"`date` must be a date in YYYY-MM-DD form, not {data['date']!r}")
    markup = data.get("markup") or "text"
    if markup not in ("text", "markdown"):
        raise RequestError(422, f'`markup` must be "text" or "markdown", not {markup!r}')
    language = data.get("language") or "en"
    if language not in LANGUAGES:
        raise RequestError(422, f'`language` {language!r} is not supported: factlint reads English ("en") only')
    rules = data.get("rules")
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    define = ""
    if isinstance(rules, list):
        select = _strings(rules, "rules")
    elif isinstance(rules, Mapping):
        unknown = sorted(set(rules) - RULES_KEYS)
        if unknown:
            raise RequestError(422, f"unknown key(s) in `rules`: {', '.join(unknown)} (known: select, ignore, define)")
        select = _strings(rules["select"], "rules.select") if "select" in rules else ()
        ignore = _strings(rules["ignore"], "rules.ignore") if "ignore" in rules else ()
        if "define" in rules:
            if not isinstance(rules["define"], str):
                raise RequestError(422, "`rules.define` must be rule YAML, as a string")
            define = rules["define"]
    elif rules is not None:
        raise RequestError(422, "`rules` must be a list of rule ids or {select?, ignore?, define?}")
    return CheckRequest(text, dct, markup, select, ignore, define)


@dataclass(frozen=True)
class Checked:
    """One request's results: the JSON report (schema: output.schema.json) and what the view needs."""

    report: dict[str, Any]
    view: ArticleView


@dataclass(frozen=True)
class Checker:
    """The server's fixed part: the rules loaded at startup, the model, what requests may do."""

    rules: tuple[Rule, ...]
    model: str | None = None
    allow_user_rules: bool = False

    @classmethod
    def load(cls, rule_paths: Sequence[str] = (), model: str | None = None, allow_user_rules: bool = False) -> Checker:
        """Rules read once, from the built-in pack and the operator's `--rules` (no configuration is searched)."""
        options = LintOptions(rule_paths=tuple(Path(p) for p in rule_paths), use_config=False)
        return cls(tuple(rules_for(None, options)), model, allow_user_rules)

    def warm(self) -> str:
        """Load every pipeline a selection of the loaded rules can ask for, and run one check, before
        the first request: a request never pays for a model load. Returns the pipeline's name."""
        needed = {required_components([rule]) for rule in self.rules} | {required_components(self.rules)}
        for components in needed:
            load_pipeline(self.model, components)
        self.check(CheckRequest("date 2019-10-04\n\nThey arrived on Wednesday, October 1, for his second visit."))
        return load_pipeline(self.model, required_components(self.rules)).name

    def chosen_rules(self, request: CheckRequest) -> list[Rule]:
        for selector in request.select + request.ignore:
            if not any(matches(rule.id, [selector]) for rule in self.rules):
                raise RequestError(422, f"no rule matches {selector!r} (GET /api/v1/rules lists them)")
        chosen = [
            r for r in self.rules if (not request.select or matches(r.id, request.select)) and not matches(r.id, request.ignore)
        ]
        if request.define:
            chosen += self.user_rules(request.define, {r.id for r in self.rules})
        return chosen

    def user_rules(self, text: str, taken: set[str]) -> list[Rule]:
        if not self.allow_user_rules:
            raise RequestError(403, "this server does not accept rules in requests (start it with --allow-user-rules)")
        try:
            rules = load_rule_text(text, "rules.define")
        except RuleError as error:
            raise RequestError(422, str(error)) from None
        for rule in rules:
            if rule.id in taken:
                raise RequestError(422, f"rules.define:{rule.line}:1: rule id {rule.id!r} is already a rule of this server")
            named = sorted(FILE_PARAMETERS & set(rule.params))
            if named:
                raise RequestError(
                    422, f"rules.define:{rule.line}:1: rule {rule.id!r}: parameter {named[0]!r} names files, not accepted here"
                )
        return rules

    def check(self, request: CheckRequest) -> Checked:
        rules = self.chosen_rules(request)
        options = LintOptions(dct=request.dct, model=self.model, markup=request.markup, use_config=False)
        diagnostics, analysis = lint_text_analysed(request.text, REQUEST_PATH, options, rules)
        report = report_object(LintResult(diagnostics=diagnostics, files=[REQUEST_PATH]))
        view = ArticleView(REQUEST_PATH, analysis.document.source, tuple(d.to_dict() for d in diagnostics), timeline_of(analysis))
        return Checked(report, view)

    def render(self, checked: Checked) -> str:
        return render_article(checked.view, editable=True)
