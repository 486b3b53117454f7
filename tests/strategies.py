"""Hypothesis strategies: valid cases built from the models against the bundled library.

Every case these draw passes the case lint with no error, so whatever the engine does with
it is the engine's answer, not a reaction to bad input.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from triable.cli.documents import load_library
from triable.cli.yaml_source import load
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.vocab import (
    AttributeType,
    DismissalReason,
    EvidenceKind,
    PlaintiffStatus,
    Rule561Treatment,
    Side,
)

SEED_OFFICERS = ("ramos", "knowles", "still")
DEFENDANT_POOL = ("ramos", "knowles", "still", "doe", "roe")
SURNAMES = ("Ramos", "Knowles", "Still", "Doe", "Roe")
POSTURES = (
    (True, Rule561Treatment.RESPONSES_CONSIDERED),
    (False, Rule561Treatment.DEEMED_ADMITTED),
    (False, Rule561Treatment.ASSIDUOUS_REVIEW),
)
#: The seed's status half the time, so the seed's tests are reached often.
statuses = st.just(PlaintiffStatus.PRETRIAL_DETAINEE) | st.sampled_from(list(PlaintiffStatus))
fact_ids = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
#: Free text as a person types it: any printable character, quotes and colons included.
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")


@cache
def bundled() -> Library:
    return load_library()[0]


@cache
def seed_facts() -> dict[str, dict[str, Any]]:
    """The seed's record as plain data: drawn from, so that generated claims often survive."""
    seed = Path(__file__).resolve().parent.parent / "cases" / "ali_v_ramos.yaml"
    return load(seed).data["facts"]


def _seed_fact(fact: dict[str, Any], chosen: list[str], defendants: list[str]) -> dict[str, Any]:
    """A seed fact with its officers mapped onto ``defendants`` and its references kept
    inside ``chosen``."""
    officers = {o: defendants[i % len(defendants)] for i, o in enumerate(SEED_OFFICERS)}

    def party(value: Any) -> Any:
        if isinstance(value, dict):
            named = sorted({officers[o] for o in value["one_of"]})
            return {"one_of": named} if len(named) >= 2 else named
        if isinstance(value, list):
            return sorted({officers[o] for o in value})
        return value

    out = dict(fact)
    out["establishes"] = {a: party(v) for a, v in fact.get("establishes", {}).items()}
    for key in ("disputes", "blatantly_contradicts"):
        if key in fact:
            out[key] = [f for f in fact[key] if f in chosen]
    return out


def fact_attributes(library: Library) -> list[str]:
    return sorted(a for a, attr in library.attributes.items() if not attr.from_case)


@st.composite
def attribute_values(
    draw: st.DrawFn, library: Library, attribute_id: str, defendants: list[str]
) -> Any:
    """A value of the attribute's own type: what a fact may establish."""
    attribute = library.attributes[attribute_id]
    if attribute.type is AttributeType.BOOLEAN:
        return draw(st.booleans())
    if attribute.type is AttributeType.ORDINAL:
        return draw(st.sampled_from(attribute.levels or []))
    if attribute.type is AttributeType.NUMBER:
        return draw(
            st.integers(0, 120)
            | st.floats(0, 120, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2))
        )
    named = draw(st.lists(st.sampled_from(defendants), unique=True, max_size=len(defendants)))
    if len(defendants) >= 2 and draw(st.integers(0, 4)) == 0:
        return {
            "one_of": draw(
                st.lists(
                    st.sampled_from(defendants), unique=True, min_size=2, max_size=len(defendants)
                )
            )
        }
    return sorted(named)


