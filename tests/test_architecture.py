"""Import rules between newsgraph's packages, read from the source with `ast` (nothing is imported).

A package is the first folder under src/newsgraph (`extract`, `store`, ...) or a top-level module (`nlp`,
`pipeline`, ...); each extractor family under extract (`extract/events`, `extract/places`, ...) is a package of its
own too. Underscore names are private to their package: another package that needs one gets a public name
instead, so that a package's private helpers can change without breaking its neighbours.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import newsgraph

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsgraph"


@dataclass(frozen=True)
class Import:
    path: Path  # the importing file
    line: int
    module: str  # the imported module, absolute ("newsgraph.clean.words")
    names: tuple[str, ...]  # the names taken from it (`from M import a, b`); () for `import M`
    in_function: bool  # imported when a function runs, not when the module loads


def _module_of(path: Path) -> list[str]:
    parts = ["newsgraph", *path.relative_to(SRC).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


# The subpackages of extract that count as packages: one per extractor family (outgrown files become these).
SUBPACKAGES = ("extract.entities", "extract.events", "extract.places", "extract.quotes")


def package_of(module: str) -> str:
    """The package a module belongs to: "newsgraph.extract.quotes.marks" -> "extract.quotes",
    "newsgraph.extract.dates" -> "extract", "newsgraph.nlp" -> "nlp", "newsgraph" -> "" (the top-level __init__)."""
    parts = module.split(".")
    if len(parts) > 2 and f"{parts[1]}.{parts[2]}" in SUBPACKAGES:
        return f"{parts[1]}.{parts[2]}"
    return parts[1] if len(parts) > 1 else ""


def imports() -> list[Import]:
    """Every import of a newsgraph module in src/newsgraph, function-level and TYPE_CHECKING ones included."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        here = _module_of(path)
        is_init = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        in_function = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                       for n in ast.walk(f)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    # `from .x import y` is relative to the importing module's package
                    base = here if is_init else here[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                if module == "newsgraph" or module.startswith("newsgraph."):
                    out.append(Import(path, node.lineno, module, tuple(a.name for a in node.names),
                                      id(node) in in_function))
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name == "newsgraph" or a.name.startswith("newsgraph."):
                        out.append(Import(path, node.lineno, a.name, (), id(node) in in_function))
    return out


def _where(imp: Import) -> str:
    return f"{imp.path.relative_to(ROOT)}:{imp.line}"


def test_the_walker_sees_relative_function_level_and_absolute_imports():
    found = {(imp.path.relative_to(SRC).as_posix(), imp.module) for imp in imports()}
    assert ("extract/entities/stage.py", "newsgraph.model") in found  # from ...model import ...
    assert ("extract/entities/stage.py", "newsgraph.extract") in found  # from .. import Stage
    assert ("extract/entities/stage.py", "newsgraph.extract.entities.mentions") in found  # from .mentions import ...
    assert ("extract/entities/mentions.py", "newsgraph.clean.words") in found  # inside a function
    assert ("extract/places/mentions.py", "newsgraph.extract.entities") in found  # from ..entities import ...
    assert ("__init__.py", "newsgraph.pipeline") in found  # from .pipeline, in the top-level __init__
    assert package_of("newsgraph.extract.quotes.marks") == "extract.quotes"
    assert package_of("newsgraph.extract.quotes") == "extract.quotes"
    assert package_of("newsgraph.extract.dates") == "extract" and package_of("newsgraph.extract") == "extract"
    assert package_of("newsgraph.nlp") == "nlp"


def test_every_extract_subpackage_counts_as_a_package():
    # A family that becomes a subpackage of extract is a package for these rules: listed in SUBPACKAGES.
    found = {f"extract.{p.parent.name}" for p in (SRC / "extract").glob("*/__init__.py")}
    assert found == set(SUBPACKAGES)


def test_no_package_imports_another_packages_private_names():
    bad = [
        f"{_where(imp)}: from {imp.module} import {name}"
        for imp in imports()
        for name in imp.names
        if name.startswith("_") and not name.endswith("__")  # dunders (__version__) are public
        and package_of(imp.module) != package_of(".".join(_module_of(imp.path)))
    ]
    assert not bad, "private names imported across packages (give them a public name):\n" + "\n".join(bad)


def test_other_packages_import_an_extract_family_through_its_init():
    # A family's __init__ exports what the rest of newsgraph uses of it; its modules are its own business.
    bad = [f"{_where(imp)}: {imp.module}" for imp in imports()
           if package_of(imp.module) in SUBPACKAGES
           and package_of(imp.module) != package_of(".".join(_module_of(imp.path)))
           and imp.module != "newsgraph." + package_of(imp.module)]
    assert not bad, "modules of an extract family imported from outside it (import its package):\n" + "\n".join(bad)


def test_the_store_does_not_import_the_pipeline():
    # The pipeline writes to the store; the store reading back from the pipeline would be a cycle of layers.
    bad = [_where(imp) for imp in imports()
           if imp.path.relative_to(SRC).parts[0] == "store" and package_of(imp.module) == "pipeline"]
    assert not bad, "the store imports newsgraph.pipeline: " + ", ".join(bad)


def test_the_store_does_not_import_the_cross_source_analysis_when_it_loads():
    # crosssource clusters what the store holds and has the store write the rows (Store.replace_incidents): the
    # store knows tables, not analyses. A read that compares against crosssource's stamp may import it when it runs.
    bad = [_where(imp) for imp in imports()
           if imp.path.relative_to(SRC).parts[0] == "store" and package_of(imp.module) == "crosssource"
           and not imp.in_function]
    assert not bad, "the store imports newsgraph.crosssource at module level: " + ", ".join(bad)


def test_runtime_code_does_not_import_the_gazetteer_build_script():
    # geo/build.py only builds the index; runtime code reads geo/names.py, geo/version.py and the index.
    # geo/gazetteer.py runs the build when the index is missing: it alone may import it, inside that function.
    bad = [_where(imp) for imp in imports()
           if (imp.module == "newsgraph.geo.build" or (imp.module == "newsgraph.geo" and "build" in imp.names))
           and not (imp.path == SRC / "geo" / "gazetteer.py" and imp.in_function)]
    assert not bad, "runtime code imports the gazetteer build script: " + ", ".join(bad)


def test_only_config_reads_the_environment():
    # Settings are read once, in config.py, so that `newsgraph config` shows all of them.
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "config.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb")
                    and isinstance(node.value, ast.Name) and node.value.id == "os") \
                    or (isinstance(node, ast.ImportFrom) and node.module == "os"
                        and any(a.name in ("environ", "getenv") for a in node.names)):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "environment read outside config.py: " + ", ".join(bad)


