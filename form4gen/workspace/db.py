"""The workspace database: where it is, opening it, and its schema revision.

By default the database is SQLite at ``<workspace>/.form4gen/form4gen.db`` (``.form4gen/`` is
git-ignored).  A team on a shared server names one in the workspace's ``form4gen.toml``::

    [workspace]
    database_url = "postgresql+psycopg://form4gen@db.example.com/form4gen"
    actor = "J. Smith"        # who the audit log says made a change (default: the OS user)

(``pip install "form4gen[postgres]"`` for the driver).  The password is best left out of the
file, which is usually in git: it is then taken from the environment variable
``FORM4GEN_DATABASE_PASSWORD``.  Either way it never appears in a message, a log or the
database: URLs are shown with ``***`` for it.  A relative SQLite path is taken from the
workspace folder.

The schema is built by the Alembic migrations in ``migrations/`` (run here, with no
``alembic.ini``).  :func:`open_database` refuses a database at a revision this form4gen does not
know (newer, or not a form4gen database) and one at an older revision, saying how to upgrade:
``form4gen db upgrade``.  An empty database is created at the newest revision when opened for
writing.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from form4gen.form.errors import InputError, Problem

SETTINGS_FILE = "form4gen.toml"
DATABASE_FILE = Path(".form4gen") / "form4gen.db"
PASSWORD_VARIABLE = "FORM4GEN_DATABASE_PASSWORD"
VERSION_TABLE = "form4gen_revision"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UPGRADE_HINT = "run `form4gen db upgrade` (with --workspace DIR outside the workspace) to upgrade it"
REVISIONS = {"0001": "the audit log and filing history", "0002": "the ledger"}  # oldest first; the last is the head
HEAD = list(REVISIONS)[-1]
BACKENDS = ("sqlite", "postgresql")
EXPECTED_URL = 'expected "sqlite:///PATH" or "postgresql+psycopg://USER@HOST[:PORT]/DATABASE"'


class DatabaseRefused(InputError):
    """The database cannot be used as it is (its revision, its contents, or it cannot be
    reached); the message says why and what to do, and never holds the password."""


@dataclass(frozen=True)
class DatabaseSettings:
    url: URL
    actor: str
    source: str  # what named the database: the settings file, or the default

    @property
    def shown(self) -> str:
        """The URL as messages show it: the password as ``***``."""
        return self.url.render_as_string(hide_password=True)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name and no passwd entry (a container)
        return "unknown"


def database_settings(workspace: Path, environ: dict[str, str] | None = None) -> DatabaseSettings:
    """The database a workspace names (``[workspace] database_url`` in its form4gen.toml, else
    the SQLite default) and the actor (``[workspace] actor``, else the OS user)."""
    environ = dict(os.environ) if environ is None else environ
    settings_file = workspace / SETTINGS_FILE
    table: dict[str, Any] = {}
    if settings_file.is_file():
        try:
            data = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(str(settings_file), [Problem("", f"cannot read the settings file: {exc.strerror}")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(str(settings_file), [Problem("", f"not valid TOML: {exc}")]) from None
        found = data.get("workspace", {})
        if not isinstance(found, dict):
            raise InputError(str(settings_file), [Problem("workspace", "expected a table: [workspace]")])
        table = found
    actor = table.get("actor", os_user())
    if not isinstance(actor, str) or not actor.strip():
        raise InputError(str(settings_file), [Problem("workspace.actor", 'expected a name, e.g. actor = "J. Smith"')])
    given = table.get("database_url")
    if given is None:
        url = URL.create("sqlite", database=str(workspace / DATABASE_FILE))
        return DatabaseSettings(url, actor.strip(), "the default")
    if not isinstance(given, str):
        raise InputError(str(settings_file), [Problem("workspace.database_url", EXPECTED_URL)])
    try:
        url = make_url(given)
    except (ArgumentError, ValueError):
        # the text itself is not shown: it may hold a password
        raise InputError(str(settings_file), [Problem("workspace.database_url", f"not a database URL; {EXPECTED_URL} (the URL is not shown)")]) from None
    if url.get_backend_name() not in BACKENDS or "@" in f"{url.username or ''}{url.host or ''}":
        # a mistyped URL may have put the password where a message would show it: show none of it
        raise InputError(
            str(settings_file),
            [Problem("workspace.database_url", f"{EXPECTED_URL} (an @ in a password is written %40); the URL is not shown, since it may hold a password")],
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver of the postgres extra
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" and not Path(url.database).is_absolute():
        url = url.set(database=str(workspace / url.database))
    if url.password is None and environ.get(PASSWORD_VARIABLE):
        url = url.set(password=environ[PASSWORD_VARIABLE])
    return DatabaseSettings(url, actor.strip(), str(settings_file))


def redact(message: str, url: URL) -> str:
    """``message`` without the URL's password (as ``***``)."""
    password = url.password
    if password:
        from urllib.parse import quote_plus

        message = message.replace(str(password), "***").replace(quote_plus(str(password)), "***")
    return message


