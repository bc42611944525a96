"""The small Form 4 that the rules' examples change, and how an example becomes a filing.

An example of a filing rule is a fragment of an input file.  It is merged into :data:`BASE`:
mappings merge key by key, a list replaces the base's list, and ``~`` (null) removes a key.
The result is checked as of its signature date, like a filed document.
"""

from __future__ import annotations

import copy
from io import StringIO
from typing import Any

from form4gen.drafts.load import filing_from_data
from form4gen.drafts.parse import _plain, _yaml
from form4gen.form.models import Filing

BASE = """\
document_type: 4
period_of_report: 2026-04-06
issuer:
  cik: "0000320193"
  trading_symbol: EXMP
reporting_owners:
  - cik: "0001000001"
    relationship:
      is_director: true
aff10b5one: false
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding:
      code: P
    transaction_amounts:
      shares: 1000
      price_per_share: 10.25
      acquired_disposed_code: A
    post_transaction_amounts:
      shares_owned_following_transaction: 11000
    ownership_nature:
      direct_or_indirect_ownership: D
signatures:
  - name: /s/ Jane Doe
    date: 2026-04-07
"""


def parse_yaml(text: str) -> Any:
    return _plain(_yaml().load(StringIO(text)))


def merge(base: Any, change: Any) -> Any:
    if isinstance(base, dict) and isinstance(change, dict):
        out = copy.deepcopy(base)
        for key, value in change.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merge(out.get(key), value)
        return out
    return copy.deepcopy(change)


def example_data(fragment: str) -> dict[str, Any]:
    return merge(parse_yaml(BASE), parse_yaml(fragment) or {})


def example_filing(fragment: str) -> Filing:
    """The base Form 4 with the fragment merged in (raises InputError if it is not a filing)."""
    return filing_from_data(example_data(fragment), "<example>")
