"""Dependencies point one way: each app imports only the layers below it, so a reader can tell
from the imports what an app may know; and no module grows past 400 lines."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: core holds rules every app shares (core/text.py). loti_okr (settings, URLs,
# error pages, the page cache) is the top layer only.
pytestmark = pytest.mark.django_db  # the session's database fixtures need one, run alone

LAYERS = [
    {"core"},
    {"boroughs", "workstreams", "partners"},
    {"accounts"},
    {"objectives"},
    {"notifications"},
    {"api"},
]
LAYERS.append({"loti_okr"})
LAYER_OF = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}


def modules(app):
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and path.name != "settings.py"
    ]


def imported_apps(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_no_layer_above_it(app):
    above = [
        (path.relative_to(ROOT).as_posix(), imported)
        for path in modules(app)
        for imported in imported_apps(path)
        if LAYER_OF.get(imported, -1) > LAYER_OF[app]
    ]
    assert not above, above


def test_no_module_is_over_400_lines():
    long = [
        (path.relative_to(ROOT).as_posix(), n)
        for app in LAYER_OF
        for path in modules(app)
        if (n := len(path.read_text().splitlines())) > 400
    ]
    assert not long, long
