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
from dataclasses import dataclass
from pathlib import Path

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
    project = pre_commit.project(tmp_path / "project", {**ARTICLES, **CODE_FILES}, config="repos: []\n")
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
