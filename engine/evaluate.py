"""The summary-judgment computation: a case and the law in, a report out (no I/O)."""

import gc
import itertools
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from .conditions import CompiledCode
from .explain import (
    FactRefs,
    authority_refs,
    dispute,
    join_labels,
    lower_first,
    party_label,
)
from .library import Library
from .model.base import Cite
from .model.case import Case, Dismissal
from .model.conditions import Condition
from .model.report import (
    AuthorityRef,
    ClaimResult,
    DefenseResult,
    DependencyTrace,
    Dispute,
    ElementResult,
    FactorResult,
    FactRef,
    PartyRef,
    Reason,
    Report,
    Rule561Report,
    SetAsideFact,
)
from .model.rubric import ClaimRubric, DefenseTest, Element, ElementsTest, FactorsTest
from .record import Candidates, Record, Version, attribute_kinds, build_record
from .vocab import ClaimOutcome, DefenseOutcome, ElementStatus, Leaning
from .world import ClaimAnswers, Compiler, Selection, World

#: Enough to resolve every open party question of a realistic record; beyond it the
#: first combinations in a fixed order are tried, so the answer stays deterministic.
MAX_RESOLUTIONS = 256
MAX_MATERIAL_SET = 3
MAX_CLAIM_ANSWERS = 100_000

# Enum members read for every element, claim and defense, looked up once: an enum class
# finds its members through its metaclass's ``__getattr__``, far slower than a global.
_CLAIM_DENIED = ClaimOutcome.DENIED
_CLAIM_DISMISSED = ClaimOutcome.DISMISSED
_CLAIM_GRANTED = ClaimOutcome.GRANTED
_DEFENSE_DENIED = DefenseOutcome.DENIED
_DEFENSE_GRANTED = DefenseOutcome.GRANTED
_DEFENSE_NOT_REACHED = DefenseOutcome.NOT_REACHED
_GENUINE_DISPUTE = ElementStatus.GENUINE_DISPUTE
_NOT_MET = ElementStatus.NOT_MET
_NOT_REACHED = ElementStatus.NOT_REACHED
_UNDISPUTED_MET = ElementStatus.UNDISPUTED_MET
_LEANS_DEFENDANT = Leaning.DEFENDANT
_LEANS_NEUTRAL = Leaning.NEUTRAL
_LEANS_PLAINTIFF = Leaning.PLAINTIFF


class Engine:
    """Evaluates cases against one library of rubrics; build once, evaluate many."""

    def __init__(self, library: Library, code: CompiledCode | None = None) -> None:
        self.library = library
        self.compiler = Compiler(library, code)
        self._claim_answers: ClaimAnswers = {}
        #: Report parts that depend on the library alone (the standard's reasons, a
        #: rule's references, an unreached prong), built once for every case.
        self.parts: dict[tuple[Any, ...], Any] = {}

    def claim_answers(self) -> ClaimAnswers:
        """Whether each claim holds, by the values it reads: a pure function of its key, so
        shared across cases — what-ifs, pivots and variants of one record repeat most of
        them. Bounded, so a long run over many unrelated cases does not grow without end."""
        if len(self._claim_answers) > MAX_CLAIM_ANSWERS:
            self._claim_answers.clear()
        return self._claim_answers

    def evaluate(self, case: Case) -> Report:
        with _NoCollection():
            assessment = _Assessment(self, case)
            try:
                return assessment.report()
            finally:
                assessment.release()

    def outcomes(
        self, case: Case, record: Record | None = None, claims: set[str] | None = None
    ) -> dict[tuple[str, ...], str]:
        """Each outcome alone, keyed (claim, defendant) and (claim, defendant, defense),
        for ``claims`` (all by default): the report's outcomes without its explanations,
        for callers that ask thousands of what-ifs. Outcomes are decided in the
        non-movant's world alone; the movant's world only grades the disputes."""
        with _NoCollection():
            assessment = _Assessment(self, case, record)
            try:
                return assessment.outcomes(claims)
            finally:
                assessment.release()


class _NoCollection:
    """The cyclic garbage collector paused while a case is assessed: everything an
    assessment allocates lives until its report is returned, so collections during it
    would traverse a growing heap and free nothing; whatever is garbage afterwards is
    collected as usual once the collector resumes. A class, not a generator: entering
    and leaving it is two plain calls."""

    __slots__ = ("resume",)

    def __enter__(self) -> None:
        self.resume = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.resume:
            gc.enable()


class _Pair(NamedTuple):
    result: ClaimResult
    non_movant: World | None = None
    movant: World | None = None


class _ElementPart(NamedTuple):
    """What evaluating an element needs of it and its compiled condition, read once per
    library: every read of a rubric model goes through its ``__getattr__`` hook."""

    condition: Condition
    #: It names no party, claim or defense.
    free: bool
    direct: list[str]
    names_claims: bool
    prerequisite: bool
    label: str
    particularly_important: bool
    met: str
    not_met: str
    #: Its authorities; with the rule against weighing credibility, where it is genuinely
    #: disputed; and with the rule on sheer numbers of witnesses too.
    authorities: list[AuthorityRef]
    authorities_disputed: list[AuthorityRef]
    authorities_numbers: list[AuthorityRef]


class _ClaimPart(NamedTuple):
    """What a claim's result needs of its rubric under one chosen standard and test, read
    once per library."""

    claim_name: str
    standard: str
    test: str
    test_name: str
    chosen: tuple[Reason, Reason]
    #: The claim's own elements, then its test's.
    elements: list[tuple[str, Element]]
    factors: FactorsTest | None
    threshold: float | None
    authorities: list[AuthorityRef]


