"""`triable new`: a questionnaire, from the attributes' own questions, that writes a case file."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from triable.engine.errors import Location, UnusableInput

from .options import RUBRICS_OPTION

if TYPE_CHECKING:
    from triable.engine.library import Library

#: Marks what the student must still supply; the file is valid, and honest about it.
TO_CITE = "TO BE CITED: the record cite (e.g. Pl. Tr. 40:19-41:19)"
TO_COMPLETE = "TO BE COMPLETED"
STATUSES = ("pretrial_detainee", "arrestee", "convicted_prisoner", "free_person")


def _first_undecodable(text: str) -> int | None:
    """Where a byte that was not UTF-8 sits in ``text`` (Python reads such bytes, in a
    command line and under some locales in standard input, as lone surrogates)."""
    return next((i for i, c in enumerate(text) if "\udc80" <= c <= "\udcff"), None)


def _check_options(options: dict[str, list[str | None]]) -> None:
    from triable.engine.errors import UsageError

    for option, values in options.items():
        for value in values:
            if value and _first_undecodable(value) is not None:
                raise UsageError("U011", f"{option} is not UTF-8 text; write it in UTF-8")


def _not_utf8(label: str, byte: int, line: int, col: int) -> UnusableInput:
    from ..reading import STDIN_NAME

    return UnusableInput(
        "F005",
        f"the answer to '{label}' is not UTF-8 text (byte 0x{byte:02x}); answer in UTF-8",
        Location(STDIN_NAME, line, col),
    )


def command(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the case here (default: standard output)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    caption: str | None = typer.Option(None, "--caption", help="e.g. 'Ali v. Ramos'."),
    court: str | None = typer.Option(None, "--court", help="The court deciding the motion."),
    plaintiff: str | None = typer.Option(None, "--plaintiff", help="The plaintiff's name."),
    status: str | None = typer.Option(
        None, "--status", help="The plaintiff's status: " + ", ".join(STATUSES) + "."
    ),
    defendants: list[str] = typer.Option(
        [], "--defendant", metavar="ID:NAME:ROLE", help="A defendant, e.g. ramos:T. Ramos:Officer."
    ),
    claims: list[str] = typer.Option(
        [], "--claim", metavar="CLAIM:DEF1,DEF2", help="A claim and the defendants it is against."
    ),
    incident_date: str | None = typer.Option(
        None, "--incident-date", metavar="YYYY-MM-DD", help="When the force was used."
    ),
    answers: list[str] = typer.Option(
        [], "--answer", metavar="ATTR=VALUE", help="An answer to one of the claims' questions."
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help="Ask nothing: take everything from the options (for scripts)."
    ),
    rubrics: Path | None = RUBRICS_OPTION,
) -> None:
    """Ask the basics and the plain questions the chosen claims' tests read; write a case.

    Each answer becomes a placeholder fact offered by the plaintiff, marked for the real
    record cite. Blank answers are skipped. With --no-input nothing is asked.

    Example: triable new --output cases/my_case.yaml
    """
    from triable.engine.errors import TriableError, UsageError

    from .. import session
    from ..output import write_output

    _check_options(
        {
            "--caption": [caption],
            "--court": [court],
            "--plaintiff": [plaintiff],
            "--status": [status],
            "--incident-date": [incident_date],
            "--defendant": list(defendants),
            "--claim": list(claims),
            "--answer": list(answers),
        }
    )
    library = session.library(rubrics)
    answered_lines = 0

    def prompt(label: str, **options: Any) -> Any:
        nonlocal answered_lines
        answered_lines += 1
        try:
            answer = typer.prompt(label, **options)
        except UnicodeDecodeError as exc:
            raise _not_utf8(label, exc.object[exc.start], answered_lines, exc.start + 1) from None
        bad = _first_undecodable(str(answer))
        if bad is not None:
            raise _not_utf8(label, ord(answer[bad]) - 0xDC00, answered_lines, bad + 1)
        return answer

    if output is not None and output.exists() and not force:
        # Refuse before asking anything, not after the student has typed every answer.
        write_output("", output, force=False)

    def ask(label: str, parse: Callable[[str], Any], option: str, default: str = "") -> Any:
        if no_input:
            raise UsageError("U010", f"{option} is required with --no-input")
        while True:
            text = prompt(label, default=default, show_default=bool(default))
            try:
                return parse(text)
            except TriableError as exc:
                typer.echo(f"  {exc.message}", err=True)

    def given(value: str | None, parse: Callable[[str], Any], label: str, option: str) -> Any:
        return parse(value) if value is not None else ask(label, parse, option)

    caption_v = given(caption, _text("caption"), "Caption (e.g. Ali v. Ramos)", "--caption")
    if court is None and not no_input:
        court = prompt("Court", default=TO_COMPLETE)
    court_v = _text("court")(court or TO_COMPLETE)
    plaintiff_v = given(plaintiff, _text("plaintiff"), "Plaintiff's name", "--plaintiff")
    status_v = given(status, _status, f"Plaintiff's status ({', '.join(STATUSES)})", "--status")
    date_v = given(incident_date, _date, "Incident date (YYYY-MM-DD)", "--incident-date")

    people: dict[str, dict[str, str]] = {}
    for text in defendants:
        _add_defendant(people, text)
    while not people or (not no_input and not defendants):
        if no_input:
            raise UsageError("U010", "--defendant ID:NAME:ROLE is required with --no-input")
        text = prompt(
            "Defendant as id:Name:Role (blank when done)"
            if people
            else "Defendant as id:Name:Role",
            default="",
            show_default=False,
        )
        if not text.strip() and people:
            break
        try:
            _add_defendant(people, text)
        except TriableError as exc:
            typer.echo(f"  {exc.message}", err=True)

    asserted: dict[str, list[str]] = {}
    for text in claims:
        _add_claim(library, people, asserted, text)
    if not asserted and no_input:
        raise UsageError("U010", "--claim CLAIM:DEF1,DEF2 is required with --no-input")
    if not claims and not no_input:
        typer.echo("Claims: " + ", ".join(library.claims))
        everyone = ",".join(people)
        while True:
            text = prompt(
                f"Claim as claim:{everyone} (blank when done)"
                if asserted
                else f"Claim as claim:{everyone}",
                default="",
                show_default=False,
            )
            if not text.strip() and asserted:
                break
            try:
                _add_claim(library, people, asserted, text)
            except TriableError as exc:
                typer.echo(f"  {exc.message}", err=True)

    answered = _answers(library, people, answers)
    if not no_input:
        for attribute_id in questions(library, list(asserted)):
            if attribute_id in answered:
                continue
            attribute = library.attributes[attribute_id]
            hint = _hint(library, attribute_id, people)
            while True:
                text = prompt(
                    f"{attribute.question} [{hint}; blank to skip]", default="", show_default=False
                )
                if not text.strip():
                    break
                try:
                    answered.update(_answers(library, people, [f"{attribute_id}={text}"]))
                    break
                except TriableError as exc:
                    typer.echo(f"  {exc.message}", err=True)

    data = {
        "caption": caption_v,
        "court": court_v,
        "incident_date": date_v,
        "plaintiff": {"name": plaintiff_v, "status": status_v},
        "defendants": people,
        "claims": asserted,
        "answers": answered,
    }
    text = case_yaml(library, data, _schema_path(output))
    _check(library, text, output)
    write_output(text, output, force=force, inputs=session.inputs([], rubrics))
    if output is not None:
        typer.echo(
            f"wrote {output}: complete each fact marked '{TO_COMPLETE}' or 'TO BE CITED', add "
            f"the defendants' versions, then run: triable check {output}",
            err=True,
        )


def questions(library: Library, claims: list[str]) -> list[str]:
    """The attributes the claims' tests read, in the vocabulary's order."""
    from triable.engine.law import Law

    law = Law(library)
    read: set[str] = set()
    for claim in claims:
        read |= law.claim_reads.get(claim, frozenset())
    return [a for a, attr in library.attributes.items() if a in read and not attr.from_case]


# --- parsing the answers ------------------------------------------------------------------


def _text(what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        from triable.engine.errors import UsageError

        if not text.strip():
            raise UsageError("U011", f"the {what} cannot be blank")
        return text.strip()

    return parse


def _status(text: str) -> str:
    from triable.engine.errors import UsageError
    from triable.engine.spelling import did_you_mean as suggest

    if text.strip() not in STATUSES:
        raise UsageError(
            "U011",
            f"'{text}' is not a status{suggest(text.strip(), STATUSES)}; write one of: "
            + ", ".join(STATUSES),
        )
    return text.strip()


def _date(text: str) -> dt.date:
    from triable.engine.errors import UsageError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError("U011", f"'{text}' is not a date: write YYYY-MM-DD") from None


def _add_defendant(people: dict[str, dict[str, str]], text: str) -> None:
    import re

    from triable.engine.errors import UsageError
    from triable.engine.model.base import ID_PATTERN

    parts = [p.strip() for p in text.split(":")]
    if len(parts) != 3 or not all(parts):
        raise UsageError("U012", f"'{text}' is not ID:NAME:ROLE, e.g. ramos:T. Ramos:Court Officer")
    ident, name, role = parts
    if not re.fullmatch(ID_PATTERN, ident):
        raise UsageError(
            "U012",
            f"'{ident}' is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter",
        )
    if ident in people:
        raise UsageError("U012", f"defendant '{ident}' is given twice")
    people[ident] = {"name": name, "role": role}


def _add_claim(
    library: Library, people: dict[str, Any], asserted: dict[str, list[str]], text: str
) -> None:
    from triable.engine.errors import UsageError
    from triable.engine.spelling import did_you_mean as suggest

    claim, sep, against = text.partition(":")
    claim = claim.strip()
    if claim not in library.claims:
        raise UsageError(
            "U013",
            f"unknown claim '{claim}'{suggest(claim, library.claims)}; claims: "
            + ", ".join(library.claims),
        )
    names = [n.strip() for n in against.split(",") if n.strip()] if sep else list(people)
    for name in names:
        if name not in people:
            raise UsageError(
                "U013", f"unknown defendant '{name}' in --claim '{text}'{suggest(name, people)}"
            )
    if not names:
        raise UsageError("U013", f"--claim '{text}' names no defendant")
    asserted[claim] = sorted(set(asserted.get(claim, [])) | set(names), key=list(people).index)


def _answers(library: Library, people: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    from triable.engine.errors import UsageError
    from triable.engine.whatif import parse_assignment

    out: dict[str, Any] = {}
    for text in texts:
        edit = parse_assignment(library, text, list(people))
        if library.attributes[edit.attribute].from_case:
            raise UsageError("U014", f"'{edit.attribute}' comes from --status, not from an answer")
        out[edit.attribute] = edit.value
    return out


def _hint(library: Library, attribute_id: str, people: dict[str, Any]) -> str:
    attribute = library.attributes[attribute_id]
    kind = attribute.type.value
    if kind == "boolean":
        return "true/false"
    if kind == "ordinal":
        return "/".join(attribute.levels or [])
    if kind == "number":
        return f"a number of {attribute.unit}"
    return "comma list of " + ", ".join(people) + ", or none"


# --- the file -----------------------------------------------------------------------------


def _q(value: Any) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML and never read as a
    boolean or a date."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def case_yaml(library: Library, data: dict[str, Any], schema: str) -> str:
    from triable.engine.whatif import show_value

    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        "# Written by `triable new`. Each fact below is a placeholder from your answers:",
        "# restate it as the record says it, replace the cite with the real record cite, set",
        "# who offers it and the kind of evidence, and add the other side's versions.",
        "kind: case",
        f"caption: {_q(data['caption'])}",
        f"court: {_q(data['court'])}",
        f"incident_date: {data['incident_date'].isoformat()}",
        "plaintiff:",
        f"  name: {_q(data['plaintiff']['name'])}",
        f"  status: {data['plaintiff']['status']}",
        "defendants:",
    ]
    for ident, person in data["defendants"].items():
        lines.append(f"  {ident}: {{name: {_q(person['name'])}, role: {_q(person['role'])}}}")
    lines.append("claims:")
    for claim, against in data["claims"].items():
        lines += [f"  - claim: {claim}", f"    against: [{', '.join(against)}]"]
    defenses = [test_id for test_id, test in library.tests.items() if test.form == "defense"]
    for defense in defenses[:1]:
        lines += [
            "# defenses:",
            f"#   - defense: {defense}",
            f"#     raised_by: [{', '.join(data['defendants'])}]",
            "#     cite: the brief raising it",
        ]
    lines += [
        "motion:",
        "  movant: defendants",
        f"  cite: {_q(TO_CITE)}",
        "  rule_56_1:",
        "    non_movant_complied: true",
        "    treatment: responses_considered",
    ]
    answers = data["answers"]
    if not answers:
        lines.append("facts: {}")
    else:
        lines.append("facts:")
    for attribute_id in [a for a in library.attributes if a in answers]:
        attribute = library.attributes[attribute_id]
        value = answers[attribute_id]
        lines += [
            f"  {attribute_id}:",
            f"    text: {_q(f'{TO_COMPLETE}: {attribute.question} Answer: {show_value(value)}.')}",
            "    offered_by: plaintiff",
            f"    cite: {_q(TO_CITE)}",
            "    evidence: deposition",
            "    establishes:",
            f"      {attribute_id}: {_q(value)}",
        ]
    return "\n".join(lines) + "\n"


def _schema_path(output: Path | None) -> str:
    """The committed case schema, relative to where the file goes, when there is one."""
    folder = (output.parent if output is not None else Path(".")).resolve()
    for parent in [folder, *folder.parents]:
        candidate = parent / "schema" / "case.schema.json"
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return "../schema/case.schema.json"


def _check(library: Library, text: str, output: Path | None) -> None:
    """The file as written must load and fit the library; anything else is a bug here."""
    from triable.engine.errors import InvalidDocument, TriableError
    from triable.engine.lint import lint_case

    from ..documents import locate_findings, validate_source
    from ..yaml_source import parse

    source = parse(text, str(output or "<new case>"))
    loaded = validate_source(source, frozenset({"case"}))
    errors = [f for f in lint_case(loaded.model, library, source.path) if f.severity == "error"]
    findings: list[TriableError] = locate_findings(errors, {source.path: source})
    if findings:
        raise InvalidDocument(findings)
