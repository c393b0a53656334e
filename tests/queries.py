"""Query-count helpers for tests that check a page's queries do not grow with its data."""


def is_session_query(sql: str) -> bool:
    """The session's own reads and saves (with the savepoint around a save), not the page's.

    alakompass.middleware.SessionPolicyMiddleware saves the session's last-seen time at most
    once a minute, so whether a request saves it depends on the clock, not on the page.
    """
    return "django_session" in sql or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
