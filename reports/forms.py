"""Forms of the report pages: a report request and the archive's filter."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from programs.models import Faculty, Program
from programs.selectors import AnyUser
from reports import selectors
from reports.models import Report, ReportKind, ReportLanguage


class ReportRequestForm(forms.Form):
    """What the "Create report" button posts: the kind, its scope by id, and the language."""

    kind = forms.ChoiceField(choices=ReportKind.choices)
    compass_round = forms.IntegerField(required=False, min_value=1)
    faculty_id = forms.IntegerField(required=False, min_value=1)
    language = forms.ChoiceField(label=_("Language of the report"), choices=ReportLanguage.choices)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ReportKind.PROGRAM and not data.get("compass_round"):
            raise forms.ValidationError(_("Choose the compass round of the report."))
        if kind == ReportKind.FACULTY and not data.get("faculty_id"):
            raise forms.ValidationError(_("Choose the faculty of the report."))
        return data


class ArchiveFilterForm(forms.Form):
    """The archive's filters; every choice is limited to what the user may see."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ReportKind.choices]
    )
    faculty = forms.ModelChoiceField(
        label=_("Faculty"), required=False, queryset=Faculty.objects.none(), empty_label=_("All")
    )
    program = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Program.objects.none(), empty_label=_("All")
    )
    year = forms.TypedChoiceField(
        label=_("Year created"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: object | None = None, *, user: AnyUser) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        faculty_field = self.fields["faculty"]
        program_field = self.fields["program"]
        year_field = self.fields["year"]
        assert isinstance(faculty_field, forms.ModelChoiceField)
        assert isinstance(program_field, forms.ModelChoiceField)
        assert isinstance(year_field, forms.TypedChoiceField)
        faculty_field.queryset = selectors.report_filter_faculties(user=user)
        program_field.queryset = selectors.report_filter_programs(user=user)
        years = selectors.report_filter_years(user=user)
        year_field.choices = [("", _("All")), *((year, str(year)) for year in years)]

    def filter(self, reports: QuerySet[Report]) -> QuerySet[Report]:
        """`reports` narrowed by the filters that are valid; an invalid one is ignored (and
        shown with its error), never an error page."""
        if not self.is_bound:
            return reports
        self.is_valid()
        data = self.cleaned_data
        if data.get("kind"):
            reports = reports.filter(kind=data["kind"])
        if data.get("faculty") is not None:
            faculty = data["faculty"]
            reports = reports.filter(Q(faculty=faculty) | Q(program__faculty=faculty))
        if data.get("program") is not None:
            reports = reports.filter(program=data["program"])
        if data.get("year") is not None:
            reports = reports.filter(created_at__year=data["year"])
        return reports
