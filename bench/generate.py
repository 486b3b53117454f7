"""Valid inputs for the benchmark, built deterministically from a seed.

- ``generate_case(library, n_facts, seed)``: a case of any size against a rubric library,
  using its real attribute vocabulary: facts from both sides establishing values of the
  right type, a few open party values, disputes, set-aside evidence, 56.1 paragraphs. It is
  contested as a real record is: which values favour the plaintiff is found once per library
  by probing the engine (``leanings``); the plaintiff's facts mostly assert those, the
  defendants' mostly contest them, so several claims survive on genuinely disputed facts.
- ``write_disputed_rubrics(folder)`` and ``disputed_case(...)``: a small rubric folder whose
  claim reads 50 attributes, and a case disputing every one of them (for ``pivots``).
- ``write_validate_tree(folder, n_files)``: rubric and case files for ``validate``.

Run it to write examples: ``python bench/generate.py OUT_DIR``.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from triable.cli.documents import default_rubrics
from triable.engine.evaluate import Engine
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.vocab import AttributeType, EvidenceKind, Rule561Treatment

INCIDENT = dt.date(2015, 7, 21)
#: Open party values multiply the versions of an attribute; a real record has a few.
MAX_OPEN_VALUES = 3
SIDES = ("plaintiff", "defendants", "undisputed", "third_party")
SIDE_WEIGHTS = (45, 40, 10, 5)
ADMISSIBLE = ("deposition", "declaration", "affidavit", "medical_record", "document")
SET_ASIDE = ("unsworn_allegation", "attorney_argument", "bare_conclusion")
CITE_PREFIX = {
    "plaintiff": "Pl. Tr.",
    "defendants": "Defs. Decl. ¶",
    "undisputed": "Defs. 56.1 ¶",
    "third_party": "Witness Tr.",
}


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def model_data(model: Any) -> dict[str, Any]:
    """The plain data a file of this model holds."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def write_model(path: Path, model: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(model_data(model)), encoding="utf-8")
    return path


# --- cases of any size ---------------------------------------------------------------------

#: A party attribute's two leanings, as probed: every defendant named, or none.
NAMED, UNNAMED = "named", "unnamed"
#: The values a number attribute is probed with.
NUMBER_PROBES = (0, 1, 2, 5, 10, 30, 60)
#: How often the plaintiff's version of an attribute is one that favours the plaintiff
#: (otherwise the record does not support it), how often the defendants contest it with a
#: version that favours them (otherwise they concede it), and how often a fact both sides
#: accept favours the plaintiff.
PLAINTIFF_SUPPORTS = 0.96
DEFENDANTS_CONTEST = 0.7
UNDISPUTED_FAVOURS = 0.75
PROBE_DEFENDANTS = ("officer_1", "officer_2", "officer_3")


@dataclass(frozen=True)
class Leaning:
    """An attribute's probe values that best serve the plaintiff, and those that best serve
    the defendants. ``weight``, how much the attribute decides: 3 when changing it alone
    changes what the engine decides, 2 when it does once the attributes that only matter
    together with others are taken against the plaintiff, 1 when only the rubrics'
    conditions tell its values apart, 0 when nothing does."""

    favourable: tuple[Any, ...]
    unfavourable: tuple[Any, ...]
    weight: int


#: Each library's leanings, found once, by (id of the library, plaintiff status). The
#: library is kept with them, so that its id cannot pass to another while they are kept.
_LEANINGS: dict[tuple[int, str], tuple[Library, dict[str, Leaning]]] = {}

Score = tuple[int, int, int, int]


