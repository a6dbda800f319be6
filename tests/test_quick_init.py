"""``quick_init``: the faster ``__init__`` makes the same instances as the dataclass's own."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Block, Decision, Removal
from cleaner.lines import Line
from cleaner.quick_init import quick_init
from cleaner.read_pdf import Glyph, PdfLine
from cleaner.rules.reflow import Boundary

QUICK = (Line, Block, Removal, Decision, Boundary, Glyph, PdfLine)


def plain(cls: type, *args: object, **kwargs: object) -> object:
    """An instance made by the dataclass's own ``__init__``."""
    instance = cls.__new__(cls)
    cls.plain_init(instance, *args, **kwargs)
    return instance


@pytest.mark.parametrize("cls", QUICK)
def test_same_signature(cls: type) -> None:
    assert inspect.signature(cls.__init__) == inspect.signature(cls.plain_init)
    def shape(function: object) -> list[tuple[str, object, object]]:
        return [(p.name, p.default, p.kind) for p in inspect.signature(function).parameters.values()]
    assert shape(cls.make) == shape(cls.plain_init)[1:]


@pytest.mark.parametrize("cls", QUICK)
def test_still_frozen(cls: type) -> None:
    values = {f.name: "0" for f in dataclasses.fields(cls) if f.init and f.default is dataclasses.MISSING}
    instance = cls(**values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, dataclasses.fields(cls)[0].name, "1")


@given(st.text(max_size=30), st.integers(0, 9), st.booleans(), st.integers(0, 80))
def test_line_equals_plain(text: str, gap: int, flag: bool, width: int) -> None:
    made = [Line(3, text), Line(3, text, gap, flag, not flag, flag, width, measure=width, indent=gap)]
    plains = [plain(Line, 3, text), plain(Line, 3, text, gap, flag, not flag, flag, width, measure=width,
                                          indent=gap)]
    made += [Line.make(3, text),
             Line.make(3, text, gap, flag, not flag, flag, width, measure=width, indent=gap)]
    plains += plains
    for quick, slow in zip(made, plains, strict=True):
        assert quick == slow and repr(quick) == repr(slow) and quick.ends_mark == slow.ends_mark
    assert dataclasses.replace(made[1], text=text + "。") == plain(
        Line, 3, text + "。", gap, flag, not flag, flag, width, measure=width, indent=gap)


def test_others_equal_plain() -> None:
    assert Boundary(True, "r", "e") == plain(Boundary, True, "r", "e") == Boundary.make(True, "r", "e")
    assert Boundary(False, "r", "e", margin=True, weak=True) == plain(Boundary, False, "r", "e", True, True)
    assert Decision("k", (1, 2), "r", "e") == plain(Decision, "k", (1, 2), "r", "e")
    glyph = ("中", 1, 2, 3, 4, 5, 6, False, True, False)
    assert Glyph(*glyph) == plain(Glyph, *glyph)
    assert PdfLine(1, "x", 0, 1, 2, 3, 4, 5, end=6.0) == plain(PdfLine, 1, "x", 0, 1, 2, 3, 4, 5, end=6.0)


def test_refuses_what_it_cannot_copy() -> None:
    @dataclasses.dataclass
    class Loose:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        x: list = dataclasses.field(default_factory=list)

    for cls in (Loose, Factory):
        with pytest.raises(TypeError):
            quick_init(cls)
