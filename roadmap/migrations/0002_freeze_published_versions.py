"""Make the database itself refuse changes to published plan versions.

The models refuse them too (roadmap.models), but a raw UPDATE, a QuerySet on the
base manager or another program would go around Python. These triggers, on
PostgreSQL and SQLite (other engines get none), raise an integrity error when:

- an entry is inserted into, or deleted from, a published version;
- any column of an entry is updated, except ``initiative_id`` set to NULL (what
  Django's SET_NULL does when an initiative is deleted: the copy stays);
- a published version row is updated.

Publishing writes the version as a draft (published_at NULL), inserts its
entries, then sets published_at, in one transaction; from then on the rows are
frozen. Deleting a published version's row is left to the foreign key of its
entries (it fails while they exist), because the deletion of every row of
both tables is how SQLite test databases are flushed (PostgreSQL truncates,
which row triggers do not see).

The column list is frozen here: a migration adding a column to entries must
drop and recreate ``roadmap_pventry_no_update`` with it. On SQLite, a migration
that alters either table remakes it and loses its triggers: such a migration
must create them again (tests/roadmap/test_plan_versions.py checks they exist).
"""

from django.db import migrations

ENTRY = "roadmap_planversionentry"
VERSION = "roadmap_planversion"
FROZEN_COLUMNS = (
    "id, version_id, code, title, lead_organization_id, ambition_id, theme_id, status, "
    "start_quarter, end_quarter, mutualisation_level_id, is_3pgtn, is_demo"
)
MESSAGE = "published plan versions are immutable"
PUBLISHED = f"SELECT 1 FROM {VERSION} WHERE id = %s AND published_at IS NOT NULL"
TRIGGERS = (
    "roadmap_pventry_no_insert",
    "roadmap_pventry_no_delete",
    "roadmap_pventry_no_update",
    "roadmap_pventry_no_relink",
    "roadmap_planversion_no_update",
)


def _sqlite_statements():
    refuse = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    return [
        f"CREATE TRIGGER roadmap_pventry_no_insert BEFORE INSERT ON {ENTRY} "
        f"WHEN EXISTS ({PUBLISHED % 'NEW.version_id'}) {refuse}",
        f"CREATE TRIGGER roadmap_pventry_no_delete BEFORE DELETE ON {ENTRY} "
        f"WHEN EXISTS ({PUBLISHED % 'OLD.version_id'}) {refuse}",
        f"CREATE TRIGGER roadmap_pventry_no_update BEFORE UPDATE OF {FROZEN_COLUMNS} "
        f"ON {ENTRY} {refuse}",
        f"CREATE TRIGGER roadmap_pventry_no_relink BEFORE UPDATE OF initiative_id ON {ENTRY} "
        f"WHEN NEW.initiative_id IS NOT NULL {refuse}",
        f"CREATE TRIGGER roadmap_planversion_no_update BEFORE UPDATE ON {VERSION} "
        f"WHEN OLD.published_at IS NOT NULL {refuse}",
    ]


POSTGRESQL_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION roadmap_refuse_frozen_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION roadmap_refuse_entry_of_published_version() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        v_version bigint;
    BEGIN
        IF TG_OP = 'INSERT' THEN v_version := NEW.version_id; ELSE v_version := OLD.version_id; END IF;
        IF EXISTS ({PUBLISHED % "v_version"}) THEN
            RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$
    """,
]


def _postgresql_statements():
    per_row = "FOR EACH ROW EXECUTE FUNCTION"
    return [
        *POSTGRESQL_FUNCTIONS,
        f"CREATE TRIGGER roadmap_pventry_no_insert BEFORE INSERT ON {ENTRY} "
        f"{per_row} roadmap_refuse_entry_of_published_version()",
        f"CREATE TRIGGER roadmap_pventry_no_delete BEFORE DELETE ON {ENTRY} "
        f"{per_row} roadmap_refuse_entry_of_published_version()",
        f"CREATE TRIGGER roadmap_pventry_no_update BEFORE UPDATE OF {FROZEN_COLUMNS} "
        f"ON {ENTRY} {per_row} roadmap_refuse_frozen_change()",
        f"CREATE TRIGGER roadmap_pventry_no_relink BEFORE UPDATE OF initiative_id ON {ENTRY} "
        f"FOR EACH ROW WHEN (NEW.initiative_id IS NOT NULL) "
        f"EXECUTE FUNCTION roadmap_refuse_frozen_change()",
        f"CREATE TRIGGER roadmap_planversion_no_update BEFORE UPDATE ON {VERSION} "
        f"FOR EACH ROW WHEN (OLD.published_at IS NOT NULL) "
        f"EXECUTE FUNCTION roadmap_refuse_frozen_change()",
    ]


def _drop_statements(vendor):
    tables = {name: VERSION if name.startswith("roadmap_planversion_") else ENTRY for name in TRIGGERS}
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]
    return [f"DROP TRIGGER IF EXISTS {name} ON {tables[name]}" for name in TRIGGERS] + [
        "DROP FUNCTION IF EXISTS roadmap_refuse_frozen_change()",
        "DROP FUNCTION IF EXISTS roadmap_refuse_entry_of_published_version()",
    ]


def _execute(schema_editor, statements):
    for statement in statements:
        # No parameters: the PL/pgSQL bodies hold "%" that are not placeholders.
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, _sqlite_statements())
    elif vendor == "postgresql":
        _execute(schema_editor, _postgresql_statements())


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("sqlite", "postgresql"):
        _execute(schema_editor, _drop_statements(vendor))


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0001_plan_versions"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
