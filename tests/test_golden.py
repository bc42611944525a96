"""The golden test: for every corpus file and the example, ``to_xml``, ``to_html`` and the
``check`` report in every format are byte-identical to what form4gen gave before the house
moved (recorded at commit b4fb451 by ``python tests/golden_outputs.py``).

An output that changes on purpose is named in ``CHANGED_ON_PURPOSE`` with the reason; the test
then insists that it did change, so that the list never holds a stale entry.
"""

from __future__ import annotations

import json

import pytest
from conftest import requires_shared
from golden_outputs import GOLDEN, all_outputs

# "<file>|<output>": why it differs from the recording.
CHANGED_ON_PURPOSE: dict[str, str] = {}


@requires_shared
def test_every_output_is_what_it_was_before_the_move():
    recorded = json.loads(GOLDEN.read_text())
    now = all_outputs()
    assert set(now) == set(recorded), "the set of inputs or outputs changed"
    changed = sorted(k for k in now if now[k] != recorded[k])
    unexplained = [k for k in changed if k not in CHANGED_ON_PURPOSE]
    stale = [k for k in CHANGED_ON_PURPOSE if k not in changed]
    assert not unexplained, f"{len(unexplained)} output(s) changed: {unexplained[:20]}"
    assert not stale, f"listed as changed on purpose but unchanged: {stale}"


@pytest.mark.parametrize("name", ["to_xml", "to_html", "check-json"])
def test_the_recording_covers_every_kind_of_output(name):
    recorded = json.loads(GOLDEN.read_text())
    assert any(k.endswith(f"|{name}") for k in recorded)
