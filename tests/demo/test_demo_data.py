"""The demo data files: a mistake in them is reported with the file, the entry and the field."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from demo import build, loading
from demo.loading import DemoDataError, university_load
from programs.models import Partner, Program

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
VFU_1 = 'title = "VFU 1: kommunal vård och omsorg"\n'


def data_dir_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the data files with the first `old` in `file` replaced by `new`."""
    data_dir = tmp_path / "data"
    shutil.copytree(loading.DATA_DIR, data_dir)
    path = data_dir / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return data_dir


def test_the_data_files_hold_the_whole_demo_university():
    demo = university_load()
    assert len(demo.programs) == 14
    assert len(demo.partners) == 43
    assert sum(len(program.activities) for program in demo.programs) == 114
    (nursing,) = [program for program in demo.programs if program.code == "VGSSK"]
    anatomy = next(course for course in nursing.courses if course.code == "MC101G")
    assert anatomy.name_sv == "Anatomi och fysiologi"  # filled in from shared_courses
    assert anatomy.credits == 15


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "programmes.toml",
            "hp = 6\n",
            'hp = "sex"\n',
            "programmes.toml: programs 'VGSSK': activities 'VFU 1: kommunal vård och omsorg': "
            "hp: expected a number, got 'sex'",
        ),
        (
            "programmes.toml",
            "assessed = true\n",
            "asessed = true\n",
            "programs 'VGSSK': activities 'VFU 1: kommunal vård och omsorg': unknown key 'asessed'",
        ),
        (
            "programmes.toml",
            VFU_1,
            "",
            "programs 'VGSSK': activities #1: missing key 'title'",
        ),
        (
            "programmes.toml",
            'course = "OM102G"\nhp = 6',
            'course = "OM999G"\nhp = 6',
            "programs 'VGSSK': activities 'VFU 1: kommunal vård och omsorg': "
            "course: 'OM999G' is not defined in the data files",
        ),
        (
            "programmes.toml",
            '{ partner = "alvstad_kommun", role = "host"',
            '{ partner = "alvstad_komun", role = "host"',
            "activities 'VFU 1: kommunal vård och omsorg': partners: 'alvstad_komun' is not "
            "defined",
        ),
        (
            "programmes.toml",
            'faculty = "hv"',
            'faculty = "hx"',
            "programs 'VGSSK': faculty: 'hx' is not defined in the data files (hhs, hs, hv, tn)",
        ),
        (
            "programmes.toml",
            '{ code = "MC101G", year = 1, term = 1 }',
            '{ code = "MC101G", name_sv = "Anatomi", year = 1, term = 1 }',
            "programs 'VGSSK': courses 'MC101G': name_sv is given in shared_courses",
        ),
        (
            "programmes.toml",
            "support = [",
            "support = [12, ",
            "programs 'VGSSK': activities 'Färdighetsträning: läkemedelshantering och "
            "injektioner': support #1: expected text, got 12",
        ),
        (
            "university.toml",
            'coordinator_of = ["TGDVK", "TGELK"]',
            'coordinator_of = ["TGDVK", "TGXXX"]',
            "university.toml: users 'samordnare': coordinator_of: 'TGXXX' is not defined",
        ),
        (
            "university.toml",
            'name = "Region Norrmark"',
            'name = "Region Norrmark',
            "university.toml: not valid TOML",
        ),
    ],
)
def test_a_mistake_in_a_data_file_names_the_file_the_entry_and_the_field(
    tmp_path, file, old, new, message
):
    data_dir = data_dir_with(tmp_path, file, old, new)
    with pytest.raises(DemoDataError) as excinfo:
        university_load(data_dir=data_dir)
    assert message in str(excinfo.value)


@pytest.mark.django_db
def test_a_value_the_services_refuse_names_the_programme_and_writes_nothing(tmp_path, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    data_dir = data_dir_with(tmp_path, "programmes.toml", VFU_1, VFU_1 + 'status = "sometimes"\n')
    with pytest.raises(DemoDataError) as excinfo:
        build.demo_build(data_dir=data_dir)
    message = str(excinfo.value)  # the model's message, in the active language
    assert message.startswith(
        "programmes.toml: programs 'VGSSK': activities 'VFU 1: kommunal vård och omsorg': status: "
    )
    assert "'sometimes'" in message
    assert not Program.objects.exists()
    assert not Partner.objects.exists()


@pytest.mark.django_db
def test_seed_demo_reports_a_bad_data_file_as_a_command_error(tmp_path, monkeypatch):
    data_dir = data_dir_with(tmp_path, "programmes.toml", "hp = 6\n", "hp = true\n")
    monkeypatch.setattr(loading, "DATA_DIR", data_dir)
    with pytest.raises(CommandError, match=r"demo data files are not valid: programmes\.toml"):
        call_command("seed_demo", "--force")
    assert not Program.objects.exists()
