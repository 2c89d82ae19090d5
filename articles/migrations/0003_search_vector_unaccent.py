"""The reader's search index (see articles/search.py).

On PostgreSQL: the ``unaccent`` extension, a trigger that writes ``search_vector`` whenever
a story's title, lead or body is written, the vector filled for existing stories, and a
GIN index on it. On SQLite only the (always empty) column is added."""

import django.contrib.postgres.search
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# Folded words weighted by where they are (title A, lead B, body C), plus the words as
# written, lower-cased and without positions, which only tell exact matches from folded
# ones. Hyphens are spaces so that "Covid-19" is "covid" and "19". The body is HTML: the
# parser drops its tags. It is capped so that no story can exceed tsvector's 1 MB limit.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    title_text text := translate(coalesce(NEW.title, ''), '-', ' ');
    lead_text text := translate(coalesce(NEW.lead, ''), '-', ' ');
    body_text text := translate(left(coalesce(NEW.body, ''), 200000), '-', ' ');
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', lower(unaccent(title_text))), 'A')
        || setweight(to_tsvector('simple', lower(unaccent(lead_text))), 'B')
        || setweight(to_tsvector('simple', lower(unaccent(body_text))), 'C')
        || strip(to_tsvector('simple', lower(title_text || ' ' || lead_text || ' ' || body_text)));
    RETURN NEW;
END
$$;
"""
CREATE_TRIGGER = """
CREATE TRIGGER articles_article_search_vector
BEFORE INSERT OR UPDATE OF title, lead, body ON {table}
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();
"""
FILL = "UPDATE {table} SET title = title;"
CREATE_INDEX = "CREATE INDEX article_search_idx ON {table} USING gin (search_vector);"
DROP = """
DROP INDEX IF EXISTS article_search_idx;
DROP TRIGGER IF EXISTS articles_article_search_vector ON {table};
DROP FUNCTION IF EXISTS articles_article_search_vector();
"""


class UnaccentExtensionOnPostgreSQL(UnaccentExtension):
    """Django's operation, whose reverse also queries ``pg_extension`` on SQLite."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _table(apps, schema_editor):
    return schema_editor.quote_name(apps.get_model("articles", "Article")._meta.db_table)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps, schema_editor)
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(CREATE_TRIGGER.format(table=table))
    schema_editor.execute(FILL.format(table=table))
    schema_editor.execute(CREATE_INDEX.format(table=table))


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP.format(table=_table(apps, schema_editor)))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_daily_views"),
    ]

    operations = [
        UnaccentExtensionOnPostgreSQL(),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
