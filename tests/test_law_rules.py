"""Rules of law the bundled rubrics state, each checked on a variant of a shipped case.

Each test supposes one fact and checks the holding the authority gives: Kingsley's
purposely-or-knowingly threshold, the Eighth Amendment's de minimis rule decided from the
force and the injury, Graham's intrusion and flight, and delay of medical care judged by the
harm the delay caused.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from triable.cli import session
from triable.engine.evaluate import Engine
from triable.engine.model.case import Case

CASES = Path(__file__).resolve().parent.parent / "cases"


@functools.cache
def engine() -> Engine:
    return Engine(session.library(None))


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    data.pop("expected", None)
    return data


def outcomes(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    report = engine().evaluate(Case.model_validate(data))
    return {(c.claim, c.defendant): c.outcome.value for c in report.claims}


def elements(data: dict[str, Any], claim: str, defendant: str) -> dict[str, str]:
    report = engine().evaluate(Case.model_validate(data))
    found = next(c for c in report.claims if (c.claim, c.defendant) == (claim, defendant))
    return {e.id: e.status.value for e in found.elements}


def test_kingsley_an_accidental_use_of_force_is_not_excessive_force() -> None:
    """Kingsley, 135 S. Ct. at 2472-73: the force must be purposely or knowingly used. On a
    record where the detainee's own account is that the cuffs went on in the ordinary way and
    the key broke by accident, no admissible evidence shows deliberate force."""
    data = load("ali_v_ramos.yaml")
    assert outcomes(data)[("excessive_force", "ramos")] == "denied"
    accident = copy.deepcopy(data)
    for fact in accident["facts"].values():
        if fact["offered_by"] == "plaintiff":
            fact.get("establishes", {}).pop("force_deliberate", None)
    assert elements(accident, "excessive_force", "ramos")["purposely_or_knowingly"] == "not_met"
    assert outcomes(accident)[("excessive_force", "ramos")] == "granted"
    # An arrestee's Fourth Amendment claim does not turn on this element.
    accident["plaintiff"]["status"] = "arrestee"
    assert elements(accident, "excessive_force", "ramos")["purposely_or_knowingly"] == (
        "undisputed_met"
    )


def test_eighth_amendment_de_minimis_is_decided_from_the_force_and_the_injury() -> None:
    """Hudson, 503 U.S. at 9-10; Wilkins, 559 U.S. at 37-38: slight force causing no lasting
    injury is de minimis, unless used maliciously on a restrained prisoner (repugnant to the
    conscience of mankind)."""
    data = load("ali_convicted_prisoner.yaml")
    slight = copy.deepcopy(data)
    key = slight["facts"]["key_twisted_as_weapon"]["establishes"]
    key.update(
        force_significance="de_minimis",
        handcuffs_used_as_weapon=False,
        full_injury_caused_by_force=False,
        plaintiff_restrained=False,
    )
    for fact in slight["facts"].values():
        fact.get("establishes", {}).pop("plaintiff_restrained", None)
    assert elements(slight, "excessive_force", "ramos")["more_than_de_minimis"] == "not_met"
    repugnant = copy.deepcopy(slight)
    repugnant["facts"]["key_twisted_as_weapon"]["establishes"]["plaintiff_restrained"] = True
    assert elements(repugnant, "excessive_force", "ramos")["more_than_de_minimis"] != "not_met"


def test_graham_reads_the_intrusion_and_flight_not_a_conclusion() -> None:
    """Graham, 490 U.S. at 396: the nature and quality of the intrusion, and flight as a
    consideration of its own."""
    test = engine().library.tests["graham_factors"]
    intrusion = test.factors["intrusion"].favors_plaintiff_when
    text = intrusion.model_dump_json()
    assert "force_significance" in text and "force_exceeded_need" not in text
    assert "plaintiff_fleeing" in test.factors["fleeing"].favors_defendant_when.model_dump_json()
    assert "plaintiff_fleeing" not in test.factors["resisting"].model_dump_json()


def test_a_delay_of_care_is_judged_by_the_harm_the_delay_caused() -> None:
    """Smith v. Carpenter, 316 F.3d at 185-86: for a delay in treatment, seriousness is judged
    by the risk of harm from the delay, not the underlying condition alone."""
    data = load("ali_v_ramos.yaml")
    data["dismissals"] = []  # Ali's concession of the medical-care claim withdrawn
    facts = data["facts"]
    facts["bolt_cutters_before_911"]["establishes"].update(
        care_claim_is_delay=True, risk_known_or_obvious=True, harm_from_delay="minor"
    )
    minor = elements(data, "deliberate_indifference", "still")
    assert minor["serious_deprivation"] == "not_met"
    facts["bolt_cutters_before_911"]["establishes"]["harm_from_delay"] = "serious_risk"
    assert elements(data, "deliberate_indifference", "still")["serious_deprivation"] != "not_met"
