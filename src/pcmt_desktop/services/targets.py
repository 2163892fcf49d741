"""Placeholder: the targets service is being written."""

from pcmt_desktop.services.context import ServiceContext


class TargetService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
