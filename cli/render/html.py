"""The html report: one self-contained page with a picture of each claim's test.

Every element, factor and prong is a node coloured by its status (or a factor by its leaning),
with the material disputes beside it. Nothing is fetched and no script runs; jinja2 escapes
every value from the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from triable.engine.explain import lower_first
from triable.engine.library import Library
from triable.engine.model.report import AuthorityRef, Dispute, Report
from triable.engine.model.rubric import Authority

from ..printable import printable
from .wording import (
    DEFENSE_WORDS,
    LEANING_WORDS,
    OUTCOME_WORDS,
    STATUS_WORDS,
    TREATMENT_WORDS,
    Cite,
    authorities_of,
    balance_words,
    cite,
    cited_ids,
    claim_names,
    defendant_names,
    defense_groups,
    dismissed_claims,
    dispute_questions,
    evidence_words,
    fact_groups,
    humanize,
    live_claims,
    material_words,
    outcome_words,
    paragraph_lines,
    paragraph_status,
    possessive,
    rule_name,
    score_words,
    sentence_start,
    side_name,
    unique_refs,
    value_words,
)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("triable.cli.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        OUTCOME_WORDS=OUTCOME_WORDS,
        STATUS_WORDS=STATUS_WORDS,
        LEANING_WORDS=LEANING_WORDS,
        DEFENSE_WORDS=DEFENSE_WORDS,
        TREATMENT_WORDS=TREATMENT_WORDS,
        evidence_words=evidence_words,
        humanize=humanize,
        lower_first=lower_first,
        possessive=possessive,
        sentence_start=sentence_start,
        score_words=score_words,
        balance_words=balance_words,
        outcome_words=outcome_words,
        rule_name=rule_name,
        paragraph_status=paragraph_status,
        paragraph_lines=paragraph_lines,
    )
    return env


def _report_context(report: Report, authorities: Mapping[str, Authority]) -> dict[str, Any]:
    names = defendant_names(report)
    non_movant = side_name(report, report.non_movant)
    movant = side_name(report, report.movant)

    def cites(refs: Sequence[AuthorityRef]) -> list[Cite]:
        return [cite(ref, authorities) for ref in unique_refs(refs)]

    def material(dispute: Dispute, what: str) -> str:
        return material_words(dispute, movant, non_movant, what)

    return {
        "report": report,
        "non_movant": non_movant,
        "movant": movant,
        "claim_groups": live_claims(report),
        "dismissed": dismissed_claims(report),
        "defense_groups": defense_groups(report),
        "claim_names": claim_names(report),
        "names": names,
        "questions": dispute_questions(report),
        "cites": cites,
        "material": material,
        "value": lambda v: value_words(v, names),
        "side": lambda side: side_name(report, side),
        "fact_groups": lambda nm, m, d: fact_groups(report, nm, m, d),
    }


def render(reports: Sequence[Report], library: Library | None = None) -> str:
    """One html page for all ``reports``; with ``library``, short-form citations and a table."""
    authorities = authorities_of(library)
    template = _environment().get_template("report.html.j2")
    return printable(
        template.render(
            reports=[_report_context(report, authorities) for report in reports],
            named=bool(authorities),
            table=[(i, authorities[i]) for i in cited_ids(reports) if i in authorities],
        )
    )
