"""The `triable` command: verbs are registered here, errors are caught here once.

Each verb's module is imported by the verb itself when it runs, so that `triable check`
loads only what checking needs.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING, Any

from triable.engine.errors import InvalidDocument, TriableError

from .printable import printable

if TYPE_CHECKING:
    import typer

EXIT_INTERNAL = 3

HELP = (
    "Does each claim survive summary judgment? triable applies the summary-judgment "
    "standard to a fact pattern (a YAML case file) through legal tests (YAML rubrics), "
    "element by element, and explains every outcome with facts, record cites and "
    "authorities.\n\nStart with: triable check cases/ali_v_ramos.yaml"
)


#: Every verb, in the order ``triable --help`` lists them.
VERBS = ("check", "validate", "test", "whatif", "pivots", "schema", "new", "rubric")


@cache
def _app(verb: str | None = None) -> typer.Typer:
    """The command line: every verb, or only ``verb`` when the command line names one,
    so that a run imports (and the parser builds) only the verb it runs."""
    import importlib

    import typer

    app = typer.Typer(
        name="triable",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def _version(value: bool) -> None:
        if value:
            from importlib.metadata import PackageNotFoundError, version

            try:
                typer.echo(f"triable {version('triable')}")
            except PackageNotFoundError:
                typer.echo("triable (not installed)")
            raise typer.Exit()

    @app.callback()
    def _root(
        show_version: bool = typer.Option(
            False,
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ) -> None:
        """Global options."""

    for name in (verb,) if verb in VERBS else VERBS:
        module = importlib.import_module(f"{__package__}.commands.{name}")
        if name == "rubric":
            app.add_typer(module.app, name=name)
        else:
            app.command(name)(module.command)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every user error becomes one line per finding and an exit code."""
    try:
        return _run_command_line(argv)
    except InvalidDocument as exc:
        for finding in exc.findings:
            print(printable(str(finding)), file=sys.stderr)
        return exc.exit_code
    except TriableError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("triable: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            return 2
        # The one place an unexpected crash becomes a message instead of a traceback.
        print(
            f"triable: internal error ({type(exc).__name__}: {printable(str(exc))}); this is a "
            "bug in triable, "
            "not in your files — please report it with the command you ran",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    except BaseException as exc:
        if not _interrupted_in_native_code(exc):
            raise
        print("triable: interrupted", file=sys.stderr)
        return 130


def _run_command_line(argv: list[str] | None) -> int:
    import typer

    args = sys.argv[1:] if argv is None else argv
    app = _app(args[0] if args else None)
    try:
        result = app(args=argv, prog_name="triable", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort as exc:
        interrupted = isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt)
        print(f"triable: {'interrupted' if interrupted else 'aborted'}", file=sys.stderr)
        return 130
    if result == 130:  # Ctrl-C, which the command-line library turns into a silent exit
        print("triable: interrupted", file=sys.stderr)
    return result if isinstance(result, int) else 0


def _interrupted_in_native_code(exc: BaseException) -> bool:
    """Ctrl-C that landed inside a compiled extension, which may turn it into its own
    exception (pydantic-core reports a panic that names the interrupt)."""
    return type(exc).__name__ == "PanicException" and "KeyboardInterrupt" in str(exc)


def _is_usage_error(exc: Exception) -> bool:
    """The command-line parser's own errors (bad option, missing argument)."""
    return hasattr(exc, "show") and hasattr(exc, "exit_code") and hasattr(exc, "format_message")


def run() -> None:
    """The console command."""
    import gc
    import os

    # triable's models are its own: pydantic plugins installed for other programs are not
    # loaded into it, and looking for them would cost every run a scan of the installed
    # packages.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = main()
    # On the way out the interpreter collects garbage over every object still alive, more
    # than once, only to free memory the system takes back at exit anyway: measured, about
    # 50 ms of a 350 ms `check`. Output is written and flushed by now, files are closed, and
    # nothing triable holds needs finalizing, so the objects alive now are left to the exit.
    gc.freeze()
    sys.exit(code)
