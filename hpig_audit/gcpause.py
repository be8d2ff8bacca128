"""Pause Python's cyclic garbage collector around the heavy, cycle-free phases of an audit.

Loading a long document, compiling the rubric and analysing the text each create hundreds of
thousands of short-lived objects (lines, blocks, sentences, regex parse trees) and no reference
cycles. The collector scans all of them again and again as they accumulate and finds nothing: on
a 500-page PDF that was about a fifth of the whole audit. Reference counting still frees every
object as usual, so memory is unchanged; the pause is restored on the way out, even on error.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