def _claim_part(rubric: ClaimRubric, selection: Selection) -> _ClaimPart:
    standard, choice, test = selection
    elements = list(rubric.elements.items())
    if isinstance(test, ElementsTest):
        elements += list(test.elements.items())
    factors = test if isinstance(test, FactorsTest) else None
    return _ClaimPart(
        rubric.name,
        standard.id,
        test.id,
        test.name,
        (
            Reason.make(
                rule=standard.id,
                because=standard.because,
                authorities=authority_refs(standard.cites),
            ),
            Reason.make(
                rule=test.id, because=choice.because, authorities=authority_refs(choice.cites)
            ),
        ),
        elements,
        factors,
        None if factors is None else float(factors.threshold),
        authority_refs(itertools.chain(standard.cites, test.cites)),
    )


class _DefensePart(NamedTuple):
    """What a defense's result needs of its rubric, read once per library."""

    id: str
    name: str
    prongs: list[tuple[str, Element]]
    #: Each precedent whose authority the library knows: when it was decided, the conduct
    #: it covers, and its cite.
    precedents: list[tuple[date, Condition, Cite]]
    authorities: list[AuthorityRef]


def _defense_part(defense: DefenseTest, library: Library) -> _DefensePart:
    precedents = []
    for precedent in defense.clearly_established_by:
        cite = precedent.cite
        authority = library.authorities.get(cite.authority)
        if authority is not None:
            precedents.append((authority.decided, precedent.conduct, cite))
    return _DefensePart(
        defense.id,
        defense.name,
        list(defense.prongs.items()),
        precedents,
        authority_refs(defense.cites),
    )


