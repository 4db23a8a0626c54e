"""The application put together: the factory, `/healthz`, and every model for Alembic."""
