"""The cleaner's run with the cyclic GC paused equals the plain run, and leaves the GC as it was."""

import gc
from contextlib import nullcontext
from pathlib import Path

import cleaner.pipeline as pipeline
from cleaner import clean, read_source

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "000_b75e2609f1de16f2.txt"


def test_paused_gc_output_equals_plain_run(monkeypatch):
    paused = clean(read_source(str(SEED))).to_json()
    assert gc.isenabled()
    monkeypatch.setattr(pipeline, "cyclic_gc_paused", nullcontext)
    assert clean(read_source(str(SEED))).to_json() == paused


def test_gc_left_disabled_when_it_was():
    gc.disable()
    try:
        with pipeline.cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
