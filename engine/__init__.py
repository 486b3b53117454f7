"""The pure evaluation core: models, conditions, the record and its two worlds, evaluation."""


def compiled() -> bool:
    """Whether the evaluation modules run compiled to C (see setup.py), not from source."""
    from . import world

    return not world.__file__.endswith(".py")
