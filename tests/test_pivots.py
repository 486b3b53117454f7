"""`triable pivots`: the single changes that flip an outcome, ranked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from triable.cli import session
from triable.cli.app import main
from triable.engine.evaluate import Engine
from triable.engine.pivots import find_pivots
from triable.engine.record import build_record
from triable.engine.whatif import drop_fact, win_dispute

SEED = "cases/ali_v_ramos.yaml"
RUBRICS = Path(__file__).resolve().parent.parent / "rubrics"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pivots_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run(capsys, "pivots", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def seed_without_expected(tmp_path: Path, old: str, new: str) -> Path:
    text = Path(SEED).read_text(encoding="utf-8").split("\nexpected:")[0] + "\n"
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def generated(root: Path, n: int = 50) -> tuple[Path, Path]:
    """A library with an n-element claim and a case disputing every element."""
    rubrics = root / "rubrics"
    shutil.copytree(RUBRICS, rubrics, ignore=shutil.ignore_patterns("__*"))
    questions = "\n".join(
        f"  gen_{i:02d}:\n    type: boolean\n    question: Is generated question {i} a yes?"
        for i in range(n)
    )
    (rubrics / "generated_attributes.yaml").write_text(
        f"kind: attributes\nattributes:\n{questions}\n"
    )
    elements = "\n".join(
        f"  e_{i:02d}:\n    label: Generated element {i}\n"
        f"    holds_when: {{attr: gen_{i:02d}, is: true}}\n"
        "    met: it holds.\n    not_met: it does not.\n    cites: [jackson_2013 at 258]"
        for i in range(n)
    )
    (rubrics / "tests" / "generated_elements.yaml").write_text(
        "kind: test\nform: elements\nid: generated_elements\nname: Generated elements\n"
        f"summary: Every generated element.\ncites: [jackson_2013 at 258]\nelements:\n{elements}\n"
    )
    (rubrics / "claims" / "generated_claim.yaml").write_text(
        "kind: claim\nid: generated_claim\nname: Generated claim\nsummary: Generated.\n"
        "cites: [jackson_2013 at 258]\nstandards:\n  - id: generated_standard\n"
        "    name: Generated standard\n    because: Always.\n    cites: [jackson_2013 at 258]\n"
        "    tests:\n      - test: generated_elements\n        because: Always.\n"
        "        cites: [jackson_2013 at 258]\n"
    )
    facts = []
    for i in range(n):
        facts.append(
            f"  p_{i:02d}:\n    text: The plaintiff says yes to {i}.\n    offered_by: plaintiff\n"
            f"    cite: Pl. Tr. {i + 1}:1\n    evidence: deposition\n"
            f"    establishes: {{gen_{i:02d}: true}}"
        )
        facts.append(
            f"  d_{i:02d}:\n    text: The defendants say no to {i}.\n    offered_by: defendants\n"
            f"    cite: Defs. Decl. ¶ {i + 1}\n    evidence: declaration\n"
            f"    establishes: {{gen_{i:02d}: false}}\n    disputes: [p_{i:02d}]"
        )
    case = root / "generated.yaml"
    case.write_text(
        "kind: case\ncaption: Generated v. Case\ncourt: A court\nincident_date: 2016-01-01\n"
        "plaintiff: {name: Pat Doe, status: pretrial_detainee}\n"
        "defendants:\n  avery: {name: A. Avery, role: Officer}\n"
        "  baker: {name: B. Baker, role: Officer}\n"
        "claims:\n  - claim: generated_claim\n    against: [avery, baker]\n"
        "defenses:\n  - defense: qualified_immunity\n    raised_by: [avery, baker]\n"
        "    cite: Defs. Mem. 1\n"
        "motion:\n  movant: defendants\n  cite: ECF No. 1\n"
        "  rule_56_1: {non_movant_complied: true, treatment: responses_considered}\n"
        "facts:\n" + "\n".join(facts) + "\n"
    )
    return rubrics, case


def test_seed_pivots_put_causation_on_top(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = pivots_json(capsys, SEED)
    top = [(p["kind"], p["subject"]) for p in data["pivots"][:1]]
    assert top == [("dispute", "full_injury_caused_by_force")]
    first = data["pivots"][0]
    assert {(f["claim"], f["defendant"], f["before"], f["after"]) for f in first["flips"]} == {
        ("excessive_force", "knowles", "denied", "granted"),
        ("excessive_force", "ramos", "denied", "granted"),
        ("failure_to_intervene", "knowles", "denied", "granted"),
        ("failure_to_intervene", "ramos", "denied", "granted"),
    }
    counts = [len(p["flips"]) for p in data["pivots"]]
    assert counts == sorted(counts, reverse=True)
    subjects = {(p["kind"], p["subject"]) for p in data["pivots"]}
    assert ("fact", "key_twisted_as_weapon") in subjects
    assert ("dispute", "time_to_intervene") in subjects
    # Under Cugini a complaint is one way among others to know the cuffs were too tight:
    # the forced cuffs and the key still show it, so the complaint dispute decides nothing.
    assert ("dispute", "complained_of_tightness") not in subjects
    # The weapon dispute decides only immunity: without the key there is no obvious case,
    # and no binding precedent before Cugini (2019) covers tight cuffs alone.
    weapon = next(p for p in data["pivots"] if p["subject"] == "handcuffs_used_as_weapon")
    assert {f["defense"] for f in weapon["flips"]} == {"qualified_immunity"}
    assert ("fact", "prior_outburst") not in subjects


def test_seed_pivots_as_text_with_a_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pivots", SEED, "--limit", "3")
    assert code == 0
    assert "Showing 3 of" in out
    assert "1. [dispute] the defendants win the dispute over full_injury_caused_by_force" in out
    assert "flips 4 outcomes:" in out
    assert "Excessive force — T. Eleazar Ramos: denied → granted" in out
    assert "\n4. " not in out


def test_pivots_agree_with_evaluating_every_candidate_in_full() -> None:
    """The shortcuts (skipping unchanged worlds, rerunning only affected claims, grading no
    disputes) must not change which outcomes flip."""
    library = session.library(None)
    engine = Engine(library)
    case = session.case(Path(SEED), library)
    before = engine.evaluate(case)
    base = {(c.claim, c.defendant): c.outcome.value for c in before.claims}
    found = {(p.kind, p.subject): p for p in find_pivots(engine, case, before)}
    record = build_record(case, library)
    disputed = [
        a
        for a in record.non_movant
        if {v.value for v in record.non_movant[a]} != {v.value for v in record.movant.get(a, ())}
    ]
    trials = [("dispute", a, win_dispute(case, a, case.motion.movant)) for a in disputed]
    trials += [("fact", f, drop_fact(case, f)) for f in sorted(record.admitted)]
    for kind, subject, changed in trials:
        after = {(c.claim, c.defendant): c.outcome.value for c in engine.evaluate(changed).claims}
        flipped = {k for k in base if base[k] != after[k]}
        pivot = found.get((kind, subject))
        listed = (
            {(f.claim, f.defendant) for f in pivot.flips if f.defense is None} if pivot else set()
        )
        assert listed == flipped, (kind, subject)


def test_a_variant_where_the_force_was_one_quick_act(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quick = seed_without_expected(
        tmp_path,
        "      time_to_intervene: ample\n",
        "      time_to_intervene: none\n",
    )
    data = pivots_json(capsys, str(quick))
    values = {
        (p["subject"], json.dumps(p["value"])): p for p in data["pivots"] if p["kind"] == "value"
    }
    flips = values[("time_to_intervene", '"brief"')]["flips"]
    assert {(f["claim"], f["before"], f["after"]) for f in flips} == {
        ("failure_to_intervene", "granted", "denied")
    }


def test_a_variant_ten_years_earlier(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    early = seed_without_expected(
        tmp_path, "incident_date: 2015-07-21", "incident_date: 2005-07-21"
    )
    data = pivots_json(capsys, str(early))
    assert data["pivots"], "the merits still turn on the disputes"
    # Glick (1973), Hope's obvious case and O'Neill (1988) already governed in 2005: the
    # same changes flip the same outcomes as in the seed.
    seed = pivots_json(capsys, SEED)
    assert [(p["kind"], p["subject"], len(p["flips"])) for p in data["pivots"]] == [
        (p["kind"], p["subject"], len(p["flips"])) for p in seed["pivots"]
    ]


def test_fifty_disputed_attributes_are_fifty_pivots(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rubrics, case = generated(tmp_path, 50)
    data = pivots_json(capsys, str(case), "--rubrics", str(rubrics))
    disputes = [p for p in data["pivots"] if p["kind"] == "dispute"]
    assert len(disputes) == 50
    assert all(
        {(f["claim"], f["defendant"]) for f in p["flips"]}
        == {("generated_claim", "avery"), ("generated_claim", "baker")}
        for p in disputes
    )
    facts = {p["subject"] for p in data["pivots"] if p["kind"] == "fact"}
    assert facts == {f"p_{i:02d}" for i in range(50)}


def test_an_unreadable_case_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: case\ncaption: [unclosed\n")
    code, out, err = run(capsys, "pivots", str(bad))
    assert code == 2
    assert "bad.yaml:" in err
    assert "Traceback" not in out + err
