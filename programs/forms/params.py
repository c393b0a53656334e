"""The query-string parameters (and bare button fields) the inventory views read.

Each form names what one view reads and what the value may be; a view takes values only
through these (alakompass.query.ParamsForm), so hostile input is dropped, never queried.
"""

from django import forms

from alakompass.query import PageParams, ParamsForm
from programs.exporting import SHEET_KEYS
from programs.models import ActivityType, Partner

# A `next` URL is a path of this site; longer is not a link we made.
NEXT_MAX_LENGTH = 2000
# A programme has 1..10 years (the check constraint program_years_1_to_10).
MAX_PROGRAM_YEARS = 10


class NextParams(ParamsForm):
    """?next= (or a posted `next`): where to return after saving."""

    next = forms.CharField(max_length=NEXT_MAX_LENGTH, required=False)


class PartnerCreateParams(ParamsForm):
    """?name= prefills the new partner's name (from a search that found nothing)."""

    name = forms.CharField(
        max_length=Partner._meta.get_field("name").max_length, required=False, strip=True
    )


class PartnerMergeParams(ParamsForm):
    """?other=<id> preselects the register entry to merge with."""

    other = forms.IntegerField(min_value=1, required=False)


class CourseAddParams(ParamsForm):
    """?year= preselects the programme year of a new course."""

    year = forms.IntegerField(min_value=1, max_value=MAX_PROGRAM_YEARS, required=False)


class ActivityCreateParams(ParamsForm):
    """?type=guest_lecture&year=1&course=3 preselect fields of a new activity."""

    type = forms.SlugField(
        max_length=ActivityType._meta.get_field("key").max_length, required=False
    )
    year = forms.IntegerField(min_value=1, max_value=MAX_PROGRAM_YEARS, required=False)
    course = forms.IntegerField(min_value=1, required=False)


class ActivityButtons(ParamsForm):
    """Which button sent the activity form: the quick add, or "Save and add another"."""

    quick = forms.BooleanField(required=False)
    save_and_add = forms.BooleanField(required=False)


class ExportSheetParams(ParamsForm):
    """?sheet= picks the table of a CSV export; an unknown one is an error (404)."""

    sheet = forms.ChoiceField(choices=[(key, key) for key in SHEET_KEYS], required=False)


class ImportCommitParams(ParamsForm):
    """The commit form carries the SHA-256 (hex) of the file whose preview the user saw."""

    digest = forms.CharField(max_length=64, required=False)


__all__ = [
    "ActivityButtons",
    "ActivityCreateParams",
    "CourseAddParams",
    "ExportSheetParams",
    "ImportCommitParams",
    "NextParams",
    "PageParams",
    "PartnerCreateParams",
    "PartnerMergeParams",
]
