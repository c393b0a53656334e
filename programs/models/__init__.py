"""The inventory's models, split by noun; every public model is re-exported here."""

from programs.models.activity import SUPPORT_FIELDS, Activity, ActivityPartner, ActivityType
from programs.models.base import TrackedModel, concrete_field
from programs.models.council import Council, CouncilMeeting, CouncilMember
from programs.models.organisation import Department, Faculty
from programs.models.partner import AGREEMENT_EXPIRY_WARNING_DAYS, Agreement, Partner
from programs.models.program import (
    SAM_GROUP,
    Course,
    LearningOutcome,
    Program,
    ProgramCourse,
)

__all__ = [
    "AGREEMENT_EXPIRY_WARNING_DAYS",
    "SAM_GROUP",
    "SUPPORT_FIELDS",
    "Activity",
    "ActivityPartner",
    "ActivityType",
    "Agreement",
    "Council",
    "CouncilMeeting",
    "CouncilMember",
    "Course",
    "Department",
    "Faculty",
    "LearningOutcome",
    "Partner",
    "Program",
    "ProgramCourse",
    "TrackedModel",
    "concrete_field",
]