def _skeleton(
    library: Library,
    defendants: list[str],
    caption: str,
    status: str,
    treatment: Rule561Treatment,
) -> dict[str, Any]:
    """A case without facts: every claim against every defendant (the first conceded when
    there are more than two), every defense raised by all."""
    claims = list(library.claims)
    defenses = [t for t, test in library.tests.items() if test.form == "defense"]
    return {
        "kind": "case",
        "caption": caption,
        "court": "United States District Court for the Southern District of New York",
        "incident_date": INCIDENT.isoformat(),
        "plaintiff": {"name": "Pat Plaintiff", "status": status},
        "defendants": {
            d: {"name": f"Officer {d.rsplit('_', 1)[-1]}", "role": "Court Officer"}
            for d in defendants
        },
        "claims": [{"claim": c, "against": list(defendants)} for c in claims],
        "dismissals": (
            [{"claim": claims[0], "reason": "conceded", "cite": "Pl. Opp. at 28"}]
            if len(claims) > 2
            else []
        ),
        "defenses": [
            {"defense": d, "raised_by": list(defendants), "cite": "Defs. Mem. at 29"}
            for d in defenses
        ],
        "motion": {
            "movant": "defendants",
            "cite": "ECF No. 118",
            "rule_56_1": {
                "non_movant_complied": treatment is Rule561Treatment.RESPONSES_CONSIDERED,
                "treatment": treatment.value,
            },
        },
        "facts": {},
    }


def _probe_values(library: Library, attribute_id: str) -> tuple[Any, ...]:
    attribute = library.attributes[attribute_id]
    if attribute.type is AttributeType.BOOLEAN:
        return (True, False)
    if attribute.type is AttributeType.ORDINAL:
        return tuple(attribute.levels or ())
    if attribute.type is AttributeType.NUMBER:
        return NUMBER_PROBES
    return (NAMED, UNNAMED)


def _satisfies(library: Library, test: dict[str, Any], value: Any) -> bool | None:
    """Whether a probe value satisfies an attribute test of a rubric's condition (None when
    the test cannot be read)."""
    attribute = library.attributes[test["attr"]]
    if attribute.type is AttributeType.PARTY:
        if "includes" in test:
            return value == NAMED
        if "excludes" in test:
            return value == UNNAMED
        return None
    levels = attribute.levels or []

    def rank(x: Any) -> Any:
        if attribute.type is AttributeType.ORDINAL:
            return levels.index(x) if x in levels else None
        return x if isinstance(x, int | float) and not isinstance(x, bool) else None

    if "is" in test:
        return bool(value == test["is"])
    if "is_not" in test:
        return bool(value != test["is_not"])
    for op in ("at_least", "at_most"):
        if op in test:
            have, bound = rank(value), rank(test[op])
            if have is None or bound is None:
                return None
            return bool(have >= bound if op == "at_least" else have <= bound)
    return None


def _condition_votes(
    library: Library, probes: dict[str, tuple[Any, ...]]
) -> dict[str, dict[Any, int]]:
    """For each attribute, how many of the rubrics' conditions each probe value meets the
    way the plaintiff would want (a test under ``not``, or in what favours the defendant,
    wants the opposite)."""
    votes = {a: dict.fromkeys(values, 0) for a, values in probes.items()}

    def walk(node: Any, wanted: bool) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, wanted)
            return
        if not isinstance(node, dict):
            return
        attribute_id = node.get("attr")
        if isinstance(attribute_id, str) and attribute_id in votes:
            for value in votes[attribute_id]:
                if _satisfies(library, node, value) is wanted:
                    votes[attribute_id][value] += 1
        for key, child in node.items():
            walk(child, wanted != (key == "not" or key.startswith("favors_defendant")))

    for document in [*library.tests.values(), *library.claims.values()]:
        walk(document.model_dump(mode="json", by_alias=True, exclude_none=True), True)
    return votes


