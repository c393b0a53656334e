"""Refresh the Swedish catalogue: makemessages, then fill msgstr from locale/pending/*.tsv.

Developers write new English msgids with their Swedish translation into a TSV file under
locale/pending/ (msgid TAB translation); this script merges them into
locale/sv/LC_MESSAGES/django.po and lists what is still untranslated.
Usage: .venv/bin/python scripts/translations.py
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def pending() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for tsv in sorted((ROOT / "locale" / "pending").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                msgid, msgstr = line.split("\t", 1)
                pairs[msgid] = msgstr.strip()
    return pairs


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--ignore=.venv/*",
            "--ignore=staticfiles/*",
            "--ignore=tests/*",
            "-v0",
        ],
        cwd=ROOT,
        check=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    catalogue = polib.pofile(str(PO), wrapwidth=100)
    catalogue.metadata["Language"] = "sv"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    translations = pending()
    missing = []
    for entry in catalogue:
        if entry.msgid in translations:  # locale/pending is the source of truth
            if entry.msgid_plural:
                singular, _sep, plural = translations[entry.msgid].partition("|")
                entry.msgstr_plural = {0: singular, 1: plural or singular}
            else:
                entry.msgstr = translations[entry.msgid]
        elif "fuzzy" in entry.flags:
            # makemessages' fuzzy guesses are often wrong ("Reflection" → "Åtgärd"); without a
            # translation in locale/pending the entry stays untranslated.
            entry.msgstr = ""
            if entry.msgid_plural:
                entry.msgstr_plural = {0: "", 1: ""}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        if not (entry.msgstr or entry.msgstr_plural.get(0)):
            missing.append(entry.msgid)
    catalogue.save(str(PO))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")  # noqa: T201 - a developer tool's report
    print(f"{len(catalogue) - len(missing)} translated, {len(missing)} missing")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
