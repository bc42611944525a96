"""What marks an amendment that is not yet explained: the placeholder ``form4gen amend`` writes
into remarks, which RMK-PLACEHOLDER refuses until it is replaced."""

from __future__ import annotations

REMARK_PLACEHOLDER = "[form4gen: say what this amendment corrects, and remove the lines it does not change]"
