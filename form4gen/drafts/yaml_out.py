"""Filing -> a form4gen YAML input file (what ``form4gen import`` writes).

The YAML is in the input-file format: values without footnotes are written alone, footnotes
become a ``name: text`` mapping (the names are the document's ids, F1, F2, ...).  The CCC is
never written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.representer import RoundTripRepresenter

from form4gen.form.models import Filing


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    if text.startswith("-0") and not value:  # -0 would be read back as the integer 0: keep its sign
        return representer.represent_scalar("tag:yaml.org,2002:float", text if "." in text else f"{text}.")
    tag = "tag:yaml.org,2002:int" if value == value.to_integral_value() and "." not in text else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, text)


# Characters YAML reads as line breaks (NEL, LINE and PARAGRAPH SEPARATOR) or that it cannot
# hold unescaped: a text with one is written double-quoted, where each is an escape (\N, \L, \P,
# \xNN), so that it reads back as it was.
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _represent_str(representer: RoundTripRepresenter, value: str) -> Any:
    if _NEEDS_ESCAPES.search(value):
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return representer.represent_str(value)


def _simplify(value: Any) -> Any:
    """Drop empty parts; a footnoted value with no footnotes becomes the bare value."""
    if isinstance(value, dict):
        out = {k: _simplify(v) for k, v in value.items()}
        # An empty part stays ({}): a document may hold one (<postTransactionAmounts/>), and
        # dropping it would leave the draft without a part the form requires.
        out = {k: v for k, v in out.items() if v is not None and v != []}
        if set(out) == {"value"}:
            return out["value"]
        return out
    if isinstance(value, list):
        return [_simplify(v) for v in value]
    return value


def filing_to_yaml(filing: Filing, *, source: str | None = None, header: str | None = None) -> str:
    data = filing.model_dump(mode="python", exclude_none=True)
    for owner in data.get("reporting_owners", []):
        owner.pop("ccc", None)
    footnotes = data.pop("footnotes", [])
    data = _simplify(data)
    if footnotes:
        data["footnotes"] = {note["id"]: note["text"] for note in footnotes}
    signatures = data.pop("signatures", None)
    if signatures is not None:
        data["signatures"] = signatures
    if not header and source:
        header = f"Imported by form4gen from {source}. The CCC is never written here."
    return dump_yaml(data, header=header)


_FOLD_SAFE = re.compile(r"[^\s\\]*(?: [^\s\\]+)*")


def _unsafe_to_fold(text: str) -> bool:
    return len(text) > 40 and not _FOLD_SAFE.fullmatch(text)


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def dump_yaml(data: dict[str, Any], *, header: str | None = None) -> str:
    """Input-file data as YAML (Decimals written exactly), with an optional comment on top."""
    ordered = CommentedMap(data)
    if header:
        ordered.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.Representer.add_representer(Decimal, _represent_decimal)
    yaml.Representer.add_representer(str, _represent_str)
    yaml.representer.ignore_aliases = lambda _data: True  # a value used twice is written twice: drafts refuse aliases
    # ruamel folds long texts at a space, and reading a fold back loses what surrounds it when
    # that is more than one plain space ("sold.  Full" comes back "sold. Full"), a line end, a
    # tab, a backslash or a Unicode space or line break: a file with such a text is not folded.
    yaml.width = 100 if not any(_unsafe_to_fold(text) for text in _texts(data)) else 1 << 30
    buffer = io.StringIO()
    yaml.dump(ordered, buffer)
    return buffer.getvalue()
