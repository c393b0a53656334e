"""`manage.py seed_demo`: load the fictional demo university and its demo logins."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo import build
from demo.loading import DemoDataError

T = TypeVar("T")


class Command(BaseCommand):
    help = (
        "Build the fictional demo university (faculties, programmes, partners, councils, "
        "a compass round) and one demo login per role. Safe to run again: existing rows are "
        "left as they are. Refuses to run with DEBUG off unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off (never on a production database).",
        )
        parser.add_argument(
            "--print-password",
            action="store_true",
            help="Print the shared demo password and exit.",
        )
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Print one line per demo login (username — role) and exit.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_password"]:
            self.stdout.write(build.DEMO_PASSWORD)
            return
        if options["print_logins"]:
            for line in self._demo_data(build.demo_login_lines):
                self.stdout.write(line)
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load demo data because DEBUG is off, which suggests a "
                "production database. Set DJANGO_DEBUG=true for a local demo, or pass "
                "--force if you really mean to add the demo university and its logins "
                "(with a published password) to this database."
            )
        result = self._demo_data(build.demo_build)
        if result.created:
            made = ", ".join(f"{kind} {count}" for kind, count in result.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo university loaded. Created: {made}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo university already in place: no changes."))
        if result.skipped_programs:
            self.stdout.write(
                f"Left {len(result.skipped_programs)} existing programmes as they were: "
                + ", ".join(result.skipped_programs)
            )

    def _demo_data(self, step: Callable[[], T]) -> T:
        """Run `step`; a bad demo data file ends the command with its message, no traceback."""
        try:
            return step()
        except DemoDataError as exc:
            raise CommandError(f"The demo data files are not valid: {exc}") from exc
