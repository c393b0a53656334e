"""Reads of the university-wide partner register: labels, look-up, similar names, uses."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from programs.models import ActivityPartner, Agreement, CouncilMember, Partner, Program
from programs.selectors.access import AnyUser, partner_query_condition
from programs.validators import normalise_org_number

SIMILAR_NAME_RATIO = 0.85
LABEL_ORG_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<org>\d{6}-?\d{4})\)\s*$")
# Legal-form words that say nothing about which organisation it is.
LEGAL_FORMS = re.compile(r"\b(ab|aktiebolag|hb|kb|ek\.? ?för\.?|ekonomisk förening|publ)\b")


def partner_get(*, pk: int | str) -> Partner:
    """A register entry by id; 404 if there is none (the register is university-wide)."""
    return get_object_or_404(Partner, pk=pk)


def partner_find(*, pk: int | str) -> Partner | None:
    """A register entry by an id typed into a query string, or None."""
    return Partner.objects.filter(pk=pk).first() if str(pk).isdigit() else None


def partner_find_duplicate(*, org_number: str) -> Partner | None:
    """The registered partner with this organisation number, if any."""
    org_number = normalise_org_number(org_number)
    if not org_number:
        return None
    return Partner.objects.filter(org_number=org_number).first()


def partner_label(*, partner: Partner) -> str:
    """How a partner is written in a search field: "Name (NNNNNN-NNNN)" or just "Name"."""
    return f"{partner.name} ({partner.org_number})" if partner.org_number else partner.name


def partner_resolve(*, text: str) -> list[Partner]:
    """Partners matching a typed label, org number or exact name (best match first).

    One result means the text names a partner; several mean it is ambiguous; none
    means it is not registered.
    """
    text = (text or "").strip()
    if not text:
        return []
    match = LABEL_ORG_RE.match(text)
    org_text = match.group("org") if match else text
    org_number = normalise_org_number(org_text)
    if re.fullmatch(r"\d{6}-\d{4}", org_number):
        found = list(Partner.objects.filter(org_number=org_number))
        if found:
            return found
    name = match.group("name") if match else text
    return list(Partner.objects.filter(name__iexact=name.strip()).order_by("pk"))


def normalised_name(name: str) -> str:
    """Lower-case name without punctuation or legal-form words, for comparing names."""
    name = LEGAL_FORMS.sub(" ", (name or "").lower())
    name = re.sub(r"[^\w\s]", " ", name)
    return " ".join(name.split())


def partner_similar(*, name: str, exclude_pk: int | None = None, limit: int = 5) -> list[Partner]:
    """Registered partners whose normalised name is at least 85 % similar to `name`."""
    wanted = normalised_name(name)
    if not wanted:
        return []
    scored = []
    candidates = (
        Partner.objects.all() if exclude_pk is None else Partner.objects.exclude(pk=exclude_pk)
    )
    for pk, other in candidates.values_list("pk", "name"):
        matcher = difflib.SequenceMatcher(None, wanted, normalised_name(other))
        if matcher.quick_ratio() >= SIMILAR_NAME_RATIO and matcher.ratio() >= SIMILAR_NAME_RATIO:
            scored.append((matcher.ratio(), pk))
    scored.sort(reverse=True)
    pks = [pk for _ratio, pk in scored[:limit]]
    by_pk = Partner.objects.in_bulk(pks)
    return [by_pk[pk] for pk in pks if pk in by_pk]


def partner_list(*, query: str = "") -> QuerySet[Partner]:
    """The register, filtered by name or org number, with how often each partner is used."""
    partners = Partner.objects.annotate(
        link_count=Count("activity_links", distinct=True),
        agreement_count=Count("agreements", distinct=True),
    )
    if query.strip():
        partners = partners.filter(partner_query_condition(query=query))
    return partners.order_by("name", "pk")


@dataclass
class PartnerUses:
    """Where a partner appears, limited to the programmes the reader may see."""

    links: list[ActivityPartner]
    memberships: list[CouncilMember]
    agreements: list[Agreement]
    hidden_links: int


def partner_uses_for_user(*, partner: Partner, user: AnyUser) -> PartnerUses:
    """The partner's activity links, council seats and agreements the user may see."""
    visible = Program.objects.visible_to(user)
    all_links = ActivityPartner.objects.filter(partner=partner)
    links = list(
        all_links.filter(activity__program__in=visible)
        .select_related("activity__program")
        .order_by("activity__program__name_sv", "activity__title")
    )
    memberships = list(
        CouncilMember.objects.filter(partner=partner, council__program__in=visible)
        .select_related("council__program")
        .order_by("council__program__name_sv")
    )
    agreements = list(
        partner.agreements.filter(Q(programs__in=visible) | Q(programs__isnull=True))
        .distinct()
        .order_by("end_date", "title")
    )
    return PartnerUses(
        links=links,
        memberships=memberships,
        agreements=agreements,
        hidden_links=all_links.count() - len(links),
    )


def partner_merge_counts(*, partner: Partner) -> dict[str, int]:
    """How many rows point at a partner: what a merge would move."""
    return {
        "links": partner.activity_links.count(),
        "memberships": partner.council_memberships.count(),
        "agreements": partner.agreements.count(),
    }
