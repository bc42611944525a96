"""The form's two tables, as the models name them and as a reader names them."""

from __future__ import annotations

# The filing's fields for Table I (non-derivative securities) and Table II (derivative), in the
# form's order.
TABLES = ("non_derivative_table", "derivative_table")
TABLE_NAMES = {"non_derivative_table": "Table I", "derivative_table": "Table II"}


def row_label(table: str, index: int) -> str:
    """'Table I row 2': rows counted from 1, as a reader counts them."""
    return f"{TABLE_NAMES[table]} row {index + 1}"
