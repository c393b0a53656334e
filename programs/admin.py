"""Admin for the inventory: every model, with history (SimpleHistoryAdmin)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programs import models


@admin.register(models.Faculty)
class FacultyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_sv", "name_en"]
    search_fields = ["code", "name_sv", "name_en"]
    filter_horizontal = ["board_members"]


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "faculty"]
    list_filter = ["faculty"]
    search_fields = ["name_sv", "name_en"]


class ProgramCourseInline(admin.TabularInline):
    model = models.ProgramCourse
    extra = 0
    autocomplete_fields = ["course"]


@admin.register(models.Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_sv", "faculty", "credits", "profile", "updated_at"]
    list_filter = ["faculty", "profile", "has_distance_students", "is_active"]
    search_fields = ["code", "name_sv", "name_en"]
    filter_horizontal = ["coordinators"]
    inlines = [ProgramCourseInline]


@admin.register(models.Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_sv", "credits"]
    search_fields = ["code", "name_sv", "name_en"]


@admin.register(models.ProgramCourse)
class ProgramCourseAdmin(SimpleHistoryAdmin):
    list_display = ["program", "course", "year", "term", "kind"]
    list_filter = ["kind", "year"]
    autocomplete_fields = ["program", "course"]


@admin.register(models.LearningOutcome)
class LearningOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "program", "level", "course", "is_work_life"]
    list_filter = ["level", "is_work_life"]
    search_fields = ["text", "code"]
    autocomplete_fields = ["program", "course"]


@admin.register(models.ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["key", "name_sv", "name_en", "default_authenticity", "default_proximity"]


class ActivityPartnerInline(admin.TabularInline):
    model = models.ActivityPartner
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(models.Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "program", "type", "status", "reach", "hp", "hours", "year"]
    list_filter = ["type", "status", "program__faculty"]
    search_fields = ["title", "program__code"]
    autocomplete_fields = ["program", "course", "outcomes"]
    inlines = [ActivityPartnerInline]


@admin.register(models.ActivityPartner)
class ActivityPartnerAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "partner", "role", "feedback_collected"]
    list_filter = ["role", "feedback_collected"]
    autocomplete_fields = ["activity", "partner"]


@admin.register(models.Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "org_number", "sector", "region", "is_strategic"]
    list_filter = ["sector", "is_strategic"]
    search_fields = ["name", "org_number"]


@admin.register(models.Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partner", "kind", "level", "start_date", "end_date", "next_follow_up"]
    list_filter = ["kind", "level"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner", "programs"]


class CouncilMemberInline(admin.TabularInline):
    model = models.CouncilMember
    extra = 0
    autocomplete_fields = ["partner"]


class CouncilMeetingInline(admin.StackedInline):
    model = models.CouncilMeeting
    extra = 0


@admin.register(models.Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "program", "is_formal", "last_curriculum_review"]
    list_filter = ["is_formal"]
    search_fields = ["name", "program__code"]
    inlines = [CouncilMemberInline, CouncilMeetingInline]


@admin.register(models.CouncilMember)
class CouncilMemberAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "council", "role"]
    autocomplete_fields = ["council", "partner"]


@admin.register(models.CouncilMeeting)
class CouncilMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["council", "date", "participants"]
    date_hierarchy = "date"