class _Assessment:
    def __init__(self, engine: Engine, case: Case, record: Record | None = None) -> None:
        self.library: Library = engine.library
        self.compiler: Compiler = engine.compiler
        self.case = case
        if record is None:
            kinds = engine.parts.get(("attribute kinds",))
            if kinds is None:  # the library's, so kept with it
                kinds = engine.parts[("attribute kinds",)] = attribute_kinds(engine.library)
            record = build_record(case, engine.library, kinds)
        self.record: Record = record
        #: Each defendant's name, read once: a case model's reads go through its hook.
        self.names = {d: defendant.name for d, defendant in case.defendants.items()}
        names = self.names
        self.defendants = tuple(sorted(names, key=lambda d: (names[d], d)))
        self.dismissals = case.dismissals
        self.incident_date = case.incident_date
        self.nm_side = case.non_movant.value
        self.m_side = case.motion.movant.value
        self.nm_name = party_label(case, self.nm_side)
        self.m_name = party_label(case, self.m_side)
        self.material_anywhere: set[str] = set()
        self.shared = engine.claim_answers()
        self.facts = FactRefs(case, self.record.rank)
        self._dispute_memo: dict[tuple[Any, ...], tuple[list[Dispute], list[str]]] = {}
        self._built_disputes: dict[tuple[Any, ...], Dispute] = {}
        self._cited_memo: dict[int, tuple[str, str]] = {}
        self.parts = engine.parts
        self._bases: dict[int, tuple[dict[str, Version], list[str]]] = {}
        self._worlds: dict[tuple[Any, ...], World] = {}
        self._differences: dict[tuple[int, int], frozenset[str]] = {}
        self._evidence_memo: dict[tuple[Any, ...], Any] = {}
        self._shared_results: dict[tuple[Any, ...], Any] = {}

    def release(self) -> None:
        for world in self._worlds.values():
            world.release()

    # --- the report ------------------------------------------------------------------

    def report(self) -> Report:
        pairs = {key: self._claim(*key) for key in self._asserted_pairs()}
        defenses = self._defenses(pairs)
        return Report.make(
            case=self.case.caption,
            court=self.case.court,
            docket=self.case.docket,
            incident_date=self.case.incident_date.isoformat(),
            plaintiff=self.case.plaintiff.name,
            defendants=[
                PartyRef.make(
                    id=d, name=self.case.defendants[d].name, role=self.case.defendants[d].role
                )
                for d in self.defendants
            ],
            movant=self.m_side,
            non_movant=self.nm_side,
            standard=list(self._standard()),
            rule_56_1=self._rule_56_1(),
            set_aside=[
                SetAsideFact.make(
                    fact=self.facts((s.fact,))[0],
                    reason=s.reason,
                    authorities=authority_refs(s.cites),
                )
                for s in self.record.set_aside
            ],
            claims=[pair.result for pair in pairs.values()],
            defenses=defenses,
            immaterial_disputes=self._immaterial_disputes(),
        )

    def _standard(self) -> tuple[Reason, ...]:
        found = self.parts.get(("standard",))
        if found is None:
            sj = self.library.summary_judgment
            found = self.parts[("standard",)] = (
                Reason.make(rule=sj.id, because=sj.summary, authorities=authority_refs(sj.cites)),
                _reason("genuine_dispute", sj.genuine_dispute),
                _reason("favorable_inferences", sj.favorable_inferences),
                _reason("no_credibility_weighing", sj.no_credibility_weighing),
            )
        return found

    def _refs(self, key: tuple[Any, ...], *cites: Iterable[Cite]) -> list[AuthorityRef]:
        """``authority_refs`` of the cites, once per library object: ``key`` names the
        object (by identity: the engine holds its library) and the variant asked for."""
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = authority_refs(itertools.chain(*cites))
        return found

    def outcomes(self, claims: set[str] | None) -> dict[tuple[str, ...], str]:
        out: dict[tuple[str, ...], str] = {}
        worlds: dict[tuple[str, str], World] = {}
        for claim_id, defendant in self._asserted_pairs():
            if claims is not None and claim_id not in claims:
                continue
            if self._dismissal(claim_id, defendant) is not None:
                out[(claim_id, defendant)] = _CLAIM_DISMISSED.value
                continue
            rubric = self.library.claims[claim_id]
            nm = self._resolve(self.record.non_movant, rubric, defendant, favour=True)
            holds = nm.select(rubric, defendant) is not None and nm.holds(claim_id, defendant)
            out[(claim_id, defendant)] = (_CLAIM_DENIED if holds else _CLAIM_GRANTED).value
            if holds:
                worlds[(claim_id, defendant)] = nm
        claim_keys = list(out)
        for raised in sorted(self.case.defenses, key=lambda r: r.defense):
            defense = self.library.tests.get(raised.defense)
            if not isinstance(defense, DefenseTest):
                continue
            for claim_id, defendant in claim_keys:
                if defendant not in raised.raised_by:
                    continue
                nm_world = worlds.get((claim_id, defendant))
                if nm_world is None:
                    result = _DEFENSE_NOT_REACHED
                elif all(
                    nm_world.truth(p.holds_when, defendant, claim_id, defense) is True
                    for p in defense.prongs.values()
                ):
                    result = _DEFENSE_DENIED
                else:
                    result = _DEFENSE_GRANTED
                out[(claim_id, defendant, defense.id)] = result.value
        return out

    def _asserted_pairs(self) -> list[tuple[str, str]]:
        order = self.parts.get(("claim order",))
        if order is None:  # the library's order, kept with it
            order = self.parts[("claim order",)] = {c: i for i, c in enumerate(self.library.claims)}
        unknown = len(order)
        asserted = set()
        claims = set()
        for c in self.case.claims:
            claim = c.claim
            claims.add(claim)
            for d in c.against:
                asserted.add((claim, d))
        return [
            (claim, d)
            for claim in sorted(claims, key=lambda c: order.get(c, unknown))
            for d in self.defendants
            if (claim, d) in asserted
        ]

    def _rule_56_1(self) -> Rule561Report:
        posture = self.case.motion.rule_56_1
        ruling = self.library.summary_judgment.rule_56_1[posture.treatment]
        deemed = list(self.record.deemed_admitted)
        explanation = ruling.because
        if deemed:
            explanation += f" {len(deemed)} of {self.m_name}' facts are deemed admitted."
        return Rule561Report.make(
            complied=posture.non_movant_complied,
            treatment=posture.treatment,
            deemed_admitted=deemed,
            authorities=list(dict.fromkeys(c.authority for c in ruling.cites)),
            pins=authority_refs(ruling.cites),
            explanation=explanation,
        )

    # --- worlds ----------------------------------------------------------------------

    def _world(self, values: dict[str, Any], versions: dict[str, Version]) -> World:
        return World(
            self.compiler,
            values,
            self.defendants,
            self.case.incident_date,
            versions=versions,
            shared=self.shared,
        )

    def _resolve(
        self, candidates: Candidates, rubric: ClaimRubric, defendant: str, favour: bool
    ) -> World:
        """The world most (or least) favourable to the non-movant among open versions."""
        # Which open attributes the claim reads is the same for every defendant and side, so
        # it is found once; where there are none, the record's one world is kept with it.
        key = ("resolve", id(candidates), rubric.id)
        found = self._shared_results.get(key)
        if found is None:
            base, all_open = self._open(candidates)
            open_attrs = []
            if all_open:
                reads = self.compiler.claim_reads(rubric.id)
                for a in all_open:
                    if a in reads:
                        open_attrs.append(a)
            only = None if open_attrs else self._combination(candidates, base, (), ())
            found = self._shared_results[key] = (only, base, open_attrs)
        only, base, open_attrs = found
        if only is not None:
            return only  # type: ignore[no-any-return]
        best: tuple[tuple[int, float], World] | None = None
        combos = itertools.islice(
            itertools.product(*(candidates[a] for a in open_attrs)), MAX_RESOLUTIONS
        )
        for combo in combos:
            world = self._combination(candidates, base, open_attrs, combo)
            strength = self._strength(world, rubric, defendant)
            if best is None or (strength > best[0] if favour else strength < best[0]):
                best = (strength, world)
                if strength == self._extreme(world, rubric, defendant, favour):
                    break  # no later choice can do better, and ties keep the first
        assert best is not None
        return best[1]

    def _extreme(
        self, world: World, rubric: ClaimRubric, defendant: str, favour: bool
    ) -> tuple[int, float] | None:
        """The strongest (or weakest) a world can be for the claim under the test it
        selects: every element met and every factor leaning the plaintiff's way, or none."""
        selection = world.select(rubric, defendant)
        if selection is None:
            return None
        test = selection.test
        key = ("extreme", id(rubric), id(test), favour)
        found = self.parts.get(key)
        if found is None:  # the rubric's alone, so kept with the library
            weights = (
                float(sum(f.weight for f in test.factors.values()))
                if isinstance(test, FactorsTest)
                else 0.0
            )
            if not favour:
                found = (0, -weights)
            else:
                elements = len(rubric.elements)
                if isinstance(test, ElementsTest):
                    elements += len(test.elements)
                found = (1, elements + weights)
            self.parts[key] = found
        return found  # type: ignore[no-any-return]

    def _open(self, candidates: Candidates) -> tuple[dict[str, Version], list[str]]:
        """Each attribute's first version, and the attributes with more than one, sorted."""
        key = id(candidates)
        found = self._bases.get(key)
        if found is None:
            base = {}
            several = []
            for a, versions in candidates.items():  # one pass, and no generator
                base[a] = versions[0]
                if len(versions) > 1:
                    several.append(a)
            several.sort()
            found = self._bases[key] = (base, several)
        return found

    def _combination(
        self,
        candidates: Candidates,
        base: dict[str, Version],
        open_attrs: Iterable[str],
        combo: Iterable[Version],
    ) -> World:
        """The world of one choice among open versions; every claim and defendant that
        makes the same choice shares it, and with it every answer already worked out."""
        if not open_attrs:  # the common case: every attribute has one version
            world = self._worlds.get((id(candidates),))
            if world is None:
                world = self._worlds[(id(candidates),)] = self._world(
                    {a: v.value for a, v in base.items()}, dict(base)
                )
            return world
        chosen = []
        parts: list[Any] = [id(candidates)]
        for a, v in zip(open_attrs, combo, strict=True):  # a loop: no generator per choice
            if v is not base[a]:
                chosen.append((a, v))
                parts.append((a, id(v)))
        if not chosen:  # every first version: the record's own world
            return self._combination(candidates, base, (), ())
        key = tuple(parts)
        world = self._worlds.get(key)
        if world is None:
            versions = dict(base)
            versions.update(chosen)
            # The first versions' values with the chosen few put in: cheaper than reading
            # every version's value again.
            values = dict(self._combination(candidates, base, (), ()).values)
            for a, v in chosen:
                values[a] = v.value
            world = self._world(values, versions)
            self._worlds[key] = world
        return world

    def _versions_read(self, condition: Condition, nm: World, m: World) -> list[int]:
        """Which versions each world credits for what ``condition`` names, by identity (the
        record holds every version while the case is assessed)."""
        compiler = self.compiler
        direct = compiler.direct.get(id(condition)) or compiler.direct_reads(condition)
        return _versions_of(direct, nm, m)

    def _differing(self, nm: World, m: World) -> frozenset[str]:
        """The attributes on which two worlds disagree."""
        key = (id(nm), id(m))
        found = self._differences.get(key)
        if found is None:
            a, b = nm.values, m.values
            # A world holds no None values, so an attribute one world lacks differs.
            differ = set(a.keys() ^ b.keys())
            get = b.get
            for x, value in a.items():  # a loop: no generator call per attribute
                if x in b and value != get(x):
                    differ.add(x)
            found = self._differences[key] = frozenset(differ)
        return found

    def _strength(self, world: World, rubric: ClaimRubric, defendant: str) -> tuple[int, float]:
        selection = world.select(rubric, defendant)
        if selection is None:
            return (0, 0.0)
        claim = rubric.id
        holds = world.holds(claim, defendant)
        test = selection.test
        compiler = self.compiler
        own = (compiler.plans.get(claim) or compiler.plan(claim)).own
        elements: tuple[Condition, ...] = ()
        if isinstance(test, ElementsTest):
            elements = compiler.test_conditions.get(id(test)) or compiler.elements_of(test)
        if holds:  # a claim holds only where every element does
            met = len(own) + len(elements)
        else:
            truth = world.truth
            # Loops, not ``sum`` over generators: a generator costs more than the memoised
            # answers it would count.
            met = 0
            for condition in own:
                if truth(condition, defendant, claim) is True:
                    met += 1
            for condition in elements:
                if truth(condition, defendant, claim) is True:
                    met += 1
        count = float(met)
        if isinstance(test, FactorsTest):
            count += world.score(test, defendant, rubric.id)
        return (int(holds), count)

    # --- claims ----------------------------------------------------------------------

    def _dismissal(self, claim: str, defendant: str) -> Dismissal | None:
        for dismissal in self.case.dismissals:  # a loop: no generator for the usual none
            if dismissal.covers(claim, defendant):
                return dismissal
        return None

    def _claim(self, claim_id: str, defendant: str) -> _Pair:
        rubric = self.library.claims[claim_id]
        name = self.names[defendant]
        dismissal = self._dismissal(claim_id, defendant) if self.dismissals else None
        if dismissal is not None:
            reason = dismissal.reason.value
            return _Pair(
                ClaimResult.make(
                    claim=claim_id,
                    claim_name=rubric.name,
                    defendant=defendant,
                    defendant_name=name,
                    outcome=_CLAIM_DISMISSED,
                    reason=reason,
                    explanation=(
                        f"{rubric.name} against {name} is dismissed as {reason} "
                        f"({dismissal.cite}); it is not evaluated."
                    ),
                )
            )
        record = self.record
        nm = self._resolve(record.non_movant, rubric, defendant, favour=True)
        m = self._resolve(record.movant, rubric, defendant, favour=False)
        selection = nm.select(rubric, defendant)
        if selection is None:
            return _Pair(
                ClaimResult.make(
                    claim=claim_id,
                    claim_name=rubric.name,
                    defendant=defendant,
                    defendant_name=name,
                    outcome=_CLAIM_GRANTED,
                    authorities=authority_refs(rubric.cites),
                    explanation=(
                        f"Summary judgment granted on {rubric.name} against {name}: the record "
                        "does not establish the facts that decide which standard governs "
                        f"({join_labels([s.name for s in rubric.standards])})."
                    ),
                ),
                nm,
                m,
            )
        part_key = ("claim part", id(rubric), id(selection.standard), id(selection.choice))
        part: _ClaimPart | None = self.parts.get(part_key)
        if part is None:
            part = self.parts[part_key] = _claim_part(rubric, selection)
        elements = self._elements(part.elements, nm, m, defendant, claim_id)
        factors: list[FactorResult] = []
        score = movant_score = threshold = None
        test = part.factors
        if test is not None:
            factors = self._factors(test, nm, m, defendant, claim_id)
            score = nm.score(test, defendant, claim_id)
            movant_score = m.score(test, defendant, claim_id)
            threshold = part.threshold
        holds = nm.holds(claim_id, defendant)
        failing = [e.id for e in elements if e.status is _NOT_MET]
        if threshold is not None and score is not None and score < threshold:
            failing.append(part.test)
        explanation = self._claim_sentence(
            part.claim_name, part.test_name, name, holds, elements, factors, score, threshold
        )
        result = ClaimResult.make(
            claim=claim_id,
            claim_name=part.claim_name,
            defendant=defendant,
            defendant_name=name,
            outcome=_CLAIM_DENIED if holds else _CLAIM_GRANTED,
            standard=part.standard,
            test=part.test,
            test_name=part.test_name,
            chosen_because=part.chosen,
            elements=elements,
            factors=factors,
            score=score,
            movant_score=movant_score,
            threshold=threshold,
            failing=failing,
            authorities=part.authorities,
            explanation=explanation,
        )
        return _Pair(result, nm, m)

    def _claim_sentence(
        self,
        claim_name: str,
        test_name: str,
        defendant_name: str,
        holds: bool,
        elements: list[ElementResult],
        factors: list[FactorResult],
        score: float | None,
        threshold: float | None,
    ) -> str:
        head = f"on the {claim_name.lower()} claim against {defendant_name} ({test_name})"
        if holds:
            disputed = [e.label for e in elements if e.status is _GENUINE_DISPUTE]
            disputed += [f.label for f in factors if f.material_disputes]
            tail = (
                f"; a reasonable jury could find for {self.nm_name}, and genuine disputes of "
                f"material fact remain on {join_labels([lower_first(x) for x in disputed])}."
                if disputed
                else "; every requirement holds even on the movant's version."
            )
            return f"Summary judgment denied {head}{tail}"
        failing = [e.label for e in elements if e.status is _NOT_MET]
        reasons = [lower_first(x) for x in failing]
        if score is not None and threshold is not None and score < threshold:
            reasons.append(
                f"the balance of factors (score {score:g}, below the threshold {threshold:g})"
            )
        return (
            f"Summary judgment granted {head}: even crediting {self.nm_name}'s evidence, "
            f"no reasonable jury could find {join_labels(reasons)} established."
        )

    def _elements(
        self,
        elements: Iterable[tuple[str, Element]],
        nm: World,
        m: World,
        defendant: str,
        claim: str,
        defense: DefenseTest | None = None,
    ) -> list[ElementResult]:
        results: list[ElementResult] = []
        blocked_by: str | None = None
        parts = self.parts
        shared = self._shared_results
        for element_id, element in elements:
            part_key = ("element part", id(element))
            part: _ElementPart | None = parts.get(part_key)
            if part is None:
                part = parts[part_key] = self._element_part(element)
            if part.free:
                # It names no party, claim or defense, so its answer and explanation follow
                # from the versions of what it reads: the same for every defendant and
                # claim whose worlds credit those versions.
                key = (
                    "element",
                    element_id,
                    id(element),
                    blocked_by,
                    *_versions_of(part.direct, nm, m),
                )
                result = shared.get(key)
                if result is None:
                    result = shared[key] = self._element(
                        element_id, part, nm, m, defendant, claim, blocked_by, defense
                    )
            else:
                result = self._element(
                    element_id, part, nm, m, defendant, claim, blocked_by, defense
                )
            results.append(result)
            if part.prerequisite and result.status is _NOT_MET and not blocked_by:
                blocked_by = part.label
        return results

    def _element_part(self, element: Element) -> _ElementPart:
        condition = element.holds_when
        compiler = self.compiler
        sj = self.library.summary_judgment
        cites = element.cites
        disputed = sj.no_credibility_weighing.cites
        return _ElementPart(
            condition,
            compiler.entry(condition).free,
            compiler.direct_reads(condition),
            bool(compiler.claim_refs(condition)),
            element.prerequisite,
            element.label,
            element.particularly_important,
            element.met,
            element.not_met,
            authority_refs(cites),
            authority_refs(itertools.chain(cites, disputed)),
            authority_refs(itertools.chain(cites, disputed, sj.sheer_numbers.cites)),
        )

    def _element(
        self,
        element_id: str,
        part: _ElementPart,
        nm: World,
        m: World,
        defendant: str,
        claim: str,
        blocked_by: str | None,
        defense: DefenseTest | None,
    ) -> ElementResult:
        condition = part.condition
        material: list[Dispute] = []
        immaterial: list[str] = []
        missing: list[str] = []
        genuine = numbers = False
        direct = part.direct
        # Each world is asked only what the status needs: the movant's version matters only
        # where the non-movant's meets the element.
        if blocked_by:
            status = _NOT_REACHED
        elif nm.truth(condition, defendant, claim, defense) is not True:
            status = _NOT_MET
            values = nm.values
            missing = [a for a in direct if a not in values]
        else:
            if m.truth(condition, defendant, claim, defense) is True:
                status = _UNDISPUTED_MET
            else:
                status = _GENUINE_DISPUTE
                genuine = True
            material, immaterial = self._disputes(
                condition, nm, m, defendant, claim, defense, status
            )
            if genuine:
                for d in material:  # a loop: no generator for a list of one or two
                    if len(d.movant.facts) > len(d.non_movant.facts):
                        numbers = True
                        break
        authorities = (
            part.authorities_numbers
            if numbers
            else part.authorities_disputed
            if genuine
            else part.authorities
        )
        values, questions, nm_facts, m_facts = self._evidence(direct, nm, m)
        return ElementResult.make(
            id=element_id,
            label=part.label,
            status=status,
            particularly_important=part.particularly_important,
            values=values,
            questions=questions,
            non_movant_facts=nm_facts,
            movant_facts=m_facts,
            material_disputes=material,
            immaterial_disputes=immaterial,
            missing_evidence=missing,
            depends_on=(
                self._dependencies(condition, nm, m, defendant, claim) if part.names_claims else []
            ),
            authorities=authorities,
            explanation=self._element_sentence(
                part, status, material, missing, numbers, blocked_by
            ),
        )

    def _evidence(
        self, direct: list[str], nm: World, m: World
    ) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[FactRef], list[FactRef]]:
        """What each side's world says on the attributes a condition names, and the facts
        behind it: every defendant and claim asking the same question shares the answer.
        ``direct`` is the compiler's own list for the condition, so its identity names it."""
        key = (id(nm), id(m), id(direct))
        found = self._evidence_memo.get(key)
        if found is None:
            nm_values, m_values = nm.values, m.values
            values = {}
            for a in direct:  # a loop: a comprehension would be a call of its own
                ours, theirs = nm_values.get(a), m_values.get(a)
                # As ``shown_value`` shows them (party sets as sorted lists), without a
                # call for each value.
                values[a] = {
                    "non_movant": sorted(ours) if isinstance(ours, frozenset) else ours,
                    "movant": sorted(theirs) if isinstance(theirs, frozenset) else theirs,
                }
            questions = self.parts.get(("questions", id(direct)))
            if questions is None:
                questions = self._questions(direct)
            if len(direct) == 1:  # most conditions name one attribute: its version's facts
                nm_version = nm.versions.get(direct[0])
                m_version = m.versions.get(direct[0])
                nm_facts = self.facts(() if nm_version is None else nm_version.facts, True)
                m_facts = self.facts(() if m_version is None else m_version.facts, True)
            else:
                nm_facts = self._facts_behind(nm, direct)
                m_facts = self._facts_behind(m, direct)
            found = self._evidence_memo[key] = (values, questions, nm_facts, m_facts)
        return found

    def _facts_behind(self, world: World, direct: list[str]) -> list[FactRef]:
        versions = world.versions
        behind = tuple([f for a in direct if a in versions for f in versions[a].facts])
        return self.facts(behind)

    def _questions(self, attributes: list[str]) -> dict[str, str]:
        """Each attribute's question; ``attributes`` is one of the library's lists that
        never change, so its identity names it."""
        out: dict[str, str] = {}
        for name in attributes:
            attribute = self.library.attributes[name]
            out[name] = attribute.question + (f" ({attribute.unit})" if attribute.unit else "")
        self.parts[("questions", id(attributes))] = out
        return out

    def _disputes(
        self,
        condition: Condition,
        nm: World,
        m: World,
        defendant: str,
        claim: str,
        defense: DefenseTest | None,
        status: ElementStatus,
        flips: Any = None,
    ) -> tuple[list[Dispute], list[str]]:
        if status is not _GENUINE_DISPUTE and status is not _UNDISPUTED_MET:
            return [], []
        if flips is not None:  # a factor's question, asked of that factor only
            return self._search_disputes(condition, nm, m, defendant, claim, defense, status, flips)
        compiler = self.compiler
        entry = compiler.entries.get(id(condition)) or compiler.entry(condition)
        key: tuple[Any, ...]
        if entry.free:
            # Its answer reads the values alone, so worlds that agree on the versions it
            # reads (other defendants' worlds, mostly) agree on its disputes.
            direct = compiler.direct.get(id(condition)) or compiler.direct_reads(condition)
            key = (entry.identity, status, *_versions_of(direct, nm, m))
        else:
            # Claims that ask it of the same worlds share its disputes, unless it names the
            # claim at hand (a defense's prongs are asked for every claim it is raised to).
            named = compiler._names_the_claim.get((id(condition), id(defense)))
            if named is None:
                named = compiler.names_the_claim(condition, defense)
            asker = claim if named else None
            key = (entry.identity, id(nm), id(m), defendant, asker, id(defense), status)
        found = self._dispute_memo.get(key)
        if found is None:
            found = self._search_disputes(condition, nm, m, defendant, claim, defense, status, None)
            self._dispute_memo[key] = found
        return found

    def _search_disputes(
        self,
        condition: Condition,
        nm: World,
        m: World,
        defendant: str,
        claim: str,
        defense: DefenseTest | None,
        status: ElementStatus,
        flips: Any,
    ) -> tuple[list[Dispute], list[str]]:
        compiler = self.compiler
        reads = compiler.read_by.get((id(condition), claim, id(defense))) or compiler.reads(
            condition, claim, defense
        )
        differing = sorted(
            reads & (self._differences.get((id(nm), id(m))) or self._differing(nm, m))
        )
        if not differing:
            return [], []
        if status is not _GENUINE_DISPUTE and flips is None:
            return [], differing  # met on either version: nothing is material
        theirs = m.values
        if flips is None:
            material = nm.unsettling(differing, theirs, condition, defendant, claim, defense)
        else:
            flipping = []
            for a in differing:  # a loop: no generator per search
                if flips(nm.flipped(a, theirs.get(a))):
                    flipping.append(a)
            material = tuple(flipping)
        jointly = False
        if not material:
            material = self._jointly(
                condition, nm, theirs, defendant, claim, defense, flips, differing
            )
            jointly = bool(material)
            if not jointly:
                return [], differing
        self.material_anywhere.update(material)
        nm_versions, m_versions = nm.versions, m.versions
        disputes = []
        together = material if jointly else None
        built = self._built_disputes
        for a in material:
            nm_version, m_version = nm_versions.get(a), m_versions.get(a)
            # Most were built by an earlier search: looked up here, without a call.
            found = built.get((a, id(nm_version), id(m_version), together))
            disputes.append(found or self._dispute(a, nm_version, m_version, together))
        immaterial = []
        for a in differing:  # a loop: a comprehension is a call of its own
            if a not in material:
                immaterial.append(a)
        return disputes, immaterial

    def _jointly(
        self,
        condition: Condition,
        nm: World,
        theirs: dict[str, Any],
        defendant: str,
        claim: str,
        defense: DefenseTest | None,
        flips: Any,
        differing: list[str],
    ) -> tuple[str, ...]:
        """The first few attributes that, flipped together, unsettle what none does alone."""
        for size in range(2, min(len(differing), MAX_MATERIAL_SET) + 1):
            for attrs in itertools.combinations(differing, size):
                world = nm.replaced({a: theirs.get(a) for a in attrs})
                if flips is not None:
                    if flips(world):
                        return attrs
                elif world.truth(condition, defendant, claim, defense) is not True:
                    return attrs
        return ()

    def _dispute(
        self,
        attribute: str,
        nm: Version | None,
        m: Version | None,
        jointly: tuple[str, ...] | None = None,
    ) -> Dispute:
        """One dispute, built once: the same disagreement is material to many elements,
        claims and defendants, and report parts are never changed once built."""
        key = (attribute, id(nm), id(m), jointly)
        found = self._built_disputes.get(key)
        if found is None:
            together = [b for b in jointly if b != attribute] if jointly else None
            found = dispute(
                self.facts, attribute, self.library.attributes[attribute], nm, m, together
            )
            self._built_disputes[key] = found
        return found

    def _dependencies(
        self, condition: Condition, nm: World, m: World, defendant: str, claim: str
    ) -> list[DependencyTrace]:
        traces = []
        claims = self.library.claims
        for ref in self.compiler.claim_refs(condition):
            target = claim if ref.claim == "the_claim" else ref.claim
            if target not in claims:
                continue
            against_this_one = ref.against == "the_defendant"
            for other in self.defendants:
                if (other == defendant) is against_this_one:
                    traces.append(
                        DependencyTrace.make(
                            claim=target,
                            defendant=other,
                            holds_for_non_movant=nm.holds(target, other),
                            holds_for_movant=m.holds(target, other),
                        )
                    )
        return traces

    def _element_sentence(
        self,
        element: _ElementPart,
        status: ElementStatus,
        material: list[Dispute],
        missing: list[str],
        numbers: bool,
        blocked_by: str | None,
    ) -> str:
        sj = self.library.summary_judgment
        if status is _NOT_REACHED:
            return f"Not reached: {lower_first(blocked_by or '')} is not met."
        if status is _UNDISPUTED_MET:
            return f"Met without genuine dispute: {element.met}"
        if status is _NOT_MET:
            sentence = f"Not met even on {self.nm_name}'s evidence: {element.not_met}"
            if missing:
                questions = [self.library.attributes[a].question for a in missing]
                sentence += (
                    f" No admissible evidence answers: {' '.join(questions)} "
                    f"{sj.no_evidence.because}"
                )
            return sentence
        if len(material) == 1:  # most elements turn on one dispute, listed many times
            cited_nm, cited_m = self._cited(material[0])
        else:
            cited_nm = _cite_list({f.cite for d in material for f in d.non_movant.facts})
            cited_m = _cite_list({f.cite for d in material for f in d.movant.facts})
        sentence = (
            f"Genuine dispute: crediting {self.nm_name}'s evidence{cited_nm}, "
            f"{element.met.rstrip('.')}; {self.m_name}' evidence{cited_m} is to the contrary. "
            f"{sj.no_credibility_weighing.because}"
        )
        if numbers:
            sentence += f" {sj.sheer_numbers.because}"
        return sentence

    def _cited(self, found: Dispute) -> tuple[str, str]:
        """Each side's cites behind one dispute, as an element's sentence lists them: a
        dispute is built once per case and is material to many elements."""
        cited = self._cited_memo.get(id(found))
        if cited is None:
            cited = self._cited_memo[id(found)] = (
                _cite_list({f.cite for f in found.non_movant.facts}),
                _cite_list({f.cite for f in found.movant.facts}),
            )
        return cited

    def _factors(
        self, test: FactorsTest, nm: World, m: World, defendant: str, claim: str
    ) -> list[FactorResult]:
        reads_key = ("free factors", id(test))
        reads = self.parts.get(reads_key)
        if reads is None:
            # What the factors name, or nothing when one of them names a party, claim or
            # defense (its balance is then the defendant's own).
            compiler = self.compiler
            conditions = [
                c
                for f in test.factors.values()
                for c in (f.favors_plaintiff_when, f.favors_defendant_when)
                if c is not None
            ]
            free = all(compiler.entry(c).free for c in conditions)
            reads = self.parts[reads_key] = (
                sorted({a for c in conditions for a in compiler.direct_reads(c)}) if free else []
            )
        if reads:
            # The balance, and its explanation, follows from the versions the factors read.
            key = ("factors", id(test), *_versions_of(reads, nm, m))
            found = self._shared_results.get(key)
            if found is None:
                found = self._shared_results[key] = self._weigh(test, nm, m, defendant, claim)
            return found
        return self._weigh(test, nm, m, defendant, claim)

    def _weigh(
        self, test: FactorsTest, nm: World, m: World, defendant: str, claim: str
    ) -> list[FactorResult]:
        results = []
        nm_holds = nm.score(test, defendant, claim) >= test.threshold
        for factor_id, factor in test.factors.items():
            lean_nm = nm.leaning(factor_id, test, defendant, claim)
            lean_m = m.leaning(factor_id, test, defendant, claim)
            conditions = [
                c for c in (factor.favors_plaintiff_when, factor.favors_defendant_when) if c
            ]
            direct_key = ("factor_reads", id(factor))
            direct = self.parts.get(direct_key)
            if direct is None:  # kept with the library, so that its identity can name it
                direct = self.parts[direct_key] = sorted(
                    {a for c in conditions for a in self.compiler.direct_reads(c)}
                )
            values, questions, nm_facts, m_facts = self._evidence(direct, nm, m)
            material: list[Dispute] = []
            if lean_nm is not lean_m:
                for condition in conditions:

                    def flips(world: World, fid: str = factor_id, was: Leaning = lean_nm) -> bool:
                        changed = world.leaning(fid, test, defendant, claim) is not was
                        return (
                            changed
                            and (world.score(test, defendant, claim) >= test.threshold) != nm_holds
                        )

                    found, _ = self._disputes(
                        condition,
                        nm,
                        m,
                        defendant,
                        claim,
                        None,
                        _GENUINE_DISPUTE,
                        flips=flips,
                    )
                    material += [
                        d for d in found if d.attribute not in {x.attribute for x in material}
                    ]
            sentence = {
                _LEANS_PLAINTIFF: factor.plaintiff,
                _LEANS_DEFENDANT: factor.defendant,
                _LEANS_NEUTRAL: factor.neutral,
            }[lean_nm]
            if lean_nm is not lean_m:
                sentence += (
                    f" On {self.m_name}' version it would favour "
                    f"{'neither side' if lean_m is _LEANS_NEUTRAL else 'the ' + lean_m.value}."
                )
            results.append(
                FactorResult.make(
                    id=factor_id,
                    label=factor.label,
                    leaning=lean_nm,
                    movant_leaning=lean_m,
                    weight=float(factor.weight),
                    particularly_important=factor.particularly_important,
                    values=values,
                    questions=questions,
                    non_movant_facts=nm_facts,
                    movant_facts=m_facts,
                    material_disputes=material,
                    authorities=self._refs(("factor", id(factor)), factor.cites),
                    explanation=sentence,
                )
            )
        return results

    # --- defenses --------------------------------------------------------------------

    def _defenses(self, pairs: dict[tuple[str, str], _Pair]) -> list[DefenseResult]:
        results = []
        for raised in sorted(self.case.defenses, key=lambda r: r.defense):
            defense = self.library.tests.get(raised.defense)
            if not isinstance(defense, DefenseTest):
                continue
            for (claim, defendant), pair in pairs.items():
                if defendant in raised.raised_by:
                    results.append(self._defense(defense, claim, defendant, pair))
        return results

    def _defense(
        self, defense: DefenseTest, claim: str, defendant: str, pair: _Pair
    ) -> DefenseResult:
        part_key = ("defense part", id(defense))
        part: _DefensePart | None = self.parts.get(part_key)
        if part is None:
            part = self.parts[part_key] = _defense_part(defense, self.library)
        claim_result = pair.result
        name = claim_result.defendant_name
        if claim_result.outcome is not _CLAIM_DENIED or pair.non_movant is None:
            why = (
                "the claim is dismissed"
                if claim_result.outcome is _CLAIM_DISMISSED
                else "the claim fails on the merits"
            )
            return DefenseResult.make(
                defense=part.id,
                defense_name=part.name,
                defendant=defendant,
                claim=claim,
                outcome=_DEFENSE_NOT_REACHED,
                prongs=self._unreached(defense, why),
                clearly_established_by=[],
                authorities=part.authorities,
                explanation=f"{part.name} is not reached for {name} on the "
                f"{claim_result.claim_name.lower()} claim: {why}.",
            )
        nm, m = pair.non_movant, pair.movant
        assert m is not None
        prongs = self._elements(part.prongs, nm, m, defendant, claim, defense)
        incident_date = self.incident_date
        established = [
            cite
            for decided, conduct, cite in part.precedents
            if decided < incident_date and nm.truth(conduct, defendant, claim, defense) is True
        ]
        failing = [p for p in prongs if p.status is _NOT_MET]
        if failing:
            outcome = _DEFENSE_GRANTED
            explanation = (
                f"{part.name} granted to {name} on the "
                f"{claim_result.claim_name.lower()} claim: "
                f"{join_labels([lower_first(p.label) for p in failing])} not established "
                f"as of {incident_date.isoformat()}."
            )
        else:
            outcome = _DEFENSE_DENIED
            disputed = [p for p in prongs if p.status is _GENUINE_DISPUTE]
            explanation = (
                f"{part.name} denied to {name} on the {claim_result.claim_name.lower()} claim"
            ) + (
                ": facts material to it are genuinely disputed, so it cannot be decided "
                "at this stage."
                if disputed
                else f": on the facts taken most favourably to {self.nm_name}, every prong is met."
            )
        return DefenseResult.make(
            defense=part.id,
            defense_name=part.name,
            defendant=defendant,
            claim=claim,
            outcome=outcome,
            prongs=prongs,
            clearly_established_by=authority_refs(established),
            authorities=part.authorities,
            explanation=explanation,
        )

    def _unreached(self, defense: DefenseTest, why: str) -> tuple[ElementResult, ...]:
        """Every prong of ``defense``, not reached for ``why``: the same for every claim."""
        key = ("unreached", id(defense), why)
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = tuple(
                _unreached(pid, prong, why) for pid, prong in defense.prongs.items()
            )
        return found  # type: ignore[no-any-return]

    # --- disputes nobody needs -------------------------------------------------------

    def _immaterial_disputes(self) -> list[Dispute]:
        nm, m = self.record.non_movant, self.record.movant
        out = []
        material = self.material_anywhere
        for attribute in sorted(nm.keys() & m.keys()):
            nm_versions, m_versions = nm[attribute], m[attribute]
            if nm_versions is m_versions or attribute in material:
                continue  # both worlds credit the same facts, or it is listed where material
            if len(nm_versions) == len(m_versions) == 1:  # the common case: one version each
                ours, theirs = nm_versions[0].value, m_versions[0].value
                if ours is theirs or ours == theirs:  # as the sets below would compare them
                    continue
            elif {v.value for v in nm_versions} == {v.value for v in m_versions}:
                continue
            out.append(self._dispute(attribute, nm_versions[0], m_versions[0]))
        return out


