"""All services of one open database, handed to the window or the CLI.

Each service is made (and its module imported) the first time it is asked for: the login
needs only the office and the accounts, and the window's start should not wait for the
modules of every registry (a quarter of a second together). Once made, a service is the
same object for the life of the ``Services``.
"""

from functools import cached_property
from typing import TYPE_CHECKING

from pcmt_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from pcmt_desktop.services.cases import CaseService
    from pcmt_desktop.services.deadlines import DeadlineService
    from pcmt_desktop.services.dossiers import DossierService
    from pcmt_desktop.services.drug_tests import DrugTestService
    from pcmt_desktop.services.duplicates import DuplicateService
    from pcmt_desktop.services.histories import HistoryService
    from pcmt_desktop.services.hotspots import HotspotService
    from pcmt_desktop.services.legal import LegalRules
    from pcmt_desktop.services.office import OfficeService
    from pcmt_desktop.services.person_listing import PersonListing
    from pcmt_desktop.services.persons import PersonService
    from pcmt_desktop.services.plant_seizures import PlantSeizureService
    from pcmt_desktop.services.targets import TargetService


class Services:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    @classmethod
    def build(cls, context: ServiceContext) -> "Services":
        return cls(context)

    @cached_property
    def office(self) -> "OfficeService":
        from pcmt_desktop.services.office import OfficeService

        return OfficeService(self.context)

    @cached_property
    def persons(self) -> "PersonService":
        from pcmt_desktop.services.persons import PersonService

        return PersonService(self.context)

    @cached_property
    def listing(self) -> "PersonListing":
        from pcmt_desktop.services.person_listing import PersonListing

        return PersonListing(self.context)

    @cached_property
    def histories(self) -> "HistoryService":
        from pcmt_desktop.services.histories import HistoryService

        return HistoryService(self.context)

    @cached_property
    def legal(self) -> "LegalRules":
        from pcmt_desktop.services.legal import LegalRules

        return LegalRules(self.context)

    @cached_property
    def drug_tests(self) -> "DrugTestService":
        from pcmt_desktop.services.drug_tests import DrugTestService

        return DrugTestService(self.context)

    @cached_property
    def dossiers(self) -> "DossierService":
        from pcmt_desktop.services.dossiers import DossierService

        return DossierService(self.context)

    @cached_property
    def hotspots(self) -> "HotspotService":
        from pcmt_desktop.services.hotspots import HotspotService

        return HotspotService(self.context)

    @cached_property
    def plant_seizures(self) -> "PlantSeizureService":
        from pcmt_desktop.services.plant_seizures import PlantSeizureService

        return PlantSeizureService(self.context)

    @cached_property
    def cases(self) -> "CaseService":
        from pcmt_desktop.services.cases import CaseService

        return CaseService(self.context)

    @cached_property
    def targets(self) -> "TargetService":
        from pcmt_desktop.services.targets import TargetService

        return TargetService(self.context)

    @cached_property
    def deadlines(self) -> "DeadlineService":
        from pcmt_desktop.services.deadlines import DeadlineService

        return DeadlineService(self.context)

    @cached_property
    def duplicates(self) -> "DuplicateService":
        from pcmt_desktop.services.duplicates import DuplicateService

        return DuplicateService(self.context)
