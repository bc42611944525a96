"""0001: the audit log and the filing history.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("object", sa.Text(), nullable=False),
        sa.Column("hash_before", sa.String(64), nullable=True),
        sa.Column("hash_after", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("entry_hash", name="uq_audit_log_entry_hash"),
    )
    op.create_index("ix_audit_log_object", "audit_log", ["object"])
    op.create_table(
        "filing_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("document_type", sa.String(8), nullable=True),
        sa.Column("mode", sa.String(4), nullable=True),
        sa.Column("draft_path", sa.Text(), nullable=True),
        sa.Column("package_path", sa.Text(), nullable=True),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint("mode IN ('test', 'live')", name="ck_filing_history_mode"),
        sa.PrimaryKeyConstraint("id", name="pk_filing_history"),
    )


def downgrade() -> None:
    op.drop_table("filing_history")
    op.drop_index("ix_audit_log_object", table_name="audit_log")
    op.drop_table("audit_log")
