"""URLs for importing and exporting the inventory (course-list import, Excel/CSV export)."""

from django.urls import path

from programs.views import io

urlpatterns = [
    path("program/<int:pk>/importera/", io.course_import, name="course_import"),
    path(
        "program/<int:pk>/importera/forhandsgranska/",
        io.course_import_preview,
        name="course_import_preview",
    ),
    path("program/<int:pk>/importera/spara/", io.course_import_commit, name="course_import_commit"),
    path(
        "program/<int:pk>/importera/avbryt/", io.course_import_cancel, name="course_import_cancel"
    ),
    path("program/<int:pk>/exportera/", io.inventory_export, name="inventory_export"),
    path(
        "program/<int:pk>/exportera/xlsx/", io.inventory_export_xlsx, name="inventory_export_xlsx"
    ),
    path("program/<int:pk>/exportera/csv/", io.inventory_export_csv, name="inventory_export_csv"),
]
