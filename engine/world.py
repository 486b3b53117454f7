"""One consistent world: attribute values, and which claims hold in it."""

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from .conditions import (
    THE_CLAIM,
    ClaimReference,
    Compiled,
    CompiledCode,
    Leanings,
    Shape,
    Truth,
    compile_any,
    compile_condition,
    compile_leanings,
    shape,
)
from .library import AnyTest, Library
from .model.conditions import ClaimHolds, ClearlyEstablished, Condition
from .model.rubric import (
    ClaimRubric,
    DefenseTest,
    ElementsTest,
    FactorsTest,
    Standard,
    TestChoice,
)
from .vocab import Leaning

_UNSET: Any = object()
#: Why a world's claim holds or not, where a variant of it can tell from that alone (see
#: ``World._holds_as_parent``): ``(_HELD, test)``, every condition of the claim was met
#: under that test; ``_NONE_SELECTED``, no test applies; else the first condition found
#: not met.
_HELD: Any = object()
_NONE_SELECTED: Any = object()
#: ``id(None)``: how a condition asked outside any defense is keyed.
_NO_DEFENSE = id(None)

#: Whether each claim holds, by the claim, the defendants and the values it reads, then by
#: defendant, shared by every world.
ClaimAnswers = dict[tuple[Any, ...], dict[str, bool]]

ASKS_VALUES = 0
ASKS_ESTABLISHED = 1
ASKS_THE_CLAIM = 2

# Looked up once: an enum class finds its members through its metaclass, far slower than
# a global, and a balance is weighed in most worlds a case builds.
_PLAINTIFF = Leaning.PLAINTIFF
_DEFENDANT = Leaning.DEFENDANT
_NEUTRAL = Leaning.NEUTRAL


class Entry(NamedTuple):
    """A compiled condition and the number shared by conditions written the same way.

    A ``free`` condition names no claim, no precedent and no party attribute: its compiled
    function reads nothing but the values, so its answer in a world is one for every
    defendant, claim and defense, and ``reads`` is all it depends on."""

    identity: int
    fn: Compiled
    free: bool
    reads: frozenset[str]
    #: What the condition asks where it is nothing but one question of the world:
    #: ``ASKS_ESTABLISHED`` (the law clearly established), ``ASKS_THE_CLAIM`` (the claim at
    #: hand holds against the defendant), else ``ASKS_VALUES``.
    asks: int


class Balance(NamedTuple):
    """A factors test whose conditions are all ``free``: every factor's leaning in one call
    of ``fn``, the same for every defendant and claim, and depending on ``reads`` alone."""

    fn: Leanings
    reads: frozenset[str]
    #: Each factor's place in what ``fn`` returns.
    places: dict[str, int]
    weights: tuple[float, ...]


class Selection(NamedTuple):
    standard: Standard
    choice: TestChoice
    test: AnyTest


class Choice(NamedTuple):
    when: Condition | None
    #: None where the library lacks the test: asking for it then fails as it always did.
    selection: Selection | None
    choice: TestChoice


class ClaimPlan(NamedTuple):
    """A claim's rubric read once into tuples: a claim is decided in many worlds and for
    every defendant, and a pydantic model's field costs more to read than a tuple's."""

    rubric: ClaimRubric
    #: The conditions of the claim's own elements, required whichever test applies.
    own: tuple[Condition, ...]
    #: Each standard's condition, and its tests' choices in order.
    standards: tuple[tuple[Condition | None, tuple[Choice, ...]], ...]


