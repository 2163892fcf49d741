"""All services of one open database, built once and handed to the window or the CLI."""

from dataclasses import dataclass

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.histories import HistoryService
from pcmt_desktop.services.office import OfficeService
from pcmt_desktop.services.person_listing import PersonListing
from pcmt_desktop.services.persons import PersonService


@dataclass(frozen=True)
class Services:
    context: ServiceContext
    office: OfficeService
    persons: PersonService
    listing: PersonListing
    histories: HistoryService

    @classmethod
    def build(cls, context: ServiceContext) -> "Services":
        return cls(
            context=context,
            office=OfficeService(context),
            persons=PersonService(context),
            listing=PersonListing(context),
            histories=HistoryService(context),
        )
