"""The termly university overview: generate it (PDF + Excel) into the archive, tell SAM.

Run after each term of the Swedish academic year has ended (see the beat schedule in
alakompass/celery.py): the autumn term ends on the Sunday of week 3 (15–21 January), the
spring term on the Sunday of week 23 (4–10 June).
"""

import datetime
import logging

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports import services
from reports.mail.sending import absolute_url, mail_render, mails_send
from reports.models import Report, ReportKind, ReportLanguage
from reports.selectors import digest

logger = logging.getLogger(__name__)

# Swedish is the university's language: the overview always exists in Swedish; the English
# one is generated too when a SAM member reads mails in English.
BASE_LANGUAGE = ReportLanguage.SV


class OverviewFailed(Exception):
    """The overview could not be generated; its job is marked failed, nothing was archived."""


def term_ended(today: datetime.date) -> tuple[str, int]:
    """The term of the Swedish academic year that ended last before `today`: ("autumn",
    year) or ("spring", year). Autumn ends by 21 January, spring by 10 June."""
    if (today.month, today.day) >= (6, 11):
        return "spring", today.year
    if (today.month, today.day) >= (1, 22):
        return "autumn", today.year - 1
    return "spring", today.year - 1


def term_label(term: tuple[str, int]) -> str:
    """The term in the active language, e.g. "hösttermin 2026" / "autumn term 2026"."""
    season, year = term
    if season == "autumn":
        return _("autumn term %(year)d") % {"year": year}
    return _("spring term %(year)d") % {"year": year}


def overview_generate(*, languages: list[str]) -> dict[str, list[Report]]:
    """Generate and archive the university overview in each language, inline."""
    archived: dict[str, list[Report]] = {}
    for language in languages:
        job = services.report_job_create(
            kind=ReportKind.UNIVERSITY, language=language, requested_by=None
        )
        reports = services.report_generate(job_id=job.pk)
        if not reports:
            raise OverviewFailed(f"The university overview ({language}) failed: job {job.pk}.")
        archived[language] = reports
    return archived


def termly_overview_run(*, today: datetime.date | None = None) -> int:
    """Generate the termly university overview and mail SAM a link to it in the archive;
    returns the number of mails sent."""
    today = today or timezone.localdate()
    recipients = digest.digest_recipients()
    languages = [BASE_LANGUAGE.value]
    languages += sorted({lang for _user, lang in recipients} - {BASE_LANGUAGE.value})
    archived = overview_generate(languages=languages)
    term = term_ended(today)
    messages = []
    for user, language in recipients:
        reports = archived[language]
        with translation.override(language):
            label = term_label(term)
        files = [
            {"report": report, "url": absolute_url(report.get_absolute_url())}
            for report in sorted(reports, key=lambda r: r.format)
        ]
        context = {
            "term": label,
            "files": files,
            "archive_url": absolute_url(reverse("reports:archive"))
            + f"?kind={ReportKind.UNIVERSITY.value}",
        }
        messages.append(
            mail_render(name="termly_overview", context=context, user=user, language=language)
        )
    return mails_send(messages)
