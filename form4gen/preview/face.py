"""The texts printed on the face of Forms 3, 4 and 5 that differ from form to form: titles, OMB
numbers, the SEC form numbers and editions, box numbers and labels."""

from __future__ import annotations

FORM_TITLES = {
    "3": "INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES",
    "4": "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
    "5": "ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
}
# OMB control number and estimated burden (hours per response) printed on each form
OMB = {"3": ("3235-0104", "0.5"), "4": ("3235-0287", "0.5"), "5": ("3235-0362", "1.0")}
# The form's number and edition as printed under Table I, and the edition line at the foot
SEC_FORM_NUMBER = {"3": "SEC 1473 (7-02)", "4": "SEC 1474 (9-02)", "5": "SEC 2270 (9-02)"}
SEC_FORM_EDITION = {"3": "* Form 3: SEC 1473 (03-26).", "4": "* Form 4: SEC 1474 (03-26)", "5": "* Form 5: SEC 2770T (03-26)"}
# Box 6 and the notes, where the forms word them differently
JOINT_LABELS = {
    "3": ("Individual or Joint/Group Filing (Check Applicable Line)", "Form filed by One Reporting Person", "Form filed by More than One Reporting Person"),
    "4": ("Individual or Joint/Group Filing (Check Applicable Line)", "Form filed by One Reporting Person", "Form filed by More than One Reporting Person"),
    "5": ("Individual or Joint/Group Reporting (check applicable line)", "Form Filed by One Reporting Person", "Form Filed by More than One Reporting Person"),
}
JOINT_INSTRUCTION = {"3": "5(b)(v)", "4": "4(b)(v)", "5": "4(b)(v)"}
SPACE_NOTE = {"3": "If space is insufficient,", "4": "If space is insufficient,", "5": "If space provided is insufficient,"}
# The numbers of the boxes on each form (Form 3 puts the event date before the issuer)
BOX_NUMBERS = {
    "3": {"period": 2, "issuer": 3, "relationship": 4, "amendment": 5, "joint": 6},
    "4": {"issuer": 2, "period": 3, "amendment": 4, "relationship": 5, "joint": 6},
    "5": {"issuer": 2, "period": 3, "amendment": 4, "relationship": 5, "joint": 6},
}
PERIOD_LABELS = {
    "3": "Date of Event Requiring Statement (Month/Day/Year)",
    "4": "Date of Earliest Transaction (Month/Day/Year)",
    "5": "Statement for Issuer's Fiscal Year Ended (Month/Day/Year)",
}
