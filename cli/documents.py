"""Reading rubric and case files into typed models, with every error at its line."""

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from pydantic_core import ValidationError

from triable.engine.errors import InvalidDocument, Location, TriableError, UnusableInput
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.model.rubric import (
    AttributeVocabulary,
    AuthorityRegistry,
    ClaimRubric,
    SummaryJudgmentRubric,
    Test,
)

from .folders import Listing, yaml_files
from .yaml_source import SourceDocument, load

if TYPE_CHECKING:
    from pydantic import BaseModel

MODELS: dict[str, Any] = {
    "authorities": AuthorityRegistry,
    "attributes": AttributeVocabulary,
    "summary_judgment": SummaryJudgmentRubric,
    "test": Test,
    "claim": ClaimRubric,
    "case": Case,
}
RUBRIC_KINDS = frozenset(MODELS) - {"case"}
#: How deep all / any / not may nest in one condition. No legal test needs more than a few
#: levels, and evaluation builds one nested block per level.
MAX_CONDITION_DEPTH = 16
_CONNECTIVES = frozenset({"all", "any", "not"})


class Loaded(NamedTuple):
    source: SourceDocument
    kind: str
    model: Any

    @property
    def path(self) -> str:
        return self.source.path


def _kind_of(data: Any) -> str | None:
    return data.get("kind") if isinstance(data, dict) else None


@cache
def _validator() -> Any:
    """One validator for every kind of file, chosen by its ``kind``, built once per
    process: the kinds share their parts (conditions, cites, ids), which one schema builds
    once. An error's location starts with the kind."""
    from typing import Annotated, Union

    from pydantic import Discriminator, Tag, TypeAdapter

    kinds: Any = Union[tuple(Annotated[model, Tag(kind)] for kind, model in MODELS.items())]  # noqa: UP007
    chosen: Any = Annotated[kinds, Discriminator(_kind_of)]
    return TypeAdapter(chosen).validator


def build_validators() -> None:
    """Build the validator now: worker processes forked afterwards share it instead of
    each building its own."""
    _validator()


def default_rubrics() -> Path:
    import triable.rubrics

    return Path(triable.rubrics.__file__).parent


def load_document(path: Path, kinds: Iterable[str] = MODELS) -> Loaded:
    """Parse and validate one file; raises UnusableInput or InvalidDocument."""
    return validate_source(load(path), frozenset(kinds))


def validate_source(source: SourceDocument, kinds: frozenset[str] = frozenset(MODELS)) -> Loaded:
    data = source.data
    if not isinstance(data, dict):
        shape = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
        raise UnusableInput(
            "Y006",
            f"the file is {shape}, not a mapping; a rubric or case file starts with "
            "'kind: <one of " + ", ".join(sorted(kinds)) + ">'",
            source.locate(()),
        )
    kind = data.get("kind")
    if kind is None:
        raise InvalidDocument(
            [
                TriableError(
                    "S002",
                    "missing 'kind': start the file with 'kind: " + " | ".join(sorted(kinds)) + "'",
                    source.locate(()),
                )
            ]
        )
    if not isinstance(kind, str) or kind not in kinds:
        from triable.engine.spelling import did_you_mean

        hint = did_you_mean(str(kind), sorted(kinds))
        raise InvalidDocument(
            [
                TriableError(
                    "S004",
                    f"'{kind}' is not a kind of file expected here (expected "
                    + ", ".join(sorted(kinds))
                    + f"){hint}",
                    source.locate(("kind",)),
                )
            ]
        )
    if kind in RUBRIC_KINDS:
        _check_condition_depth(source)
    try:
        model = _validator().validate_python(data)
    except ValidationError as exc:
        raise InvalidDocument(schema_findings(source, exc)) from None
    return Loaded(source, kind, model)


