"""Labels of the compass: every axis and sub-indicator is named, and every name has Swedish."""

import ast
from pathlib import Path

from assessments import indicators
from assessments.scoring import AXIS_INDICATORS, Axis

SOURCE = Path(indicators.__file__)
SWEDISH = SOURCE.parents[1] / "locale" / "pending" / "scoring.tsv"

# The Swedish axis names of compass-model.md.
CONTRACT_AXIS_NAMES = {
    "Scope & reach": "Omfattning och räckvidd",
    "Authenticity & proximity": "Autenticitet och närhet",
    "Integration & assessment": "Integrering, lärandemål och examination",
    "Preparation, supervision & support": "Förberedelse, handledning och stöd",
    "Partnership & employer engagement": "Partnerskap och arbetslivets medverkan",
    "Career, entrepreneurship & professional identity": (
        "Karriär, entreprenörskap och yrkesidentitet"
    ),
    "Follow-up, feedback & improvement": "Uppföljning, återkoppling och utveckling",
    "Equity & gender equality": "Likvärdighet och jämställdhet",
}


def _msgids() -> list[str]:
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
    ]
    return [call.args[0].value for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset))]


def _translations() -> dict[str, str]:
    lines = SWEDISH.read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if line]
    assert all(len(pair) == 2 for pair in pairs)
    return dict(pairs)


def test_every_axis_and_sub_indicator_has_a_label():
    keys = [key for keys in AXIS_INDICATORS.values() for key in keys]
    assert list(indicators.AXES) == list(Axis)
    assert list(indicators.INDICATORS) == keys


def test_axes_map_to_the_uka_areas_of_the_contract():
    areas = indicators.AXIS_UKA_AREA
    working_life = [Axis.SCOPE, Axis.AUTHENTICITY, Axis.INTEGRATION]
    working_life += [Axis.SUPPORT, Axis.PARTNERSHIP, Axis.CAREER]
    assert {areas[axis] for axis in working_life} == {indicators.UkaArea.WORKING_LIFE}
    assert areas[Axis.FOLLOW_UP] == indicators.UkaArea.FOLLOW_UP
    assert areas[Axis.EQUITY] == indicators.UkaArea.GENDER_EQUALITY
    assert indicators.SURVEY_UKA_AREA == indicators.UkaArea.STUDENT_PERSPECTIVE
    assert set(indicators.UKA_AREAS) == set(indicators.UkaArea)


def test_swedish_list_translates_every_msgid_once_and_nothing_else():
    msgids = _msgids()
    lines = [line.split("\t")[0] for line in SWEDISH.read_text(encoding="utf-8").splitlines()]
    assert len(msgids) == len(set(msgids)) == 8 * 2 + 25 * 2 + 4
    assert lines == msgids
    assert all(swedish.strip() for swedish in _translations().values())


def test_swedish_axis_names_are_the_names_of_the_contract():
    translations = _translations()
    assert {msgid: translations[msgid] for msgid in CONTRACT_AXIS_NAMES} == CONTRACT_AXIS_NAMES


def test_swedish_uka_areas_are_the_names_of_the_contract():
    translations = _translations()
    assert [translations[msgid] for msgid in _msgids()[-4:]] == [
        "Arbetsliv och samverkan",
        "Uppföljning, åtgärder och återkoppling",
        "Jämställdhet",
        "Studentperspektiv",
    ]
