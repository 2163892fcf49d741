"""The level above's refusals; every message is for the officer, in Vietnamese."""


class UpperStoreError(Exception):
    """The consolidated store cannot do what was asked; the message says why."""
