"""Alembic environment: the URL comes from the caller (`queue_server.db.migrate`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from queue_server.db.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url, "migrate() sets sqlalchemy.url"
connectable = create_engine(url)
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
connectable.dispose()