def _readme_exports() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    para = next(p for p in readme.split("\n\n") if "(`newsgraph.__all__`)" in p)
    return set(re.findall(r"`([A-Za-z_][\w.]*)`", para)) - {"newsgraph.__all__"}


def test_every_public_name_is_importable():
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name, None) is not None, name


def test_public_names_are_the_ones_the_readme_documents():
    assert set(newsgraph.__all__) == _readme_exports()
    assert len(newsgraph.__all__) == len(set(newsgraph.__all__))


# SQL is written in store/ only (issue 21): the CLI, the web app and the library ask the store's read methods.
# geo/ reads and builds its own gazetteer (a SQLite file of its own, not the store); crosssource still reads
# the store's tables in SQL itself.
SQL_ALLOWED = ("store/", "geo/", "crosssource.py")
SQL_WORDS = re.compile(r"\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (?:TABLE|INDEX)|DROP TABLE)\b")


def sql_literals(src: Path = SRC) -> list[str]:
    """Where a string literal (f-strings' parts too) outside the allowed modules holds an SQL statement."""
    out = []
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        if rel.startswith(SQL_ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WORDS.search(node.value):
                out.append(f"{rel}:{node.lineno}")
    return out


def test_sql_is_written_in_the_store_only():
    assert not sql_literals(), "SQL outside store/ (add a read method to the store's read mixins instead)"


def test_the_sql_check_sees_sql_in_string_literals(tmp_path: Path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "reads.py").write_text('Q = "SELECT 1"\n')
    (tmp_path / "cli.py").write_text('def f(store):\n    return store.query(f"SELECT id FROM {store}")\n')
    assert sql_literals(tmp_path) == ["cli.py:2"]
