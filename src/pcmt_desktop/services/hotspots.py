"""Placeholder: the hotspots service is being written."""

from pcmt_desktop.services.context import ServiceContext


class HotspotService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