def leanings(library: Library, status: str = "pretrial_detainee") -> dict[str, Leaning]:
    """Each fact attribute's leaning, found once per library (and plaintiff status) by
    probing the engine with one-fact cases that both sides accept: well under a second.

    A greedy search: from a few starting records, change one attribute at a time to the
    value that makes the most claims survive (then the most defenses fail, then the most
    elements, then factors, hold for the plaintiff) until no change helps; the best end is
    the plaintiff's best record. From it, the same climb the other way finds the
    defendants' best. An attribute's favourable values are those that keep the plaintiff's
    best record at its best, its unfavourable ones those that hurt it most; ties are told
    apart on the defendants' best record, then by how many of the rubrics' conditions ask
    for each value."""
    key = (id(library), status)
    kept = _LEANINGS.get(key)
    if kept is not None and kept[0] is library:
        return kept[1]
    defendants = list(PROBE_DEFENDANTS)
    skeleton = _skeleton(
        library, defendants, "Probe v. Officers", status, Rule561Treatment.ASSIDUOUS_REVIEW
    )
    engine = Engine(library)
    ids = sorted(a for a, attribute in library.attributes.items() if not attribute.from_case)
    party = {a for a in ids if library.attributes[a].type is AttributeType.PARTY}
    probes = {a: _probe_values(library, a) for a in ids}
    known: dict[tuple[Any, ...], Score] = {}

    def score(record: dict[str, Any]) -> Score:
        memo = tuple(record[a] for a in ids)
        found = known.get(memo)
        if found is not None:
            return found
        establishes = {
            a: ((list(defendants) if v == NAMED else []) if a in party else v)
            for a, v in record.items()
        }
        probe = {
            "text": "Probe.",
            "offered_by": "undisputed",
            "cite": "Probe 1",
            "evidence": "document",
            "establishes": establishes,
        }
        report = engine.evaluate(Case.model_validate(skeleton | {"facts": {"probe": probe}}))
        held = sum(1 for c in report.claims for e in c.elements if e.status == "undisputed_met")
        leaned = sum(1 for c in report.claims for f in c.factors if f.leaning == "plaintiff")
        known[memo] = found = (
            sum(1 for c in report.claims if c.outcome == "denied"),
            sum(1 for d in report.defenses if d.outcome == "denied"),
            held,
            leaned,
        )
        return found

    def climb(record: dict[str, Any], up: bool) -> dict[str, Any]:
        record = dict(record)
        current = score(record)
        for _ in range(len(ids)):  # in practice two or three rounds
            changed = False
            for a in ids:
                for v in probes[a]:
                    trial = score(record | {a: v})
                    if trial > current if up else trial < current:
                        record[a], current, changed = v, trial, True
            if not changed:
                break
        return record

    # One change at a time cannot satisfy two conditions that hold only together, so the
    # climbs start from records that already do: the values the rubrics' own conditions
    # ask for most, and, failing that, each end of every attribute's values.
    votes = _condition_votes(library, probes)
    asked = {a: max(probes[a], key=votes[a].__getitem__) for a in ids}
    starts = (asked, {a: probes[a][0] for a in ids}, {a: probes[a][-1] for a in ids})
    best = max((climb(start, up=True) for start in starts), key=score)  # the first on a tie
    worst = climb(best, up=False)

    def varies(record: dict[str, Any], a: str) -> bool:
        return len({score(record | {a: v}) for v in probes[a]}) > 1

    decisive = {a for a in ids if varies(best, a) or varies(worst, a)}
    # Attributes that decide only together with another (either of two suffices): each
    # changed to the value the conditions ask for least (or most, if it has that already),
    # beside each other so changed.
    loose = [a for a in ids if a not in decisive]
    other = {a: min(probes[a], key=votes[a].__getitem__) for a in loose}
    other |= {a: max(probes[a], key=votes[a].__getitem__) for a in loose if other[a] == best[a]}
    joint: set[str] = set()
    for b in loose:
        background = best | {b: other[b]}
        unchanged = score(background)
        joint.update(
            a
            for a in loose
            if a != b and a not in joint and score(background | {a: other[a]}) != unchanged
        )
    result: dict[str, Leaning] = {}
    for a in ids:
        ranked = {v: (score(best | {a: v}), score(worst | {a: v}), votes[a][v]) for v in probes[a]}
        top, bottom = max(ranked.values()), min(ranked.values())
        result[a] = Leaning(
            favourable=tuple(v for v in probes[a] if ranked[v] == top),
            unfavourable=tuple(v for v in probes[a] if ranked[v] == bottom),
            weight=3 if a in decisive else 2 if a in joint else int(top != bottom),
        )
    _LEANINGS[key] = (library, result)
    return result


def _party_names(rng: random.Random, leaning: Any, defendants: list[str], side: str) -> list[str]:
    """Whom a side's version of a party attribute names, given the probe value it leans to:
    naming (``NAMED``) or not naming (``UNNAMED``) the defendants."""
    n = len(defendants)
    if leaning == NAMED:
        if side == "plaintiff" or rng.random() < 0.5:
            size = n if rng.random() < 0.6 else rng.randint(max(1, n - 1), n)
        else:
            size = rng.randint(1, n)
    else:
        size = 0 if side == "plaintiff" or rng.random() < 0.5 else rng.randint(0, 1)
    return sorted(rng.sample(defendants, size))


