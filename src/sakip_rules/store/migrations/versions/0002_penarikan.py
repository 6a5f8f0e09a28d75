"""Penarikan kiriman: a version of a value may say it was reported by mistake (``ditarik``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # every earlier version is a value, not a withdrawal
    op.add_column("kiriman", sa.Column("ditarik", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("kiriman") as batch:
        batch.drop_column("ditarik")
