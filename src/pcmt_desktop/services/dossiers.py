"""Placeholder: the dossiers service is being written."""

from pcmt_desktop.services.context import ServiceContext


class DossierService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
