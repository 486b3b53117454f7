"""`triable new`: a questionnaire, from the attributes' own questions, that writes a case file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import typer

from triable.engine.errors import Location, UnusableInput

from ..draft import CASE_WIDE, TO_COMPLETE, Draft, case_yaml
from .options import RUBRICS_OPTION

if TYPE_CHECKING:
    from triable.engine.library import Library
    from triable.engine.model.base import Period

STATUSES = ("pretrial_detainee", "arrestee", "convicted_prisoner", "free_person")
#: More separate uses of force than anyone would answer questions about, one by one.
MOST_EPISODES = 12


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
    non_parties: list[str] = typer.Option(
        [],
        "--non-party",
        metavar="ID:NAME:ROLE[:civilian]",
        help="Someone the record names who is not a defendant: an officer not sued, or, ending "
        "':civilian', a private person. Answers may name them (who used force, who was there).",
    ),
    claims: list[str] = typer.Option(
        [], "--claim", metavar="CLAIM:DEF1,DEF2", help="A claim and the defendants it is against."
    ),
    incident_date: str | None = typer.Option(
        None,
        "--incident-date",
        metavar="YYYY-MM-DD",
        help="When the force was used; YYYY-MM or YYYY where the record gives only the "
        "month or the year.",
    ),
    episodes: list[str] = typer.Option(
        [],
        "--episode",
        metavar="ID:LABEL",
        help="A separate use of force (or event), in the order they happened, e.g. "
        "'spray:the pepper spray'. Give two or more; one is the whole case.",
    ),
    answers: list[str] = typer.Option(
        [],
        "--answer",
        metavar="[EPISODE.]ATTR=VALUE",
        help="An answer to one of the claims' questions, for one episode or the whole case.",
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help="Ask nothing: take everything from the options (for scripts)."
    ),
    rubrics: Path | None = RUBRICS_OPTION,
) -> None:
    """Ask the basics, the separate uses of force, and the plain questions the chosen claims'
    tests read for that plaintiff and kind of force; write a case.

    Each answer becomes a placeholder fact offered by the plaintiff, marked for the real
    record cite. Blank answers are skipped; '?' defines the levels of an answer. If input
    ends early, the answers given so far are written. With --no-input nothing is asked.

    Example: triable new --output cases/my_case.yaml
    """
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
            "--non-party": list(non_parties),
            "--claim": list(claims),
            "--episode": list(episodes),
            "--answer": list(answers),
        }
    )
    library = session.library(rubrics)
    if output is not None and output.exists() and not force:
        # Refuse before asking anything, not after the student has typed every answer.
        write_output("", output, force=False)
    given = Given(caption, court, plaintiff, status, incident_date, defendants, non_parties, claims)
    draft = Draft()
    interview = Interview(library, draft, no_input)
    try:
        interview.basics(given)
        interview.episodes(episodes)
        for text in answers:
            _answer(library, draft, text)
        interview.questions()
    except typer.Abort as exc:
        _ended_early(library, draft, output, force, rubrics, exc)
    _write(library, draft, output, force, rubrics)
    if output is not None:
        typer.echo(
            f"wrote {output}: complete each fact marked '{TO_COMPLETE}' or 'TO BE CITED', add "
            f"the defendants' versions, then run: triable check {output}",
            err=True,
        )


class Given(NamedTuple):
    caption: str | None
    court: str | None
    plaintiff: str | None
    status: str | None
    incident_date: str | None
    defendants: list[str]
    non_parties: list[str]
    claims: list[str]


def _write(
    library: Library, draft: Draft, output: Path | None, force: bool, rubrics: Path | None
) -> None:
    from .. import session
    from ..output import write_output

    text = case_yaml(library, draft.data(), _schema_path(output))
    _check(library, text, output)
    write_output(text, output, force=force, inputs=session.inputs([], rubrics))


def _ended_early(
    library: Library,
    draft: Draft,
    output: Path | None,
    force: bool,
    rubrics: Path | None,
    exc: BaseException,
) -> NoReturn:
    """Input ended (or was interrupted) mid-interview: keep what was answered."""
    interrupted = isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt)
    typer.echo("", err=True)
    why = "interrupted" if interrupted else "input ended before the interview did"
    if not draft.writable():
        again = " ".join(["triable new", *(["--output", str(output)] if output else [])])
        typer.echo(
            f"triable: {why}; the plaintiff's status, the incident date, a defendant and a "
            "claim are needed before a case can be written, so nothing was written. To go "
            f"on from here: {' '.join([again, *draft.options()])}",
            err=True,
        )
        raise typer.Exit(130 if interrupted else 1)
    if output is None:
        output = _spare_path(draft.caption)
        force = False
    _write(library, draft, output, force, rubrics)
    typer.echo(
        f"triable: {why}; wrote the answers given so far to {output}. It is a valid case: "
        f"complete it by hand, or answer the rest with: triable new --force --output {output} "
        + " ".join(draft.options()),
        err=True,
    )
    raise typer.Exit(130 if interrupted else 1)


def _spare_path(caption: str | None) -> Path:
    """A new file in the working folder, named after the caption, that replaces nothing."""
    from ..interview import identifier

    stem = identifier(caption or "new case", [])
    taken = {p.stem for p in Path(".").glob(f"{stem}*.yaml")}
    return Path(identifier(stem, taken) + ".yaml")


class Interview:
    """The questions, asked in order; each answer goes into the draft as soon as it is given."""

    def __init__(self, library: Library, draft: Draft, no_input: bool) -> None:
        self.library = library
        self.draft = draft
        self.no_input = no_input
        self.lines = 0
        #: The questions asked (or answered by option), by episode.
        self.done: dict[str, set[str]] = {}

    def prompt(self, label: str, **options: Any) -> Any:
        self.lines += 1
        try:
            answer = typer.prompt(label, **options)
        except UnicodeDecodeError as exc:
            raise _not_utf8(label, exc.object[exc.start], self.lines, exc.start + 1) from None
        bad = _first_undecodable(str(answer))
        if bad is not None:
            raise _not_utf8(label, ord(answer[bad]) - 0xDC00, self.lines, bad + 1)
        return answer

    def ask(self, label: str, parse: Callable[[str], Any], option: str, default: str = "") -> Any:
        from triable.engine.errors import TriableError, UsageError

        if self.no_input:
            raise UsageError("U010", f"{option} is required with --no-input")
        while True:
            text = self.prompt(label, default=default, show_default=bool(default))
            try:
                return parse(text)
            except TriableError as exc:
                typer.echo(f"  {exc.message}", err=True)

    def given(self, value: str | None, parse: Callable[[str], Any], label: str, opt: str) -> Any:
        return parse(value) if value is not None else self.ask(label, parse, opt)

    def until_blank(self, label: str, add: Callable[[str], None], first: bool) -> None:
        """Ask for one entry, then more until a blank answer (blank only once there is one)."""
        from triable.engine.errors import TriableError

        while True:
            text = self.prompt(
                label if first else f"{label} (blank when done)", default="", show_default=False
            )
            if not text.strip() and not first:
                return
            try:
                add(text)
                first = False
            except TriableError as exc:
                typer.echo(f"  {exc.message}", err=True)

    def basics(self, given: Given) -> None:
        from triable.engine.errors import UsageError

        draft, library = self.draft, self.library
        draft.caption = self.given(
            given.caption, _text("caption"), "Caption (e.g. Ali v. Ramos)", "--caption"
        )
        court = given.court
        if court is None and not self.no_input:
            court = self.prompt("Court", default=TO_COMPLETE)
        draft.court = _text("court")(court or TO_COMPLETE)
        draft.plaintiff = self.given(
            given.plaintiff, _text("plaintiff"), "Plaintiff's name", "--plaintiff"
        )
        draft.status = self.given(
            given.status, _status, f"Plaintiff's status ({', '.join(STATUSES)})", "--status"
        )
        draft.date = self.given(
            given.incident_date,
            _date,
            "Incident date (YYYY-MM-DD; YYYY-MM or YYYY if the record says no more)",
            "--incident-date",
        )
        for text in given.defendants:
            _add_defendant(draft.people, text)
        if not draft.people and self.no_input:
            raise UsageError("U010", "--defendant ID:NAME:ROLE is required with --no-input")
        if not given.defendants:
            self.until_blank(
                "Defendant as id:Name:Role",
                lambda text: _add_defendant(draft.people, text),
                first=not draft.people,
            )
        for text in given.non_parties:
            _add_non_party(draft, text)
        if not given.non_parties and not self.no_input:
            self.until_blank(
                "Anyone else the record names who is not a defendant, as id:Name:Role (an "
                "officer not sued; end with :civilian for a private person)",
                lambda text: _add_non_party(draft, text),
                first=False,
            )
        for text in given.claims:
            _add_claim(library, draft.people, draft.claims, text)
        if not draft.claims and self.no_input:
            raise UsageError("U010", "--claim CLAIM:DEF1,DEF2 is required with --no-input")
        if not given.claims:
            typer.echo("Claims: " + ", ".join(library.claims))
            self.until_blank(
                f"Claim as claim:{','.join(draft.people)}",
                lambda text: _add_claim(library, draft.people, draft.claims, text),
                first=True,
            )

    def episodes(self, texts: list[str]) -> None:
        from ..interview import identifier

        draft = self.draft
        for text in texts:
            _add_episode(draft, text)
        if texts or self.no_input:
            return
        count = self.ask(
            "How many separate uses of force (or events) does the claim challenge? "
            "(a takedown, then handcuffing, then blows are three)",
            _count,
            "--episode",
            default="1",
        )
        if count < 2:
            return
        for n in range(1, count + 1):
            label = self.ask(
                f"Use of force {n} of {count}, in a few words (e.g. the takedown)",
                _text("label"),
                "--episode",
            )
            draft.episodes[identifier(label, draft.episodes)] = label
            draft.answers.setdefault(list(draft.episodes)[-1], {})

    def questions(self) -> None:
        if self.no_input:
            return
        draft = self.draft
        if len(draft.episodes) < 2:
            self.ask_open(CASE_WIDE, "")
            return
        for n, (episode, label) in enumerate(draft.episodes.items(), start=1):
            typer.echo(f"Use of force {n} of {len(draft.episodes)}: {label}")
            self.ask_open(episode, f"({label}) ")

    def ask_open(self, episode: str, prefix: str) -> None:
        """Ask, one at a time, what the claims' tests may still turn on in this episode."""
        from ..interview import plan

        draft, library = self.draft, self.library
        status = {a: draft.status for a, attr in library.attributes.items() if attr.from_case}
        case_wide = draft.answers[CASE_WIDE]
        own = draft.answers.setdefault(episode, {})
        done = self.done.setdefault(episode, set(own))
        while True:
            attribute_id = plan(library, draft.claims, {**status, **case_wide, **own}).next(
                done | self.done.setdefault(CASE_WIDE, set(case_wide))
            )
            if attribute_id is None:
                return
            wide = episode == CASE_WIDE or library.attributes[attribute_id].case_wide
            (self.done[CASE_WIDE] if wide else done).add(attribute_id)
            value = self.ask_attribute(attribute_id, "" if wide else prefix)
            if value is not None:
                (case_wide if wide else own)[attribute_id] = value

    def ask_attribute(self, attribute_id: str, prefix: str) -> Any:
        from triable.engine.errors import TriableError
        from triable.engine.whatif import parse_value

        from ..interview import definitions, hint

        attribute = self.library.attributes[attribute_id]
        people = self.draft.named()
        while True:
            text = self.prompt(
                f"{prefix}{attribute.question} [{hint(attribute, people)}; blank to skip]",
                default="",
                show_default=False,
            ).strip()
            if not text:
                return None
            if text == "?":
                for line in definitions(attribute) or [f"  {hint(attribute, people)}"]:
                    typer.echo(line)
                continue
            try:
                return parse_value(self.library, attribute_id, text, people)
            except TriableError as exc:
                typer.echo(f"  {exc.message}", err=True)


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