def make_engine(settings: DatabaseSettings) -> Engine:
    url = settings.url
    try:
        if url.get_backend_name() == "sqlite":
            if url.database and url.database != ":memory:":
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, hide_parameters=True)
            event.listen(engine, "connect", _sqlite_foreign_keys)
            return engine
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:  # an unknown dialect, a driver not installed
        extra = ' (pip install "form4gen[postgres]")' if url.get_backend_name() == "postgresql" else ""
        raise DatabaseRefused(settings.shown, [Problem("", redact(f"cannot use this database: {_reason(exc)}{extra}", url))]) from None


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _reason(exc: BaseException) -> str:
    """The driver's own words, first line, without SQLAlchemy's statement and parameters."""
    original = getattr(exc, "orig", None) or exc
    lines = [line for line in str(original).splitlines() if line.strip()]
    return lines[0].strip() if lines else type(original).__name__


@dataclass(frozen=True)
class SchemaState:
    kind: str  # empty, current, old, unknown (a revision this form4gen does not know), foreign (tables but no form4gen revision)
    revision: str | None = None


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if VERSION_TABLE not in tables:
            return SchemaState("foreign" if tables else "empty")
        revisions = [row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]
    if len(revisions) != 1:
        return SchemaState("unknown" if revisions else "empty", ", ".join(revisions) or None)
    (revision,) = revisions
    if revision == HEAD:
        return SchemaState("current", revision)
    return SchemaState("old" if revision in REVISIONS else "unknown", revision)


def refusal(state: SchemaState) -> str | None:
    """Why a database in this state cannot be used, and what to do; None when it can."""
    if state.kind == "old":
        return f"the database is at revision {state.revision}, older than this form4gen's {HEAD} ({REVISIONS[HEAD]}): {UPGRADE_HINT}"
    if state.kind == "unknown":
        return (
            f"the database is at revision {state.revision}, which this form4gen does not know (it may have been made by a newer form4gen): "
            f"upgrade form4gen (pip install --upgrade form4gen), then `form4gen db upgrade`"
        )
    if state.kind == "foreign":
        return (
            f"not a form4gen database: it has tables but no {VERSION_TABLE} table; point database_url at an empty database, "
            f"then `form4gen db upgrade` creates the schema"
        )
    return None


class Database:
    """An open workspace database: its engine, and sessions that know the actor."""

    def __init__(self, settings: DatabaseSettings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def actor(self) -> str:
        return self.settings.actor

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session, committed when the block ends without an exception (else rolled back);
        a database error becomes a :class:`DatabaseRefused` without the password."""
        session = self._sessions(info={"actor": self.actor})
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise DatabaseRefused(self.settings.shown, [Problem("", redact(f"database error: {_reason(exc)}", self.settings.url))]) from None
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def _state_or_refuse(settings: DatabaseSettings, engine: Engine) -> SchemaState:
    try:
        return schema_state(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseRefused(settings.shown, [Problem("", redact(f"cannot open the database: {_reason(exc)}", settings.url))]) from None


def sqlite_file_missing(settings: DatabaseSettings) -> bool:
    url = settings.url
    return url.get_backend_name() == "sqlite" and bool(url.database) and url.database != ":memory:" and not Path(str(url.database)).exists()


def open_database(workspace: Path, *, create: bool = True) -> Database | None:
    """The workspace's database, ready to use at the newest revision.  An empty one is created
    at that revision when ``create``; otherwise (nothing recorded yet) the result is None.  A
    database at another revision, or not form4gen's, is refused (:class:`DatabaseRefused`)."""
    settings = database_settings(workspace)
    if not create and sqlite_file_missing(settings):
        return None
    engine = make_engine(settings)
    state = _state_or_refuse(settings, engine)
    if state.kind == "empty":
        if not create:
            engine.dispose()
            return None
        _migrate(settings, engine, HEAD)
    elif state.kind != "current":
        engine.dispose()
        raise DatabaseRefused(settings.shown, [Problem("", refusal(state) or "")])
    return Database(settings, engine)


def upgrade(workspace: Path, revision: str = "head") -> tuple[SchemaState, SchemaState]:
    """Bring the database to ``revision`` (default the newest); (state before, state after).
    A database this form4gen does not know is refused, never changed."""
    settings = database_settings(workspace)
    engine = make_engine(settings)
    try:
        before = _state_or_refuse(settings, engine)
        if before.kind in ("unknown", "foreign"):
            raise DatabaseRefused(settings.shown, [Problem("", refusal(before) or "")])
        target = HEAD if revision == "head" else revision
        if target not in REVISIONS:
            raise DatabaseRefused(settings.shown, [Problem("", f"no revision {target}; known: {', '.join(REVISIONS)}")])
        if before.revision is not None and list(REVISIONS).index(before.revision) > list(REVISIONS).index(target):
            raise DatabaseRefused(settings.shown, [Problem("", f"the database is at {before.revision}, newer than {target}; not downgraded")])
        if before.revision != target:
            _migrate(settings, engine, target)
        return before, _state_or_refuse(settings, engine)
    finally:
        engine.dispose()


def status(workspace: Path) -> tuple[DatabaseSettings, SchemaState | None]:
    """Which database the workspace names and the state of its schema (None: a SQLite file
    not created yet).  Changes nothing."""
    settings = database_settings(workspace)
    if sqlite_file_missing(settings):
        return settings, None
    engine = make_engine(settings)
    try:
        return settings, _state_or_refuse(settings, engine)
    finally:
        engine.dispose()


def _migrate(settings: DatabaseSettings, engine: Engine, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    except SQLAlchemyError as exc:
        raise DatabaseRefused(settings.shown, [Problem("", redact(f"the upgrade to {target} failed: {_reason(exc)}", settings.url))]) from None
