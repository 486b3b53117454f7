"""The case as `triable new` has it so far, and the case file it becomes."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triable.engine.library import Library
    from triable.engine.model.base import Period

#: Marks what the student must still supply; the file is valid, and honest about it.
TO_CITE = "TO BE CITED: the record cite (e.g. Pl. Tr. 40:19-41:19)"
TO_COMPLETE = "TO BE COMPLETED"
#: Where the answers about the whole case, rather than one episode, are kept.
CASE_WIDE = ""


@dataclass
class Draft:
    """The case as answered so far: what is written if input ends before the interview does."""

    caption: str | None = None
    court: str | None = None
    plaintiff: str | None = None
    status: str | None = None
    #: A day, or only a month or a year where the record says no more.
    date: Period | None = None
    people: dict[str, dict[str, str]] = field(default_factory=dict)
    #: People the record names who are not defendants: name, role, and whether they acted
    #: for the state (an officer) or not (a private person).
    non_parties: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[str, list[str]] = field(default_factory=dict)
    #: Each episode's label, by id, in the order they happened.
    episodes: dict[str, str] = field(default_factory=dict)
    #: The answers by episode; ``CASE_WIDE`` holds those for the whole case.
    answers: dict[str, dict[str, Any]] = field(default_factory=lambda: {CASE_WIDE: {}})

    def named(self) -> list[str]:
        """Everyone an answer may name: the defendants, then the non-parties."""
        return [*self.people, *self.non_parties]

    def writable(self) -> bool:
        return bool(self.status and self.date and self.people and self.claims)

    def data(self) -> dict[str, Any]:
        return {
            "caption": self.caption or TO_COMPLETE,
            "court": self.court or TO_COMPLETE,
            "incident_date": self.date,
            "plaintiff": {"name": self.plaintiff or TO_COMPLETE, "status": self.status},
            "defendants": self.people,
            "non_parties": self.non_parties,
            "claims": self.claims,
            "episodes": self.episodes if len(self.episodes) > 1 else {},
            "answers": self.answers,
        }

    def options(self) -> list[str]:
        """The answers so far as the options that give them to `triable new`."""
        given = [
            ("--caption", self.caption),
            ("--court", self.court),
            ("--plaintiff", self.plaintiff),
            ("--status", self.status),
            ("--incident-date", self.date.isoformat() if self.date else None),
        ]
        given += [("--defendant", f"{i}:{p['name']}:{p['role']}") for i, p in self.people.items()]
        given += [
            (
                "--non-party",
                f"{i}:{p['name']}:{p['role']}" + ("" if p["state_actor"] else ":civilian"),
            )
            for i, p in self.non_parties.items()
        ]
        given += [("--claim", f"{c}:{','.join(a)}") for c, a in self.claims.items()]
        if len(self.episodes) > 1:
            given += [("--episode", f"{e}:{label}") for e, label in self.episodes.items()]
        for episode, answers in self.answers.items():
            given += [
                ("--answer", f"{episode + '.' if episode else ''}{a}={_option_value(v)}")
                for a, v in answers.items()
            ]
        return [
            f"{option} {shlex.quote(value)}"
            for option, value in given
            if value and value != TO_COMPLETE
        ]


def _option_value(value: Any) -> str:
    from triable.engine.model.case import ByParty

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value) or "none"
    if isinstance(value, ByParty):
        return ",".join(f"{p}:{_option_value(v)}" for p, v in value.by_party.items())
    return str(value)


def _q(value: Any) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML and never read as a
    boolean or a date."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    by_party = getattr(value, "by_party", None)
    if isinstance(by_party, dict):
        return "{by_party: {" + ", ".join(f"{p}: {_q(v)}" for p, v in by_party.items()) + "}}"
    return json.dumps(str(value), ensure_ascii=False)


def _date(period: Period) -> str:
    """A day as YAML reads it; a month or a year quoted, as YAML would read 2019 as a
    number."""
    return period.isoformat() if period.exact else _q(period.isoformat())


def case_yaml(library: Library, data: dict[str, Any], schema: str) -> str:
    from triable.engine.whatif import show_value

    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        "# Written by `triable new`. Each fact below is a placeholder from your answers:",
        "# restate it as the record says it, replace the cite with the real record cite, set",
        "# who offers it and the kind of evidence, and add the other side's versions.",
        "kind: case",
        f"caption: {_q(data['caption'])}",
        f"court: {_q(data['court'])}",
        f"incident_date: {_date(data['incident_date'])}",
        "plaintiff:",
        f"  name: {_q(data['plaintiff']['name'])}",
        f"  status: {data['plaintiff']['status']}",
        "defendants:",
    ]
    for ident, person in data["defendants"].items():
        lines.append(f"  {ident}: {{name: {_q(person['name'])}, role: {_q(person['role'])}}}")
    if data["non_parties"]:
        lines.append("non_parties:")
    for ident, person in data["non_parties"].items():
        private = "" if person["state_actor"] else ", state_actor: false"
        lines.append(
            f"  {ident}: {{name: {_q(person['name'])}, role: {_q(person['role'])}{private}}}"
        )
    lines.append("claims:")
    for claim, against in data["claims"].items():
        lines += [f"  - claim: {claim}", f"    against: [{', '.join(against)}]"]
    defenses = [test_id for test_id, test in library.tests.items() if test.form == "defense"]
    for defense in defenses[:1]:
        lines += [
            "# defenses:",
            f"#   - defense: {defense}",
            f"#     raised_by: [{', '.join(data['defendants'])}]",
            "#     cite: the brief raising it",
        ]
    lines += [
        "motion:",
        "  movant: defendants",
        f"  cite: {_q(TO_CITE)}",
        "  # Local Rule 56.1: where the opinion says how the statements were treated, e.g.",
        "  # rule_56_1:",
        "  #   non_movant_complied: true",
        "  #   treatment: responses_considered",
    ]
    episodes: dict[str, str] = data["episodes"]
    if episodes:
        lines.append("episodes:")
        for order, (ident, label) in enumerate(episodes.items(), start=1):
            lines.append(f"  {ident}: {{label: {_q(label)}, order: {order}}}")
    answers: dict[str, dict[str, Any]] = data["answers"]
    groups = [(CASE_WIDE, answers.get(CASE_WIDE, {}))]
    groups += [(episode, answers.get(episode, {})) for episode in episodes]
    if not any(given for _, given in groups):
        lines.append("facts: {}")
    else:
        lines.append("facts:")
    used: set[str] = set()
    for episode, given in groups:
        if episode and given:
            lines.append(f"  # --- {episodes[episode]}")
        for attribute_id in [a for a in library.attributes if a in given]:
            attribute = library.attributes[attribute_id]
            value = given[attribute_id]
            fact_id = f"{episode}_{attribute_id}" if episode else attribute_id
            while fact_id in used:
                fact_id += "_"
            used.add(fact_id)
            text = f"{TO_COMPLETE}: {attribute.question} Answer: {show_value(value)}."
            lines += [
                f"  {fact_id}:",
                f"    text: {_q(text)}",
                "    offered_by: plaintiff",
                f"    cite: {_q(TO_CITE)}",
                "    evidence: deposition",
                *([f"    episode: {episode}"] if episode else []),
                "    establishes:",
                f"      {attribute_id}: {_q(value)}",
            ]
    return "\n".join(lines) + "\n"
