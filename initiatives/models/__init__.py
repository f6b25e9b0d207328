from initiatives.models.api_token import ApiToken
from initiatives.models.import_batch import ImportBatch, ImportStatus
from initiatives.models.initiative import INITIATIVE_HISTORY, Initiative
from initiatives.models.organization import Membership, Organization
from initiatives.models.plan import Plan
from initiatives.models.reference import (
    Ambition,
    MutualisationLevel,
    Objective,
    Orientation,
    Programme,
    Tag,
    Theme,
)

__all__ = [
    "INITIATIVE_HISTORY",
    "Ambition",
    "ApiToken",
    "ImportBatch",
    "ImportStatus",
    "Initiative",
    "Membership",
    "MutualisationLevel",
    "Objective",
    "Organization",
    "Orientation",
    "Plan",
    "Programme",
    "Tag",
    "Theme",
]
