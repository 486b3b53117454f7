"""`triable validate`: schema and cross-reference checks of rubric and case files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from .options import RUBRICS_OPTION


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@dataclass(frozen=True, order=True)
class Row:
    """One finding as printed: where, what, how bad."""

    path: str
    line: int | None
    col: int | None
    code: str
    severity: str
    message: str

    @property
    def unusable(self) -> bool:
        return self.code[0] in "FY"


@dataclass
class FileResult:
    """What reading one file produced: its model, or the findings that stopped it."""

    path: str
    loaded: Any = None
    rows: list[Row] = field(default_factory=list)
    #: The file's `kind:`, read from its text when the model did not load.
    kind: str | None = None


_KIND = re.compile(r"^kind:\s*['\"]?([a-z_]+)", re.MULTILINE)


def command(
    paths: list[Path] = typer.Argument(
        None,
        help="Rubric and case files, or folders of them (default: the bundled rubrics).",
        show_default=False,
    ),
    fmt: OutputFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="text (default), json, or github workflow annotations (the default under "
        "GitHub Actions).",
        show_default=False,
    ),
    rubrics: Path | None = RUBRICS_OPTION,
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, help="Read files in this many processes (0: one per core)."
    ),
) -> int:
    """Check rubric and case files: schema, then cross-references between them.

    Files are told apart by their `kind:`. Rubric files named here (or under --rubrics)
    form the library that case files are checked against; without any, the bundled
    rubrics are. Prints one line per finding, `path:line:col: CODE message`.
    Exit 0 when clean (warnings allowed), 1 on findings, 2 on unusable input.

    Example: triable validate rubrics cases
    """
    from triable.cli.documents import default_rubrics

    if fmt is None:
        fmt = (
            OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT
        )
    targets = list(paths or [])
    if not targets and rubrics is None:
        targets = [default_rubrics()]
    rows, checked, held_back = validate(targets, rubrics, jobs)
    if not checked and not rows:
        typer.echo("triable: no .yaml or .yml files found in the paths given", err=True)
        return 2
    typer.echo(render(rows, fmt), nl=False)
    if fmt is OutputFormat.TEXT:
        typer.echo(summary(rows, checked, held_back), err=True)
    if any(r.unusable for r in rows):
        return 2
    return 1 if any(r.severity == "error" for r in rows) else 0


# --- collecting and checking -----------------------------------------------------------------


def validate(
    targets: Sequence[Path], rubrics: Path | None, jobs: int
) -> tuple[list[Row], int, int]:
    """Every finding in ``targets`` (and the --rubrics folder), in file then line order; the
    number of files checked; how many cross-reference findings were held back."""
    from triable.cli.documents import RUBRIC_KINDS, partial_library, rubric_files
    from triable.engine.errors import TriableError
    from triable.engine.lint import lint_case, lint_coverage, lint_library

    rows: list[Row] = []
    files: list[Path] = []
    from_rubrics: set[str] = set()
    if rubrics is not None:
        try:
            found, problems = rubric_files(rubrics)
        except TriableError as exc:
            found, problems = [], [exc]
        rows += [_row(p) for p in problems]
        files += found
        from_rubrics = {str(p) for p in found}
    # The --rubrics folder first, so a file named on the command line that repeats one of
    # its ids is the one reported as the duplicate.
    named, problems = _expand(targets)
    rows += [_row(p) for p in problems]
    files = _unique(files + named)
    order = {str(p): i for i, p in enumerate(files)}

    results = _read_all([str(p) for p in files], jobs)
    rubric_docs: list[Any] = []
    case_docs: list[Any] = []
    failed_kinds: set[str] = set()
    rubric_files_given = rubrics is not None
    for result in results:
        rows += result.rows
        kind = result.loaded.kind if result.loaded is not None else result.kind
        if kind in RUBRIC_KINDS or result.path in from_rubrics:
            rubric_files_given = True
        if result.loaded is None:
            if kind is not None:
                failed_kinds.add(kind)
            continue
        (case_docs if kind == "case" else rubric_docs).append(result.loaded)

    findings = []
    sources = {doc.path: doc.source for doc in (*rubric_docs, *case_docs)}
    if rubric_files_given:
        library = partial_library(rubric_docs)
        if rubric_docs:
            findings += lint_library(library, rubric_docs)
            if case_docs:
                findings += lint_coverage(library, rubric_docs, [d.model for d in case_docs])
    elif case_docs:
        from triable.cli.documents import load_library

        library = load_library()[0]
    if case_docs and (rubric_docs or not rubric_files_given):
        for doc in case_docs:
            findings += lint_case(doc.model, library, doc.path)

    held_back = 0
    for finding in findings:
        if _held_back(finding.refers_to, failed_kinds):
            held_back += 1
            continue
        source = sources.get(finding.file)
        where = source.locate(finding.at, key=finding.key) if source else None
        rows.append(
            Row(
                finding.file,
                where.line if where else None,
                where.col if where else None,
                finding.code,
                finding.severity,
                finding.message,
            )
        )
    rows.sort(key=lambda r: (order.get(r.path, len(order)), r.line or 0, r.col or 0, r.code))
    return rows, len(files), held_back


def _held_back(refers_to: str | None, failed: set[str]) -> bool:
    """A cross-reference finding that may only echo a rubric file that did not load."""
    if refers_to is None or not failed:
        return False
    if refers_to == "any":
        return True
    return refers_to in failed


def _expand(targets: Iterable[Path]) -> tuple[list[Path], list[Any]]:
    """Files named, and the YAML files under folders named (hidden folders skipped); and
    what under those folders could not be read."""
    from triable.cli.folders import yaml_files

    out: list[Path] = []
    problems: list[Any] = []
    for target in targets:
        if target.is_dir():
            found, unread = yaml_files(target, (".yaml", ".yml"), skip_hidden=True)
            out += found
            problems += unread
        else:
            out.append(target)
    return out, problems


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for path in paths:
        try:
            key = path.resolve() if path.exists() else path
        except OSError:  # a link that loops: reading it says so
            key = path
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _read_all(paths: list[str], jobs: int) -> list[FileResult]:
    from ..parallel import map_in_order, workers

    if workers(jobs) > 1 and len(paths) > 1:
        from triable.cli.documents import build_validators

        build_validators()
    return map_in_order(read_one, paths, jobs)


def read_one(path: str) -> FileResult:
    """Read, parse and schema-check one file; never raises for bad input."""
    from triable.cli.documents import validate_source
    from triable.cli.yaml_source import parse, read_text, source_name
    from triable.engine.errors import InvalidDocument, TriableError

    result = FileResult(path)
    try:
        text = read_text(Path(path))
    except TriableError as exc:
        result.rows.append(_row(exc))
        return result
    match = _KIND.search(text)
    result.kind = match.group(1) if match else None
    try:
        source = parse(text, source_name(path))
        result.loaded = validate_source(source)
    except InvalidDocument as exc:
        result.rows += [_row(f) for f in exc.findings]
        result.loaded = _partly(source)
    except TriableError as exc:
        result.rows.append(_row(exc))
    return result


def _partly(source: Any) -> Any:
    """A case file whose schema failed, as far as it validates: its cross-references are
    still worth checking."""
    from triable.cli.documents import Loaded
    from triable.cli.partial import partial_case

    if not isinstance(source.data, dict) or source.data.get("kind") != "case":
        return None
    model = partial_case(source.data)
    return Loaded(source, "case", model) if model is not None else None


def _row(error: Any) -> Row:
    where = error.where
    return Row(
        where.path if where else "",
        where.line or None if where else None,
        where.col or None if where else None,
        error.code,
        "error",
        error.message,
    )


# --- output ----------------------------------------------------------------------------------


def render(rows: list[Row], fmt: OutputFormat) -> str:
    from ..printable import printable

    rows = [
        Row(printable(r.path), r.line, r.col, r.code, r.severity, printable(r.message))
        for r in rows
    ]
    if fmt is OutputFormat.JSON:
        import json

        return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt is OutputFormat.GITHUB:
        return "".join(_annotation(r) + "\n" for r in rows)
    return "".join(_text(r) + "\n" for r in rows)


def _text(row: Row) -> str:
    where = f"{row.path}:{row.line}:{row.col}" if row.line else row.path
    warning = "warning: " if row.severity == "warning" else ""
    return f"{where}: {row.code} {warning}{row.message}"


def _annotation(row: Row) -> str:
    props = [f"file={_escape_property(row.path)}"]
    if row.line:
        props += [f"line={row.line}", f"col={row.col}"]
    props.append(f"title={row.code}")
    return f"::{row.severity} {','.join(props)}::{_escape_data(row.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(rows: list[Row], checked: int, held_back: int) -> str:
    files = "1 file" if checked == 1 else f"{checked} files"
    if not rows:
        return f"{files} checked: no findings"
    errors = sum(1 for r in rows if r.severity == "error")
    warnings = len(rows) - errors
    parts = [_plural(errors, "error")] if errors else []
    if warnings:
        parts.append(_plural(warnings, "warning"))
    with_findings = len({r.path for r in rows})
    line = f"{' and '.join(parts)} in {with_findings} of {files}"
    if held_back:
        line += (
            f"; {_plural(held_back, 'cross-reference finding')} held back until the rubric "
            "files above load"
        )
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
