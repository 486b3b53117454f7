"""The pure evaluation core: models, conditions, the record and its two worlds, evaluation."""