def _date(text: str) -> Period:
    """A day, or only its month or year where the record says no more."""
    from pydantic import TypeAdapter, ValidationError

    from triable.engine.errors import UsageError
    from triable.engine.model.base import WrittenPeriod

    try:
        return TypeAdapter(WrittenPeriod).validate_python(text.strip())
    except ValidationError:
        raise UsageError(
            "U011",
            f"'{text}' is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the record "
            "gives only the month or the year",
        ) from None


def _person(text: str, taken: Iterable[str], civilian: bool = False) -> list[str]:
    """ID:NAME:ROLE (and, where ``civilian`` may end it, ``:civilian``) read into its parts,
    the id new among ``taken``."""
    import re

    from triable.engine.errors import UsageError
    from triable.engine.model.base import ID_PATTERN

    parts = [p.strip() for p in text.split(":")]
    shape = "ID:NAME:ROLE[:civilian]" if civilian else "ID:NAME:ROLE"
    if not (3 <= len(parts) <= (4 if civilian else 3)) or not all(parts):
        raise UsageError("U012", f"'{text}' is not {shape}, e.g. ramos:T. Ramos:Court Officer")
    if parts[3:] not in ([], ["civilian"]):
        raise UsageError("U012", f"'{text}' is not {shape}: only ':civilian' may end it")
    if not re.fullmatch(ID_PATTERN, parts[0]):
        raise UsageError(
            "U012",
            f"'{parts[0]}' is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter",
        )
    if parts[0] in taken:
        raise UsageError(
            "U012", f"'{parts[0]}' is given twice; each person needs an id of their own"
        )
    return parts


