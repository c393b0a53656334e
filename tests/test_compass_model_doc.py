"""docs/compass-model.md and assessments/scoring/ say the same thing, so they cannot drift.

The doc is parsed, the code is imported: every constant, axis, sub-indicator and vocabulary
value of the scoring package must be in the doc with the code's value, the doc must state the
current MODEL_VERSION, and its worked example must show what compass() computes.
"""

import ast
import importlib
import operator
import re
from enum import StrEnum
from pathlib import Path

import pytest

from assessments.scoring import (
    ACTIVITY_TYPES,
    AXIS_INDICATORS,
    MODEL_VERSION,
    Axis,
    compass,
    display_round,
)
from tests.assessments.test_scoring import worked_example

BASE_DIR = Path(__file__).resolve().parent.parent
DOC_PATH = BASE_DIR / "docs" / "compass-model.md"
DOC = DOC_PATH.read_text(encoding="utf-8")
SCORING_DIR = BASE_DIR / "assessments" / "scoring"
CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# Constants whose value is a table of the doc rather than a literal in the constants table.
SHOWN_AS_SECTIONS = {"ACTIVITY_TYPES", "AXIS_INDICATORS"}


def scoring_modules() -> list[str]:
    return sorted(path.stem for path in SCORING_DIR.glob("*.py"))


def code_constants() -> dict[str, object]:
    """Every UPPER_CASE name assigned at module level in assessments/scoring/, with its value."""
    constants: dict[str, object] = {}
    for stem in scoring_modules():
        tree = ast.parse((SCORING_DIR / f"{stem}.py").read_text(encoding="utf-8"))
        module = importlib.import_module(f"assessments.scoring.{stem}")
        for node in tree.body:
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name) and CONSTANT_NAME.match(target.id):
                    constants[target.id] = getattr(module, target.id)
    return constants


def code_vocabularies() -> dict[str, type[StrEnum]]:
    """Every StrEnum class defined in assessments/scoring/ (axes, statuses, roles, levels)."""
    found: dict[str, type[StrEnum]] = {}
    for stem in scoring_modules():
        module = importlib.import_module(f"assessments.scoring.{stem}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, StrEnum)
                and value.__module__ == module.__name__
            ):
                found[value.__name__] = value
    return found


