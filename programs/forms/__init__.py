"""Inventory forms, split by page family; every public form is re-exported here."""

from programs.forms.activities import (
    ActivityForm,
    BasePartnerLinkFormSet,
    NewPartnerForm,
    PartnerLinkFormSet,
    partner_link_formset,
)
from programs.forms.fields import DecimalCommaField, PartnerField
from programs.forms.inventory import (
    AgreementForm,
    CouncilForm,
    CouncilMeetingForm,
    CouncilMemberForm,
    CourseAddForm,
    CoursePlaceForm,
    OutcomeForm,
    ProgramForm,
)
from programs.forms.params import (
    ActivityButtons,
    ActivityCreateParams,
    CourseAddParams,
    ExportSheetParams,
    ImportCommitParams,
    NextParams,
    PageParams,
    PartnerCreateParams,
    PartnerMergeParams,
)
from programs.forms.partners import PartnerForm, PartnerMergeForm, PartnerSearchForm

__all__ = [
    "ActivityButtons",
    "ActivityCreateParams",
    "ActivityForm",
    "AgreementForm",
    "BasePartnerLinkFormSet",
    "CouncilForm",
    "CouncilMeetingForm",
    "CouncilMemberForm",
    "CourseAddForm",
    "CourseAddParams",
    "CoursePlaceForm",
    "DecimalCommaField",
    "ExportSheetParams",
    "ImportCommitParams",
    "NewPartnerForm",
    "NextParams",
    "OutcomeForm",
    "PageParams",
    "PartnerCreateParams",
    "PartnerField",
    "PartnerForm",
    "PartnerLinkFormSet",
    "PartnerMergeForm",
    "PartnerMergeParams",
    "PartnerSearchForm",
    "ProgramForm",
    "partner_link_formset",
]
