"""hardening: staff tokens expire, pairing keeps no token and knows the asker's address,
device health is keyed by the reporting device's own token

Revision ID: 0007
Revises: 0006

- tokens.expires_at: a staff login lasts a working day (device tokens: NULL, no expiry)
- pairings.address: requests are limited per client address; pairings.token goes: the
  token is made when the device collects it, so no usable secret waits in the table
- device_health: rows are keyed by the token that reported them (a display token of one
  branch can no longer overwrite another's printer); `name` is what the device calls
  itself. Health is reported every minute, so old rows are simply dropped.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE pairings SET state = 'expired' WHERE state = 'approved'")
    with op.batch_alter_table("pairings") as batch:
        batch.add_column(sa.Column("address", sa.String(64), nullable=True))
        batch.drop_column("token")
    op.create_index("ix_pairings_address", "pairings", ["address", "state"])
    op.drop_table("device_health")
    op.create_table(
        "device_health",
        sa.Column("token_id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("device", sa.String(40), nullable=False),
        sa.Column("branch", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_device_health_branch", "device_health", ["branch"])


def downgrade() -> None:
    op.drop_table("device_health")
    op.create_table(
        "device_health",
        sa.Column("device", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("branch", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_device_health_branch", "device_health", ["branch"])
    op.drop_index("ix_pairings_address", table_name="pairings")
    with op.batch_alter_table("pairings") as batch:
        batch.drop_column("address")
        batch.add_column(sa.Column("token", sa.String(64), nullable=True))
    with op.batch_alter_table("tokens") as batch:
        batch.drop_column("expires_at")
