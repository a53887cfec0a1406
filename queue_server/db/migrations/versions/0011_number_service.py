"""a ticket keeps its number through transfers: numbers belong to the service that gave them

Revision ID: 0011
Revises: 0010

A citizen holding a paper slip for P002 must hear P002 when called, also after a transfer
to kørekort. So the number's uniqueness moves from (branch, service, day, serial) to
(branch, number_service, day, serial) among the tickets that still stand for it (a
transferred ticket hands its number to the one it became): `number_service` is the
service that issued the number, `service` where the ticket waits now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("number_service", sa.String(40), nullable=True))
    op.execute("UPDATE tickets SET number_service = service")
    with op.batch_alter_table("tickets") as batch:
        batch.alter_column("number_service", existing_type=sa.String(40), nullable=False)
        batch.drop_constraint("uq_ticket_serial", type_="unique")
    op.create_index(
        "uq_ticket_number",
        "tickets",
        ["branch", "number_service", "business_day", "serial"],
        unique=True,
        postgresql_where=sa.text("state <> 'transferred'"),
        sqlite_where=sa.text("state <> 'transferred'"),
    )


def downgrade() -> None:
    op.drop_index("uq_ticket_number", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.create_unique_constraint(
            "uq_ticket_serial", ["branch", "service", "business_day", "serial"]
        )
        batch.drop_column("number_service")
