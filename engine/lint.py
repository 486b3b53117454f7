"""Cross-reference checks: findings about rubric and case files, located by YAML path.

Pure: findings name a file and a path inside it; the CLI turns paths into lines.
"""

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, Protocol

from pydantic import BaseModel

from .library import Library
from .model.base import Cite
from .model.case import Case, OneOf
from .model.conditions import AttributeTest, ClaimHolds, ClearlyEstablished
from .model.rubric import ClaimRubric, DefenseTest, Element
from .vocab import AttributeType, DefenseOutcome, ElementStatus, EvidenceKind

YamlPath = tuple[str | int, ...]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    # Imported when a finding needs it: a clean case never does.
    from .spelling import did_you_mean as suggest

    return suggest(word, choices)


Severity = Literal["error", "warning"]

#: Every finding code triable reports, with what it means. The README's table lists these;
#: codes are stable: one is never reused for another meaning.
CODES: dict[str, str] = {
    "F001": "the path does not exist (a file, a folder, or the --rubrics folder)",
    "F002": "a folder where a file is expected, or a file where a folder is expected",
    "F003": "the file cannot be read (permissions, I/O error)",
    "F004": "the file is too large to be a rubric or case file",
    "F005": "the file is binary or not UTF-8 text",
    "Y001": "malformed YAML (unclosed quote, bad indentation, tabs, unknown alias)",
    "Y002": "a key appears twice in the same mapping",
    "Y003": "a YAML tag (such as !!python/object) — triable reads plain data only",
    "Y004": "aliases or values expand beyond the size bound (an alias bomb)",
    "Y005": "nesting deeper than any rubric or case file needs",
    "Y006": "the file is empty, or is a list or a single value instead of a mapping",
    "Y007": "more than one YAML document in one file",
    "Y008": "a merge key ('<<')",
    "S001": "unknown key (with the closest known key)",
    "S002": "a required key is missing (including 'kind')",
    "S003": "a value of the wrong type or outside its allowed values",
    "S004": "unknown 'kind' of file",
    "S005": "a YAML 1.1 word (yes, no, on, off) where true or false is meant",
    "R001": "a condition reads an attribute the vocabulary does not declare",
    "R002": "a value or comparison that does not fit the attribute's type or levels",
    "R003": "a cite names an authority the registry does not hold",
    "R004": "an authority in the registry that nothing cites (warning)",
    "R005": "a pin cite the authority's propositions do not list",
    "R006": "the same id defined twice",
    "R007": "claims that depend on each other in a cycle",
    "R008": "a test, standard or test choice that can never be reached",
    "R009": "an authority's date does not fit the incident it is used for",
    "R010": "a case fact establishes an undeclared (or case-derived) attribute",
    "R011": "a case names an unknown claim, defendant or defense",
    "R012": "a rubric refers to an unknown test or claim, or uses one where it means nothing",
    "R013": "a fact disputes or contradicts an unknown fact",
    "R014": "a fact disputes or contradicts itself",
    "R015": "a rubric that no case given exercises (warning)",
    "R016": "only video evidence can blatantly contradict a version",
    "R017": "a rubric library needs exactly one summary_judgment file",
}

#: Plain words YAML 1.1 read as booleans; in a boolean's place they are almost always meant
#: as one.
_YAML11_WORDS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}


class Finding(NamedTuple):
    code: str
    message: str
    file: str
    at: YamlPath = ()
    key: bool = False
    severity: Severity = "error"
    #: The kind of rubric file whose ids this finding looks up ("attributes", "authorities",
    #: "test", "claim", "summary_judgment", "any"), so a caller can hold it back when such a
    #: file failed to load and the finding would only echo that failure.
    refers_to: str | None = None