def section(heading: str) -> str:
    """The doc's text under `heading` (a whole heading line), up to the next heading of its level."""
    level = heading.split(" ", 1)[0]
    lines = DOC.splitlines()
    assert heading in lines, f"the doc has no heading {heading!r}"
    start = lines.index(heading) + 1
    end = next(
        (
            i
            for i in range(start, len(lines))
            if lines[i].startswith("#") and lines[i].split(" ", 1)[0] <= level
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def literal(text: str) -> object:
    """A Python literal from the doc, also allowing + - * / between numbers (1600 / 60)."""

    def value(node: ast.AST) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple):
            return tuple(value(item) for item in node.elts)
        if isinstance(node, ast.Dict):
            return {value(k): value(v) for k, v in zip(node.keys, node.values, strict=True)}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise ValueError(f"not a literal: {ast.dump(node)}")

    return value(ast.parse(text, mode="eval").body)


def documented_constants() -> dict[str, str]:
    """The constants table: name -> value cell."""
    rows = re.findall(
        r"^\| `([A-Z][A-Z0-9_]*)` \| (.+?) \| .+ \|$", section("## Constants"), re.MULTILINE
    )
    names = [name for name, _cell in rows]
    assert len(names) == len(set(names)), "a constant is listed twice"
    return dict(rows)


def axis_sections() -> list[tuple[int, str, list[str]]]:
    """(number, axis key, sub-indicator keys in order) for each axis heading of the doc."""
    found = []
    for match in re.finditer(
        r"^### (\d)\. .+ \(`([a-z_]+)`\).*$", section("## The eight axes"), re.MULTILINE
    ):
        body = section(match.group(0))
        keys = re.findall(r"^- \*\*([A-Z][0-9]?)\*\* ", body, re.MULTILINE)
        found.append((int(match.group(1)), match.group(2), keys))
    return found


# The version


def test_the_doc_states_the_current_model_version():
    stated = re.search(r"^\*\*Model version:\*\* `([^`]+)`", DOC, re.MULTILINE)
    assert stated, "the doc must say **Model version:** `...` near the top"
    assert stated.group(1) == MODEL_VERSION


# Constants


def test_the_parser_finds_the_constants_it_must_check():
    # Guards the guard: a parser that found nothing would let every test below pass vacuously.
    constants = code_constants()
    assert {"MODEL_VERSION", "R1_STEPS", "P1_MIN_EXTERNAL_MEMBERS", "EMPTY"} <= set(constants)
    assert {"MODEL_VERSION", "R1_STEPS", "HOURS_PER_HP"} <= set(documented_constants())


@pytest.mark.parametrize("name", sorted(code_constants()))
def test_every_scoring_constant_is_documented_with_its_value(name):
    documented = documented_constants()
    assert name in documented, f"add `{name}` to the constants table of {DOC_PATH.name}"
    cell = documented[name]
    if name in SHOWN_AS_SECTIONS:
        return  # checked against its own section below
    written = re.fullmatch(r"`([^`]+)`", cell)
    assert written, f"{name}: write the value as `literal`"
    assert literal(written.group(1)) == code_constants()[name]


def test_the_doc_lists_no_constant_the_code_does_not_have():
    assert set(documented_constants()) <= set(code_constants())


# Axes, sub-indicators and vocabularies


def test_the_axes_are_documented_in_radar_order_with_their_numbers():
    assert [(number, key) for number, key, _keys in axis_sections()] == [
        (number, axis.value) for number, axis in enumerate(Axis, start=1)
    ]


def test_each_axis_documents_exactly_its_sub_indicators_in_display_order():
    documented = {key: keys for _number, key, keys in axis_sections()}
    assert documented == {axis.value: list(keys) for axis, keys in AXIS_INDICATORS.items()}


def test_the_activity_types_table_has_every_type_with_its_default_a_and_p():
    rows = re.findall(
        r"^\| `([a-z_]+)` \| [^|]+ \| [^|]+ \| (\d) \| (\d) \| (\d) \|$",
        section("### Activity types"),
        re.MULTILINE,
    )
    assert [(key, (int(a), int(p))) for key, a, p, _d in rows] == list(ACTIVITY_TYPES.items())
    assert all(int(a) + int(p) == int(d) for _key, a, p, d in rows)


@pytest.mark.parametrize(
    ("vocabulary", "value"),
    [(name, member.value) for name, enum in sorted(code_vocabularies().items()) for member in enum],
)
def test_every_vocabulary_value_is_named_in_the_doc(vocabulary, value):
    assert f"`{value}`" in DOC, f"{vocabulary}: the doc never names `{value}`"


def test_the_vocabulary_parser_finds_the_enums():
    assert {"Axis", "Status", "Role", "AlumniFollowUp", "GenderAnalysis"} <= set(
        code_vocabularies()
    )


# The worked example


def worked_example_lines() -> dict[str, tuple[str, str, str]]:
    """Sub-indicator key -> (value, rows read, arithmetic) from the example's text block."""
    block = re.search(r"```text\n(.*?)\n```", section("## Worked example"), re.DOTALL)
    assert block, "the worked example has no ```text block of sub-indicators"
    lines = {}
    for line in block.group(1).splitlines():
        match = re.match(r"^(\w+)\s+(\S+)\s+(∅|\{[^}]*\})\s+(.+)$", line)
        assert match, f"cannot read the worked-example line {line!r}"
        lines[match.group(1)] = match.group(2, 3, 4)
    return lines


def test_the_worked_example_shows_every_sub_indicator_once_in_order():
    assert list(worked_example_lines()) == [
        key for keys in AXIS_INDICATORS.values() for key in keys
    ]


@pytest.mark.parametrize("key", [key for keys in AXIS_INDICATORS.values() for key in keys])
def test_the_worked_example_sub_indicator_is_what_the_code_computes(key):
    value, rows, arithmetic = worked_example_lines()[key]
    computed = compass(worked_example()).indicator(key)
    if computed.value is None:
        assert value == "N/A"
    else:
        assert float(value) == pytest.approx(computed.value, abs=5e-4)
    expected_rows = "{" + ", ".join(str(i) for i in computed.activity_ids) + "}"
    assert rows == (expected_rows if computed.activity_ids else "∅")
    assert arithmetic == computed.arithmetic


def test_the_worked_example_axes_are_what_the_code_computes_and_shows():
    rows = re.findall(
        r"^\| (\d) `([a-z_]+)` \| [^|]+ \| ([\d.]+) \| (\d+) \|$",
        section("## Worked example"),
        re.MULTILINE,
    )
    result = compass(worked_example())
    assert [key for _n, key, _score, _shown in rows] == [axis.value for axis in Axis]
    for _number, key, score, shown in rows:
        value = result.axis(Axis(key)).value
        assert float(score) == pytest.approx(value, abs=5e-4), key
        assert int(shown) == display_round(value), key


# The doc is where the code and the README send a reader


@pytest.mark.parametrize(
    "path",
    ["assessments/scoring/__init__.py", "assessments/scoring/constants.py", "README.md"],
)
def test_the_code_and_the_readme_point_to_the_doc(path):
    assert "docs/compass-model.md" in (BASE_DIR / path).read_text(encoding="utf-8")
