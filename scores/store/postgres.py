"""A clinic's shared store on PostgreSQL: the connection, the few words of SQL that differ, the schema.

The store's SQL is written once, in the dialect both databases share; this module turns it into
PostgreSQL's where they differ: ``?`` placeholders become ``%s``, the schema's REAL and INTEGER
become DOUBLE PRECISION and BIGINT, text compares byte by byte (``COLLATE "C"``, as SQLite does),
every table has an insertion-ordered ``rowid`` (SQLite has one built in), and ``julianday`` and
two-argument ``round`` on a REAL exist as small SQL functions. Rows read by name or by position,
as ``sqlite3.Row`` does. Passwords never pass through cogsuite: libpq reads them from a
``.pgpass`` file, ``PGPASSWORD`` or a service file, and honours ``sslmode`` in the URL.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import select
import time
from typing import Any, Iterator

from scores.store.database import MIGRATIONS, IntegrityError, StoreError, split_statements

log = logging.getLogger(__name__)

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 2  # a PC whose server is away must not freeze the screen for long
# A network that drops without a word (a pulled cable, a sleeping switch) would leave a write waiting
# for TCP's own timeout, many minutes; these make it fail within seconds instead. A URL that sets
# any of them keeps its own.
LIVENESS = {"tcp_user_timeout": "2000", "keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "3",
            "keepalives_count": "2"}
WRITE_ATTEMPTS = 5  # a write that meets a serialization failure or deadlock is tried again
MIGRATION_LOCK = 7305411  # pg_advisory_xact_lock key: two PCs creating the schema at once wait in turn
STREAM_ROWS = 5000  # rows fetched at a time by an export's server-side cursor

# Functions SQLite has and PostgreSQL lacks, made with the schema (same name, same result type).
# julianday counts whole milliseconds from the Julian epoch and divides once, as SQLite does, so a
# difference of two (a session's duration) is the same double on both.
PRELUDE = """
CREATE FUNCTION julianday(moment TEXT) RETURNS DOUBLE PRECISION
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT (round(extract(epoch FROM moment::timestamptz) * 1000)::bigint + 210866760000000)::double precision
              / 86400000.0 $$;
CREATE FUNCTION round(value DOUBLE PRECISION, digits INTEGER) RETURNS DOUBLE PRECISION
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT round(value::numeric, digits)::double precision $$;
"""


def is_server_url(text: str | None) -> bool:
    """Whether ``text`` names a PostgreSQL server (rather than nothing, meaning the SQLite file)."""
    return bool(text) and text.strip().lower().startswith(URL_SCHEMES)


def shown_url(url: str) -> str:
    """``url`` fit for a message or the log: a password written into it is replaced by ``***``."""
    return re.sub(r"(://[^:/@?]*:)[^@/?]*@", r"\1***@", url)


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """A statement in the shared dialect as PostgreSQL's: ``?`` to ``%s`` (and ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _statement_order(statement: str) -> int:
    """Tables first, then ALTERs, then indexes: SQLite lets a column refer to a table made later."""
    words = statement.upper().split()[:2]
    return {("CREATE", "TABLE"): 0, ("ALTER", "TABLE"): 1}.get(tuple(words), 2)


def schema_statements(version: int) -> list[str]:
    """The statements taking a PostgreSQL store from schema ``version - 1`` to ``version``."""
    script = MIGRATIONS[version - 1]
    script = re.sub(r"--[^\n]*", "", script)
    script = re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)
    script = re.sub(r"\bINTEGER\b", "BIGINT", script)
    script = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', script)
    script = re.sub(r"(CREATE TABLE \w+ \()", r"\1\n        rowid BIGINT GENERATED ALWAYS AS IDENTITY,", script)
    statements = sorted(split_statements(script), key=_statement_order)
    return ([s.strip() for s in PRELUDE.split(";\n") if s.strip()] if version == 1 else []) + statements


