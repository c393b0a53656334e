"""The import rules between the project's packages, read from the source (AST), not run.

The apps are layers, lowest first: programs ← assessments ← reports ← demo. An app imports
only the apps below it: programs imports none, assessments imports programs, reports imports
programs and assessments, demo (the demo and benchmark universities) imports every app and
no app imports demo. `alakompass/` is the project package: its wiring (settings, urls, the
Celery app and beat scheduler, wsgi, asgi, the package's own `__init__`) may import every
app and is imported by none; its other modules (types, uploads, conflicts, spreadsheets …)
are utilities below every app: any app may import them, they import no app and no wiring.
Every import counts, also inside functions and under TYPE_CHECKING. Tests, migrations and
files outside the packages (manage.py, scripts/) are not checked.
"""

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("programs", "assessments", "reports", "demo")  # lowest first
PROJECT = "alakompass"
WIRING = frozenset(
    f"{PROJECT}{suffix}"
    for suffix in ("", ".settings", ".urls", ".celery", ".beat", ".wsgi", ".asgi")
)
PACKAGES = (PROJECT, *APPS)
NOT_CHECKED = {"tests"}  # top-level packages the rules do not cover


def module_name(relative: Path) -> str:
    """`programs/services/__init__.py` → `programs.services`."""
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """True if `name` is a module or package of the project (a file or folder in ROOT)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(
    tree: ast.AST, *, importer: str, is_package: bool
) -> Iterable[tuple[int, str]]:
    """(line, module) for every import in `tree`; `from m import n` names m.n when that is
    a module of the project, else m."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = importer.split(".") if is_package else importer.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield node.lineno, candidate if is_module(candidate) else base


def rule_broken(importer: str, imported: str) -> str | None:
    """Why the module `importer` may not import `imported`; None if it may."""
    source, target = importer.split(".")[0], imported.split(".")[0]
    if target not in PACKAGES:
        return None  # the standard library, Django and other third-party packages
    if source == PROJECT and importer in WIRING:
        return None
    if target == PROJECT:
        if imported in WIRING:
            return f"{imported} is the project's wiring: only alakompass's wiring imports it"
        return None
    if source == PROJECT:
        return f"alakompass's utility modules import no app ({imported})"
    if source == target or APPS.index(target) < APPS.index(source):
        return None
    lower = APPS[: APPS.index(source)]
    may = ", ".join(lower) if lower else "no other app"
    return f"{source} may import {may} (and alakompass's utility modules), not {target}"


def violations(files: Iterable[tuple[Path, str]]) -> list[str]:
    """One `path:line: importer imports imported: why` line per broken rule."""
    found = []
    for relative, source in files:
        importer = module_name(relative)
        tree = ast.parse(source, filename=str(relative))
        is_package = relative.name == "__init__.py"
        for line, imported in imported_modules(tree, importer=importer, is_package=is_package):
            why = rule_broken(importer, imported)
            if why:
                found.append(f"{relative}:{line}: {importer} imports {imported}: {why}")
    return found


def project_files() -> list[tuple[Path, str]]:
    """Every .py file of the packages, migrations left out."""
    return [
        (path.relative_to(ROOT), path.read_text(encoding="utf-8"))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_every_import_keeps_to_the_layers():
    broken = violations(project_files())
    assert not broken, "Imports that break the layers:\n" + "\n".join(broken)


def test_every_top_level_package_has_a_place_in_the_layers():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - NOT_CHECKED == set(PACKAGES)


def test_the_check_reads_the_whole_project():
    names = {module_name(relative) for relative, _source in project_files()}
    assert {"programs.models", "assessments.scoring", "reports", "demo.build"} <= names
    assert {"alakompass.urls", "alakompass.types"} <= names
    assert not any(".migrations." in name for name in names)


def test_a_lower_layer_importing_a_higher_one_is_reported_with_file_and_line():
    source = (
        "import datetime\n"
        "from typing import TYPE_CHECKING\n"
        "from programs.models import Program\n"
        "from . import selectors\n"
        "from assessments import selectors as compass\n"
        "def f():\n"
        "    from reports.models import Report\n"
        "if TYPE_CHECKING:\n"
        "    import demo.build\n"
    )
    why = "programs may import no other app (and alakompass's utility modules), not"
    assert violations([(Path("programs/services/example.py"), source)]) == [
        f"programs/services/example.py:5: programs.services.example imports "
        f"assessments.selectors: {why} assessments",
        f"programs/services/example.py:7: programs.services.example imports "
        f"reports.models: {why} reports",
        f"programs/services/example.py:9: programs.services.example imports demo.build: {why} demo",
    ]


def test_the_rules_between_apps_and_the_project_package():
    allowed = [
        ("assessments.selectors", "programs.models"),
        ("reports.services", "assessments.scoring"),
        ("demo.build", "reports.models"),
        ("programs.views", "alakompass.types"),
        ("reports.exports", "alakompass.spreadsheets"),
        ("alakompass.urls", "reports.urls"),
        ("alakompass", "alakompass.celery"),
        ("programs.services", "django.db"),
    ]
    for importer, imported in allowed:
        assert rule_broken(importer, imported) is None, (importer, imported)
    refused = [
        ("programs.models", "assessments.models"),
        ("programs.selectors", "reports"),
        ("assessments.services", "reports.tasks"),
        ("reports.views", "demo.build"),
        ("assessments.tasks", "alakompass.celery"),
        ("programs.urls", "alakompass.urls"),
        ("alakompass.uploads", "programs.models"),
        ("alakompass.spreadsheets", "alakompass.settings"),
    ]
    for importer, imported in refused:
        assert rule_broken(importer, imported), (importer, imported)


def test_no_services_module_imports_a_tasks_module_so_tasks_depend_on_services_one_way():
    """Tasks take ids and call services; services queue a task by its registered name."""
    found = []
    for relative, source in project_files():
        importer = module_name(relative)
        if "services" not in importer.split("."):
            continue
        tree = ast.parse(source, filename=str(relative))
        is_package = relative.name == "__init__.py"
        for line, imported in imported_modules(tree, importer=importer, is_package=is_package):
            if imported.split(".")[-1] == "tasks" or ".tasks." in imported:
                found.append(f"{relative}:{line}: {importer} imports {imported}")
    assert not found, "\n".join(found)
