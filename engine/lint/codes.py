"""Every finding code triable reports, with what it means in one line.

The README's table lists these; codes are stable: one is never reused for another meaning.
The F, Y and S codes come from reading a file (``cli/yaml_source.py``, ``cli/documents.py``);
the R codes from the checks in this package, whose docstrings say more.
"""

CODES: dict[str, str] = {
    "F001": "the path does not exist (a file, a folder, or the --rubrics folder)",
    "F002": "a folder where a file is expected, or a file where a folder is expected",
    "F003": "the file cannot be read (permissions, I/O error)",
    "F004": "the file is too large to be a rubric or case file",
    "F005": "the file is binary or not UTF-8 text",
    "Y001": "malformed YAML (unclosed quote, bad indentation, tabs, unknown alias)",
    "Y002": "a key appears twice in the same mapping",
    "Y003": "a YAML tag (such as !!python/object) — triable reads plain data only",
    "Y004": "aliases or values expand beyond the size bound (an alias bomb)",
    "Y005": "nesting deeper than any rubric or case file needs",
    "Y006": "the file is empty, or is a list or a single value instead of a mapping",
    "Y007": "more than one YAML document in one file",
    "Y008": "a merge key ('<<')",
    "S001": "unknown key (with the closest known key)",
    "S002": "a required key is missing (including 'kind')",
    "S003": "a value of the wrong type or outside its allowed values",
    "S004": "unknown 'kind' of file",
    "S005": "a YAML 1.1 word (yes, no, on, off) where true or false is meant",
    "R001": "a condition reads an attribute the vocabulary does not declare",
    "R002": "a value or comparison that does not fit the attribute's type or levels",
    "R003": "a cite names an authority the registry does not hold",
    "R004": "an authority in the registry that nothing cites (warning)",
    "R005": "a pin cite the authority's propositions do not list",
    "R006": "the same id defined twice",
    "R007": "claims that depend on each other in a cycle",
    "R008": "a test, standard or test choice that can never be reached",
    "R009": "an authority's date does not fit the incident it is used for",
    "R010": "a case fact establishes an undeclared (or case-derived) attribute",
    "R011": "a case names an unknown claim, defendant or defense",
    "R012": "a rubric refers to an unknown test or claim, or uses one where it means nothing",
    "R013": "a fact disputes or contradicts an unknown fact",
    "R014": "a fact disputes or contradicts itself",
    "R015": "a rubric that no case given exercises (warning)",
    "R016": "only a record item of a kind the summary-judgment rubric lists (video, medical "
    "record, photograph, document) can blatantly contradict a version",
    "R017": "a rubric library needs exactly one summary_judgment file",
    "R018": "a defendant against whom the case asserts no claim (warning)",
    "R019": "a defense raised by a defendant against whom the case asserts no claim (warning)",
    "R020": "a fact that disputes another but establishes nothing itself (warning)",
    "R021": "a fact establishes an attribute that no rubric reads (warning)",
    "R022": "a 'TO BE COMPLETED' or 'TO BE CITED' placeholder left in a case (warning)",
    "R023": "open party alternatives (one_of) beyond what the engine weighs (warning)",
    "R024": "a floor (at_least) on an attribute that is not ordinal, or at_least_one_of on "
    "one that does not name parties",
    "R025": "a defendant or non-party given the reserved id 'unidentified_officer'",
    "R026": "a fact or expected holding names an episode the case does not list",
    "R027": "a precedent listed as binding from a court whose decisions do not bind",
    "R028": "a balance of factors decided by a count against a threshold, not by a rule a "
    "court states (warning)",
    "R029": "an id listed both as a defendant and as a non-party",
    "R030": "a paragraph's record_support names an unknown fact or itself, or a fact that is "
    "no paragraph names record support",
    "R031": "a deemed paragraph the record it cites does not support, in whole or in part "
    "(warning)",
    "R032": "a posture names a district's rule the summary-judgment rubric does not list",
    "R033": "a sham-affidavit mark the rule cannot reach (unknown fact, no deposition, no "
    "later affidavit or declaration, another side's testimony)",
    "R034": "a mark the standard gives no effect (incredible testimony of the movant, a "
    "disputed record item's contradiction, an explanation of nothing) (warning)",
    "R035": "a fact about one episode sets an attribute the same for every episode (warning)",
}

#: Codes that never fail `triable validate` on their own.
WARNINGS = frozenset(code for code, meaning in CODES.items() if meaning.endswith("(warning)"))
