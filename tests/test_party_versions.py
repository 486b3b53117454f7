"""Open party questions: a small file must not make the engine weigh an exponential number
of worlds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_run import run_triable

from triable.cli.documents import load_library
from triable.engine.model.case import Case
from triable.engine.record import MAX_PARTY_VERSIONS, build_record, party_versions_exceeded

SEED = Path(__file__).resolve().parent.parent / "cases" / "ali_v_ramos.yaml"
#: Generous: a guard against a hang, not a timing.
HANG_GUARD = 300.0


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return data


def _with_officers(data: dict[str, Any], n: int) -> tuple[dict[str, Any], list[str]]:
    officers = [f"officer{i:03d}" for i in range(n)]
    data["defendants"] = {
        **data["defendants"],
        **{o: {"name": f"Officer {o[-3:]}", "role": "Court Officer"} for o in officers},
    }
    return data, officers


def _open_fact(i: int, one_of: list[str]) -> dict[str, Any]:
    return {
        "text": f"One of these officers cuffed him ({i}).",
        "offered_by": "plaintiff",
        "cite": f"Pl. Tr. {i + 1}:1",
        "evidence": "deposition",
        "establishes": {"force_applied_by": {"one_of": one_of}},
    }


def forty_open_facts(pairs_shared: bool) -> dict[str, Any]:
    """Forty facts, each naming one of two officers: the same two, or forty pairs."""
    data, officers = _with_officers(_seed(), 80)
    data["facts"] = {
        fid: fact
        for fid, fact in data["facts"].items()
        if "force_applied_by" not in fact.get("establishes", {})
    }
    for i in range(40):
        pair = officers[:2] if pairs_shared else officers[2 * i : 2 * i + 2]
        data["facts"][f"who_{i:02d}"] = _open_fact(i, pair)
    return data


def five_hundred_defendants() -> dict[str, Any]:
    """Five hundred defendants, and a fact naming one of all of them."""
    data, officers = _with_officers(_seed(), 500)
    data["facts"]["who_cuffed"] = _open_fact(0, officers)
    return data


def _case(data: dict[str, Any]) -> Case:
    return Case.model_validate(data)


def test_forty_facts_naming_one_of_the_same_two_officers_leave_three_versions() -> None:
    library = load_library()[0]
    record = build_record(_case(forty_open_facts(pairs_shared=True)), library)
    values = {v.value for v in record.non_movant["force_applied_by"]}
    assert values == {
        frozenset({"officer000"}),
        frozenset({"officer001"}),
        frozenset({"officer000", "officer001"}),
    }
    assert party_versions_exceeded(_case(forty_open_facts(pairs_shared=True))) == []


@pytest.mark.parametrize(
    "data", [forty_open_facts(pairs_shared=False), five_hundred_defendants()], ids=["40", "500"]
)
def test_a_record_keeps_at_most_the_documented_number_of_versions(data: dict[str, Any]) -> None:
    library = load_library()[0]
    record = build_record(_case(data), library)
    assert len(record.non_movant["force_applied_by"]) == MAX_PARTY_VERSIONS
    assert party_versions_exceeded(_case(data)) == ["force_applied_by"]


def test_the_bundled_cases_stay_within_the_bound() -> None:
    for path in sorted(SEED.parent.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert party_versions_exceeded(_case(data)) == [], path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("forty_open_facts", forty_open_facts(pairs_shared=False)),
        ("five_hundred_defendants", five_hundred_defendants()),
    ],
)
def test_check_finishes_on_a_small_file_with_exponentially_many_choices(
    tmp_path: Path, name: str, data: dict[str, Any]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    ran = run_triable("check", str(path), "--format", "json", timeout=HANG_GUARD)
    assert "Traceback" not in ran.output
    assert ran.code == 0, ran.output
    report = json.loads(ran.out)
    assert report["claims"]
