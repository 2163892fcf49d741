"""Placeholder: the drug tests service is being written."""

from pcmt_desktop.services.context import ServiceContext


class DrugTestService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
