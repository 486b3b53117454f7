"""A plain `triable check`, run without building the command line.

Building the command line (typer, every verb's module) costs more than checking a case, and
an editor re-checks a case on every save; so nothing here imports the command-line library.
"""

from __future__ import annotations

from pathlib import Path

from .output import write_output
from .render import Format, renderer
from .startup import resume_collector


def run(
    cases: list[Path], fmt: Format, rubrics: Path | None, output: Path | None, force: bool
) -> None:
    from . import cache

    entry = cache_entry(cases, fmt, rubrics)
    text = cache.load(entry)
    if isinstance(text, str):
        write_output(text, output, force=force)
        return

    from . import session

    engine = session.engine(rubrics)
    resume_collector()
    reports = [engine.evaluate(session.case(path, engine.library)) for path in cases]
    options = {"colour": False} if fmt is Format.TEXT and output is not None else {}
    text = renderer(fmt)(reports, library=engine.library, **options)
    cache.store(entry, text)
    session.keep_compiled(engine)
    write_output(text, output, force=force)


def cache_entry(cases: list[Path], fmt: Format, rubrics: Path | None) -> str | None:
    """Where a rendered report is cached; None for the terminal format, which depends on
    the terminal."""
    if fmt is Format.TEXT:
        return None
    import triable.rubrics

    from . import cache

    folder = rubrics if rubrics is not None else Path(triable.rubrics.__file__).parent
    files: list[str | Path] = [*cases, *cache.rubric_files(folder)]
    return cache.key("report", files, fmt.value, str(folder.resolve()))


def run_directly(argv: list[str]) -> bool:
    """Run a plain `check` (case files and its options, nothing else). Anything else in
    ``argv`` — help, a typo, an unknown format — declines, and the ordinary command line
    runs and explains."""
    if not argv or argv[0] != "check":
        return False
    cases: list[Path] = []
    values: dict[str, str] = {}
    force = False
    tokens = iter(argv[1:])
    for token in tokens:
        name, _, inline = token.partition("=")
        if name in ("--format", "-f", "--rubrics", "--output", "-o"):
            value = inline or next(tokens, "")
            if not value:
                return False
            values[name.lstrip("-")[0] if name.startswith("--") else name[1]] = value
        elif token == "--force":
            force = True
        elif token.startswith("-"):
            return False
        else:
            cases.append(Path(token))
    try:
        fmt = Format(values.get("f", Format.TEXT.value))
    except ValueError:
        return False
    if not cases:
        return False
    rubrics = Path(values["r"]) if "r" in values else None
    output = Path(values["o"]) if "o" in values else None
    run(cases, fmt, rubrics, output, force)
    return True
