"""The fixed vocabularies of the public contract (SPEC section 4) and of case files."""

from enum import StrEnum


class ClaimOutcome(StrEnum):
    GRANTED = "granted"
    #: Over several episodes: granted as to some, denied as to the others.
    GRANTED_IN_PART = "granted_in_part"
    DENIED = "denied"
    DISMISSED = "dismissed"


class ElementStatus(StrEnum):
    UNDISPUTED_MET = "undisputed_met"
    GENUINE_DISPUTE = "genuine_dispute"
    NOT_MET = "not_met"
    NOT_REACHED = "not_reached"
    #: A question of law answered on the non-movant's version of the facts: never a
    #: genuine dispute, whatever the movant's version would give.
    MET = "met"
    #: A prong whose answer changes within the range of dates the incident may have
    #: happened on.
    UNDETERMINED = "undetermined"


class Leaning(StrEnum):
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    NEUTRAL = "neutral"


class DefenseOutcome(StrEnum):
    GRANTED = "granted"
    DENIED = "denied"
    NOT_REACHED = "not_reached"
    #: The answer changes within the range of dates the incident may have happened on.
    UNDETERMINED = "undetermined"


class Side(StrEnum):
    """Who offers a fact."""

    PLAINTIFF = "plaintiff"
    DEFENDANTS = "defendants"
    UNDISPUTED = "undisputed"
    THIRD_PARTY = "third_party"


class Party(StrEnum):
    """A side that can move for summary judgment."""

    PLAINTIFF = "plaintiff"
    DEFENDANTS = "defendants"


class EvidenceKind(StrEnum):
    DEPOSITION = "deposition"
    DECLARATION = "declaration"
    AFFIDAVIT = "affidavit"
    VERIFIED_COMPLAINT = "verified_complaint"
    UNVERIFIED_COMPLAINT = "unverified_complaint"
    RULE_56_1_STATEMENT = "rule_56_1_statement"
    MEDICAL_RECORD = "medical_record"
    VIDEO = "video"
    DOCUMENT = "document"
    EXPERT_REPORT = "expert_report"
    PHOTOGRAPH = "photograph"
    UNSWORN_ALLEGATION = "unsworn_allegation"
    ATTORNEY_ARGUMENT = "attorney_argument"
    BARE_CONCLUSION = "bare_conclusion"
    #: The record does not say what kind of evidence it is.
    UNKNOWN = "unknown"


class Rule561Treatment(StrEnum):
    DEEMED_ADMITTED = "deemed_admitted"
    ASSIDUOUS_REVIEW = "assiduous_review"
    RESPONSES_CONSIDERED = "responses_considered"


class CourtLevel(StrEnum):
    SUPREME = "supreme"
    CIRCUIT = "circuit"
    DISTRICT = "district"
    RULE = "rule"


class AttributeType(StrEnum):
    BOOLEAN = "boolean"
    ORDINAL = "ordinal"
    NUMBER = "number"
    PARTY = "party"


class TestKind(StrEnum):
    ELEMENTS = "elements"
    FACTORS = "factors"
    DEFENSE = "defense"


class PlaintiffStatus(StrEnum):
    PRETRIAL_DETAINEE = "pretrial_detainee"
    ARRESTEE = "arrestee"
    CONVICTED_PRISONER = "convicted_prisoner"
    FREE_PERSON = "free_person"


class DismissalReason(StrEnum):
    CONCEDED = "conceded"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"
    DISMISSED_BY_COURT = "dismissed_by_court"
