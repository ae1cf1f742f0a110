"""Every public function and class of the register's reads, search and writes has a test of its
own: its name appears in the test module that goes with its module. A new one without a test
fails here (issue 10)."""

import ast
import re
from pathlib import Path

import pytest

REGISTER = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

# Module (or package of modules) → the test module that must name each of its public names.
OWN_TESTS = {
    "queries.py": "test_queries.py",
    "search.py": "test_search.py",
    "expressions.py": "test_search.py",
    "actions": "test_actions.py",
}


def public_names(source: Path) -> set[str]:
    """Functions and classes defined at the top of a module whose names do not start with _."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and not node.name.startswith("_")
    }


def modules(name: str) -> list[Path]:
    path = REGISTER / name
    return sorted(path.glob("*.py")) if path.is_dir() else [path]


CASES = [(module, tests) for name, tests in OWN_TESTS.items() for module in modules(name)]


@pytest.mark.parametrize(
    ("module", "tests"), CASES, ids=[str(m.relative_to(REGISTER)) for m, _t in CASES]
)
def test_every_public_function_of_the_register_is_named_in_its_own_tests(module, tests):
    test_source = (TESTS / tests).read_text(encoding="utf-8")
    untested = sorted(
        name
        for name in public_names(module)
        if not re.search(rf"\b{re.escape(name)}\b", test_source)
    )
    assert untested == [], f"{module.name}: no test in {tests} names {', '.join(untested)}"


def test_the_check_finds_the_public_functions_it_is_meant_to():
    assert {"search", "ServiceFilters", "SearchResults"} <= public_names(REGISTER / "search.py")
    assert "create_service" in public_names(REGISTER / "actions" / "services.py")
    assert not any(name.startswith("_") for name in public_names(REGISTER / "queries.py"))
