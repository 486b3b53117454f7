"""A small synthetic law for engine tests: toy rubrics that name no real legal test."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import TypeAdapter

from triable.engine.evaluate import Engine
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.model.report import ClaimResult, Report
from triable.engine.model.rubric import (
    AttributeVocabulary,
    AuthorityRegistry,
    ClaimRubric,
    SummaryJudgmentRubric,
    Test,
)


def ruling(text: str, pin: str = "1") -> dict[str, Any]:
    return {"because": text, "cites": [f"rule_a at {pin}"]}


AUTHORITIES = {
    "kind": "authorities",
    "authorities": {
        "rule_a": {
            "name": "Rule A",
            "citation": "Toy R. 1",
            "court": "Toy Court",
            "level": "rule",
            "decided": "1990-01-01",
            "propositions": [{"pin": p, "text": f"Toy proposition {p}."} for p in "123456789"],
        },
        "old_case": {
            "name": "Old v. Case",
            "citation": "1 Toy 1 (2000)",
            "court": "Toy Court",
            "level": "circuit",
            "decided": "2000-01-01",
            "propositions": [{"pin": "5", "text": "Hitting is clearly unlawful."}],
        },
        "new_case": {
            "name": "New v. Case",
            "citation": "9 Toy 9 (2020)",
            "court": "Toy Court",
            "level": "circuit",
            "decided": "2020-01-01",
            "propositions": [{"pin": "9", "text": "Hitting is clearly unlawful."}],
        },
    },
}

ATTRIBUTES = {
    "kind": "attributes",
    "attributes": {
        "status": {
            "type": "ordinal",
            "question": "Status?",
            "levels": ["free_person", "arrestee", "pretrial_detainee", "convicted_prisoner"],
            "from_case": "plaintiff_status",
        },
        "hit": {"type": "boolean", "question": "Was the plaintiff hit?"},
        "hurt": {"type": "ordinal", "question": "How hurt?", "levels": ["none", "some", "lots"]},
        "actor": {"type": "party", "question": "Who hit him?"},
        "present": {"type": "party", "question": "Who was there?"},
        "quick": {"type": "boolean", "question": "Was it one quick blow?"},
        "colour": {"type": "boolean", "question": "Was the room blue?"},
        "minutes": {"type": "number", "unit": "minutes", "question": "How long?"},
    },
}

SUMMARY_JUDGMENT = {
    "kind": "summary_judgment",
    "id": "sj",
    "name": "Toy summary judgment",
    "summary": "No genuine dispute of material fact.",
    "cites": ["rule_a at 1"],
    "admissible": [
        "deposition",
        "declaration",
        "affidavit",
        "verified_complaint",
        "medical_record",
        "video",
        "document",
        "expert_report",
        "photograph",
        "rule_56_1_statement",
        "unknown",
    ],
    "flagged": {"unknown": ruling("Its kind is not stated.", "2")},
    "admissible_because": ruling("Sworn evidence counts."),
    "set_aside": {
        "unsworn_allegation": ruling("Unsworn words are a scintilla.", "2"),
        "attorney_argument": ruling("Argument is not evidence.", "2"),
        "bare_conclusion": ruling("Conclusions are a scintilla.", "2"),
        "unverified_complaint": ruling("A pleading is not evidence.", "2"),
    },
    "blatant_contradiction": {
        **ruling("A video or record beats a blatantly false story.", "3"),
        "by": ["video", "medical_record", "photograph", "document"],
    },
    "hearsay": ruling("Hearsay is not evidence of its truth.", "2"),
    "sham_affidavit": {
        **ruling("A later statement against one's own deposition is set aside.", "4"),
        "later": ["affidavit", "declaration"],
        "earlier": ["deposition"],
    },
    "incredible_testimony": {
        **ruling("Testimony no juror could credit is set aside.", "4"),
        "testimony": ["deposition", "declaration", "affidavit"],
    },
    "default_local_rule": "toy_rule",
    "local_rules": {
        "toy_rule": {"name": "Toy Local Rule 9", "cites": {"deemed_admitted": ["rule_a at 7"]}},
        "far_rule": {"name": "Far District Rule 3", "cites": {"deemed_admitted": ["rule_a at 8"]}},
    },
    "genuine_dispute": ruling("Genuine means a jury could go either way.", "4"),
    "no_credibility_weighing": ruling("The judge weighs no credibility.", "4"),
    "sheer_numbers": ruling("Numbers do not decide.", "4"),
    "favorable_inferences": ruling("Inferences go to the non-movant.", "4"),
    "no_evidence": ruling("No evidence, no trial.", "2"),
    "rule_56_1": {
        "deemed_admitted": ruling("Uncontroverted facts are deemed admitted.", "6"),
        "assiduous_review": ruling("The court reviews the record.", "7"),
        "responses_considered": ruling("The responses frame the dispute.", "8"),
    },
    "rule_56_1_not_stated": ruling("Nothing is deemed admitted.", "9"),
    "paragraph_supported": ruling("A paragraph binds what its record supports.", "6"),
    "paragraph_unsupported": ruling("The record cited does not support it.", "6"),
}


def element(condition: dict[str, Any], label: str, **extra: Any) -> dict[str, Any]:
    return {
        "label": label,
        "holds_when": condition,
        "met": f"{label} holds.",
        "not_met": f"{label} fails.",
        "cites": ["rule_a at 5"],
        **extra,
    }


IMMUNITY_WORDING = {
    "granted": "{defense} granted to {defendant} on the {claim} claim: {failing} not "
    "established as of {incident_date}.",
    "denied": "{defense} denied to {defendant} on the {claim} claim: on the facts taken most "
    "favourably to {non_movant}, every prong is met.",
    "disputed": "{defense} denied to {defendant} on the {claim} claim: facts material to it "
    "are genuinely disputed, so it cannot be decided at this stage.",
    "not_reached": "{defense} is not reached for {defendant} on the {claim} claim: {why}.",
}


TOY_FORCE = {
    "kind": "test",
    "form": "elements",
    "id": "toy_force",
    "name": "Toy force test",
    "summary": "Hit, and hurt.",
    "cites": ["rule_a at 5"],
    "elements": {
        "hit": element({"attr": "hit", "is": True}, "The plaintiff was hit"),
        "hurt": element(
            {"attr": "hurt", "at_least": "some"}, "Some injury", particularly_important=True
        ),
    },
}

TOY_FACTORS = {
    "kind": "test",
    "form": "factors",
    "id": "toy_factors",
    "name": "Toy factors",
    "summary": "Weigh it.",
    "cites": ["rule_a at 5"],
    "threshold": 1,
    "factors": {
        name: {
            "label": name,
            "favors_plaintiff_when": pro,
            "favors_defendant_when": con,
            "plaintiff": "For the plaintiff.",
            "defendant": "For the defendant.",
            "neutral": "For neither.",
            "cites": ["rule_a at 5"],
            "weight": weight,
        }
        for name, pro, con, weight in [
            ("force", {"attr": "hit", "is": True}, {"attr": "hit", "is": False}, 2),
            ("injury", {"attr": "hurt", "at_least": "some"}, {"attr": "hurt", "is": "none"}, 1),
        ]
    },
}

TOY_BYSTANDER = {
    "kind": "test",
    "form": "elements",
    "id": "toy_bystander",
    "name": "Toy bystander test",
    "summary": "Someone else did it; he watched.",
    "cites": ["rule_a at 5"],
    "elements": {
        "underlying": element(
            {"claim": "toy_claim", "against": "another_defendant"},
            "Another officer's force",
            prerequisite=True,
        ),
        "opportunity": element(
            {
                "all": [
                    {"attr": "present", "includes": "the_defendant"},
                    {"attr": "quick", "is": False},
                ]
            },
            "A chance to step in",
        ),
    },
}

TOY_IMMUNITY = {
    "kind": "test",
    "form": "defense",
    "id": "toy_immunity",
    "name": "Toy immunity",
    "summary": "Clearly established law only.",
    "cites": ["rule_a at 5"],
    **IMMUNITY_WORDING,
    "prongs": {
        "violation": element({"claim": "the_claim"}, "A violation"),
        "clearly_established": element({"clearly_established": True}, "Clearly established"),
    },
    "clearly_established_by": [
        {
            "cite": "new_case at 9",
            "weight": "binding",
            "describes": "hitting",
            "conduct": {"attr": "hit", "is": True},
        }
    ],
}


def claim(claim_id: str, standards: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "kind": "claim",
        "id": claim_id,
        "name": claim_id.replace("_", " ").capitalize(),
        "summary": "A toy claim.",
        "cites": ["rule_a at 5"],
        "standards": standards,
        **extra,
    }


def standard(
    std_id: str, test: str, when: dict[str, Any] | None = None, **choice: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": std_id,
        "name": std_id,
        "because": f"{std_id} applies.",
        "cites": ["rule_a at 5"],
        "tests": [
            {"test": test, "because": f"{test} applies.", "cites": ["rule_a at 5"], **choice}
        ],
    }
    if when is not None:
        out["when"] = when
    return out


TOY_CLAIM = claim(
    "toy_claim",
    [
        standard("toy_detainee", "toy_force", {"attr": "status", "is": "pretrial_detainee"}),
        standard("toy_arrestee", "toy_factors", {"attr": "status", "is": "arrestee"}),
    ],
    elements={
        "involved": element({"attr": "actor", "includes": "the_defendant"}, "Personal involvement")
    },
)
TOY_BYSTANDER_CLAIM = claim("toy_failure", [standard("toy_watch", "toy_bystander")])


def library(*extra_tests: dict[str, Any], extra_claims: tuple[dict[str, Any], ...] = ()) -> Library:
    tests = [TOY_FORCE, TOY_FACTORS, TOY_BYSTANDER, TOY_IMMUNITY, *extra_tests]
    claims = [TOY_CLAIM, TOY_BYSTANDER_CLAIM, *extra_claims]
    adapter: TypeAdapter[Any] = TypeAdapter(Test)
    return Library(
        authorities=AuthorityRegistry.model_validate(AUTHORITIES).authorities,
        attributes=AttributeVocabulary.model_validate(ATTRIBUTES).attributes,
        summary_judgment=SummaryJudgmentRubric.model_validate(SUMMARY_JUDGMENT),
        tests={t["id"]: adapter.validate_python(t) for t in tests},
        claims={c["id"]: ClaimRubric.model_validate(c) for c in claims},
    )


def fact(side: str, cite: str, evidence: str = "deposition", **establishes: Any) -> dict[str, Any]:
    return {
        "text": f"{side} says so ({cite}).",
        "offered_by": side,
        "cite": cite,
        "evidence": evidence,
        "establishes": establishes,
    }


BASE_CASE: dict[str, Any] = {
    "kind": "case",
    "caption": "Pat v. Officers",
    "court": "Toy Court",
    "incident_date": "2015-06-01",
    "plaintiff": {"name": "Pat", "status": "pretrial_detainee"},
    "defendants": {
        "ann": {"name": "Ann Able", "role": "Officer"},
        "bob": {"name": "Bob Baker", "role": "Officer"},
    },
    "claims": [{"claim": "toy_claim", "against": ["ann"]}],
    "motion": {
        "movant": "defendants",
        "cite": "ECF 1",
        "rule_56_1": {"non_movant_complied": False, "treatment": "assiduous_review"},
    },
    "facts": {
        "p_hit": fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["ann"]),
        "p_hurt": fact("plaintiff", "Med. Rec. 1", evidence="medical_record", hurt="lots"),
        "d_no_hit": fact("defendants", "Ann Decl. ¶ 1", evidence="declaration", hit=False),
    },
}


def case(**changes: Any) -> Case:
    data = copy.deepcopy(BASE_CASE)
    facts = changes.pop("facts", None)
    if facts is not None:
        data["facts"] = facts
    add = changes.pop("add_facts", {})
    data["facts"].update(add)
    for name in changes.pop("drop_facts", ()):
        del data["facts"][name]
    data.update(changes)
    return Case.model_validate(data)


def evaluate(case_: Case, lib: Library | None = None) -> Report:
    return Engine(lib or library()).evaluate(case_)


def claim_result(report: Report, claim_id: str, defendant: str) -> ClaimResult:
    return next(c for c in report.claims if c.claim == claim_id and c.defendant == defendant)


def statuses(result: ClaimResult) -> dict[str, str]:
    return {e.id: e.status.value for e in result.elements}
