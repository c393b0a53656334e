"""Shared fixtures: one per role, plus the settings every test runs with."""

import os

import pytest
from django.conf import settings as django_settings

from alakompass.celery import app as celery_app
from tests import factories

pytest_plugins = ["tests.reuse_db"]  # --reuse-db hands the next run a database as migrated

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, what: str) -> None:
    """Skip an integration test on a laptop without the service; fail in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast hashing, eager tasks and plain-http cookies for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_CODE = "sv"
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def faculty(db):
    return factories.FacultyFactory()


@pytest.fixture
def other_faculty(db):
    return factories.FacultyFactory()


@pytest.fixture
def program(faculty):
    return factories.ProgramFactory(faculty=faculty)


@pytest.fixture
def other_program(other_faculty):
    return factories.ProgramFactory(faculty=other_faculty)


@pytest.fixture
def coordinator(program):
    """Coordinator of `program`."""
    user = factories.UserFactory(username="coordinator")
    program.coordinators.add(user)
    return user


@pytest.fixture
def other_coordinator(other_program):
    """Coordinator of a programme in another faculty."""
    user = factories.UserFactory(username="other_coordinator")
    other_program.coordinators.add(user)
    return user


@pytest.fixture
def sam_user(db):
    return factories.SamUserFactory(username="sam")


@pytest.fixture
def board_member(faculty):
    """Board member of `program`'s faculty."""
    user = factories.UserFactory(username="board")
    faculty.board_members.add(user)
    return user


@pytest.fixture
def other_board_member(other_faculty):
    user = factories.UserFactory(username="other_board")
    other_faculty.board_members.add(user)
    return user


@pytest.fixture
def admin_user_(db):
    return factories.UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(db):
    """A logged-in user with no role."""
    return factories.UserFactory(username="outsider")


__all__ = ["IN_CI", "django_settings", "require_service"]