def _profile(
    rng: random.Random, library: Library, defendants: list[str], status: str
) -> dict[str, dict[str, Any]]:
    """Each side's version of every attribute, fixed for the case whatever its size, so a
    larger record repeats versions (more witnesses) rather than multiplying them.

    Contested as a real record is: the plaintiff's version mostly favours the plaintiff
    (now and then the record does not support it), the defendants' mostly contests it
    (else they concede it), facts both sides accept mostly favour the plaintiff, and a
    third party's go either way."""
    leaning = leanings(library, status)
    profile: dict[str, dict[str, Any]] = {}
    for attribute_id, attribute in library.attributes.items():
        if attribute.from_case:
            continue
        lean = leaning[attribute_id]
        supported = rng.random() < PLAINTIFF_SUPPORTS
        plaintiff = rng.choice(lean.favourable if supported else lean.unfavourable)
        contested = rng.random() < DEFENDANTS_CONTEST
        defendants_ = rng.choice(lean.unfavourable) if contested else plaintiff
        favoured = rng.random() < UNDISPUTED_FAVOURS
        undisputed = rng.choice(lean.favourable if favoured else lean.unfavourable)
        third_party = rng.choice(lean.favourable + lean.unfavourable)
        if attribute.type is AttributeType.PARTY:
            named = _party_names(rng, plaintiff, defendants, "plaintiff")
            profile[attribute_id] = {
                "plaintiff": named,
                "defendants": (
                    _party_names(rng, defendants_, defendants, "defendants") if contested else named
                ),
                "undisputed": _party_names(rng, undisputed, defendants, "undisputed"),
                "third_party": _party_names(rng, third_party, defendants, "third_party"),
            }
        else:
            profile[attribute_id] = {
                "plaintiff": plaintiff,
                "defendants": defendants_,
                "undisputed": undisputed,
                "third_party": third_party,
            }
    return profile


def _agendas(rng: random.Random, library: Library, status: str) -> dict[str, list[str]]:
    """The attributes each side's facts speak to, in turn: the parties speak first to what
    decides the claims, then to the rest; others speak to anything."""
    leaning = leanings(library, status)
    ids = sorted(leaning)
    agendas = {}
    for side in SIDES:
        if side in ("plaintiff", "defendants"):
            agendas[side] = [
                a
                for weight in (3, 2, 1, 0)
                for a in rng.sample(ids, len(ids))
                if leaning[a].weight == weight
            ]
        else:
            agendas[side] = rng.sample(ids, len(ids))
    return agendas


