"""Writes to activities beyond creation: update, partner links, duplicate, delete."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import Activity, ActivityPartner, LearningOutcome, Partner
from programs.services.core import User, record_delete, record_save

PartnerLink = tuple[Partner, str, bool]


def _force_mandatory_reach(fields: dict[str, Any]) -> dict[str, Any]:
    """A mandatory activity reaches the whole cohort (compass-model.md)."""
    if fields.get("status") == Activity.Status.MANDATORY:
        fields["reach"] = 100
    return fields


@transaction.atomic
def activity_partner_links_set(
    *, activity: Activity, user: User | None, links: Iterable[PartnerLink]
) -> list[ActivityPartner]:
    """Make the activity's partner links exactly `links` (partner, role, feedback collected).

    Links that stay keep their row (and history); a repeated (partner, role) pair counts once.
    """
    wanted: dict[tuple[int, str], tuple[Partner, bool]] = {}
    for partner, role, feedback in links:
        key = (partner.pk, role)
        previous = wanted.get(key, (partner, False))[1]
        wanted[key] = (partner, feedback or previous)
    kept = []
    for link in list(activity.partner_links.all()):
        key = (link.partner_id, link.role)
        if key not in wanted:
            record_delete(link, user=user)
            continue
        _partner, feedback = wanted.pop(key)
        if link.feedback_collected != feedback:
            link.feedback_collected = feedback
            record_save(link, user=user)
        kept.append(link)
    for (_pk, role), (partner, feedback) in wanted.items():
        link = ActivityPartner(
            activity=activity, partner=partner, role=role, feedback_collected=feedback
        )
        kept.append(record_save(link, user=user))
    return kept


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    user: User | None,
    expected_version: int | None = None,
    outcomes: Iterable[LearningOutcome] | None = None,
    partner_links: Iterable[PartnerLink] | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity, its learning outcomes and its partner links in one save.

    The activity's version guards the whole form: a conflicting save changes nothing.
    """
    for name, value in _force_mandatory_reach(fields).items():
        setattr(activity, name, value)
    activity._history_user = user
    record_save(activity, user=user, expected_version=expected_version)
    if outcomes is not None:
        activity.outcomes.set(list(outcomes))
    if partner_links is not None:
        activity_partner_links_set(activity=activity, user=user, links=partner_links)
    return activity


@transaction.atomic
def activity_duplicate(*, activity: Activity, user: User | None) -> Activity:
    """Copy an activity with its outcomes and partner links; the title gets "(copy)"."""
    outcomes = list(activity.outcomes.all())
    links = [(link.partner, link.role, False) for link in activity.partner_links.all()]
    copy = Activity.objects.get(pk=activity.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.version = 1
    copy.title = _("%(title)s (copy)") % {"title": activity.title}
    copy.title = copy.title[: Activity._meta.get_field("title").max_length]
    record_save(copy, user=user)
    copy.outcomes.set(outcomes)
    activity_partner_links_set(activity=copy, user=user, links=links)
    return copy


@transaction.atomic
def activity_delete(*, activity: Activity, user: User | None) -> None:
    """Delete an activity and its partner links, each recorded in the history as `user`'s."""
    for link in list(activity.partner_links.all()):
        record_delete(link, user=user)
    record_delete(activity, user=user)