class Row(tuple):
    """A row read by position or by column name, like ``sqlite3.Row``."""

    def __new__(cls, values: Any, index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    index = {column.name: i for i, column in enumerate(cursor.description)}
    return lambda values: Row(values, index)


def _adapt(conn: Any) -> None:
    """Numbers as SQLite gives them: a bool written as 0/1, numeric sums and averages read back as
    int (when whole) or float, never Decimal."""
    from psycopg.adapt import Dumper, Loader

    class BoolAsInt(Dumper):
        oid = conn.adapters.types["int8"].oid

        def dump(self, obj: bool) -> bytes:
            return b"1" if obj else b"0"

    class NumericAsNumber(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return float(text) if any(c in text for c in ".eEN") else int(text)

    conn.adapters.register_dumper(bool, BoolAsInt)
    conn.adapters.register_loader("numeric", NumericAsNumber)


class PgConnection:
    """One connection to the clinic's server, in autocommit mode (each write its own transaction),
    reconnecting by itself after the server was away.

    Attributes:
        url: the libpq URL it connects to.
    """

    shared = True

    def __init__(self, url: str) -> None:
        self.url = url.strip()
        self._raw: Any = None
        self._connect()

    @property
    def location(self) -> str:
        return f"the clinic database {shown_url(self.url)}"

    def _connect(self) -> Any:
        import psycopg

        try:
            raw = self._open()
        except psycopg.Error as exc:
            raise StoreError(f"The clinic database {shown_url(self.url)} is not reachable ({_one_line(exc)}).") from exc
        raw.row_factory = _row_factory
        _adapt(raw)
        self._raw = raw
        return raw

    def _open(self) -> Any:
        """A new connection: the URL's settings, with the timeouts above where it sets none."""
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        given = conninfo_to_dict(self.url)
        settings = {"connect_timeout": str(CONNECT_TIMEOUT_S), "application_name": "cogsuite", **LIVENESS}
        return psycopg.connect(self.url, autocommit=True, **{k: v for k, v in settings.items() if k not in given})

    def answers(self) -> bool:
        """Whether the server answers now, asked on a connection of its own that is closed at once
        (so it may be asked from another thread while this one is in use)."""
        import psycopg

        try:
            self._open().close()
        except psycopg.Error:
            return False
        return True

    def _live(self) -> Any:
        if self._raw is None or self._raw.closed or self._raw.broken or _dropped(self._raw):
            if self._raw is not None:
                self._raw.close()
            return self._connect()
        return self._raw

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        """Run one statement; a broken rule raises IntegrityError, a lost server StoreError."""
        with _errors():
            return self._live().execute(translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Any) -> Any:
        with _errors():
            cursor = self._live().cursor()
            cursor.executemany(translate(sql), [tuple(row) for row in rows])
            return cursor

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """A block whose statements commit together (``execute`` inside it joins the transaction)."""
        with _errors(), self._live().transaction():
            yield self

    def write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> int:
        """One write, in its own transaction, tried again after a serialization failure or deadlock;
        returns the number of rows it touched."""
        import psycopg

        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return self.execute(sql, params).rowcount
            except (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected) as exc:
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"The clinic database was too busy to save this ({_one_line(exc)}).") from exc
                log.info("write tried again after %s", type(exc).__name__)
                time.sleep(0.01 * 2 ** attempt)
        raise AssertionError("unreachable")

    def stream(self, sql: str, params: tuple[Any, ...]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """A large read as plain tuples, fetched a few thousand at a time (an export's million rows
        never sit in memory at once); close the returned cursor when done."""
        import psycopg
        from psycopg.rows import tuple_row

        try:
            cursor = self._live().cursor(name=f"cogsuite_{id(self)}_{time.monotonic_ns()}", withhold=True,
                                         row_factory=tuple_row)
            cursor.itersize = STREAM_ROWS
            cursor.execute(translate(sql), params)
        except psycopg.OperationalError as exc:
            raise StoreError(f"The clinic database is not reachable ({_one_line(exc)}).") from exc
        return [d.name for d in cursor.description], cursor

    def table_names(self) -> set[str]:
        rows = self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
        return {name for (name,) in rows}

    def read_version(self) -> int | None:
        """The schema version: 0 when empty, None when the database holds someone else's tables."""
        tables = self.table_names()
        if "schema_version" not in tables:
            return 0 if not tables else None
        return int(self.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])

    def migrate(self, upto: int) -> int:
        """Bring the schema to version ``upto``, all steps in one transaction; returns the steps applied."""
        raw = self._live()
        try:
            with _errors(), raw.transaction():
                raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                start = self.read_version() or 0
                for version in range(start + 1, upto + 1):
                    for statement in schema_statements(version):
                        raw.execute(statement)
                    raw.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
        except PermissionRefused as exc:
            raise PermissionRefused(f"The clinic database's user {raw.info.user!r} may not change its tables; "
                                    "the database's owner runs: cogsuite store migrate --store URL") from exc
        return max(0, upto - start)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()


def known_version(conn: PgConnection) -> int:
    """The database's data format; StoreError for a database that is not cogsuite's, or is newer."""
    version, where = conn.read_version(), shown_url(conn.url)
    if version is None:
        raise StoreError(f"The database {where} is not a cogsuite store (it holds other tables); it was left untouched.")
    if version > len(MIGRATIONS):
        raise StoreError(f"The clinic database {where} was written by a newer cogsuite (data format {version}, this "
                         f"one reads up to {len(MIGRATIONS)}); it was left untouched, so update cogsuite on this PC.")
    return version


def open_server(url: str, create: bool) -> PgConnection:
    """A connection to the clinic's server, its schema checked: made on an empty database when
    ``create``, else current. Older schemas are brought up only by ``cogsuite store migrate``, run
    by the database's owner, so the PCs' own user never needs the right to change tables.

    Raises:
        StoreError: naming the server (never its password) and what to do.
    """
    conn = PgConnection(url)
    try:
        version, where = known_version(conn), shown_url(conn.url)
        if version == 0 and not create:
            raise StoreError(f"The clinic database {where} holds no cogsuite data yet; check the URL.")
        if version == 0:
            conn.migrate(len(MIGRATIONS))
        elif version < len(MIGRATIONS):
            raise StoreError(f"The clinic database {where} has data format {version}; this cogsuite needs "
                             f"{len(MIGRATIONS)}. Its owner brings it up with: cogsuite store migrate --store URL")
    except BaseException:
        conn.close()
        raise
    return conn


class PermissionRefused(StoreError):
    """The database's user lacks the right for this (removing a PIN, changing the schema)."""


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """The server's errors as the store's: a broken rule, a refused right, a server away."""
    import psycopg

    try:
        yield
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(_one_line(exc), duplicate=isinstance(exc, psycopg.errors.UniqueViolation)) from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise PermissionRefused(f"The clinic database refused this for its user ({_one_line(exc)}).") from exc
    except psycopg.OperationalError as exc:
        if isinstance(exc, (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)):
            raise
        raise StoreError(f"The clinic database is not reachable ({_one_line(exc)}).") from exc


def _dropped(raw: Any) -> bool:
    """Whether the server has closed this idle connection (it restarted, or an administrator ended
    it): with nothing asked, the server sends nothing, so a socket with something to read is one
    the server said goodbye on. Found before use, it is replaced at once, not failed on once."""
    from psycopg.pq import TransactionStatus

    if raw.info.transaction_status != TransactionStatus.IDLE:
        return False
    try:
        readable, _, _ = select.select([raw.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
