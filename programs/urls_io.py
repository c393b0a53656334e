"""URLs for importing and exporting the inventory (course-list import, Excel/CSV export)."""

urlpatterns: list = []