@st.composite
def facts(
    draw: st.DrawFn,
    library: Library,
    defendants: list[str],
    fact_id: str,
    index: int,
    others: list[str],
    side: Side | None = None,
    evidence: EvidenceKind | None = None,
) -> dict[str, Any]:
    side = side or draw(st.sampled_from(list(Side)))
    evidence = evidence or draw(st.sampled_from(list(EvidenceKind)))
    attributes = draw(st.lists(st.sampled_from(fact_attributes(library)), unique=True, max_size=3))
    fact: dict[str, Any] = {
        # A unique text: two facts never tie in the report's fact order.
        "text": f"{index}. {draw(texts)}",
        "offered_by": side.value,
        "cite": draw(st.sampled_from(["Pl. Tr.", "Ramos Decl. ¶", "Defs. 56.1 ¶", "ECF No."]))
        + f" {draw(st.integers(1, 300))}",
        "evidence": evidence.value,
        "establishes": {a: draw(attribute_values(library, a, defendants)) for a in attributes},
    }
    if others:
        fact["disputes"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
        if evidence is EvidenceKind.VIDEO:
            fact["blatantly_contradicts"] = draw(
                st.lists(st.sampled_from(others), unique=True, max_size=1)
            )
    if side is Side.DEFENDANTS and draw(st.booleans()):
        fact["rule_56_1_paragraph"] = f"¶ {index}"
    return fact


@st.composite
def case_data(
    draw: st.DrawFn,
    library: Library | None = None,
    max_facts: int = 10,
    movant: str | None = None,
) -> dict[str, Any]:
    """A case as the plain data of a case file."""
    library = library or bundled()
    n = draw(st.integers(1, 3))
    picked = draw(st.permutations(range(len(DEFENDANT_POOL))))[:n]
    defendants = [DEFENDANT_POOL[i] for i in picked]
    names = {DEFENDANT_POOL[i]: f"Officer {SURNAMES[i]}" for i in picked}
    claim_ids = draw(st.lists(st.sampled_from(sorted(library.claims)), unique=True, min_size=1))
    claims = [
        {
            "claim": c,
            "against": draw(st.lists(st.sampled_from(defendants), unique=True, min_size=1)),
        }
        for c in claim_ids
    ]
    dismissals = []
    for _ in range(draw(st.integers(0, 2))):
        dismissal: dict[str, Any] = {
            "reason": draw(st.sampled_from(list(DismissalReason))).value,
            "cite": "Pl. Opp. at 28",
        }
        which = draw(st.sampled_from(["claim", "defendant", "both"]))
        if which in ("claim", "both"):
            dismissal["claim"] = draw(st.sampled_from(claim_ids))
        if which in ("defendant", "both"):
            dismissal["defendant"] = draw(st.sampled_from(defendants))
        dismissals.append(dismissal)
    defense_ids = sorted(t for t, test in library.tests.items() if test.form == "defense")
    defenses = [
        {
            "defense": d,
            "raised_by": draw(st.lists(st.sampled_from(defendants), unique=True, min_size=1)),
            "cite": "Defs. Mem. at 29",
        }
        for d in draw(st.lists(st.sampled_from(defense_ids), unique=True))
    ]
    complied, treatment = draw(st.sampled_from(POSTURES))
    # Most of the seed's facts, each kept with probability 0.8 (shrinking drops them).
    seeded = [f for f in sorted(seed_facts()) if draw(st.integers(0, 9)) >= 2]
    ids = draw(
        st.lists(fact_ids.filter(lambda f: f not in seed_facts()), unique=True, max_size=max_facts)
    )
    record = {fid: _seed_fact(seed_facts()[fid], seeded, defendants) for fid in seeded}
    record.update(
        {
            fid: draw(facts(library, defendants, fid, i, [o for o in [*seeded, *ids] if o != fid]))
            for i, fid in enumerate(ids)
        }
    )
    return {
        "kind": "case",
        "caption": "Generated v. Officers",
        "court": "S.D.N.Y.",
        "incident_date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2024, 12, 31))).isoformat(),
        "plaintiff": {"name": "Pat Plaintiff", "status": draw(statuses).value},
        "defendants": {d: {"name": names[d], "role": "Court Officer"} for d in defendants},
        "claims": claims,
        "dismissals": dismissals,
        "defenses": defenses,
        "motion": {
            "movant": movant or draw(st.sampled_from(["defendants", "plaintiff"])),
            "cite": "ECF No. 118",
            "rule_56_1": {"non_movant_complied": complied, "treatment": treatment.value},
        },
        "facts": record,
    }


def cases(
    library: Library | None = None, max_facts: int = 10, movant: str | None = None
) -> st.SearchStrategy[Case]:
    return case_data(library, max_facts, movant).map(Case.model_validate)
