"""legidiff: apply French drafting instructions to codes, exactly."""

__version__ = "0.1.0"