def generate_case(
    library: Library,
    n_facts: int,
    seed: int = 0,
    *,
    n_defendants: int = 3,
    status: str = "pretrial_detainee",
    treatment: Rule561Treatment = Rule561Treatment.ASSIDUOUS_REVIEW,
) -> Case:
    """A valid case of ``n_facts`` facts asserting every claim of ``library``, contested as a
    real record is: the plaintiff's facts mostly support the claims, the defendants' mostly
    dispute them, so several claims survive on genuinely disputed facts."""
    defendants = [f"officer_{i}" for i in range(1, n_defendants + 1)]
    profile_rng = random.Random(f"profile-{seed}")
    profile = _profile(profile_rng, library, defendants, status)
    agendas = _agendas(profile_rng, library, status)
    turn = dict.fromkeys(SIDES, 0)
    rng = random.Random(f"facts-{seed}")
    open_values = 0
    facts: dict[str, dict[str, Any]] = {}
    by_attribute: dict[str, list[str]] = {}
    for i in range(1, n_facts + 1):
        fact_id = f"f{i:05d}"
        side = rng.choices(SIDES, SIDE_WEIGHTS)[0]
        evidence = rng.choice(SET_ASIDE) if rng.random() < 0.05 else rng.choice(ADMISSIBLE)
        fact: dict[str, Any] = {
            "text": f"Record proposition {i} ({side}).",
            "offered_by": side,
            "cite": f"{CITE_PREFIX[side]} {i}:{rng.randint(1, 25)}",
            "evidence": evidence,
        }
        establishes: dict[str, Any] = {}
        if rng.random() > 0.15:
            agenda = agendas[side]
            for _ in range(rng.randint(1, 3)):
                attribute_id = agenda[turn[side] % len(agenda)]
                turn[side] += 1
                value = profile[attribute_id][side]
                party = library.attributes[attribute_id].type is AttributeType.PARTY
                open_party = party and side == "plaintiff" and len(value) >= 2
                # Now and then the plaintiff does not know which of two officers it was.
                if open_party and open_values < MAX_OPEN_VALUES and rng.random() < 0.2:
                    open_values += 1
                    value = {"one_of": sorted(rng.sample(value, 2))}
                establishes[attribute_id] = value
        if establishes:
            fact["establishes"] = establishes
        if side == "defendants":
            rivals = sorted(
                {
                    other
                    for a, value in establishes.items()
                    for other in by_attribute.get(a, [])
                    if facts[other]["offered_by"] == "plaintiff"
                    and facts[other]["establishes"][a] != value
                }
            )
            if rivals:
                fact["disputes"] = rng.sample(rivals, min(len(rivals), rng.randint(1, 2)))
            if rng.random() < 0.3:
                fact["rule_56_1_paragraph"] = f"¶ {i}"
        if side == "third_party" and rng.random() < 0.3 and by_attribute:
            # A video that blatantly contradicts one earlier version.
            attribute_id = rng.choice(sorted(by_attribute))
            fact["evidence"] = EvidenceKind.VIDEO.value
            fact["blatantly_contradicts"] = [rng.choice(by_attribute[attribute_id])]
        for attribute_id in establishes:
            by_attribute.setdefault(attribute_id, []).append(fact_id)
        facts[fact_id] = fact

    data = _skeleton(
        library,
        defendants,
        f"Generated v. Officers ({n_facts} facts, seed {seed})",
        status,
        treatment,
    )
    data["facts"] = facts
    return Case.model_validate(data)


def bundled_library() -> Library:
    from triable.cli.documents import load_library

    return load_library()[0]


# --- a rubric whose claim reads 50 attributes, and a case disputing all of them ------------

_AUTH = "celotex_1986 at 322"


def _disputed_attribute(i: int) -> tuple[str, dict[str, Any]]:
    kind = ("boolean", "ordinal", "number")[i % 3]
    spec: dict[str, Any] = {"type": kind, "question": f"Benchmark question {i}?"}
    if kind == "ordinal":
        spec["levels"] = ["low", "medium", "high"]
    if kind == "number":
        spec["unit"] = "minutes"
    return f"d{i:02d}", spec


def _holds(attribute_id: str, kind: str) -> dict[str, Any]:
    if kind == "boolean":
        return {"attr": attribute_id, "is": True}
    if kind == "ordinal":
        return {"attr": attribute_id, "at_least": "medium"}
    return {"attr": attribute_id, "at_least": 5}


def _element(label: str, condition: dict[str, Any]) -> dict[str, Any]:
    return {
        "label": label,
        "holds_when": condition,
        "met": f"{label} holds.",
        "not_met": f"{label} does not hold.",
        "cites": [_AUTH],
    }


