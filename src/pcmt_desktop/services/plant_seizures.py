"""Placeholder: the plant seizures service is being written."""

from pcmt_desktop.services.context import ServiceContext


class PlantSeizureService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