class RubricFile(Protocol):
    """A loaded rubric document as the library was built from it."""

    @property
    def path(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def model(self) -> Any: ...


class _Sink:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(
        self,
        code: str,
        message: str,
        file: str,
        at: YamlPath,
        *,
        key: bool = False,
        warning: bool = False,
        refers_to: str | None = None,
    ) -> None:
        severity: Severity = "warning" if warning else "error"
        self.findings.append(Finding(code, message, file, at, key, severity, refers_to))


# --- values ----------------------------------------------------------------------------------


def check_value(
    library: Library, attribute_id: str, value: Any, defendants: set[str] | None
) -> str | None:
    """Why ``value`` cannot be a value of the attribute, or None when it can."""
    attribute = library.attributes[attribute_id]
    kind = attribute.type
    if kind is AttributeType.BOOLEAN and not isinstance(value, bool):
        return f"'{attribute_id}' is a boolean attribute: write true or false"
    if kind is AttributeType.NUMBER and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        return f"'{attribute_id}' is a number ({attribute.unit}): write a number"
    if kind is AttributeType.ORDINAL and value not in (attribute.levels or []):
        hint = did_you_mean(value, attribute.levels or []) if isinstance(value, str) else ""
        return (
            f"'{value}' is not a level of '{attribute_id}' (levels: "
            + ", ".join(attribute.levels or [])
            + f"){hint}"
        )
    if kind is AttributeType.PARTY:
        names = value.one_of if isinstance(value, OneOf) else value
        if not isinstance(names, list):
            return (
                f"'{attribute_id}' names defendants: write a list like [ramos] or "
                "{one_of: [ramos, knowles]} when the record does not say which"
            )
        if defendants is not None:
            unknown = [n for n in names if n not in defendants]
            if unknown:
                return (
                    f"unknown defendant '{unknown[0]}' in '{attribute_id}'"
                    f"{did_you_mean(unknown[0], defendants)}"
                )
    elif isinstance(value, OneOf | list):
        return f"'{attribute_id}' is a {kind} attribute, not a list of defendants"
    return None


def _yaml11_word(library: Library, attribute_id: str, value: Any) -> str | None:
    """The S005 message when a YAML 1.1 word stands where a boolean attribute's value goes."""
    attribute = library.attributes[attribute_id]
    if attribute.type is not AttributeType.BOOLEAN or not isinstance(value, str):
        return None
    meant = _YAML11_WORDS.get(value.lower())
    if meant is None:
        return None
    return (
        f"'{value}' is text, not a boolean (YAML 1.1 would have read it as one); "
        f"write {str(meant).lower()}"
    )


# --- cases -----------------------------------------------------------------------------------


def lint_case(case: Case, library: Library, file: str) -> list[Finding]:
    sink = _Sink()

    def add(
        code: str,
        message: str,
        at: YamlPath,
        key: bool = False,
        warning: bool = False,
        refers_to: str | None = None,
    ) -> None:
        sink.add(code, message, file, at, key=key, warning=warning, refers_to=refers_to)

    defendants = set(case.defendants)
    for i, asserted in enumerate(case.claims):
        if asserted.claim not in library.claims:
            add(
                "R011",
                f"unknown claim '{asserted.claim}'{did_you_mean(asserted.claim, library.claims)}",
                ("claims", i, "claim"),
                refers_to="claim",
            )
        for j, name in enumerate(asserted.against):
            if name not in defendants:
                add(
                    "R011",
                    f"unknown defendant '{name}'{did_you_mean(name, defendants)}",
                    ("claims", i, "against", j),
                )
    for i, dismissal in enumerate(case.dismissals):
        if dismissal.claim is not None and dismissal.claim not in library.claims:
            add(
                "R011",
                f"unknown claim '{dismissal.claim}'{did_you_mean(dismissal.claim, library.claims)}",
                ("dismissals", i, "claim"),
                refers_to="claim",
            )
        if dismissal.defendant is not None and dismissal.defendant not in defendants:
            add(
                "R011",
                f"unknown defendant '{dismissal.defendant}'"
                f"{did_you_mean(dismissal.defendant, defendants)}",
                ("dismissals", i, "defendant"),
            )
    defenses = [t for t, v in library.tests.items() if v.form == "defense"]
    for i, raised in enumerate(case.defenses):
        test = library.tests.get(raised.defense)
        if test is None or test.form != "defense":
            add(
                "R011",
                f"unknown defense '{raised.defense}'{did_you_mean(raised.defense, defenses)}",
                ("defenses", i, "defense"),
                refers_to="test",
            )
        for j, name in enumerate(raised.raised_by):
            if name not in defendants:
                add(
                    "R011",
                    f"unknown defendant '{name}'{did_you_mean(name, defendants)}",
                    ("defenses", i, "raised_by", j),
                )

    for fact_id, fact in case.facts.items():
        for attribute_id, value in fact.establishes.items():
            at: YamlPath = ("facts", fact_id, "establishes", attribute_id)
            if attribute_id not in library.attributes:
                add(
                    "R010",
                    f"fact '{fact_id}' establishes undeclared attribute '{attribute_id}'"
                    f"{did_you_mean(attribute_id, library.attributes)}",
                    at,
                    key=True,
                    refers_to="attributes",
                )
                continue
            if library.attributes[attribute_id].from_case:
                add(
                    "R010",
                    f"'{attribute_id}' comes from the case itself (plaintiff.status), "
                    "not from facts",
                    at,
                    key=True,
                )
                continue
            word = _yaml11_word(library, attribute_id, value)
            if word:
                add("S005", f"{attribute_id}: {word}", at)
                continue
            problem = check_value(library, attribute_id, value, defendants)
            if problem:
                add("R002", problem, at)
        for j, other in enumerate(fact.disputes):
            if other == fact_id:
                add("R014", f"fact '{fact_id}' disputes itself", ("facts", fact_id, "disputes", j))
            elif other not in case.facts:
                add(
                    "R013",
                    f"fact '{fact_id}' disputes unknown fact '{other}'"
                    f"{did_you_mean(other, case.facts)}",
                    ("facts", fact_id, "disputes", j),
                )
        for j, other in enumerate(fact.blatantly_contradicts):
            at = ("facts", fact_id, "blatantly_contradicts", j)
            if fact.evidence is not EvidenceKind.VIDEO:
                add(
                    "R016",
                    "only video evidence can blatantly contradict a version "
                    f"(fact '{fact_id}' is {fact.evidence.value})",
                    at,
                )
            if other == fact_id:
                add("R014", f"fact '{fact_id}' contradicts itself", at)
            elif other not in case.facts:
                add(
                    "R013",
                    f"fact '{fact_id}' contradicts unknown fact '{other}'"
                    f"{did_you_mean(other, case.facts)}",
                    at,
                )

    if case.expected is not None:
        _lint_expected(case, library, add)
    return sink.findings


def _lint_expected(case: Case, library: Library, add: Any) -> None:
    expected = case.expected
    assert expected is not None
    defendants = set(case.defendants)
    asserted_pairs = {(c.claim, d) for c in case.claims for d in c.against}
    for i, exp in enumerate(expected.claims):
        at: YamlPath = ("expected", "claims", i)
        if exp.claim not in library.claims:
            add(
                "R011",
                f"expected holding names unknown claim '{exp.claim}'"
                f"{did_you_mean(exp.claim, library.claims)}",
                (*at, "claim"),
                refers_to="claim",
            )
        elif exp.defendant not in defendants:
            add(
                "R011",
                f"expected holding names unknown defendant '{exp.defendant}'"
                f"{did_you_mean(exp.defendant, defendants)}",
                (*at, "defendant"),
            )
        elif (exp.claim, exp.defendant) not in asserted_pairs:
            add(
                "R011",
                f"expected holding for {exp.claim} against {exp.defendant}, "
                "which the case does not assert",
                at,
            )
    for i, exp_d in enumerate(expected.defenses):
        at = ("expected", "defenses", i)
        if exp_d.defendant not in defendants:
            add(
                "R011",
                f"expected holding names unknown defendant '{exp_d.defendant}'"
                f"{did_you_mean(exp_d.defendant, defendants)}",
                (*at, "defendant"),
            )
        if exp_d.claim not in library.claims:
            add(
                "R011",
                f"expected holding names unknown claim '{exp_d.claim}'"
                f"{did_you_mean(exp_d.claim, library.claims)}",
                (*at, "claim"),
                refers_to="claim",
            )
        test = library.tests.get(exp_d.defense)
        if not isinstance(test, DefenseTest):
            defenses = [t for t, v in library.tests.items() if v.form == "defense"]
            add(
                "R011",
                f"expected holding names unknown defense '{exp_d.defense}'"
                f"{did_you_mean(exp_d.defense, defenses)}",
                (*at, "defense"),
                refers_to="test",
            )
            continue
        _lint_clearly_established(case, library, test, i, add)
    for i, cite in enumerate(expected.decided_by):
        at = ("expected", "decided_by", i)
        authority = library.authorities.get(cite.authority)
        if authority is None:
            add(
                "R003",
                f"unknown authority '{cite.authority}'"
                f"{did_you_mean(cite.authority, library.authorities)}",
                at,
                refers_to="authorities",
            )
            continue
        if cite.pin not in authority.pins():
            add("R005", _pin_message(cite, authority.pins()), at, refers_to="authorities")


def _lint_clearly_established(
    case: Case, library: Library, test: DefenseTest, index: int, add: Any
) -> None:
    """R009: an expected holding that needs law clearly established before the incident
    when every precedent the defense lists came later."""
    expected = case.expected
    assert expected is not None
    exp_d = expected.defenses[index]
    reading = {pid for pid, prong in test.prongs.items() if _reads_clearly_established(prong)}
    if not reading:
        return
    earlier = [
        p
        for p in test.clearly_established_by
        if (a := library.authorities.get(p.cite.authority)) is not None
        and a.decided < case.incident_date
    ]
    if earlier:
        return
    incident = case.incident_date.isoformat()
    if test.clearly_established_by:
        later = ", ".join(
            f"{p.cite.authority} ({library.authorities[p.cite.authority].decided.isoformat()})"
            for p in test.clearly_established_by
            if p.cite.authority in library.authorities
        )
        why = (
            f"every precedent {test.id} lists was decided after the incident ({incident}): {later}"
        )
    else:
        why = f"{test.id} lists no precedent decided before the incident ({incident})"
    at: YamlPath = ("expected", "defenses", index)
    if exp_d.outcome is DefenseOutcome.DENIED:
        add(
            "R009",
            f"expected {test.id} denied, but {why}; a right is clearly established only by "
            "law in place when the officer acted",
            (*at, "outcome"),
        )
    held = {ElementStatus.UNDISPUTED_MET, ElementStatus.GENUINE_DISPUTE}
    for prong, status in exp_d.prongs.items():
        if prong in reading and status in held:
            add(
                "R009",
                f"expected prong '{prong}' {status.value}, but {why}",
                (*at, "prongs", prong),
            )


def _reads_clearly_established(element: Element) -> bool:
    return any(isinstance(node, ClearlyEstablished) for node, _ in _walk(element.holds_when, ()))


# --- the library -----------------------------------------------------------------------------

_TABLES = {"authorities": "authorities", "attributes": "attributes"}


def lint_library(library: Library, documents: Sequence[RubricFile]) -> list[Finding]:
    """Every cross-reference finding in a rubric library; ``library`` holds the first
    definition of each id, ``documents`` every file it was built from."""
    sink = _Sink()
    _lint_ids(documents, sink)
    cited: set[str] = set()
    for doc in documents:
        in_defense = isinstance(doc.model, DefenseTest)
        for node, at in _walk(doc.model, ()):
            if isinstance(node, Cite):
                cited.add(node.authority)
                _lint_cite(library, node, doc.path, at, sink)
            elif isinstance(node, AttributeTest):
                _lint_attribute_test(library, node, doc.path, at, sink)
            elif isinstance(node, ClaimHolds):
                _lint_claim_reference(library, node, in_defense, doc.path, at, sink)
            elif isinstance(node, ClearlyEstablished) and not in_defense:
                sink.add(
                    "R012",
                    "clearly_established means something only inside a defense test, "
                    "which lists the precedents it is measured against",
                    doc.path,
                    (*at, "clearly_established"),
                    key=True,
                )
        if isinstance(doc.model, ClaimRubric):
            _lint_choices(library, doc.model, doc.path, sink)
    _lint_unused_authorities(library, documents, cited, sink)
    _lint_unreachable_tests(library, sink)
    _lint_cycles(library, documents, sink)
    return sink.findings


def _lint_ids(documents: Sequence[RubricFile], sink: _Sink) -> None:
    """R006 and R017: what the library keeps only once."""
    seen: dict[tuple[str, str], str] = {}
    standards: list[RubricFile] = []
    ids: list[tuple[str, YamlPath]]
    for doc in documents:
        model = doc.model
        if doc.kind in _TABLES:
            table = _TABLES[doc.kind]
            ids = [(key, (table, key)) for key in getattr(model, table)]
        elif doc.kind in ("test", "claim"):
            ids = [(model.id, ("id",))]
        else:
            standards.append(doc)
            continue
        for ident, at in ids:
            first = seen.setdefault((doc.kind, ident), doc.path)
            if first != doc.path:
                sink.add(
                    "R006",
                    f"duplicate {doc.kind} id '{ident}' (also defined in {first}); "
                    "rename or remove one",
                    doc.path,
                    at,
                    key=doc.kind in _TABLES,
                )
    if documents and not standards:
        sink.add(
            "R017",
            "the rubric library has no 'kind: summary_judgment' file; add one (copy the "
            "bundled rubrics/summary_judgment.yaml)",
            documents[0].path,
            (),
            refers_to="summary_judgment",
        )
    for doc in standards[1:]:
        sink.add(
            "R017",
            f"a second summary_judgment file (the first is {standards[0].path}); "
            "a rubric library has exactly one",
            doc.path,
            ("kind",),
        )


def _lint_cite(library: Library, cite: Cite, file: str, at: YamlPath, sink: _Sink) -> None:
    authority = library.authorities.get(cite.authority)
    if authority is None:
        sink.add(
            "R003",
            f"unknown authority '{cite.authority}'"
            f"{did_you_mean(cite.authority, library.authorities)}; "
            "add it to the authority registry or fix the id",
            file,
            at,
            refers_to="authorities",
        )
    elif cite.pin not in authority.pins():
        sink.add("R005", _pin_message(cite, authority.pins()), file, at, refers_to="authorities")


def _pin_message(cite: Cite, pins: set[str]) -> str:
    listed = ", ".join(sorted(pins))
    return (
        f"'{cite}': {cite.authority} lists no proposition at pin '{cite.pin}' (pins: {listed}); "
        "cite a listed pin or add the proposition to the registry"
    )


def _lint_attribute_test(
    library: Library, test: AttributeTest, file: str, at: YamlPath, sink: _Sink
) -> None:
    attribute = library.attributes.get(test.attr)
    if attribute is None:
        sink.add(
            "R001",
            f"unknown attribute '{test.attr}'{did_you_mean(test.attr, library.attributes)}; "
            "conditions read only attributes declared in the vocabulary",
            file,
            (*at, "attr"),
            refers_to="attributes",
        )
        return
    op, value = test.comparison()
    where: YamlPath = (*at, op)
    kind = attribute.type
    name = test.attr
    if kind is AttributeType.PARTY:
        if op not in ("includes", "excludes"):
            sink.add(
                "R002",
                f"'{name}' names defendants: compare it with 'includes: the_defendant' or "
                f"'excludes: the_defendant', not '{op}'",
                file,
                where,
                key=True,
            )
        return
    if op in ("includes", "excludes"):
        sink.add(
            "R002",
            f"'{op}' is for party attributes; '{name}' is {kind.value}",
            file,
            where,
            key=True,
        )
        return
    if kind is AttributeType.BOOLEAN and op in ("at_least", "at_most"):
        sink.add(
            "R002",
            f"'{name}' is a boolean attribute: compare it with 'is' or 'is_not', not '{op}'",
            file,
            where,
            key=True,
        )
        return
    word = _yaml11_word(library, name, value)
    if word:
        sink.add("S005", f"{name}: {word}", file, where)
        return
    problem = check_value(library, name, value, None)
    if problem:
        sink.add("R002", problem, file, where)


def _lint_claim_reference(
    library: Library, ref: ClaimHolds, in_defense: bool, file: str, at: YamlPath, sink: _Sink
) -> None:
    if ref.claim == "the_claim":
        if not in_defense:
            sink.add(
                "R012",
                "'the_claim' means the claim a defense is raised against; outside a defense "
                "test name the claim",
                file,
                (*at, "claim"),
            )
        return
    if ref.claim not in library.claims:
        sink.add(
            "R012",
            f"unknown claim '{ref.claim}'{did_you_mean(ref.claim, library.claims)}",
            file,
            (*at, "claim"),
            refers_to="claim",
        )


def _lint_choices(library: Library, claim: ClaimRubric, file: str, sink: _Sink) -> None:
    """R012 for tests a claim cannot choose, R008 for standards and choices never reached."""
    for s, standard in enumerate(claim.standards):
        at: YamlPath = ("standards", s)
        earlier_standard = next((x for x in claim.standards[:s] if x.when is None), None)
        if earlier_standard is not None:
            sink.add(
                "R008",
                f"standard '{standard.id}' is never reached: standard "
                f"'{earlier_standard.id}' before it has no 'when', so it always applies",
                file,
                at,
            )
        for c, choice in enumerate(standard.tests):
            test = library.tests.get(choice.test)
            where: YamlPath = (*at, "tests", c)
            if test is None:
                sink.add(
                    "R012",
                    f"unknown test '{choice.test}'{did_you_mean(choice.test, library.tests)}",
                    file,
                    (*where, "test"),
                    refers_to="test",
                )
            elif isinstance(test, DefenseTest):
                sink.add(
                    "R012",
                    f"'{choice.test}' is a defense; a claim chooses an elements or factors "
                    "test (a case raises defenses)",
                    file,
                    (*where, "test"),
                )
            if any(x.when is None for x in standard.tests[:c]):
                sink.add(
                    "R008",
                    f"the choice of '{choice.test}' is never reached: a choice before it has "
                    "no 'when', so it always applies",
                    file,
                    where,
                )


def _lint_unused_authorities(
    library: Library, documents: Sequence[RubricFile], cited: set[str], sink: _Sink
) -> None:
    for doc in documents:
        if doc.kind != "authorities":
            continue
        for ident in doc.model.authorities:
            if ident not in cited:
                sink.add(
                    "R004",
                    f"authority '{ident}' is cited by no rubric; cite it or remove it",
                    doc.path,
                    ("authorities", ident),
                    key=True,
                    warning=True,
                    refers_to="any",
                )


def _lint_unreachable_tests(library: Library, sink: _Sink) -> None:
    chosen = {c.test for claim in library.claims.values() for s in claim.standards for c in s.tests}
    for test_id, test in library.tests.items():
        # Defenses are reached from cases, which raise them, not from claims.
        if isinstance(test, DefenseTest) or test_id in chosen:
            continue
        sink.add(
            "R008",
            f"test '{test_id}' is chosen by no claim, so no case can reach it; add it to a "
            "claim's standards or remove it",
            library.origins.get(test_id, ""),
            ("id",),
            refers_to="claim",
        )


def _lint_cycles(library: Library, documents: Sequence[RubricFile], sink: _Sink) -> None:
    """R007: a claim that needs itself, directly or through other claims, is never decided."""
    files = {doc.model.id: doc.path for doc in documents if doc.kind in ("claim", "test")}
    edges: dict[str, dict[str, tuple[str, YamlPath]]] = {}
    for claim_id, claim in library.claims.items():
        out: dict[str, tuple[str, YamlPath]] = {}
        sources: list[tuple[str, Any]] = [(files.get(claim_id, ""), claim)]
        for standard in claim.standards:
            for choice in standard.tests:
                test = library.tests.get(choice.test)
                if test is not None and not isinstance(test, DefenseTest):
                    sources.append((files.get(test.id, ""), test))
        for file, model in sources:
            for node, at in _walk(model, ()):
                if isinstance(node, ClaimHolds) and node.claim in library.claims:
                    out.setdefault(node.claim, (file, (*at, "claim")))
        edges[claim_id] = out
    for component in _cycles(edges):
        start = min(component)
        path = _path_back(start, edges, component)
        file, at = edges[start][path[1]]
        sink.add(
            "R007",
            "claims depend on each other in a cycle: "
            + " → ".join(path)
            + "; a claim cannot need its own outcome",
            file,
            at,
        )


def _cycles(edges: dict[str, dict[str, Any]]) -> list[set[str]]:
    """Strongly connected components that contain a cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, {}):
                    found.append(component)
    return sorted(found, key=min)


def _path_back(start: str, edges: dict[str, dict[str, Any]], within: set[str]) -> list[str]:
    """The shortest walk from ``start`` back to itself inside one component."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(edges.get(node, {})):
            if child == start:
                walk = [node]
                while walk[-1] != start:
                    walk.append(previous[walk[-1]])
                return [*reversed(walk), start]
            if child in within and child not in previous:
                previous[child] = node
                queue.append(child)
    return [start, start]


# --- a library against the cases that use it -------------------------------------------------


def lint_coverage(
    library: Library, documents: Sequence[RubricFile], cases: Sequence[Case]
) -> list[Finding]:
    """R015: claims no case asserts, defenses no case raises, tests no asserted claim chooses."""
    sink = _Sink()
    asserted = {c.claim for case in cases for c in case.claims}
    raised = {d.defense for case in cases for d in case.defenses}
    reached = {
        choice.test
        for claim_id in asserted
        if claim_id in library.claims
        for standard in library.claims[claim_id].standards
        for choice in standard.tests
    }
    for doc in documents:
        model = doc.model
        if doc.kind == "claim" and model.id not in asserted:
            what = f"no case given asserts claim '{model.id}'"
        elif isinstance(model, DefenseTest) and model.id not in raised:
            what = f"no case given raises the defense '{model.id}'"
        elif doc.kind == "test" and not isinstance(model, DefenseTest) and model.id not in reached:
            what = f"no claim a case given asserts can choose test '{model.id}'"
        else:
            continue
        sink.add(
            "R015",
            f"{what}; add a case that exercises it",
            doc.path,
            ("id",),
            warning=True,
            refers_to="any",
        )
    return sink.findings


# --- helpers ---------------------------------------------------------------------------------


def _walk(node: Any, at: YamlPath) -> Iterator[tuple[Any, YamlPath]]:
    """Every model, list item and mapping value under ``node``, with its path in the file."""
    yield node, at
    if isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            value = getattr(node, name)
            if value is not None and not isinstance(value, str | int | float):
                yield from _walk(value, (*at, field.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*at, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*at, i))