def write_disputed_rubrics(folder: Path, n_attributes: int = 50) -> Path:
    """A rubric folder: the bundled authorities and standard, ``n_attributes`` attributes,
    a claim whose elements read all of them, and a bystander claim depending on it."""
    folder.mkdir(parents=True, exist_ok=True)
    bundled = default_rubrics()
    for name in ("authorities.yaml", "summary_judgment.yaml"):
        shutil.copy(bundled / name, folder / name)
    attributes = dict(_disputed_attribute(i) for i in range(1, n_attributes + 1))
    attributes["actor"] = {"type": "party", "question": "Which defendant acted?"}
    attributes["present"] = {"type": "party", "question": "Which defendants were present?"}
    (folder / "attributes.yaml").write_text(
        dump_yaml({"kind": "attributes", "attributes": attributes}), encoding="utf-8"
    )
    ids = [f"d{i:02d}" for i in range(1, n_attributes + 1)]
    # Most elements read one attribute; the last ten are read in pairs (either suffices),
    # so materiality has combinations to search.
    singles, pairs = ids[:-10], ids[-10:]
    elements = {
        f"e_{a}": _element(f"Element on {a}", _holds(a, attributes[a]["type"])) for a in singles
    }
    for x, y in zip(pairs[::2], pairs[1::2], strict=True):
        elements[f"e_{x}_{y}"] = _element(
            f"Element on {x} or {y}",
            {"any": [_holds(x, attributes[x]["type"]), _holds(y, attributes[y]["type"])]},
        )
    tests = {
        "wide_elements": {
            "kind": "test",
            "form": "elements",
            "id": "wide_elements",
            "name": "Wide elements test",
            "summary": "Every element must hold.",
            "cites": [_AUTH],
            "elements": elements,
        },
        "bystander_elements": {
            "kind": "test",
            "form": "elements",
            "id": "bystander_elements",
            "name": "Bystander elements",
            "summary": "Another defendant's violation, in this one's presence.",
            "cites": [_AUTH],
            "elements": {
                "underlying": _element(
                    "Another defendant's violation",
                    {"claim": "wide_claim", "against": "another_defendant"},
                ),
                "present": _element("Present", {"attr": "present", "includes": "the_defendant"}),
            },
        },
    }
    claims = {
        "wide_claim": (
            "Wide claim",
            "wide_elements",
            {
                "actor_involved": _element(
                    "The defendant acted", {"attr": "actor", "includes": "the_defendant"}
                )
            },
        ),
        "bystander_claim": ("Bystander claim", "bystander_elements", {}),
    }
    for test_id, test in tests.items():
        path = folder / "tests" / f"{test_id}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump_yaml(test), encoding="utf-8")
    for claim_id, (name, test_id, claim_elements) in claims.items():
        claim = {
            "kind": "claim",
            "id": claim_id,
            "name": name,
            "summary": f"{name} for the benchmark.",
            "cites": [_AUTH],
            "standards": [
                {
                    "id": f"{claim_id}_standard",
                    "name": f"{name} standard",
                    "because": "The only standard.",
                    "cites": [_AUTH],
                    "tests": [{"test": test_id, "because": "The only test.", "cites": [_AUTH]}],
                }
            ],
        }
        if claim_elements:
            claim["elements"] = claim_elements
        path = folder / "claims" / f"{claim_id}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump_yaml(claim), encoding="utf-8")
    return folder


def disputed_case(n_attributes: int = 50) -> Case:
    """Both sides' versions of every attribute of ``write_disputed_rubrics``: all disputed."""
    plaintiff_values = {"boolean": True, "ordinal": "high", "number": 12}
    defendant_values = {"boolean": False, "ordinal": "low", "number": 1}
    facts: dict[str, Any] = {
        "who_acted": {
            "text": "One of the two officers did it; both were there.",
            "offered_by": "plaintiff",
            "cite": "Pl. Tr. 1:1",
            "evidence": "deposition",
            "establishes": {"actor": {"one_of": ["alpha", "beta"]}, "present": ["alpha", "beta"]},
        },
        "alpha_acted": {
            "text": "Alpha alone acted.",
            "offered_by": "defendants",
            "cite": "Alpha Decl. ¶ 1",
            "evidence": "declaration",
            "establishes": {"actor": ["alpha"]},
            "disputes": ["who_acted"],
        },
    }
    for i in range(1, n_attributes + 1):
        attribute_id, spec = _disputed_attribute(i)
        facts[f"p_{attribute_id}"] = {
            "text": f"Plaintiff's version of {attribute_id}.",
            "offered_by": "plaintiff",
            "cite": f"Pl. Tr. {i + 1}:1",
            "evidence": "deposition",
            "establishes": {attribute_id: plaintiff_values[spec["type"]]},
        }
        facts[f"m_{attribute_id}"] = {
            "text": f"Defendants' version of {attribute_id}.",
            "offered_by": "defendants",
            "cite": f"Beta Decl. ¶ {i + 1}",
            "evidence": "declaration",
            "establishes": {attribute_id: defendant_values[spec["type"]]},
            "disputes": [f"p_{attribute_id}"],
        }
    return Case.model_validate(
        {
            "kind": "case",
            "caption": f"Disputed v. Officers ({n_attributes} disputed attributes)",
            "court": "United States District Court for the Southern District of New York",
            "incident_date": INCIDENT.isoformat(),
            "plaintiff": {"name": "Pat Plaintiff", "status": "pretrial_detainee"},
            "defendants": {
                "alpha": {"name": "Officer Alpha", "role": "Court Officer"},
                "beta": {"name": "Officer Beta", "role": "Court Officer"},
            },
            "claims": [
                {"claim": "wide_claim", "against": ["alpha", "beta"]},
                {"claim": "bystander_claim", "against": ["alpha", "beta"]},
            ],
            "motion": {
                "movant": "defendants",
                "cite": "ECF No. 1",
                "rule_56_1": {"non_movant_complied": False, "treatment": "assiduous_review"},
            },
            "facts": facts,
        }
    )


