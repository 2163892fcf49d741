"""All services of one open database, built once and handed to the window or the CLI."""

from dataclasses import dataclass

from pcmt_desktop.services.cases import CaseService
from pcmt_desktop.services.context import ServiceContext
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


@dataclass(frozen=True)
class Services:
    context: ServiceContext
    office: OfficeService
    persons: PersonService
    listing: PersonListing
    histories: HistoryService
    legal: LegalRules
    drug_tests: DrugTestService
    dossiers: DossierService
    hotspots: HotspotService
    plant_seizures: PlantSeizureService
    cases: CaseService
    targets: TargetService
    deadlines: DeadlineService
    duplicates: DuplicateService

    @classmethod
    def build(cls, context: ServiceContext) -> "Services":
        legal = LegalRules(context)
        return cls(
            context=context,
            office=OfficeService(context),
            persons=PersonService(context),
            listing=PersonListing(context),
            histories=HistoryService(context),
            legal=legal,
            drug_tests=DrugTestService(context),
            dossiers=DossierService(context),
            hotspots=HotspotService(context),
            plant_seizures=PlantSeizureService(context),
            cases=CaseService(context),
            targets=TargetService(context),
            deadlines=DeadlineService(context),
            duplicates=DuplicateService(context),
        )
