"""The database: engine, sessions, migrations, SQLite's writer queue, the extension instances."""
