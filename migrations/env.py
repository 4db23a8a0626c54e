"""Alembic environment: runs on the connection Signon hands it, or on DATABASE_URL."""

import os

from alembic import context
from sqlalchemy import create_engine

from signon.app.models import Base
from signon.core.config import database_url
from signon.storage.database import UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write our column types as plain SQLAlchemy ones, so migrations never import the app."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_on(connection) -> None:
    """Run the migrations on an open connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    url = database_url(os.environ.get("DATABASE_URL"), os.path.abspath("instance"))
    engine = create_engine(url)
    with engine.begin() as conn:
        run_on(conn)