class Compiler:
    """Compiles each rubric condition once and answers what each one reads."""

    def __init__(self, library: Library, code: CompiledCode | None = None) -> None:
        self.library = library
        #: Compiled code by its source, perhaps kept from an earlier run.
        self.code: CompiledCode = {} if code is None else code
        self._compiled: dict[int, Compiled] = {}
        #: By ``id`` of the condition; read directly on the hot path (``World.truth``).
        self.entries: dict[int, Entry] = {}
        self._identity: dict[int, int] = {}
        #: By ``id`` of the condition; read directly where every element asks.
        self.direct: dict[int, list[str]] = {}
        self._shapes: dict[int, Shape] = {}
        self._by_text: dict[str, int] = {}
        #: By ``id`` of the condition, the claim and ``id`` of the defense; read directly.
        self.read_by: dict[tuple[int, str | None, int], frozenset[str]] = {}
        self._claim_reads: dict[str, frozenset[str]] = {}
        self._depends: dict[tuple[int, str | None, int], frozenset[str]] = {}
        self._precedents: dict[tuple[int, dt.date], tuple[Condition, ...]] = {}
        #: By ``id`` of the defense and the incident date; read directly by ``World``.
        self.established: dict[tuple[int, dt.date], Compiled] = {}
        self._claim_read_order: dict[str, tuple[str, ...]] = {}
        self._claim_read_places: dict[str, dict[str, int]] = {}
        #: By ``id`` of the test; None where a factor names a party, claim or defense.
        self.balances: dict[int, Balance | None] = {}
        #: By claim id; read directly by ``World``.
        self.plans: dict[str, ClaimPlan] = {}
        #: The conditions of an elements test's elements, by ``id`` of the test.
        self.test_conditions: dict[int, tuple[Condition, ...]] = {}
        #: By ``id`` of the condition and of the defense: see ``names_the_claim``.
        self._names_the_claim: dict[tuple[int, int], bool] = {}
        #: By claim id: what choosing a claim's test depends on.
        self.selection_reads: dict[str, frozenset[str]] = {}
        #: By claim, ``id`` of the test and the attributes changed: the claim's conditions
        #: under that test whose answers can change with them.
        self._affected: dict[tuple[str, int, frozenset[str]], tuple[Condition, ...]] = {}

    def plan(self, claim_id: str) -> ClaimPlan:
        found = self.plans.get(claim_id)
        if found is None:
            rubric = self.library.claims[claim_id]
            tests = self.library.tests
            standards = []
            for standard in rubric.standards:
                choices = []
                for choice in standard.tests:
                    test = tests.get(choice.test)
                    selection = None if test is None else Selection(standard, choice, test)
                    choices.append(Choice(choice.when, selection, choice))
                standards.append((standard.when, tuple(choices)))
            found = self.plans[claim_id] = ClaimPlan(
                rubric,
                tuple(e.holds_when for e in rubric.elements.values()),
                tuple(standards),
            )
        return found

    def names_the_claim(self, condition: Condition, defense: DefenseTest | None) -> bool:
        """Whether ``condition``'s answer can depend on which claim asks it: it names the
        claim at hand, itself or through the precedents it asks about. Where it does not,
        every claim asking it of the same worlds gets the same answer."""
        key = (id(condition), id(defense))
        found = self._names_the_claim.get(key)
        if found is None:
            shape = self.shape(condition)
            found = any(ref.claim == THE_CLAIM for ref in shape.claims)
            if not found and defense is not None and shape.clearly_established:
                for precedent in defense.clearly_established_by:
                    conduct = self.shape(precedent.conduct)
                    # A precedent that itself asks about precedents: assume it may.
                    if conduct.clearly_established or any(
                        ref.claim == THE_CLAIM for ref in conduct.claims
                    ):
                        found = True
                        break
            self._names_the_claim[key] = found
        return found

    def selection_depends(self, claim_id: str) -> frozenset[str]:
        """Every attribute that choosing ``claim_id``'s test can change with."""
        found = self.selection_reads.get(claim_id)
        if found is None:
            reads: set[str] = set()
            for when, choices in self.plan(claim_id).standards:
                for condition in (when, *(choice.when for choice in choices)):
                    if condition is not None:
                        reads |= self.depends_on(condition, claim_id, None)
            found = self.selection_reads[claim_id] = frozenset(reads)
        return found

    def affected(
        self, claim_id: str, test: ElementsTest, changed: frozenset[str]
    ) -> tuple[Condition, ...]:
        """The conditions a claim needs under ``test`` (its own elements', then the test's)
        whose answers can change with the attributes ``changed``."""
        key = (claim_id, id(test), changed)
        found = self._affected.get(key)
        if found is None:
            found = self._affected[key] = tuple(
                condition
                for condition in (*self.plan(claim_id).own, *self.elements_of(test))
                if not self.depends_on(condition, claim_id, None).isdisjoint(changed)
            )
        return found

    def elements_of(self, test: ElementsTest) -> tuple[Condition, ...]:
        found = self.test_conditions.get(id(test))
        if found is None:
            found = self.test_conditions[id(test)] = tuple(
                e.holds_when for e in test.elements.values()
            )
        return found

    def __call__(self, condition: Condition) -> Compiled:
        key = id(condition)
        fn = self._compiled.get(key)
        if fn is None:
            fn = compile_condition(
                condition, self.library.attributes, self.code, self.library.claims
            )
            self._compiled[key] = fn
        return fn

    def entry(self, condition: Condition) -> Entry:
        found = self.entries.get(id(condition))
        if found is None:
            named = self.shape(condition)
            asks = ASKS_VALUES
            if isinstance(condition, ClearlyEstablished):
                asks = ASKS_ESTABLISHED
            elif (
                isinstance(condition, ClaimHolds)
                and condition.claim == THE_CLAIM
                and condition.against == "the_defendant"
            ):
                asks = ASKS_THE_CLAIM
            found = Entry(
                self.identity(condition), self(condition), named.free, named.attributes, asks
            )
            self.entries[id(condition)] = found
        return found

    def shape(self, condition: Condition) -> Shape:
        key = id(condition)
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = shape(condition, self.library.attributes)
        return found

    def identity(self, condition: Condition) -> int:
        """The same number for conditions written the same way, wherever they appear, so
        that equal questions are answered once."""
        key = id(condition)
        found = self._identity.get(key)
        if found is None:
            found = self._identity[key] = self._by_text.setdefault(repr(condition), key)
        return found

    def direct_reads(self, condition: Condition) -> list[str]:
        """The attributes ``condition`` itself names, sorted."""
        key = id(condition)
        found = self.direct.get(key)
        if found is None:
            found = self.direct[key] = sorted(self.shape(condition).attributes)
        return found

    def claim_refs(self, condition: Condition) -> tuple[ClaimReference, ...]:
        found = self._shapes.get(id(condition))  # asked of every element: no second call
        return (found or self.shape(condition)).claims

    def reads(
        self,
        condition: Condition,
        claim: str | None = None,
        defense: DefenseTest | None = None,
    ) -> frozenset[str]:
        """Attributes ``condition`` depends on, through the claims and precedents it names."""
        key = (id(condition), claim, id(defense))
        cached = self.read_by.get(key)
        if cached is not None:
            return cached
        named = self.shape(condition)
        found = set(named.attributes)
        for ref in named.claims:
            target = claim if ref.claim == "the_claim" else ref.claim
            if target:
                found |= self.claim_reads(target)
        if defense and named.clearly_established:
            for precedent in defense.clearly_established_by:
                found |= self.shape(precedent.conduct).attributes
        result = frozenset(found)
        self.read_by[key] = result
        return result

    def depends_on(
        self, condition: Condition, claim: str | None, defense: DefenseTest | None
    ) -> frozenset[str]:
        """Every attribute ``condition``'s answer can change with, including those the
        claims named by a precedent's conduct read: a variant world reuses its parent's
        answer only where none of these changed."""
        key = (id(condition), claim, id(defense))
        found = self._depends.get(key)
        if found is None:
            found = self.reads(condition, claim, defense)
            if defense and self.shape(condition).clearly_established:
                self._depends[key] = found  # a precedent naming itself adds nothing
                for precedent in defense.clearly_established_by:
                    found |= self.depends_on(precedent.conduct, claim, defense)
            self._depends[key] = found
        return found

    def balance(self, test: FactorsTest) -> Balance | None:
        key = id(test)
        if key in self.balances:
            return self.balances[key]
        pairs = [(f.favors_plaintiff_when, f.favors_defendant_when) for f in test.factors.values()]
        entries = [self.entry(c) for pair in pairs for c in pair if c is not None]
        found = None
        if all(e.free for e in entries):
            found = Balance(
                compile_leanings(pairs, self.library.attributes, self.code),
                frozenset().union(*(e.reads for e in entries)),
                {factor_id: i for i, factor_id in enumerate(test.factors)},
                tuple(f.weight for f in test.factors.values()),
            )
        self.balances[key] = found
        return found

    def precedents(self, defense: DefenseTest, before: dt.date) -> tuple[Condition, ...]:
        """The conduct of each of ``defense``'s precedents decided before ``before``."""
        key = (id(defense), before)
        found = self._precedents.get(key)
        if found is None:
            authorities = self.library.authorities
            found = self._precedents[key] = tuple(
                p.conduct
                for p in defense.clearly_established_by
                if (a := authorities.get(p.cite.authority)) is not None and a.decided < before
            )
        return found

    def established_by(self, defense: DefenseTest, before: dt.date) -> Compiled:
        """Whether the conduct of any precedent decided before ``before`` matches, as one
        function: it is asked in every variant world a defense's dispute search builds."""
        key = (id(defense), before)
        found = self.established.get(key)
        if found is None:
            found = self.established[key] = compile_any(
                self.precedents(defense, before),
                self.library.attributes,
                self.code,
                self.library.claims,
            )
        return found

    def claim_read_places(self, claim_id: str) -> dict[str, int]:
        """Where each attribute ``claim_id`` reads stands in its ``claim_read_order``."""
        places = self._claim_read_places.get(claim_id)
        if places is None:
            places = self._claim_read_places[claim_id] = {
                name: i for i, name in enumerate(self.claim_read_order(claim_id))
            }
        return places

    def claim_read_order(self, claim_id: str) -> tuple[str, ...]:
        order = self._claim_read_order.get(claim_id)
        if order is None:
            order = self._claim_read_order[claim_id] = tuple(sorted(self.claim_reads(claim_id)))
        return order

    def claim_reads(self, claim_id: str) -> frozenset[str]:
        cached = self._claim_reads.get(claim_id)
        if cached is not None:
            return cached
        self._claim_reads[claim_id] = frozenset()  # a cycle reads nothing more
        rubric = self.library.claims.get(claim_id)
        found: set[str] = set()
        if rubric:
            for condition in _claim_conditions(self.library, rubric):
                found |= self.reads(condition)
        result = frozenset(found)
        self._claim_reads[claim_id] = result
        return result