def _add_defendant(people: dict[str, dict[str, str]], text: str) -> None:
    ident, name, role = _person(text, people)
    people[ident] = {"name": name, "role": role}


def _add_non_party(draft: Draft, text: str) -> None:
    ident, name, role, *civilian = _person(text, draft.named(), civilian=True)
    draft.non_parties[ident] = {"name": name, "role": role, "state_actor": not civilian}


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


def _count(text: str) -> int:
    from triable.engine.errors import UsageError

    try:
        count = int(text.strip())
    except ValueError:
        count = 0
    if not 1 <= count <= MOST_EPISODES:
        raise UsageError("U011", f"'{text}' is not a number from 1 to {MOST_EPISODES}")
    return count


def _add_episode(draft: Draft, text: str) -> None:
    import re

    from triable.engine.errors import UsageError
    from triable.engine.model.base import ID_PATTERN

    ident, sep, label = (part.strip() for part in text.partition(":"))
    if not sep or not ident or not label:
        raise UsageError("U012", f"'{text}' is not ID:LABEL, e.g. spray:the pepper spray")
    if not re.fullmatch(ID_PATTERN, ident):
        raise UsageError(
            "U012",
            f"'{ident}' is not a valid episode id: use lower-case letters, digits and "
            "underscores, starting with a letter",
        )
    if ident in draft.episodes:
        raise UsageError("U012", f"episode '{ident}' is given twice")
    draft.episodes[ident] = label
    draft.answers.setdefault(ident, {})


def _answer(library: Library, draft: Draft, text: str) -> None:
    """``ATTR=VALUE`` for the whole case (or its one episode), ``EPISODE.ATTR=VALUE`` for one
    of several."""
    from triable.engine.errors import UsageError
    from triable.engine.spelling import did_you_mean as suggest
    from triable.engine.whatif import parse_assignment

    target, _, value = text.partition("=")
    episode, dot, attribute = target.strip().rpartition(".")
    if dot and episode not in draft.episodes:
        listed = ", ".join(draft.episodes) or "none; list them with --episode ID:LABEL"
        raise UsageError(
            "U014",
            f"unknown episode '{episode}' in --answer '{text}'"
            f"{suggest(episode, draft.episodes)}; episodes: {listed}",
        )
    edit = parse_assignment(library, f"{attribute}={value}", draft.named())
    if library.attributes[edit.attribute].from_case:
        raise UsageError("U014", f"'{edit.attribute}' comes from --status, not from an answer")
    where = episode if dot and len(draft.episodes) > 1 else CASE_WIDE
    draft.answers.setdefault(where, {})[edit.attribute] = edit.value


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
