"""Writes for the university-wide partner register: register, edit, merge."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import Agreement, CouncilMember, Partner
from programs.services.records import history_note, record_delete, record_save
from programs.validators import normalise_org_number


def partner_create(*, user: User | None, name: str, org_number: str = "", **fields: Any) -> Partner:
    """Register a partner; the org number is normalised and must be unique."""
    partner = Partner(name=name.strip(), org_number=normalise_org_number(org_number), **fields)
    return record_save(partner, user=user)


def partner_update(
    *,
    partner: Partner,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> Partner:
    """Change a partner's register entry; the org number is normalised and must be unique."""
    if "org_number" in fields:
        fields["org_number"] = normalise_org_number(fields["org_number"])
    if "name" in fields:
        fields["name"] = fields["name"].strip()
    for name, value in fields.items():
        setattr(partner, name, value)
    return record_save(partner, user=user, expected_version=expected_version)


@transaction.atomic
def partner_merge(*, keep: Partner, remove: Partner, user: User | None) -> Partner:
    """Move everything that points at `remove` to `keep`, then delete `remove`.

    Activity links move unless `keep` already has the same link (same activity and
    role), in which case the duplicate is deleted but "feedback collected" is kept.
    Council seats and agreements move. Empty fields of `keep` (org number, region)
    are filled from `remove`, and "strategic" is kept if either was. All in one
    transaction, every row's history attributed to `user`, and `keep`'s history row
    names the merged record.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("Choose two different partner records to merge."))
    existing = {(link.activity_id, link.role): link for link in keep.activity_links.all()}
    for link in list(remove.activity_links.all()):
        twin = existing.get((link.activity_id, link.role))
        if twin is None:
            link.partner = keep
            record_save(link, user=user)
            continue
        if link.feedback_collected and not twin.feedback_collected:
            twin.feedback_collected = True
            record_save(twin, user=user)
        record_delete(link, user=user)
    for member in CouncilMember.objects.filter(partner=remove):
        member.partner = keep
        record_save(member, user=user)
    for agreement in Agreement.objects.filter(partner=remove):
        agreement.partner = keep
        record_save(agreement, user=user)
    org_number = remove.org_number
    description = f"{remove.name} ({org_number})" if org_number else remove.name
    if org_number and not keep.org_number:
        # The number is unique: free it before `keep` takes it over.
        remove.org_number = ""
        record_save(remove, user=user)
        keep.org_number = org_number
    keep.region = keep.region or remove.region
    keep.is_strategic = keep.is_strategic or remove.is_strategic
    history_note(remove, user=user, reason=_("Merged into %(name)s") % {"name": keep.name})
    record_delete(remove, user=user)
    history_note(keep, user=user, reason=_("Merged with %(name)s") % {"name": description})
    return record_save(keep, user=user)
