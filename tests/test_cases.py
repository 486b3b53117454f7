"""The shipped cases: the seed and its worked variants, run as a user runs them.

Each variant's expected holdings come from the authority that decides it. Beyond matching
those holdings, each variant must depart from the seed exactly where its note says, so the
tests are seen to come out both ways.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from triable.cli import session
from triable.cli.app import main
from triable.engine.evaluate import Engine
from triable.engine.expectations import compare
from triable.engine.model.case import Case
from triable.engine.model.report import Report

CASES = Path(__file__).resolve().parent.parent / "cases"
SEED = "ali_v_ramos.yaml"
CASE_FILES = sorted(p.name for p in CASES.glob("*.yaml"))
VARIANTS = [
    name
    for name in CASE_FILES
    if name != SEED and "\nvariant_of:" in (CASES / name).read_text(encoding="utf-8")
]
#: Variants decided episode by episode depart from the seed by a whole episode, not by a
#: holding here and there: tests/test_episodes.py compares them episode by episode.
SEED_LIKE = [
    name for name in VARIANTS if "\nepisodes:" not in (CASES / name).read_text(encoding="utf-8")
]

EF = "excessive_force"
FTI = "failure_to_intervene"

#: Where each variant's holdings depart from the seed's: key -> (seed, variant).
#: Outcome, standard, test, defense and Local Rule 56.1 keys not listed must equal the seed's.
DEPARTURES: dict[str, dict[str, tuple[str, str]]] = {
    "ali_temporary_discomfort.yaml": {
        f"claim {EF}/ramos": ("denied", "granted"),
        f"claim {EF}/knowles": ("denied", "granted"),
        f"element {EF}/ramos injury": ("genuine_dispute", "not_met"),
        f"element {EF}/knowles injury": ("genuine_dispute", "not_met"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"claim {FTI}/knowles": ("denied", "granted"),
        f"element {FTI}/ramos underlying_violation": ("genuine_dispute", "not_met"),
        f"element {FTI}/knowles underlying_violation": ("genuine_dispute", "not_met"),
        f"defense qualified_immunity/ramos/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "not_reached"),
    },
    "ali_single_quick_act.yaml": {
        # Ramos, the actor, still faces a jury; Knowles, the bystander, does not.
        f"claim {EF}/knowles": ("denied", "granted"),
        f"element {EF}/knowles personal_involvement": ("undisputed_met", "not_met"),
        f"claim {FTI}/knowles": ("denied", "granted"),
        f"element {FTI}/knowles realistic_opportunity": ("genuine_dispute", "not_met"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"element {FTI}/ramos underlying_violation": ("genuine_dispute", "not_met"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "not_reached"),
    },
    "ali_no_complaint.yaml": {
        f"claim {EF}/ramos": ("denied", "granted"),
        f"claim {EF}/knowles": ("denied", "granted"),
        # No complaint, but the officers' knowledge stays disputed (Cugini); injury fails.
        f"element {EF}/ramos knew_or_should_have_known": ("genuine_dispute", "genuine_dispute"),
        f"element {EF}/ramos injury": ("genuine_dispute", "not_met"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"claim {FTI}/knowles": ("denied", "granted"),
        f"defense qualified_immunity/ramos/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "not_reached"),
    },
    "ali_arrestee.yaml": {
        # Another amendment, the same handcuffing test, the same outcomes.
        f"standard {EF}/ramos": ("fourteenth_amendment_kingsley", "fourth_amendment_graham"),
        f"standard {EF}/knowles": ("fourteenth_amendment_kingsley", "fourth_amendment_graham"),
    },
    "ali_convicted_prisoner.yaml": {
        f"standard {EF}/ramos": ("fourteenth_amendment_kingsley", "eighth_amendment_hudson"),
        f"standard {EF}/knowles": ("fourteenth_amendment_kingsley", "eighth_amendment_hudson"),
        f"test {EF}/ramos": ("handcuffing", "eighth_amendment_force"),
        f"test {EF}/knowles": ("handcuffing", "eighth_amendment_force"),
    },
    "ali_before_clearly_established.yaml": {
        # Ten years earlier, the outcome is the same: Glick (1973), Hope's obvious case and the
        # bystander's duty (O'Neill 1988; Anderson 1994) already governed.
    },
    "ali_nonverbal_signs_2015.yaml": {
        # No complaint, no key: the claims survive on visible signs (Cugini), but immunity is
        # granted because Cugini came later. Ali answered the 56.1 statement here.
        "rule_56_1": ("assiduous_review", "responses_considered"),
        f"element {EF}/ramos knew_or_should_have_known": ("genuine_dispute", "genuine_dispute"),
        f"defense qualified_immunity/ramos/{EF}": ("denied", "granted"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "granted"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "granted"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "granted"),
        # Whether the law was clearly established is a question of law (Elder), met on the
        # seed's facts as Ali tells them, never a genuine dispute.
        f"prong qualified_immunity/ramos/{EF} clearly_established": ("met", "not_met"),
    },
    "ali_nonverbal_signs_2021.yaml": {
        # The same facts after Cugini: the law was clearly established, immunity is denied.
        "rule_56_1": ("assiduous_review", "responses_considered"),
        f"element {EF}/ramos knew_or_should_have_known": ("genuine_dispute", "genuine_dispute"),
    },
    "ali_deemed_admitted.yaml": {
        # Only paragraphs 28 and 30, which the record they cite supports, are deemed: the key
        # was not a weapon, so the lasting injury does not count. Paragraphs 17 and 26 cite
        # nothing and are disregarded, so Ali's account of the tight cuffing still stands.
        "rule_56_1": ("assiduous_review", "deemed_admitted"),
        f"claim {EF}/ramos": ("denied", "granted"),
        f"claim {EF}/knowles": ("denied", "granted"),
        f"element {EF}/ramos unreasonably_tight": ("genuine_dispute", "genuine_dispute"),
        f"element {EF}/ramos knew_or_should_have_known": ("genuine_dispute", "genuine_dispute"),
        f"element {EF}/ramos injury": ("genuine_dispute", "not_met"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"claim {FTI}/knowles": ("denied", "granted"),
        f"defense qualified_immunity/ramos/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "not_reached"),
    },
    "ali_punched_detainee.yaml": {
        # Blows, not handcuffs: the general Kingsley factors decide, and Ramos alone struck.
        f"test {EF}/ramos": ("handcuffing", "kingsley_factors"),
        f"test {EF}/knowles": ("handcuffing", "kingsley_factors"),
        f"claim {EF}/knowles": ("denied", "granted"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
    },
    "ali_video_contradicts.yaml": {
        "set_aside key_twisted_as_weapon": ("kept", "set_aside"),
        f"claim {EF}/ramos": ("denied", "granted"),
        f"claim {EF}/knowles": ("denied", "granted"),
        f"element {EF}/ramos injury": ("genuine_dispute", "not_met"),
        f"claim {FTI}/ramos": ("denied", "granted"),
        f"claim {FTI}/knowles": ("denied", "granted"),
        f"defense qualified_immunity/ramos/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{EF}": ("denied", "not_reached"),
        f"defense qualified_immunity/ramos/{FTI}": ("denied", "not_reached"),
        f"defense qualified_immunity/knowles/{FTI}": ("denied", "not_reached"),
    },
}

#: Keys that must not move unless a variant's departures list them.
DECIDING = ("claim ", "standard ", "test ", "defense ", "rule_56_1")


@functools.cache
def engine() -> Engine:
    return Engine(session.library(None))


@functools.cache
def loaded(name: str) -> tuple[Case, Report]:
    case = session.case(CASES / name, engine().library)
    return case, engine().evaluate(case)


def holdings(case: Case, report: Report) -> dict[str, str]:
    """Every holding of a report as a flat key -> value table, for comparing two cases."""
    out = {"rule_56_1": report.rule_56_1.treatment.value}
    set_aside = {s.fact.id for s in report.set_aside}
    for fact_id in case.facts:
        out[f"set_aside {fact_id}"] = "set_aside" if fact_id in set_aside else "kept"
    for c in report.claims:
        pair = f"{c.claim}/{c.defendant}"
        out[f"claim {pair}"] = c.outcome.value
        out[f"standard {pair}"] = str(c.standard)
        out[f"test {pair}"] = str(c.test)
        for e in c.elements:
            out[f"element {pair} {e.id}"] = e.status.value
    for d in report.defenses:
        triple = f"{d.defense}/{d.defendant}/{d.claim}"
        out[f"defense {triple}"] = d.outcome.value
        for p in d.prongs:
            out[f"prong {triple} {p.id}"] = p.status.value
    return out


def test_every_variant_has_its_departures_listed() -> None:
    assert SEED in CASE_FILES
    assert len(SEED_LIKE) >= 7
    assert sorted(DEPARTURES) == SEED_LIKE


def test_triable_test_passes_on_every_case_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test", str(CASES)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{len(CASE_FILES)} passed, 0 failed" in out.splitlines()[-1]
    for name in CASE_FILES:
        assert f"ok    {CASES / name}" in out


@pytest.mark.parametrize("name", CASE_FILES)
def test_case_validates(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(CASES / name)])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err


@pytest.mark.parametrize("name", CASE_FILES)
def test_case_reaches_every_expected_holding(name: str) -> None:
    case, report = loaded(name)
    assert case.expected is not None
    assert case.expected.claims and case.expected.defenses
    # Element statuses, not only outcomes, for every claim that is evaluated.
    for exp in case.expected.claims:
        # Over several episodes, the whole claim is only their sum; each episode has elements.
        whole = bool(case.episodes) and exp.episode is None
        if exp.outcome.value != "dismissed" and not whole:
            assert exp.elements, f"{name}: {exp.claim}/{exp.defendant} asserts no element"
    assert compare(case, report) == []


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_names_its_seed_and_its_deciding_authority(name: str) -> None:
    case, _ = loaded(name)
    assert case.variant_of == SEED
    assert case.note
    assert case.expected is not None
    assert case.expected.decided_by, f"{name} names no deciding authority"
    for cite in case.expected.decided_by:
        assert cite.authority in engine().library.authorities


@pytest.mark.parametrize("name", SEED_LIKE)
def test_variant_departs_from_the_seed_as_its_note_says(name: str) -> None:
    seed = holdings(*loaded(SEED))
    variant = holdings(*loaded(name))
    departures = DEPARTURES[name]
    for key, (in_seed, in_variant) in departures.items():
        assert (seed.get(key), variant.get(key)) == (in_seed, in_variant), key
    moved = {
        key
        for key in seed.keys() & variant.keys()
        if key.startswith(DECIDING) and seed[key] != variant[key]
    }
    declared = {k for k in departures if k.startswith(DECIDING)}
    assert moved == declared, f"moved but not declared: {sorted(moved - declared)}"


def test_the_variants_come_out_both_ways() -> None:
    outcomes: dict[str, set[str]] = {}
    for name in CASE_FILES:
        for key, value in holdings(*loaded(name)).items():
            if key.startswith(("claim ", "defense ")):
                kind = key.split("/")[0]
                outcomes.setdefault(kind, set()).add(value)
    assert {"granted", "denied"} <= outcomes[f"claim {EF}"]
    assert {"granted", "denied"} <= outcomes[f"claim {FTI}"]
    assert {"granted", "denied"} <= outcomes["defense qualified_immunity"]
