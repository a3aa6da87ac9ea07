"""A clinic database's connection gives up within seconds on a network that drops without a word,
unless the URL says otherwise; asking whether the server answers never touches the connection in use."""

from __future__ import annotations

import select

from scores.store.postgres import CONNECT_TIMEOUT_S, LIVENESS, PgConnection


def test_connections_carry_short_timeouts_unless_the_url_sets_its_own(pg_url):
    conn = PgConnection(pg_url)
    try:
        settings = conn._raw.info.get_parameters()
        assert settings["tcp_user_timeout"] == LIVENESS["tcp_user_timeout"]
        assert settings["connect_timeout"] == str(CONNECT_TIMEOUT_S) and settings["keepalives_idle"] == "10"
    finally:
        conn.close()
    own = PgConnection(f"{pg_url}&tcp_user_timeout=9000")
    try:
        assert own._raw.info.get_parameters()["tcp_user_timeout"] == "9000"
    finally:
        own.close()


def test_asking_whether_the_server_answers_uses_a_connection_of_its_own(pg_server, pg_url):
    conn = PgConnection(pg_url)
    try:
        in_use = conn._raw
        assert conn.answers() and conn._raw is in_use and not in_use.closed
        pg_server.stop()
        assert not conn.answers()
        pg_server.start()
        assert conn.answers()
    finally:
        conn.close()


def test_a_connection_the_server_closed_while_idle_is_replaced_before_use(pg_server, pg_url):
    conn = PgConnection(pg_url)
    try:
        assert conn.execute("SELECT 1").fetchone()[0] == 1
        pg_server.stop()  # a restart overnight, say, while the PC sat idle
        pg_server.start()
        for _ in range(100):  # the server's goodbye reaches the socket within moments
            if select.select([conn._raw.fileno()], [], [], 0.05)[0]:
                break
        assert conn.execute("SELECT 2").fetchone()[0] == 2  # no failure first
        assert conn.write("SELECT 3", ()) == 1
    finally:
        conn.close()