def _check_condition_depth(source: SourceDocument) -> None:
    """Refuse a condition nested deeper than MAX_CONDITION_DEPTH, at its key."""
    stack: list[tuple[Any, tuple[Any, ...], int]] = [(source.data, (), 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, dict):
            nested = len(node) == 1 and next(iter(node)) in _CONNECTIVES
            depth = depth + 1 if nested else 0
            if depth > MAX_CONDITION_DEPTH:
                raise UnusableInput(
                    "Y005",
                    f"this condition nests all / any / not more than {MAX_CONDITION_DEPTH} "
                    "levels deep; no legal test needs this many — merge the levels (an all "
                    "inside an all is one all)",
                    source.locate((*path, next(iter(node))), key=True),
                )
            stack += [(value, (*path, key), depth) for key, value in node.items()]
        elif isinstance(node, list):
            stack += [(value, (*path, i), depth) for i, value in enumerate(node)]


def schema_findings(source: SourceDocument, exc: ValidationError) -> list[TriableError]:
    from triable.engine.spelling import closest

    # Each location starts with the kind of file, which chose the model (see _validator).
    errors = [(error, _real_path(source.data, tuple(error["loc"])[1:])) for error in exc.errors()]
    # A misspelt required key yields both "unknown key" and "missing key"; the first,
    # with its "did you mean", says it all.
    respelt = {
        (path[:-1], closest(str(path[-1]), _key_choices(source, path)))
        for error, path in errors
        if error["type"] == "extra_forbidden" and path
    }
    findings: list[TriableError] = []
    seen: set[tuple[str, str]] = set()
    for error, path in errors:
        if error["type"] == "missing" and path and (path[:-1], path[-1]) in respelt:
            continue
        finding = _finding(source, error, path)
        key = (str(finding.where), finding.message)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return sorted(
        findings, key=lambda f: (f.where.line if f.where else 0, f.where.col if f.where else 0)
    )


def _real_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The error's location with union tags (which are not keys in the file) dropped."""
    path: list[Any] = []
    node = data
    for part in loc:
        if _has(node, part):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part.endswith("]"):
            continue
        else:
            if not isinstance(node, dict | list):
                break
            if isinstance(node, dict) and part not in node and loc[-1] == part:
                path.append(part)
            continue
    return tuple(path)


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _finding(source: SourceDocument, error: Any, path: tuple[Any, ...]) -> TriableError:
    from triable.engine.spelling import did_you_mean

    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        hint = did_you_mean(key, _key_choices(source, path))
        advice = "; remove it or fix its spelling"
        if not hint:
            advice = _comma_in_flow_mapping(source, path) or advice
        return TriableError(
            "S001",
            f"unknown key '{key}' in {_dotted(path[:-1])}{hint}{advice}",
            source.locate(path, key=True),
        )
    if kind == "missing":
        key = str(path[-1]) if path else "?"
        return TriableError(
            "S002",
            f"{_dotted(path[:-1])} is missing the required key '{key}'",
            source.locate(path[:-1], key=True),
        )
    if kind in ("bool_type", "bool_parsing") and path in source.yaml11_words:
        value = _value_at(source.data, path)
        meant = "false" if str(value).lower() in {"no", "off", "n"} else "true"
        return TriableError(
            "S005",
            f"{_dotted(path)}: '{value}' is text, not a boolean (YAML 1.1 would have read it "
            f"as one); write {meant}",
            source.locate(path),
        )
    message = error["msg"]
    if kind.startswith("date_"):
        message += "; write YYYY-MM-DD"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind in ("dict_type", "model_type"):
        message = f"should be a mapping (indented 'key: value' lines), not {_shape(error['input'])}"
    elif kind == "list_type":
        message = f"should be a list ('- item' lines, or [a, b]), not {_shape(error['input'])}"
    hint = ""
    if kind == "enum" and isinstance(error.get("input"), str):
        expected = [
            e.strip().strip("'") for e in error["ctx"]["expected"].replace(" or ", ", ").split(",")
        ]
        hint = did_you_mean(error["input"], expected)
    # An invalid mapping key: point at the key, not at its value.
    on_key = "[key]" in error["loc"]
    return TriableError(
        "S003", f"{_dotted(path)}: {message}{hint}", source.locate(path, key=on_key)
    )


def _comma_in_flow_mapping(source: SourceDocument, path: tuple[Any, ...]) -> str | None:
    """Advice when the unknown key is the tail of the value before it, cut off by an
    unquoted comma in a one-line mapping: `{role: Officer, Oxford PD}`."""
    parent = _value_at(source.data, path[:-1])
    keys = list(parent) if isinstance(parent, dict) else []
    key = path[-1]
    if key not in keys or parent[key] is not None or keys.index(key) == 0:
        return None
    before = keys[keys.index(key) - 1]
    here, there = source.keys.get(path), source.keys.get((*path[:-1], before))
    if here is None or there is None or here.line != there.line:
        return None
    return (
        f"; a comma ends a value inside {{...}}: if '{key}' is part of {before}, quote the "
        f"value: {before}: '{parent[before]}, {key}'"
    )


def _shape(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value:.40}'"
    return "a list" if isinstance(value, list) else "a mapping"


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _key_choices(source: SourceDocument, path: tuple[Any, ...]) -> list[str]:
    return sorted(_sibling_fields(source, path)) or sorted(all_field_names())


def _sibling_fields(source: SourceDocument, path: tuple[Any, ...]) -> set[str]:
    """Keys that models accept beside the unknown one, guessed from what is present."""
    parent = _value_at(source.data, path[:-1]) if path else {}
    present = set(parent) if isinstance(parent, dict) else set()
    best: set[str] = set()
    for fields in _model_field_sets():
        if present - {path[-1]} <= fields and (not best or len(fields) < len(best)):
            best = fields
    return best


@cache
def _model_field_sets() -> list[set[str]]:
    found: list[set[str]] = []
    for model in _all_models():
        found.append({f.alias or name for name, f in model.model_fields.items()})
    return found


@cache
def all_field_names() -> frozenset[str]:
    return frozenset(name for fields in _model_field_sets() for name in fields)


def _all_models() -> "list[type[BaseModel]]":
    from pydantic import BaseModel

    import triable.engine.model.case as case_module
    import triable.engine.model.conditions as condition_module
    import triable.engine.model.rubric as rubric_module

    models: list[type[BaseModel]] = []
    for module in (rubric_module, case_module, condition_module):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                models.append(value)
    return models


# --- the library ---------------------------------------------------------------------------


def rubric_files(folder: Path) -> Listing:
    """The rubric files under ``folder``, and what under it could not be read."""
    if not folder.exists():
        raise UnusableInput(
            "F001",
            "no such rubric folder; check the path given to --rubrics",
            Location(str(folder)),
        )
    if not folder.is_dir():
        raise UnusableInput(
            "F002", "is a file; --rubrics names a folder of rubric files", Location(str(folder))
        )
    return yaml_files(folder)


#: Findings that would make evaluation fail half-way or answer wrongly: an undeclared
#: attribute or level, a comparison that does not fit its attribute, claims in a cycle.
UNEVALUABLE = frozenset({"R001", "R002", "R007", "S005"})
#: The checks a library is refused on (R012 only where a claim chooses a missing test).
_REFUSING = UNEVALUABLE | {"R012"}


def _unevaluable(finding: Any) -> bool:
    # A claim choosing a test that does not exist (or is not a test) fails when chosen; an
    # unknown claim in a condition of a test no claim chooses leaves a partial library usable.
    return finding.code in UNEVALUABLE or (finding.code == "R012" and finding.at[-1:] == ("test",))


def load_library(folder: Path | None = None) -> tuple[Library, list[Loaded]]:
    """Every rubric file under ``folder`` (the bundled rubrics by default), indexed, and
    refused when a condition could not be evaluated (see UNEVALUABLE); `triable validate`
    reports the rest."""
    from triable.engine.lint import lint_library

    folder = folder or default_rubrics()
    files, problems = rubric_files(folder)
    loaded: list[Loaded] = []
    for path in files:
        # Every file is read, so that one run shows every finding in the folder.
        try:
            loaded.append(load_document(path, RUBRIC_KINDS))
        except InvalidDocument as exc:
            problems += exc.findings
        except TriableError as exc:
            problems.append(exc)
    if problems:
        raise InvalidDocument(problems)
    library = build_library(loaded, str(folder))
    errors = [f for f in lint_library(library, loaded, _REFUSING) if _unevaluable(f)]
    if errors:
        raise InvalidDocument(locate_findings(errors, {doc.path: doc.source for doc in loaded}))
    return library, loaded


def build_library(loaded: list[Loaded], where: str) -> Library:
    """The library for evaluating cases: refused unless every id is defined once and there
    is exactly one summary-judgment standard."""
    library, duplicates, standards = _index(loaded)
    if duplicates:
        raise InvalidDocument(duplicates)
    if len(standards) != 1:
        raise UnusableInput(
            "R017",
            "a rubric folder needs exactly one 'kind: summary_judgment' file "
            f"(found {len(standards)})",
            Location(standards[1].source.path, 1, 1) if len(standards) > 1 else Location(where),
        )
    return library


def partial_library(loaded: list[Loaded]) -> Library:
    """The library as far as ``loaded`` defines it, the first definition of each id winning;
    for validation, which reports duplicates and a missing standard as findings instead."""
    return _index(loaded)[0]


def _index(loaded: list[Loaded]) -> tuple[Library, list[TriableError], list[Loaded]]:
    tables: dict[str, dict[str, Any]] = {
        "authorities": {},
        "attributes": {},
        "test": {},
        "claim": {},
    }
    standards: list[Loaded] = []
    origins: dict[str, str] = {}
    duplicates: list[TriableError] = []

    def add(kind: str, key: str, value: Any, doc: Loaded, loc: tuple[Any, ...]) -> None:
        table = tables[kind]
        if key in table:
            duplicates.append(
                TriableError(
                    "R006",
                    f"duplicate {kind} id '{key}' (also defined in {origins[key]}); "
                    "rename or remove one",
                    doc.source.locate(loc, key=kind in ("authorities", "attributes")),
                )
            )
            return
        table[key] = value
        origins[key] = doc.source.path

    for doc in loaded:
        model = doc.model
        if doc.kind in ("authorities", "attributes"):
            for key, value in getattr(model, doc.kind).items():
                add(doc.kind, key, value, doc, (doc.kind, key))
        elif doc.kind in ("test", "claim"):
            add(doc.kind, model.id, model, doc, ("id",))
        elif doc.kind == "summary_judgment":
            standards.append(doc)
    library = Library(
        authorities=tables["authorities"],
        attributes=tables["attributes"],
        # Validation lints a library without a standard (and says so); nothing it runs
        # reads the standard from the library.
        summary_judgment=standards[0].model if standards else cast(SummaryJudgmentRubric, None),
        tests=tables["test"],
        claims=tables["claim"],
        origins=origins,
    )
    return library, duplicates, standards


def locate_findings(
    findings: Iterable[Any], sources: dict[str, SourceDocument]
) -> list[TriableError]:
    """Lint findings (file + YAML path) as located errors, in file and line order."""
    located = []
    for finding in findings:
        source = sources.get(finding.file)
        where = source.locate(finding.at, key=finding.key) if source else Location(finding.file)
        located.append(TriableError(finding.code, finding.message, where))
    return sorted(
        located, key=lambda f: (f.where.path, f.where.line, f.where.col) if f.where else ("", 0, 0)
    )
