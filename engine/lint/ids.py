"""What a rubric library keeps only once: each id, and the summary-judgment standard."""

from collections.abc import Iterator

from .context import LibraryContext
from .registry import Issue, Subject, YamlPath, rule

TABLES = {"authorities": "authorities", "attributes": "attributes"}


@rule("R006", Subject.RUBRIC_FILES)
def duplicate_id(ctx: LibraryContext) -> Iterator[Issue]:
    """Two rubric files define the same id of one kind; the first one read wins, so the
    other is silently ignored.

    Fails: two claim files both with ``id: excessive_force``.
    """
    seen: dict[tuple[str, str], str] = {}
    for doc in ctx.documents:
        ids: list[tuple[str, YamlPath]]
        if doc.kind in TABLES:
            table = TABLES[doc.kind]
            ids = [(key, (table, key)) for key in getattr(doc.model, table)]
        elif doc.kind in ("test", "claim"):
            ids = [(doc.model.id, ("id",))]
        else:
            continue
        for ident, at in ids:
            first = seen.setdefault((doc.kind, ident), doc.path)
            if first != doc.path:
                yield Issue(
                    f"duplicate {doc.kind} id '{ident}' (also defined in {first}); "
                    "rename or remove one",
                    at,
                    key=doc.kind in TABLES,
                    file=doc.path,
                )


@rule("R017", Subject.RUBRIC_FILES)
def one_standard(ctx: LibraryContext) -> Iterator[Issue]:
    """A rubric library has exactly one ``kind: summary_judgment`` file: the standard
    every case is decided under."""
    documents = ctx.documents
    standards = [doc for doc in documents if doc.kind == "summary_judgment"]
    if documents and not standards:
        yield Issue(
            "the rubric library has no 'kind: summary_judgment' file; add one (copy the "
            "bundled rubrics/summary_judgment.yaml)",
            (),
            refers_to="summary_judgment",
            file=documents[0].path,
        )
    for doc in standards[1:]:
        yield Issue(
            f"a second summary_judgment file (the first is {standards[0].path}); "
            "a rubric library has exactly one",
            ("kind",),
            file=doc.path,
        )
