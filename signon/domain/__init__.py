"""Domain rules that import nothing from Flask: names, collation, countries."""
