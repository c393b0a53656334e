"""Forms for the programme's own fields, courses, outcomes, council and agreements."""

import math
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from alakompass.forms import CapitalisedLabels, VersionedForm, form_field
from programs import selectors
from programs.forms.fields import (
    DecimalCommaField,
    PartnerField,
)
from programs.models import (
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    LearningOutcome,
    Program,
    ProgramCourse,
)
from programs.validators import validate_course_code

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgramForm(VersionedForm):
    """What a coordinator may change about the programme itself (not code, faculty, people)."""

    credits = DecimalCommaField(label=_("credits (hp)"), max_digits=5, decimal_places=1)

    class Meta:
        model = Program
        fields = [
            "name_sv",
            "name_en",
            "credits",
            "years",
            "profile",
            "has_distance_students",
            "alumni_follow_up",
            "gender_analysis",
        ]
        widgets = {"alumni_follow_up": forms.RadioSelect, "gender_analysis": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["years"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("years") and data.get("credits"):
            data["years"] = max(1, math.ceil(data["credits"] / 60))
        return data


class CourseAddForm(CapitalisedLabels, forms.Form):
    """Add a course (new or already in the catalogue) to the programme.

    A code that exists, typed with other facts than the course has, for a course whose
    shared facts the user may not change (selectors.course_facts_editable), is not saved
    at once: the form says the course is linked as it is and which facts are not applied,
    and saving again (the hidden `link_confirmed` now carries the code) links it.
    """

    code = forms.CharField(
        label=_("course code"),
        max_length=10,
        help_text=_(
            "For example DT099G. If the code exists, that course is added to the programme; "
            "its names and credits change only if you coordinate every programme that uses it."
        ),
    )
    name_sv = forms.CharField(label=_("name (Swedish)"), max_length=200)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    credits = DecimalCommaField(
        label=_("credits (hp)"), max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )
    year = forms.TypedChoiceField(label=_("programme year"), coerce=int)
    term = forms.IntegerField(label=_("term"), required=False, min_value=1, max_value=20)
    kind = forms.ChoiceField(
        label=_("mandatory or elective"),
        choices=ProgramCourse.Kind.choices,
        initial=ProgramCourse.Kind.MANDATORY,
        widget=forms.RadioSelect,
    )
    link_confirmed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, program: Program, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program, self.user = program, user
        self.link_notice = ""  # set when an existing course is linked as it is
        form_field(self, "year", forms.ChoiceField).choices = [
            (year, _("Year %(year)s") % {"year": year}) for year in range(1, program.years + 1)
        ]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper().replace(" ", "")
        validate_course_code(code)
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        course = Course.objects.filter(code=data["code"]).first()
        if course is None or data.get("link_confirmed") == data["code"]:
            return data
        kept = selectors.course_facts_differences(
            course=course,
            name_sv=data["name_sv"],
            name_en=data["name_en"] or course.name_en,
            credits=data["credits"],
        )
        if kept and not selectors.course_facts_editable(
            user=self.user, course=course, program=self.program
        ):
            self.link_notice = selectors.course_link_notice(course=course, kept=kept)
            bound = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            bound[self.add_prefix("link_confirmed")] = data["code"]  # saving again links it
            self.data = bound
        return data

    @property
    def needs_confirmation(self) -> bool:
        """True when the page must show `link_notice` before anything is saved."""
        return bool(self.link_notice)

    def service_data(self) -> dict[str, Any]:
        """cleaned_data for services.course_add_to_program."""
        return {k: v for k, v in self.cleaned_data.items() if k != "link_confirmed"}


class CoursePlaceForm(VersionedForm):
    """A course's place in the programme, and the shared course's names and credits.

    With `facts_locked_reason` (the user may not change the shared course's facts) the
    names and credits are shown read-only: disabled fields keep the saved values whatever
    a request sends.
    """

    name_sv = forms.CharField(label=_("name (Swedish)"), max_length=200)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    credits = DecimalCommaField(
        label=_("credits (hp)"), max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )
    year = forms.TypedChoiceField(label=_("programme year"), coerce=int)

    class Meta:
        model = ProgramCourse
        fields = ["year", "term", "kind"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, facts_locked_reason: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.facts_locked_reason = facts_locked_reason
        course = self.instance.course
        for name in ("name_sv", "name_en", "credits"):
            self.fields[name].initial = getattr(course, name)
            if facts_locked_reason:
                self.fields[name].disabled = True
                self.fields[name].required = False  # the saved value stands: no asterisk
                self.fields[name].help_text = _("Shared with other programmes: read-only.")
        self.order_fields(["name_sv", "name_en", "credits", "year", "term", "kind"])
        years = range(1, self.instance.program.years + 1)
        form_field(self, "year", forms.ChoiceField).choices = [
            (y, _("Year %(year)s") % {"year": y}) for y in years
        ]

    def service_data(self) -> dict[str, Any]:
        names = ("year", "term", "kind", "name_sv", "name_en", "credits")
        return {name: self.cleaned_data[name] for name in names}


class OutcomeForm(VersionedForm):
    class Meta:
        model = LearningOutcome
        fields = ["level", "course", "code", "text", "is_work_life"]
        widgets = {"level": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        if kwargs.get("instance") is None:
            kwargs["instance"] = LearningOutcome(program=program)
        super().__init__(*args, **kwargs)
        form_field(self, "course", forms.ModelChoiceField).queryset = Course.objects.filter(
            program_courses__program=program
        ).order_by("code")
        self.fields["course"].help_text = _("Only for course outcomes.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("level") == LearningOutcome.Level.COURSE and not data.get("course"):
            self.add_error("course", _("Choose the course this outcome belongs to."))
        if data.get("level") == LearningOutcome.Level.PROGRAM and data.get("course"):
            self.add_error("course", _("A programme outcome belongs to no single course."))
        return data


class CouncilForm(VersionedForm):
    class Meta:
        model = Council
        fields = ["name", "is_formal", "last_curriculum_review"]
        widgets = {"last_curriculum_review": DATE_WIDGET}


class CouncilMemberForm(VersionedForm):
    partner = PartnerField(
        label=_("organisation in the partner register"),
        required=False,
        help_text=_("Start typing a name or organisation number."),
    )

    class Meta:
        model = CouncilMember
        fields = ["partner", "organisation_name", "role"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        if kwargs.get("instance") is None:
            kwargs["instance"] = CouncilMember(council=council)
        super().__init__(*args, **kwargs)
        if self.instance.partner_id:
            self.initial["partner"] = self.instance.partner

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("partner") and not data.get("organisation_name") and not self.errors:
            self.add_error(
                "organisation_name", _("Choose an organisation from the register or name it.")
            )
        return data


class CouncilMeetingForm(VersionedForm):
    class Meta:
        model = CouncilMeeting
        fields = ["date", "participants", "minutes", "decisions"]
        widgets = {
            "date": DATE_WIDGET,
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        if kwargs.get("instance") is None:
            kwargs["instance"] = CouncilMeeting(council=council)
        super().__init__(*args, **kwargs)


class AgreementForm(VersionedForm):
    partner = PartnerField(
        label=_("partner organisation"), help_text=_("Start typing a name or organisation number.")
    )

    class Meta:
        model = Agreement
        fields = [
            "partner",
            "title",
            "kind",
            "level",
            "start_date",
            "end_date",
            "next_follow_up",
            "notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "level": forms.RadioSelect,
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "next_follow_up": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.partner_id:
            self.initial["partner"] = self.instance.partner