def _reason(rule: str, ruling: Any) -> Reason:
    return Reason.make(rule=rule, because=ruling.because, authorities=authority_refs(ruling.cites))


def _cite_list(cites: set[str]) -> str:
    """Cites as a sentence lists them after the evidence they back, or nothing."""
    return f" ({'; '.join(sorted(cites))})" if cites else ""


def _versions_of(attributes: list[str], nm: World, m: World) -> list[int]:
    nv, mv = nm.versions, m.versions
    if len(attributes) == 1:  # most conditions name one attribute
        a = attributes[0]
        return [id(nv.get(a)), id(mv.get(a))]
    found = []
    for a in attributes:  # a loop: a comprehension would be a call of its own
        found.append(id(nv.get(a)))
        found.append(id(mv.get(a)))
    return found


def _unreached(prong_id: str, prong: Element, why: str) -> ElementResult:
    return ElementResult.make(
        id=prong_id,
        label=prong.label,
        status=_NOT_REACHED,
        particularly_important=prong.particularly_important,
        values={},
        questions={},
        non_movant_facts=[],
        movant_facts=[],
        material_disputes=[],
        immaterial_disputes=[],
        missing_evidence=[],
        depends_on=[],
        authorities=authority_refs(prong.cites),
        explanation=f"Not reached: {why}.",
    )
