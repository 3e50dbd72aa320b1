"""Plain inserts for the link rows an import writes by the thousand."""

from django.db import connection

# Rows per INSERT on PostgreSQL: well under its 65,535 parameters for the widest link row.
ROWS_PER_STATEMENT = 2_000


def insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """Insert plain rows of ``fields`` into ``model``'s table.

    For the simple link rows a page brings by the dozen: without a model instance each,
    this costs a fraction of ``bulk_create``, which was most of the time saving took.
    PostgreSQL gets one multi-row INSERT per ``ROWS_PER_STATEMENT`` rows: its statement
    triggers (people's article counts, the archive's version) then run once per batch,
    where an ``executemany`` ran them once per row, and updated the same leaders' rows
    hundreds of times in one transaction. SQLite, whose triggers run per row anyway, gets
    one short statement repeated, parsed once.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(insert + placeholders, rows)
            return
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(
                insert + ", ".join([placeholders] * len(chunk)),
                [value for row in chunk for value in row],
            )
