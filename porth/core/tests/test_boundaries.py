"""The import contracts in `.importlinter` (docs/architecture.md, section 2) are checked by
`lint-imports`; these tests prove the check runs on the real tree and would catch a break."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# Breaks another branch ("service", issue 10) is removing; nothing else may be broken.


def run_lint_imports(cwd: Path, *contracts: str) -> subprocess.CompletedProcess:
    """Run lint-imports on the `porth` package found in `cwd`, with the repository's config."""
    arguments = [
        str(LINT_IMPORTS),
        "--no-cache",
        "--no-logo",
        "--config",
        str(ROOT / ".importlinter"),
    ]
    for contract in contracts:
        arguments += ["--contract", contract]
    return subprocess.run(
        arguments, cwd=cwd, env={"PYTHONPATH": str(cwd), "PATH": ""}, capture_output=True, text=True
    )


def broken_imports(output: str) -> set[str]:
    """The import lines lint-imports lists under 'Broken contracts'."""
    _, _, broken = output.partition("Broken contracts")
    found = set()
    for line in broken.splitlines():
        match = re.match(r"^-\s+(\S+ -> \S+)", line.strip())
        if match:
            found.add(match.group(1))
    return found


@pytest.fixture
def copied_tree(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "porth",
        tmp_path / "porth",
        ignore=shutil.ignore_patterns("__pycache__", "static", "locale", "templates", "*.mo"),
    )
    return tmp_path


def test_the_real_tree_keeps_every_contract() -> None:
    result = run_lint_imports(ROOT)
    assert "Contracts:" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_imports(result.stdout) == set(), result.stdout


def test_core_importing_a_domain_app_breaks_the_contract(copied_tree: Path) -> None:
    assert run_lint_imports(copied_tree, "core-knows-no-domain").returncode == 0
    language = copied_tree / "porth" / "core" / "language.py"
    language.write_text("import porth.register  # noqa: F401\n" + language.read_text())

    result = run_lint_imports(copied_tree, "core-knows-no-domain")

    assert result.returncode != 0
    assert "core imports no domain app BROKEN" in result.stdout
    assert "porth.core.language -> porth.register" in result.stdout


def test_a_task_importing_its_queue_back_is_a_loop(copied_tree: Path) -> None:
    tasks = copied_tree / "porth" / "open_data" / "tasks.py"
    tasks.write_text(tasks.read_text() + "\nfrom . import queue  # noqa: E402,F401\n")

    result = run_lint_imports(copied_tree, "no-loops")

    assert result.returncode != 0
    assert "No cycles are allowed in porth.open_data." in result.stdout
