"""Queries of the rows whose key is in a list, compiled by the ORM once per length of list.

The ORM builds and compiles a query again on every request; for the list
pages' rows and links that costs about as much as running it. A KeyedQuery
keeps, for each number of keys, the SQL and the converters that the ORM's own
compiler gives, and a request only runs them with its keys. A page holds at
most ``max_page_size`` keys, which bounds what is kept.
"""

from django.db import connections


class KeyedQuery:
    """A ``values_list()`` queryset filtered by ``lookup`` (``"pk__in"``) on a list of keys."""

    def __init__(self, queryset, lookup: str):
        self.queryset, self.lookup = queryset, lookup
        self.compiled: dict[tuple, tuple] = {}

    def run(self, keys: list) -> list:
        """Return the rows (tuples or lists) of ``keys``, converted as the ORM converts them."""
        if not keys:
            return []
        connection = connections[self.queryset.db]
        # Per connection too: the converters are bound to the compiler's connection.
        compiled_key = (connection, len(keys))
        if compiled_key not in self.compiled:
            self.compiled[compiled_key] = self._compile(connection, len(keys))
        sql, compiler, converters = self.compiled[compiled_key]
        with connection.cursor() as cursor:
            cursor.execute(sql, keys)
            rows = cursor.fetchall()
        return list(compiler.apply_converters(rows, converters)) if converters else rows

    def _compile(self, connection, count: int) -> tuple:
        placeholders = list(range(count))
        query = self.queryset.filter(**{self.lookup: placeholders}).query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if list(params) != placeholders:
            raise ValueError(f"The keys must be the only parameters of: {sql}")
        converters = compiler.get_converters(
            [expression for expression, _sql, _ in compiler.select]
        )
        return sql, compiler, converters
