"""One consistent world: attribute values, and which claims hold in it."""

from typing import Any

from .conditions import Question, Truth, any_holds, truth
from .law import Law, Selection
from .model.base import Period
from .model.conditions import Condition
from .model.rubric import Attribute, ClaimRubric, DefenseTest, ElementsTest, FactorsTest
from .record import Version
from .vocab import Leaning


class Answers:
    """What one set of attribute values decides, worked out once for every world of an
    evaluation that has those values (and is, or is not, the movant's version): which
    claims hold against whom, and whether a defense finds the law clearly established."""

    __slots__ = ("established", "holds")

    def __init__(self) -> None:
        self.holds: dict[tuple[str, str], bool] = {}
        #: By defendant, claim, defense id and the incident's first and last possible day.
        self.established: dict[tuple[Any, ...], Truth] = {}


#: The answers of one evaluation's worlds, by whether a world is the movant's version and
#: its values.
AnswerBook = dict[tuple[bool, frozenset[tuple[str, Any]]], Answers]


class World:
    """Attribute values for one side's version of events; claims are decided as asked.

    Whether a claim holds against a defendant is worked out once per set of values (see
    ``Answers``): a claim that another names (an underlying violation) is asked about
    again and again, in the world and in each variant a dispute search makes, and a claim
    that depends on itself does not hold. A variant asked for again is the one made before,
    since the searches of one element after another swap the same values."""

    __slots__ = (
        "_answers",
        "_book",
        "_variants",
        "attributes",
        "defendants",
        "incident_date",
        "law",
        "movant_version",
        "named",
        "values",
        "versions",
    )

    def __init__(
        self,
        law: Law,
        values: dict[str, Any],
        defendants: tuple[str, ...],
        incident_date: Period,
        versions: dict[str, Version] | None = None,
        movant_version: bool = False,
        named: tuple[str, ...] | None = None,
        book: AnswerBook | None = None,
    ) -> None:
        self.law = law
        self.attributes: dict[str, Attribute] = law.attributes
        self.values = values
        #: Everyone who may have acted, whose violation another may have failed to stop.
        self.defendants = defendants
        #: The named defendants alone (all of ``defendants`` unless said otherwise).
        self.named = defendants if named is None else named
        self.incident_date = incident_date
        #: The version behind each value, where the world was built from the record.
        self.versions: dict[str, Version] = {} if versions is None else versions
        #: The movant's version of events, where a claim holds only if it holds even there.
        self.movant_version = movant_version
        self._book: AnswerBook = {} if book is None else book
        self._answers: Answers | None = None  # looked up when first needed
        self._variants: dict[frozenset[tuple[str, Any]], World] = {}

    def truth(
        self,
        condition: Condition,
        defendant: str,
        claim: str | None = None,
        defense: DefenseTest | None = None,
    ) -> Truth:
        return truth(condition, self, Question(defendant, claim, defense))

    def replaced(self, changes: dict[str, Any]) -> "World":
        """This world with some values swapped; None takes a value away."""
        key = frozenset(changes.items())
        variant = self._variants.get(key)
        if variant is None:
            variant = self._variants[key] = self._made_variant(changes)
        return variant

    def _made_variant(self, changes: dict[str, Any]) -> "World":
        values = dict(self.values)
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = value
        return World(
            self.law,
            values,
            self.defendants,
            self.incident_date,
            None,
            self.movant_version,
            self.named,
            self._book,
        )

    def answers(self) -> Answers:
        """What this world's values decide, shared with every world alike in them. Many a
        variant is only ever asked about attributes, and never needs them."""
        if self._answers is None:
            key = (self.movant_version, frozenset(self.values.items()))
            answers = self._book.get(key)
            if answers is None:
                answers = self._book[key] = Answers()
            self._answers = answers
        return self._answers

    def knows_claim(self, claim_id: str) -> bool:
        return claim_id in self.law.library.claims

    def clearly_established(self, question: Question) -> Truth:
        """Whether the conduct of a precedent decided before the incident matches. Where the
        incident is known only to its month or year, a precedent decided within that range
        may or may not predate it: its match leaves the answer unknown."""
        if question.defense is None:
            return None
        start, end = self.incident_date.start, self.incident_date.end
        key = (question.defendant, question.claim, question.defense.id, start, end)
        known = self.answers().established
        if key not in known:
            known[key] = self._established(question)
        return known[key]

    def _established(self, question: Question) -> Truth:
        assert question.defense is not None
        precedents = self.law.precedents(question.defense)
        start, end = self.incident_date.start, self.incident_date.end
        before = any_holds((p.conduct for p in precedents if p.decided < start), self, question)
        if before is not False:
            return before
        if any(start <= p.decided < end for p in precedents):
            inside = any_holds(
                (p.conduct for p in precedents if start <= p.decided < end), self, question
            )
            return None if inside is not False else False
        return False

    def weighed_as_the_movant_s(self) -> "World":
        """This world's values, a balance in it struck as on the movant's version: for the
        plaintiff only where some consideration favours him and none the defendant."""
        return World(
            self.law,
            self.values,
            self.defendants,
            self.incident_date,
            self.versions,
            True,
            self.named,
            self._book,
        )

    def on(self, day: Period) -> "World":
        """This world, the incident taken to have happened on ``day``."""
        return World(
            self.law,
            self.values,
            self.defendants,
            day,
            self.versions,
            self.movant_version,
            self.named,
            self._book,
        )

    def select(self, rubric: ClaimRubric, defendant: str) -> Selection | None:
        """The first standard whose condition holds, and its first test that applies."""
        for standard in rubric.standards:
            if (
                standard.when is not None
                and self.truth(standard.when, defendant, rubric.id) is not True
            ):
                continue
            for choice in standard.tests:
                if choice.when is None or self.truth(choice.when, defendant, rubric.id) is True:
                    return Selection(standard, choice, self.law.test(choice))
            return None
        return None

    def holds(self, claim_id: str, defendant: str) -> bool:
        known = self.answers().holds
        key = (claim_id, defendant)
        found = known.get(key)
        if found is None:
            known[key] = False
            found = known[key] = self._decide(self.law.library.claims[claim_id], defendant)
        return found

    def _decide(self, rubric: ClaimRubric, defendant: str) -> bool:
        question = Question(defendant, rubric.id)
        if not all(truth(e.holds_when, self, question) is True for e in rubric.elements.values()):
            return False
        selection = self.select(rubric, defendant)
        if selection is None:
            return False
        test = selection.test
        if isinstance(test, FactorsTest):
            return self.balance(test, defendant, rubric.id)[0]
        if isinstance(test, ElementsTest):
            return all(truth(e.holds_when, self, question) is True for e in test.elements.values())
        return False

    def leaning(self, factor_id: str, test: FactorsTest, defendant: str, claim: str) -> Leaning:
        factor = test.factors[factor_id]
        pro, con = factor.favors_plaintiff_when, factor.favors_defendant_when
        plaintiff = pro is not None and self.truth(pro, defendant, claim) is True
        defendant_side = con is not None and self.truth(con, defendant, claim) is True
        if plaintiff and not defendant_side:
            return Leaning.PLAINTIFF
        if defendant_side and not plaintiff:
            return Leaning.DEFENDANT
        return Leaning.NEUTRAL

    def balance(self, test: FactorsTest, defendant: str, claim: str) -> tuple[bool, str]:
        """Whether a reasonable factfinder could strike the balance for the plaintiff, and
        the key of the test's rule that decides it: the stated rule for the jury, then the
        one for the defendant, then the rule for every other case (or, in an older rubric,
        its threshold)."""
        jury, defendant_rule = test.for_jury_when, test.judgment_for_defendant_when
        if jury is not None and self.truth(jury.holds_when, defendant, claim) is True:
            return True, "for_jury_when"
        if (
            defendant_rule is not None
            and self.truth(defendant_rule.holds_when, defendant, claim) is True
        ):
            return False, "judgment_for_defendant_when"
        if test.otherwise is not None:
            # A reasonable factfinder could strike the balance for the plaintiff on his
            # version where some consideration favours him; on the movant's version the claim
            # holds only where it would even there: some consideration favours him and none
            # the defendant.
            leanings = {self.leaning(f, test, defendant, claim) for f in test.factors}
            holds = Leaning.PLAINTIFF in leanings
            if self.movant_version:
                holds = holds and Leaning.DEFENDANT not in leanings
            return holds, "otherwise"
        assert test.threshold is not None
        return self.score(test, defendant, claim) >= test.threshold, "threshold"

    def score(self, test: FactorsTest, defendant: str, claim: str) -> float:
        """The factors' weights, added where a factor favours the plaintiff and taken away
        where it favours the defendant."""
        total = 0.0
        for factor_id, factor in test.factors.items():
            leaning = self.leaning(factor_id, test, defendant, claim)
            if leaning is Leaning.PLAINTIFF:
                total += factor.weight
            elif leaning is Leaning.DEFENDANT:
                total -= factor.weight
        return total
