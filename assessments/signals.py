"""Cache invalidation for the stored compass scores (assessments.ProgramScore), nothing else.

Every save or delete of an inventory row the compass reads marks its programme's stored
score stale with one UPDATE and queues that programme's refresh for when the transaction
commits (program_scores_mark_stale). In eager mode (tests, the embedded default without a
broker) the refresh runs in-process right after the commit, for the changed programmes only:
about ten queries per transaction, whatever the number of rows it wrote.

What the compass reads (assessments.selectors.inputs._build_inputs): the programme's own fields,
its activities (with their type's key), their partner links and learning-outcome links, its
learning outcomes, its council with members and meetings, and its compass rounds with their
actions. Course places, courses, partner records, agreements, targets and survey results do
not feed the scores, so their writes leave the stored scores alone.

The programme of a child row is read from the cached parent when the caller holds it (the
services do), else with one small query. A deleted programme takes its stored score with it
(CASCADE); the deletes cascading from it mark nothing that still exists.
"""

from typing import Any

from django.db.models import F, ForeignKey, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from assessments import services
from assessments.models import Action, CompassRound, ProgramScore
from programs.models import (
    Activity,
    ActivityPartner,
    ActivityType,
    Council,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Program,
)

# Rows with a program_id of their own.
_DIRECT = (Activity, LearningOutcome, Council, CompassRound)
# Rows whose programme is their parent's: model → the foreign key to the parent.
_VIA_PARENT: dict[type[Model], str] = {
    ActivityPartner: "activity",
    CouncilMember: "council",
    CouncilMeeting: "council",
    Action: "round",
}


def connect() -> None:
    """Connect the receivers (AssessmentsConfig.ready)."""
    senders: list[type[Model]] = [Program, *_DIRECT, *_VIA_PARENT]
    for model in senders:
        uid = f"program_scores:{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(
        _outcomes_changed,
        sender=Activity.outcomes.through,
        dispatch_uid="program_scores:activity_outcomes",
    )
    post_save.connect(_type_changed, sender=ActivityType, dispatch_uid="program_scores:type")


def _saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    program_id = _program_id(instance)
    if program_id is not None:
        # A fixture load (raw) may write children before their programme: no placeholder.
        services.program_scores_mark_stale(program_ids=[program_id], create_missing=not raw)


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Program):
        return  # its stored score is deleted with it
    program_id = _program_id(instance)
    if program_id is not None:
        services.program_scores_mark_stale(program_ids=[program_id])


def _outcomes_changed(
    sender: type[Model],
    instance: Activity | LearningOutcome,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    """An activity's learning-outcome links changed (from either side of the relation)."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    program_ids = {instance.program_id}
    if reverse and pk_set:  # instance is a LearningOutcome; pk_set holds activity ids
        program_ids |= set(
            Activity.objects.filter(pk__in=pk_set).values_list("program_id", flat=True)
        )
    services.program_scores_mark_stale(program_ids=program_ids, create_missing=True)


def _type_changed(sender: type[Model], instance: ActivityType, **kwargs: Any) -> None:
    """A taxonomy edit may change a type's key, which the compass reads: mark its users stale.

    Only marked (one UPDATE): the dashboard recomputes them when it next needs them, and the
    nightly refresh does the rest.
    """
    if kwargs.get("created"):
        return  # a new type has no activities yet
    ProgramScore.objects.filter(program__activities__type=instance).update(
        stale=True, generation=F("generation") + 1
    )


def _program_id(instance: Model) -> int | None:
    if isinstance(instance, Program):
        return instance.pk
    if isinstance(instance, _DIRECT):
        return instance.program_id
    return _parent_program_id(instance, _VIA_PARENT[type(instance)])


def _parent_program_id(instance: Model, field_name: str) -> int | None:
    """The programme of the row's parent: from the cached parent, else one small query."""
    field = instance._meta.get_field(field_name)
    assert isinstance(field, ForeignKey)
    if field.is_cached(instance):
        program_id: int | None = getattr(instance, field_name).program_id
        return program_id
    parent = field.related_model
    assert isinstance(parent, type)
    assert issubclass(parent, Model)
    parent_id = getattr(instance, field.attname)
    return parent._default_manager.filter(pk=parent_id).values_list("program_id", flat=True).first()
