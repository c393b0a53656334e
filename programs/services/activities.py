"""Writes for work-integration activities: create, change, save the activity form as one
user action, link partners, duplicate, delete."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import (
    Activity,
    ActivityPartner,
    ActivityType,
    LearningOutcome,
    Partner,
    Program,
)
from programs.services.partners import partner_create
from programs.services.records import record_delete, record_save

PartnerLink = tuple[Partner, str, bool]  # partner, role, feedback collected


@dataclass(frozen=True)
class NewPartner:
    """An organisation registered from the activity form, and its part in the activity."""

    name: str
    org_number: str
    sector: str
    role: str
    feedback_collected: bool


def _force_mandatory_reach(fields: dict[str, Any]) -> dict[str, Any]:
    """A mandatory activity reaches the whole cohort (compass-model.md)."""
    if fields.get("status") == Activity.Status.MANDATORY:
        fields["reach"] = 100
    return fields


def activity_defaults(*, activity_type: ActivityType) -> dict[str, Any]:
    """Field values a new activity of this type starts with (A, P, typical support)."""
    defaults: dict[str, Any] = {
        "authenticity": activity_type.default_authenticity,
        "proximity": activity_type.default_proximity,
    }
    for item in activity_type.typical_support:
        defaults[item] = True
    return defaults


@transaction.atomic
def activity_create(
    *,
    program: Program,
    user: User | None,
    type: ActivityType,
    outcomes: Iterable[LearningOutcome] = (),
    partner_links: Iterable[PartnerLink] = (),
    **fields: Any,
) -> Activity:
    """Create an activity; A and P default from its type; link outcomes and partners."""
    values = _force_mandatory_reach(activity_defaults(activity_type=type) | fields)
    activity = record_save(Activity(program=program, type=type, **values), user=user)
    activity.outcomes.set(list(outcomes))
    for partner, role, feedback in partner_links:
        activity_partner_add(
            activity=activity, partner=partner, role=role, feedback_collected=feedback, user=user
        )
    return activity


def activity_partner_add(
    *,
    activity: Activity,
    partner: Partner,
    role: str,
    user: User | None,
    feedback_collected: bool = False,
) -> ActivityPartner:
    """Link a partner organisation to an activity in a role."""
    link = ActivityPartner(
        activity=activity, partner=partner, role=role, feedback_collected=feedback_collected
    )
    return record_save(link, user=user)


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
    record_save(activity, user=user, expected_version=expected_version)
    if outcomes is not None:
        activity.outcomes.set(list(outcomes))
    if partner_links is not None:
        activity_partner_links_set(activity=activity, user=user, links=partner_links)
    return activity


@transaction.atomic
def activity_save(
    *,
    program: Program,
    activity: Activity | None,
    user: User | None,
    partner_links: Iterable[PartnerLink] = (),
    new_partner: NewPartner | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Activity:
    """Save the activity form as one user action, all or nothing.

    Registers the organisation typed into the form's "new partner" part (if any) and links
    it, then creates the activity (`activity` None) or updates it with the version check:
    an edit conflict or a refused row registers no partner either.
    """
    links = list(partner_links)
    if new_partner is not None:
        partner = partner_create(
            user=user,
            name=new_partner.name,
            org_number=new_partner.org_number,
            sector=new_partner.sector,
        )
        links.append((partner, new_partner.role, new_partner.feedback_collected))
    if activity is None:
        return activity_create(program=program, user=user, partner_links=links, **fields)
    return activity_update(
        activity=activity,
        user=user,
        expected_version=expected_version,
        partner_links=links,
        **fields,
    )


@transaction.atomic
def activity_duplicate(*, activity: Activity, user: User | None) -> Activity:
    """Copy an activity with its outcomes and partner links; the title gets "(copy)"."""
    outcomes = list(activity.outcomes.all())
    links = [(link.partner, link.role, False) for link in activity.partner_links.all()]
    copy = Activity.objects.get(pk=activity.pk)
    copy.pk = None
    copy._state.adding = True
    copy.version = 1
    title = _("%(title)s (copy)") % {"title": activity.title}
    copy.title = title[: Activity._meta.get_field("title").max_length]
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
