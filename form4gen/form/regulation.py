"""Dates from which rules of the Section 16 regime apply (rules.md "Sources"), in one place."""

from __future__ import annotations

import datetime

# Release 33-11138 (Insider Trading Arrangements), effective 2023-02-27: gifts disposed of go on
# Form 4 within two business days; Rule 10b5-1 plans adopted from then have cooling-off periods.
RELEASE_33_11138_EFFECTIVE = datetime.date(2023, 2, 27)
# The Rule 10b5-1 checkbox and the plan's adoption date apply to reports filed from 2023-04-01.
PLAN_CHECKBOX_REQUIRED_FROM = datetime.date(2023, 4, 1)
# Release 34-104903 (HFIAA), effective 2026-03-18: directors and officers of foreign private
# issuers file under Section 16(a); EDGAR Release 26.1 brought schema X0609 the same day.
HFIAA_EFFECTIVE = datetime.date(2026, 3, 18)