def _claim_conditions(library: Library, rubric: ClaimRubric) -> Iterable[Condition]:
    for element in rubric.elements.values():
        yield element.holds_when
    for standard in rubric.standards:
        if standard.when is not None:
            yield standard.when
        for choice in standard.tests:
            if choice.when is not None:
                yield choice.when
            test = library.tests.get(choice.test)
            if isinstance(test, ElementsTest):
                for element in test.elements.values():
                    yield element.holds_when
            elif isinstance(test, FactorsTest):
                for factor in test.factors.values():
                    if factor.favors_plaintiff_when is not None:
                        yield factor.favors_plaintiff_when
                    if factor.favors_defendant_when is not None:
                        yield factor.favors_defendant_when


class World:
    """Attribute values for one side's version of events; claims are decided lazily.

    A variant (``replaced``) keeps its parent: any answer that reads none of the swapped
    attributes is the parent's, which is most of them when one dispute is flipped."""

    __slots__ = (
        "_holds",
        "_leanings",
        "_read",
        "_scores",
        "_selections",
        "_truths",
        "_variants",
        "_why",
        "changed",
        "compiler",
        "defendants",
        "incident_date",
        "parent",
        "shared",
        "values",
        "versions",
    )

    def __init__(
        self,
        compiler: Compiler,
        values: dict[str, Any],
        defendants: tuple[str, ...],
        incident_date: dt.date,
        versions: dict[str, Any] | None = None,
        shared: ClaimAnswers | None = None,
        parent: "World | None" = None,
        changed: frozenset[str] = frozenset(),
    ) -> None:
        self.compiler = compiler
        self.values = values
        self.defendants = defendants
        self.incident_date = incident_date
        #: The version behind each value, where the world was built from the record.
        self.versions: dict[str, Any] = versions if versions is not None else {}
        #: Claim answers shared by every world the engine builds, keyed by the claim, the
        #: defendants and the values the claim reads (worlds that agree on those agree on
        #: the claim), then by defendant.
        self.shared: ClaimAnswers = shared if shared is not None else {}
        self.parent = parent
        self.changed = changed
        self._holds: dict[tuple[str, str], bool] = {}
        #: Why each claim holds or not against a defendant, where known: ``(_HELD, test)``,
        #: ``_NONE_SELECTED`` or the first condition not met.
        self._why: dict[tuple[str, str], Any] = {}
        #: The values each claim reads, in ``claim_read_order`` (the same for every
        #: defendant), and its answers by defendant from ``shared``.
        self._read: dict[str, tuple[tuple[Any, ...], dict[str, bool]]] = {}
        #: Keyed by the condition's identity alone where it is ``free``.
        self._truths: dict[Any, Truth] = {}
        self._variants: dict[tuple[tuple[str, Any], ...], World] = {}
        self._selections: dict[tuple[int, str], Selection | None] = {}
        #: Keyed by the test alone where it has a ``Balance``.
        self._scores: dict[Any, float] = {}
        self._leanings: dict[int, tuple[Leaning, ...]] = {}

    def truth(
        self,
        condition: Condition,
        defendant: str,
        claim: str | None = None,
        defense: DefenseTest | None = None,
    ) -> Truth:
        """Whether ``condition`` holds here; each answer is computed once per world."""
        compiler = self.compiler
        entry = compiler.entries.get(id(condition)) or compiler.entry(condition)
        free = entry.free
        key: Any = entry.identity if free else (entry.identity, defendant, claim, id(defense))
        truths = self._truths
        value = truths.get(key, _UNSET)
        if value is not _UNSET:
            return value
        parent = self.parent
        if parent is not None and (
            entry.reads
            if free
            else (
                compiler._depends.get((id(condition), claim, id(defense)))
                or compiler.depends_on(condition, claim, defense)
            )
        ).isdisjoint(self.changed):
            value = parent._truths.get(key, _UNSET)
            if value is _UNSET:
                value = parent.truth(condition, defendant, claim, defense)
        else:
            value = entry.fn(self.values, defendant, self, claim, defense)
        truths[key] = value
        return value

    def replaced(self, changes: dict[str, Any]) -> "World":
        """This world with some values swapped; the same swap gives the same world back."""
        key = tuple(sorted(changes.items(), key=lambda kv: kv[0]))
        return self._variants.get(key) or self._variant(key, changes)

    def flipped(self, name: str, value: Any) -> "World":
        """``replaced({name: value})``, the one swap asked for most often."""
        key = ((name, value),)
        return self._variants.get(key) or self._flip(key, name, value)

    def unsettling(
        self,
        names: Iterable[str],
        theirs: dict[str, Any],
        condition: Condition,
        defendant: str,
        claim: str | None,
        defense: DefenseTest | None,
    ) -> tuple[str, ...]:
        """Those of ``names`` that, each alone given its value in ``theirs``, leave
        ``condition`` short of true: a dispute search asks this of every attribute."""
        compiler = self.compiler
        entry = compiler.entries.get(id(condition)) or compiler.entry(condition)
        key: Any = entry.identity if entry.free else (entry.identity, defendant, claim, id(defense))
        fn = entry.fn
        # A prong that asks one question of the world alone (a defense's, in every variant
        # its search builds) is asked it directly: the precedents' own function, or the
        # claim's ``holds``, without the condition's function around it.
        asks = entry.asks
        the_claim = False
        if asks == ASKS_ESTABLISHED and defense is not None:
            fn = compiler.established.get(
                (id(defense), self.incident_date)
            ) or compiler.established_by(defense, self.incident_date)
        elif asks == ASKS_THE_CLAIM and claim is not None:
            the_claim = claim in compiler.library.claims
        variants = self._variants
        found = []
        for name in names:
            value = theirs.get(name)
            swap = ((name, value),)
            world = variants.get(swap) or self._flip(swap, name, value)
            # What ``truth`` would do, less the check for an answer to take from this world:
            # evaluating is always right, and the search asks only of attributes the
            # condition reads, whose change rules that answer out anyway.
            truths = world._truths
            answer = truths.get(key, _UNSET)
            if answer is _UNSET:
                answer = truths[key] = (
                    world.holds(claim, defendant)  # type: ignore[arg-type]
                    if the_claim
                    else fn(world.values, defendant, world, claim, defense)
                )
            if answer is not True:
                found.append(name)
        return tuple(found)

    def _variant(self, key: tuple[tuple[str, Any], ...], changes: dict[str, Any]) -> "World":
        values = dict(self.values)
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = value
        return self._child(key, values, frozenset(changes))

    def _flip(self, key: tuple[tuple[str, Any]], name: str, value: Any) -> "World":
        """``_variant`` for the one swap a dispute search makes of each attribute, without
        the dict of changes to build and walk."""
        values = self.values.copy()
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
        return self._child(key, values, frozenset((name,)))

    def _child(self, key: Any, values: dict[str, Any], changed: frozenset[str]) -> "World":
        variant = self._variants[key] = World(
            self.compiler,
            values,
            self.defendants,
            self.incident_date,
            None,
            self.shared,
            self,
            changed,
        )
        return variant

    def release(self) -> None:
        """Forget the variants: each refers back to this world, and without the cycle an
        assessment's worlds are freed as soon as it is done, not by the cyclic collector."""
        variants = self._variants
        for variant in variants.values():
            if variant._variants:  # most variants have none of their own: no call for them
                variant.release()
        variants.clear()

    def select(self, claim: ClaimRubric, defendant: str) -> Selection | None:
        key = (id(claim), defendant)
        found = self._selections.get(key, _UNSET)
        if found is _UNSET:
            found = self._selections[key] = self._select(claim, defendant)
        return found  # type: ignore[no-any-return]

    def _select(self, claim: ClaimRubric, defendant: str) -> Selection | None:
        claim_id = claim.id
        compiler = self.compiler
        plan = compiler.plans.get(claim_id) or compiler.plan(claim_id)
        truth = self.truth
        for when, choices in plan.standards:
            if when is not None and truth(when, defendant, claim_id) is not True:
                continue
            for choice in choices:
                if choice.when is None or truth(choice.when, defendant, claim_id) is True:
                    if choice.selection is None:
                        raise KeyError(choice.choice.test)
                    return choice.selection
            return None
        return None

    def holds(self, claim_id: str, defendant: str) -> bool:
        key = (claim_id, defendant)
        found = self._holds.get(key)
        if found is not None:
            return found
        parent = self.parent
        compiler = self.compiler
        if parent is not None:
            if (compiler._claim_reads.get(claim_id) or compiler.claim_reads(claim_id)).isdisjoint(
                self.changed
            ):
                result = parent.holds(claim_id, defendant)
                self._holds[key] = result
                why = parent._why.get(key)
                if why is not None:
                    self._why[key] = why
                return result
            why = parent._why.get(key)
            if why is not None:
                told = self._holds_as_parent(key, why)
                if told is not None:
                    return told
        else:
            # A world built from the record: the claim's own elements first, since they
            # decide most claims against a defendant they do not name, before the values
            # the claim reads are gathered to look it up. A variant finds most answers by
            # those values, so it looks first.
            self._holds[key] = False  # a claim that depends on itself does not hold
            for condition in (compiler.plans.get(claim_id) or compiler.plan(claim_id)).own:
                if self.truth(condition, defendant, claim_id) is not True:
                    self._why[key] = condition
                    return False
        read = self._read.get(claim_id)
        if read is not None:
            answers = read[1]
        else:
            inherited = None if parent is None else parent._read.get(claim_id)
            if inherited is not None:
                # The parent's, with the few swapped values put in: cheaper than reading
                # every value again in a variant that changed one or two.
                places = compiler._claim_read_places.get(claim_id) or compiler.claim_read_places(
                    claim_id
                )
                changed = list(inherited[0])
                for name in self.changed:
                    place = places.get(name)
                    if place is not None:
                        changed[place] = self.values.get(name)
                read_values = tuple(changed)
            else:
                order = compiler._claim_read_order.get(claim_id) or compiler.claim_read_order(
                    claim_id
                )
                read_values = tuple(map(self.values.get, order))
            # One look-up by the values per claim, whichever defendants are asked about:
            # hashing every value the claim reads costs more than the rest of the answer.
            signature = (claim_id, self.defendants, read_values)
            shared = self.shared
            known = shared.get(signature)
            if known is None:
                known = shared[signature] = {}
            answers = known
            self._read[claim_id] = (read_values, answers)
        found = answers.get(defendant)
        if found is None:
            self._holds[key] = False
            plan = compiler.plans.get(claim_id) or compiler.plan(claim_id)
            selection = self.select(plan.rubric, defendant)
            if selection is None:
                self._why[key] = _NONE_SELECTED
                found = answers[defendant] = False
            else:
                found = answers[defendant] = self._test_holds(
                    selection.test, defendant, claim_id, () if parent is None else plan.own
                )
        self._holds[key] = found
        return found

    def _holds_as_parent(self, key: tuple[str, str], why: Any) -> bool | None:
        """Whether the claim holds here, told from why it does or does not in the parent
        where that is enough, else None. Where none of what chooses the claim's test
        changed, the same test applies: a claim that held here needs again only the
        conditions that read a changed value, and a claim that failed on a condition that
        reads none of them fails here too. A dispute search asks this of a claim in a
        variant for every attribute it flips."""
        claim_id, defendant = key
        compiler = self.compiler
        changed = self.changed
        chooses = compiler.selection_reads.get(claim_id)
        if chooses is None:
            chooses = compiler.selection_depends(claim_id)
        if not chooses.isdisjoint(changed):
            return None
        if why is _NONE_SELECTED:
            self._holds[key] = False
            self._why[key] = why
            return False
        if type(why) is tuple:  # (_HELD, the test that applies)
            self._holds[key] = False  # a claim that depends on itself does not hold
            affected = compiler._affected.get((claim_id, id(why[1]), changed))
            if affected is None:
                affected = compiler.affected(claim_id, why[1], changed)
            truth = self.truth
            for condition in affected:
                if truth(condition, defendant, claim_id) is not True:
                    self._why[key] = condition
                    return False
            self._holds[key] = True
            self._why[key] = why
            return True
        reads = compiler._depends.get((id(why), claim_id, _NO_DEFENSE)) or compiler.depends_on(
            why, claim_id, None
        )
        if reads.isdisjoint(changed):
            self._holds[key] = False
            self._why[key] = why
            return False
        return None

    def _test_holds(
        self, test: AnyTest, defendant: str, claim_id: str, own: tuple[Condition, ...]
    ) -> bool:
        """Whether the claim's test holds and so do ``own``, the conditions of the claim's
        own elements not yet asked; why is kept for the variants of this world."""
        truth = self.truth
        key = (claim_id, defendant)
        for condition in own:
            if truth(condition, defendant, claim_id) is not True:
                self._why[key] = condition
                return False
        if isinstance(test, ElementsTest):
            compiler = self.compiler
            for condition in compiler.test_conditions.get(id(test)) or compiler.elements_of(test):
                if truth(condition, defendant, claim_id) is not True:
                    self._why[key] = condition
                    return False
            self._why[key] = (_HELD, test)
            return True
        if isinstance(test, FactorsTest):
            return self.score(test, defendant, claim_id) >= test.threshold
        return False

    def leanings(self, test: FactorsTest, balance: Balance) -> tuple[Leaning, ...]:
        key = id(test)
        found = self._leanings.get(key)
        if found is None:
            parent = self.parent
            if parent is not None and balance.reads.isdisjoint(self.changed):
                found = parent.leanings(test, balance)
            else:
                found = balance.fn(self.values)
            self._leanings[key] = found
        return found

    def leaning(self, factor_id: str, test: FactorsTest, defendant: str, claim: str) -> Leaning:
        compiler = self.compiler
        balance = (
            compiler.balances[id(test)] if id(test) in compiler.balances else compiler.balance(test)
        )
        if balance is not None:
            return self.leanings(test, balance)[balance.places[factor_id]]
        factor = test.factors[factor_id]
        pro = factor.favors_plaintiff_when
        con = factor.favors_defendant_when
        plaintiff = pro is not None and self.truth(pro, defendant, claim) is True
        defendant_side = con is not None and self.truth(con, defendant, claim) is True
        if plaintiff and not defendant_side:
            return _PLAINTIFF
        if defendant_side and not plaintiff:
            return _DEFENDANT
        return _NEUTRAL

    def score(self, test: FactorsTest, defendant: str, claim: str) -> float:
        compiler = self.compiler
        balance = (
            compiler.balances[id(test)] if id(test) in compiler.balances else compiler.balance(test)
        )
        if balance is None:
            key: Any = (id(test), defendant, claim)
            found = self._scores.get(key)
            if found is None:
                found = self._scores[key] = self._score(test, defendant, claim)
            return found
        found = self._scores.get(id(test))
        if found is None:
            total = 0.0
            for leaning, weight in zip(self.leanings(test, balance), balance.weights, strict=True):
                if leaning is _PLAINTIFF:
                    total += weight
                elif leaning is _DEFENDANT:
                    total -= weight
            found = self._scores[id(test)] = total
        return found

    def _score(self, test: FactorsTest, defendant: str, claim: str) -> float:
        total = 0.0
        for factor_id, factor in test.factors.items():
            leaning = self.leaning(factor_id, test, defendant, claim)
            if leaning is _PLAINTIFF:
                total += factor.weight
            elif leaning is _DEFENDANT:
                total -= factor.weight
        return total

    # --- what compiled conditions ask of the world (conditions.Holder) -----------------

    def clearly_established(
        self, defendant: str, claim: str | None, defense: DefenseTest | None
    ) -> Truth:
        if defense is None:
            return None
        compiler = self.compiler
        fn = compiler.established.get((id(defense), self.incident_date)) or compiler.established_by(
            defense, self.incident_date
        )
        return fn(self.values, defendant, self, claim, defense)
