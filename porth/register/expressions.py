"""Database expressions over a service's folded search texts (ADR 0016, ADR 0029).

Kept apart from `search` and `queries` because the model needs `StoredWords` for its generated
columns and both `search` and `queries` need `NameDistance`; this module imports neither.
"""

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, FloatField, Func


class StoredWords(Func):
    """The words PostgreSQL stores for a search text: `strip(to_tsvector('simple', text))`.

    The expression of the generated columns `search_document_vector` and `search_names_vector`
    (created by migration 0007, declared on the model by migration 0008). 'simple' treats Welsh
    and English alike; positions are stripped because nothing uses them. Other databases store
    nothing (NULL): their search backend matches the folded text itself.
    """

    output_field = SearchVectorField()

    def __init__(self, text_field: str) -> None:
        super().__init__(F(text_field))

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list]:
        return "NULL", []

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list]:
        text, params = compiler.compile(self.source_expressions[0])
        return f"strip(to_tsvector('simple'::regconfig, COALESCE({text}, '')))", params


class NameDistance(Func):
    """`search_names <->> text`: one minus the word similarity of `text` to the service's names,
    written with the column first so that the GiST trigram index of migration 0006 hands rows
    over nearest first (PostgreSQL only)."""

    arg_joiner = " <->> "
    template = "%(expressions)s"
    output_field = FloatField()
