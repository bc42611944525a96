"""Filing -> a form4gen YAML input file (what ``form4gen import`` writes).

The YAML is in the input-file format: values without footnotes are written alone, footnotes
become a ``name: text`` mapping (the names are the document's ids, F1, F2, ...).  The CCC is
never written.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.representer import RoundTripRepresenter

from form4gen.form.models import Filing


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:int" if value == value.to_integral_value() and "." not in text else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, text)


def _simplify(value: Any) -> Any:
    """Drop empty parts; a footnoted value with no footnotes becomes the bare value."""
    if isinstance(value, dict):
        out = {k: _simplify(v) for k, v in value.items()}
        out = {k: v for k, v in out.items() if v is not None and v != [] and v != {}}
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


def dump_yaml(data: dict[str, Any], *, header: str | None = None) -> str:
    """Input-file data as YAML (Decimals written exactly), with an optional comment on top."""
    ordered = CommentedMap(data)
    if header:
        ordered.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.Representer.add_representer(Decimal, _represent_decimal)
    yaml.width = 100
    buffer = io.StringIO()
    yaml.dump(ordered, buffer)
    return buffer.getvalue()
