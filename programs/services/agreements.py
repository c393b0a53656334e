"""Writes for agreements (formalised collaboration with a partner, covering programmes)."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from programs.models import Agreement, Partner, Program
from programs.services.records import history_note, record_delete, record_save, record_update


@transaction.atomic
def agreement_create(
    *, user: User | None, partner: Partner, programs: Iterable[Program] = (), **fields: Any
) -> Agreement:
    """Record a formal agreement or letter of intent."""
    agreement = record_save(Agreement(partner=partner, **fields), user=user)
    agreement.programs.set(list(programs))
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    user: User | None,
    expected_version: int | None = None,
    programs: Iterable[Program] | None = None,
    **fields: Any,
) -> Agreement:
    """Change an agreement (and, if given, the programmes it covers)."""
    record_update(agreement, user=user, expected_version=expected_version, **fields)
    if programs is not None:
        agreement.programs.set(list(programs))
    return agreement


@transaction.atomic
def agreement_remove_from_program(
    *, agreement: Agreement, program: Program, user: User | None
) -> bool:
    """Detach the agreement from `program`; delete it if no programme is left.

    An agreement may cover several programmes, and one coordinator must not delete
    another programme's agreement. Returns True if the agreement was deleted.
    """
    history_note(agreement, user=user)
    agreement.programs.remove(program)
    if agreement.programs.exists():
        return False
    record_delete(agreement, user=user)
    return True
