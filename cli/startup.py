"""The process's start-up, during which the cyclic garbage collector waits.

Starting a check loads pydantic, the file models and the engine: a few hundred thousand
objects that all live until the process exits. The collector would walk them again and
again while they load and free none of them, which cost a check about a tenth of its time.
So the `triable` command pauses the collector before loading and, once loaded, exempts
everything that exists from later collections (``gc.freeze``) and resumes it: what the
command itself makes is collected as usual.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """End start-up; does nothing unless `pause_collector` paused the collector (a program
    calling ``main`` keeps its own collector settings)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
