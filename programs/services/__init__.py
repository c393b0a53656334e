"""Writes to the inventory, split by noun; every public service is re-exported here.

records (save/update/delete any row: validation, history author, lost-update guard),
faculties, programs, courses, outcomes, activities, partners, agreements, councils.
Reads, including look-ups a write needs first, are in programs.selectors.
"""

from alakompass.conflicts import EditConflict
from programs.services.activities import (
    NewPartner,
    PartnerLink,
    activity_create,
    activity_defaults,
    activity_delete,
    activity_duplicate,
    activity_partner_add,
    activity_partner_links_set,
    activity_save,
    activity_update,
)
from programs.services.agreements import (
    agreement_create,
    agreement_remove_from_program,
    agreement_update,
)
from programs.services.councils import (
    council_meeting_add,
    council_meeting_update,
    council_member_add,
    council_member_update,
    council_row_delete,
    council_save,
)
from programs.services.courses import (
    CourseAdded,
    course_add_to_program,
    course_place_remove,
    course_place_update,
)
from programs.services.faculties import department_get_or_create, faculty_get_or_create
from programs.services.outcomes import outcome_create, outcome_delete, outcome_update
from programs.services.partners import partner_create, partner_merge, partner_update
from programs.services.programs import program_create, program_update
from programs.services.records import (
    apply_fields,
    history_note,
    record_delete,
    record_save,
    record_update,
)

__all__ = [
    "CourseAdded",
    "EditConflict",
    "NewPartner",
    "PartnerLink",
    "activity_create",
    "activity_defaults",
    "activity_delete",
    "activity_duplicate",
    "activity_partner_add",
    "activity_partner_links_set",
    "activity_save",
    "activity_update",
    "agreement_create",
    "agreement_remove_from_program",
    "agreement_update",
    "apply_fields",
    "council_meeting_add",
    "council_meeting_update",
    "council_member_add",
    "council_member_update",
    "council_row_delete",
    "council_save",
    "course_add_to_program",
    "course_place_remove",
    "course_place_update",
    "department_get_or_create",
    "faculty_get_or_create",
    "history_note",
    "outcome_create",
    "outcome_delete",
    "outcome_update",
    "partner_create",
    "partner_merge",
    "partner_update",
    "program_create",
    "program_update",
    "record_delete",
    "record_save",
    "record_update",
]
