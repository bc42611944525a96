"""0002: the ledger (documents, their lines, adjustments).

Revision ID: 0002
Revises: 0001

Share counts and prices: NUMERIC on PostgreSQL, the decimal's text on SQLite (whose NUMERIC is
a float), as ``form4gen.workspace.models.ExactDecimal`` reads and writes them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def _decimal() -> sa.types.TypeEngine:
    return sa.Numeric().with_variant(sa.String(64), "sqlite")


def _holding() -> list[sa.Column]:
    """The holding identity (form4gen.form.holdings.HoldingKey)."""
    return [
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("ownership", sa.String(1), nullable=False),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.Column("marks", sa.JSON(), nullable=False),
        sa.Column("exercise_price", _decimal(), nullable=True),
        sa.Column("expiration", sa.String(32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "ledger_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sa.String(20), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("owner_cik", sa.String(10), nullable=False),
        sa.Column("issuer_cik", sa.String(10), nullable=False),
        sa.Column("document_type", sa.String(8), nullable=False),
        sa.Column("period", sa.Date(), nullable=True),
        sa.Column("filed", sa.Date(), nullable=True),
        sa.Column("signed", sa.Date(), nullable=True),
        sa.Column("original_submission", sa.Date(), nullable=True),
        sa.Column("amends_id", sa.Integer(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("imported", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["amends_id"], ["ledger_document.id"], name="fk_ledger_document_amends_id_ledger_document", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_document"),
        sa.UniqueConstraint("accession", name="uq_ledger_document_accession"),
        sa.UniqueConstraint("content_hash", name="uq_ledger_document_content_hash"),
    )
    op.create_index("ix_ledger_document_owner_cik", "ledger_document", ["owner_cik"])
    op.create_index("ix_ledger_document_issuer_cik", "ledger_document", ["issuer_cik"])
    op.create_table(
        "ledger_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("form_table", sa.String(16), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        *_holding(),
        sa.Column("transaction_date", sa.Date(), nullable=True),
        sa.Column("transaction_code", sa.String(2), nullable=True),
        sa.Column("shares", _decimal(), nullable=True),
        sa.Column("acquired_disposed", sa.String(1), nullable=True),
        sa.Column("owned_following", _decimal(), nullable=True),
        sa.CheckConstraint("form_table IN ('non_derivative', 'derivative')", name="ck_ledger_line_form_table"),
        sa.CheckConstraint("ownership IN ('D', 'I')", name="ck_ledger_line_ownership"),
        sa.ForeignKeyConstraint(["document_id"], ["ledger_document.id"], name="fk_ledger_line_document_id_ledger_document", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_line"),
        sa.UniqueConstraint("document_id", "form_table", "line_index", name="uq_ledger_line_document_id_form_table_line_index"),
    )
    op.create_index("ix_ledger_line_document_id", "ledger_line", ["document_id"])
    op.create_table(
        "ledger_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_cik", sa.String(10), nullable=False),
        sa.Column("issuer_cik", sa.String(10), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        *_holding(),
        sa.Column("change", _decimal(), nullable=True),
        sa.Column("ratio", _decimal(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_adjustment"),
    )
    op.create_index("ix_ledger_adjustment_owner_cik", "ledger_adjustment", ["owner_cik"])
    op.create_index("ix_ledger_adjustment_issuer_cik", "ledger_adjustment", ["issuer_cik"])


def downgrade() -> None:
    op.drop_table("ledger_adjustment")
    op.drop_table("ledger_line")
    op.drop_table("ledger_document")
