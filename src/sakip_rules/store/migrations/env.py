"""Alembic environment: always runs on a connection handed over by ``sakip_rules.store.migrations``."""

from alembic import context

from sakip_rules.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when someone runs `alembic` by hand
    raise RuntimeError("jalankan migrasi dengan `sakip db upgrade`, bukan alembic langsung")

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
context.run_migrations()
