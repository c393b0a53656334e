"""Build one demo programme with everything in it, through the services.

A programme whose code exists is left alone with everything in it (courses, outcomes,
activities, council, compass round). Values the services refuse raise DemoDataError naming
the programme and the entry in programmes.toml. Dates are relative to `context.today`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from assessments import services as assessment_services
from assessments.models import SupportOffer
from demo.loading import PROGRAMS_FILE, DemoDataError, refused_as_data_error
from demo.specs import (
    SUPPORT_ITEMS,
    ActivitySpec,
    CouncilSpec,
    ProgramSpec,
    RoundSpec,
    UserSpec,
)
from programs import services
from programs.models import (
    ActivityType,
    Course,
    Department,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
)


@dataclass(frozen=True)
class ProgramContext:
    """What every programme's build needs: the user to attribute, lookups and today."""

    user: User
    user_specs: tuple[UserSpec, ...]
    users: dict[str, User]
    faculties: dict[str, Faculty]
    departments: dict[tuple[str, str], Department]
    partners: dict[str, Partner]
    offers: dict[str, SupportOffer]
    types: dict[str, ActivityType]
    today: datetime.date


def program_ensure(spec: ProgramSpec, *, context: ProgramContext) -> Counter[str] | None:
    """Create the programme with all its contents (the rows created, by kind), unless its
    code already exists (None)."""
    if Program.objects.filter(code=spec.code).exists():
        return None
    created: Counter[str] = Counter(programmes=1)
    user = context.user
    where = f"{PROGRAMS_FILE}: programs {spec.code!r}"
    coordinators = [
        context.users[u.username] for u in context.user_specs if spec.code in u.coordinator_of
    ]
    with refused_as_data_error(where):
        program = services.program_create(
            user=user,
            coordinators=coordinators,
            code=spec.code,
            name_sv=spec.name_sv,
            name_en=spec.name_en,
            credits=_decimal(spec.credits),
            years=spec.years,
            profile=spec.profile,
            has_distance_students=spec.has_distance_students,
            faculty=context.faculties[spec.faculty],
            department=context.departments[(spec.faculty, spec.department)],
            alumni_follow_up=spec.alumni_follow_up,
            gender_analysis=spec.gender_analysis,
        )
    courses: dict[str, Course] = {}
    for course in spec.courses:
        with refused_as_data_error(f"{where}: courses {course.code!r}"):
            place = services.course_add_to_program(
                program=program,
                user=user,
                code=course.code,
                name_sv=course.name_sv,
                name_en=course.name_en,
                credits=_decimal(course.credits),
                year=course.year,
                term=course.term,
                kind=course.kind,
            ).place
        courses[course.code] = place.course
    outcomes: dict[str, LearningOutcome] = {}
    for outcome in spec.outcomes:
        level = LearningOutcome.Level.COURSE if outcome.course else LearningOutcome.Level.PROGRAM
        with refused_as_data_error(f"{where}: outcomes {outcome.code!r}"):
            outcomes[outcome.code] = services.outcome_create(
                program=program,
                user=user,
                level=level,
                course=courses[outcome.course] if outcome.course else None,
                code=outcome.code,
                text=outcome.text,
                is_work_life=outcome.is_work_life,
            )
    for activity in spec.activities:
        at = f"{where}: activities {activity.title!r}"
        activity_type = context.types.get(activity.type)
        if activity_type is None:
            known = ", ".join(sorted(context.types))
            raise DemoDataError(f"{at}: type: {activity.type!r} is not an activity type ({known})")
        with refused_as_data_error(at):
            services.activity_create(
                program=program,
                user=user,
                type=activity_type,
                outcomes=[outcomes[code] for code in activity.outcomes],
                partner_links=[
                    (context.partners[link.partner], link.role, link.feedback_collected)
                    for link in activity.partners
                ],
                **_activity_fields(activity, courses=courses),
            )
    if spec.council is not None:
        with refused_as_data_error(f"{where}: council"):
            _council_build(spec.council, program=program, context=context)
    if spec.compass_round is not None:
        with refused_as_data_error(f"{where}: compass_round"):
            _round_build(spec.compass_round, program=program, context=context)
        created["compass rounds"] += 1
    return created


def _activity_fields(spec: ActivitySpec, *, courses: dict[str, Course]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": spec.title,
        "description": spec.description,
        "course": courses[spec.course] if spec.course else None,
        "status": spec.status,
        "reach": spec.reach,
        "hp": _decimal(spec.hp),
        "hours": _decimal(spec.hours),
        "year": spec.year,
        "assessed": spec.assessed,
        "reflection": spec.reflection,
        "host_arranged_by": spec.host_arranged_by,
        "open_to_distance": spec.open_to_distance,
        "evaluated_by_students": spec.evaluated_by_students,
        "alumni_take_part": spec.alumni_take_part,
    }
    if spec.support is not None:  # otherwise the type's typical support items apply
        for item in SUPPORT_ITEMS:
            fields[f"support_{item}"] = item in spec.support
    if spec.authenticity is not None and spec.proximity is not None:
        fields["authenticity"], fields["proximity"] = spec.authenticity, spec.proximity
        fields["depth_motivation"] = spec.depth_motivation
    return fields


def _council_build(spec: CouncilSpec, *, program: Program, context: ProgramContext) -> None:
    council = services.council_save(
        program=program,
        user=context.user,
        name=spec.name,
        is_formal=spec.is_formal,
        last_curriculum_review=_days_ago(context.today, spec.last_curriculum_review_days_ago),
    )
    for member in spec.members:
        services.council_member_add(
            council=council,
            user=context.user,
            partner=context.partners[member.partner] if member.partner else None,
            organisation_name=member.organisation_name,
            role=member.role,
        )
    for meeting in spec.meetings:
        services.council_meeting_add(
            council=council,
            user=context.user,
            date=context.today - datetime.timedelta(days=meeting.days_ago),
            participants=meeting.participants,
            minutes=meeting.minutes,
            decisions=meeting.decisions,
        )


def _round_build(spec: RoundSpec, *, program: Program, context: ProgramContext) -> None:
    """Start the round, set a målbild per axis, add the action plan, move it to its status."""
    compass_round = assessment_services.round_start(
        program=program,
        user=context.user,
        date=context.today - datetime.timedelta(days=spec.days_ago),
    )
    for target in spec.targets:
        assessment_services.target_set(
            compass_round=compass_round,
            user=context.user,
            axis=target.axis,
            score=target.score,
            motivation=target.motivation,
        )
    for action in spec.actions:
        assessment_services.action_create(
            compass_round=compass_round,
            user=context.user,
            axis=action.axis,
            description=action.description,
            indicator=action.indicator,
            owner=action.owner,
            due_date=context.today + datetime.timedelta(days=action.due_date_in_days),
            status=action.status,
            support_offer=context.offers.get(action.support_offer),
        )
    compass_round = assessment_services.round_update(
        compass_round=compass_round,
        user=context.user,
        horizontal_perspectives=spec.horizontal_perspectives,
    )
    assessment_services.round_set_status(
        compass_round=compass_round, user=context.user, status=spec.status
    )


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _days_ago(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today - datetime.timedelta(days=days)
