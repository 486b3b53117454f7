"""What the checks of one case, or of one rubric library, look things up in."""

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any, TypeVar

from ..library import Library
from ..model.case import Case
from .registry import RubricFile

T = TypeVar("T")


def present(items: Sequence[T | None] | None) -> Iterator[tuple[int, T]]:
    """Each item with its index, passing over the parts of a file that did not validate
    (None in a partly read case), so the others keep their places."""
    for i, item in enumerate(items or ()):
        if item is not None:
            yield i, item


def present_entries(table: Mapping[str, T | None] | None) -> Iterator[tuple[str, T]]:
    for key, item in (table or {}).items():
        if item is not None:
            yield key, item


class CaseContext:
    def __init__(self, case: Case, library: Library, file: str) -> None:
        self.case = case
        self.library = library
        self.file = file
        self.defendants = set(case.defendants or ())
        self.facts: Mapping[str, Any] = case.facts or {}

    @cached_property
    def defenses(self) -> list[str]:
        return [t for t, v in self.library.tests.items() if v.form == "defense"]

    @cached_property
    def asserted_pairs(self) -> set[tuple[str, str]]:
        return {(c.claim, d) for _, c in present(self.case.claims) for d in c.against}

    @cached_property
    def accused(self) -> set[str] | None:
        """The defendants some claim is asserted against; None when a claim did not
        validate or names an unknown defendant (R011), which may be a misspelling of one
        who then seems to face no claim."""
        claims = self.case.claims or []
        if any(c is None for c in claims):
            return None
        accused = {d for c in claims for d in c.against}
        return accused if accused <= self.defendants else None

    @property
    def read_attributes(self) -> frozenset[str]:
        return read_attributes(self.library)


class LibraryContext:
    def __init__(self, library: Library, documents: Sequence[RubricFile]) -> None:
        self.library = library
        self.documents = documents
        #: Filled in as the runner walks the rubric files.
        self.cited: set[str] = set()


#: The attributes a library's conditions read, kept for the last library asked about: a
#: validate run checks hundreds of cases against one library.
_READ: dict[int, tuple[Library, frozenset[str]]] = {}


def read_attributes(library: Library) -> frozenset[str]:
    cached = _READ.get(id(library))
    if cached is not None and cached[0] is library:
        return cached[1]
    from ..model.conditions import AttributeTest
    from .values import walk

    models: list[Any] = [*library.tests.values(), *library.claims.values()]
    if library.summary_judgment is not None:
        models.append(library.summary_judgment)
    read = frozenset(
        node.attr for model in models for node, _ in walk(model) if isinstance(node, AttributeTest)
    )
    _READ.clear()
    _READ[id(library)] = (library, read)
    return read


def whole(case: Case) -> bool:
    """Whether every part of a case validated: a case read only in part has None where a
    part did not, and cannot be decided."""
    for name, field in Case.model_fields.items():
        value = getattr(case, name, None)
        if value is None:
            if field.is_required():
                return False
        elif (isinstance(value, dict) and any(v is None for v in value.values())) or (
            isinstance(value, list) and any(v is None for v in value)
        ):
            return False
    return True