# --- a tree of rubric and case files, as a class or a rubric repository holds --------------


def write_validate_tree(folder: Path, n_files: int = 500, seed: int = 0) -> tuple[Path, Path]:
    """``folder/rubrics`` (the bundled rubrics plus generated claim and test pairs) and
    ``folder/cases`` (generated cases, some asserting the generated claims): ``n_files`` in all.
    Returns the two folders."""
    rng = random.Random(seed)
    rubrics, cases = folder / "rubrics", folder / "cases"
    bundled = default_rubrics()
    for path in sorted(bundled.rglob("*.yaml")):
        target = rubrics / path.relative_to(bundled)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    library = bundled_library()
    n_rubric_files = max(len(list(rubrics.rglob("*.yaml"))), n_files // 5)
    booleans = sorted(
        a for a, attr in library.attributes.items() if attr.type is AttributeType.BOOLEAN
    )
    extra_claims: list[str] = []
    k = 0
    while len(list(rubrics.rglob("*.yaml"))) + 2 <= n_rubric_files:
        k += 1
        claim_id, test_id = f"generated_claim_{k:03d}", f"generated_test_{k:03d}"
        picked = rng.sample(booleans, 3)
        test = {
            "kind": "test",
            "form": "elements",
            "id": test_id,
            "name": f"Generated test {k}",
            "summary": "A generated elements test.",
            "cites": ["jackson_2013 at 258"],
            "elements": {
                f"holds_{a}": _element(f"{a} holds", {"attr": a, "is": True})
                | {"cites": ["jackson_2013 at 258"]}
                for a in picked
            },
        }
        claim = {
            "kind": "claim",
            "id": claim_id,
            "name": f"Generated claim {k}",
            "summary": "A generated claim.",
            "cites": ["jackson_2013 at 258"],
            "standards": [
                {
                    "id": f"generated_standard_{k:03d}",
                    "name": f"Generated standard {k}",
                    "because": "The only standard.",
                    "cites": ["jackson_2013 at 258"],
                    "tests": [
                        {
                            "test": test_id,
                            "because": "The only test.",
                            "cites": ["jackson_2013 at 258"],
                        }
                    ],
                }
            ],
        }
        (rubrics / "tests" / f"{test_id}.yaml").write_text(dump_yaml(test), encoding="utf-8")
        (rubrics / "claims" / f"{claim_id}.yaml").write_text(dump_yaml(claim), encoding="utf-8")
        extra_claims.append(claim_id)
    n_cases = n_files - len(list(rubrics.rglob("*.yaml")))
    for i in range(n_cases):
        case = generate_case(library, rng.randint(15, 40), seed=seed * 100_000 + i)
        data = model_data(case)
        if extra_claims:
            data["claims"].append(
                {"claim": extra_claims[i % len(extra_claims)], "against": ["officer_1"]}
            )
        path = cases / f"case_{i:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(data), encoding="utf-8")
    return rubrics, cases


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/generate.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    library = bundled_library()
    for n in (20, 200, 2000):
        write_model(out / "cases" / f"generated_{n}.yaml", generate_case(library, n))
    write_disputed_rubrics(out / "disputed" / "rubrics")
    write_model(out / "disputed" / "case.yaml", disputed_case())
    write_validate_tree(out / "validate")
    print(f"wrote benchmark inputs under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
