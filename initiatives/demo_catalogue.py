"""Parameters and word lists of the demonstration portfolio.

Everything here is invented for the demonstration, in the portfolio's vocabulary
(the plan's sections, annexes and simplification topics); initiatives.demo_builder
draws from it, and from initiatives.demo_archetypes, with a seeded random generator.
"""

from dataclasses import dataclass

from initiatives.choices import Status
from initiatives.demo_archetypes import DATA, TEACH, VISIT, Archetype, archetype
from initiatives.fiscal import FiscalQuarter

SEED = 2024
AS_OF = FiscalQuarter(2024, 1)  # the June 2024 update: statuses hold as of this quarter
PLAN_NAME = "PTN 2023-2027"  # in fixtures/reference.json, with this window:
PLAN_FIRST = FiscalQuarter(2022, 1)
PLAN_LAST = FiscalQuarter(2027, 4)
QUOTAS = {"MCC": 28}  # demonstration initiatives per organisation; MCC is the largest
DEFAULT_QUOTA = 15
MUTUALISED_TARGET = 90  # the plan retained about 90 initiatives for mutualisation
THREE_PGTN_SHARE = 0.12
EMPTY_BENEFIT_SHARE = 0.3
STATUS_WEIGHTS = {
    Status.NOT_STARTED: 35,
    Status.IN_PROGRESS: 38,
    Status.DONE: 17,
    Status.SUSPENDED: 6,
    Status.ABANDONED: 4,
}
LEVEL_WEIGHTS = {1: 30, 2: 30, 3: 25, 4: 15}
PARTNER_COUNT_WEIGHTS = {1: 35, 2: 30, 3: 25, 4: 10}

# Organisation acronyms (fixtures/reference.json) and the kinds of work they do.
ORG_PROFILES = {
    "MCC": ("ministry", "funder"),
    "BAnQ": ("library",),
    "CALQ": ("funder",),
    "CMADQ": ("school",),
    "MAC": ("museum",),
    "MCQ": ("museum",),
    "MNBAQ": ("museum",),
    "MBAM": ("museum",),
    "SODEC": ("funder",),
    "Télé-Québec": ("broadcaster",),
    "PdA": ("venue",),
    "GTQ": ("venue",),
}
AUDIENCES = {
    "MCC": "des citoyens",
    "BAnQ": "des usagers",
    "CALQ": "des artistes et des organismes",
    "CMADQ": "des élèves",
    "SODEC": "des entreprises culturelles",
    "Télé-Québec": "des téléspectateurs",
    "PdA": "des spectateurs",
    "GTQ": "des spectateurs",
}
OFFERS = {
    "MCC": "des programmes du ministère",
    "BAnQ": "des activités culturelles",
    "CALQ": "des programmes de bourses",
    "CMADQ": "des concerts et des spectacles étudiants",
    "SODEC": "des programmes d’aide",
    "Télé-Québec": "des émissions",
    "PdA": "des spectacles",
    "GTQ": "des spectacles",
}
MUSEUM_AUDIENCE = "des visiteurs"
MUSEUM_OFFER = "des expositions"
# Who an organisation shares with first, by profile.
CLOSE_PARTNERS = {
    "museum": ("MAC", "MCQ", "MNBAQ", "MBAM"),
    "venue": ("PdA", "GTQ", "Télé-Québec"),
    "funder": ("MCC", "CALQ", "SODEC"),
    "ministry": ("CALQ", "SODEC", "BAnQ"),
    "library": ("MCC", "MCQ", "Télé-Québec"),
    "broadcaster": ("BAnQ", "MCC", "CMADQ"),
    "school": ("Télé-Québec", "PdA", "GTQ"),
}


# Two or three orientations per state corporation, invented for the demonstration.
DEMO_ORIENTATIONS = {
    "BAnQ": (
        "Rendre le patrimoine documentaire québécois accessible à tous, partout au Québec.",
        "Offrir aux usagers une expérience simple et personnalisée, en bibliothèque comme en ligne.",
        "Moderniser nos façons de faire et nos infrastructures technologiques.",
    ),
    "CALQ": (
        "Soutenir la création et la diffusion des arts et des lettres dans toutes les régions.",
        "Simplifier l’accès aux programmes d’aide pour les artistes et les organismes.",
    ),
    "CMADQ": (
        "Former la relève en musique et en art dramatique dans toutes les régions du Québec.",
        "Enrichir l’expérience étudiante par le numérique.",
        "Moderniser la gestion de l’établissement.",
    ),
    "MAC": (
        "Faire rayonner l’art contemporain auprès de tous les publics.",
        "Offrir une expérience de visite renouvelée, sur place et en ligne.",
    ),
    "MCQ": (
        "Mettre en valeur les collections et le patrimoine auprès des publics d’ici et d’ailleurs.",
        "Placer le visiteur au cœur de l’expérience muséale.",
        "Assurer une gestion performante et responsable.",
    ),
    "MNBAQ": (
        "Faire découvrir l’art québécois à un public élargi et renouvelé.",
        "Accroître l’accessibilité des collections nationales.",
    ),
    "MBAM": (
        "Rendre l’art accessible au plus grand nombre et à tous les âges.",
        "Développer des expériences muséales numériques et éducatives.",
    ),
    "SODEC": (
        "Soutenir la compétitivité des entreprises culturelles québécoises.",
        "Favoriser la découvrabilité des contenus culturels québécois au Québec et à l’étranger.",
        "Offrir une prestation de services simple et efficace à sa clientèle.",
    ),
    "Télé-Québec": (
        "Offrir des contenus éducatifs et culturels de qualité à tous les publics.",
        "Rejoindre les jeunes sur les plateformes qu’ils fréquentent.",
    ),
    "PdA": (
        "Offrir aux spectateurs une expérience accueillante et personnalisée.",
        "Soutenir la diffusion des arts de la scène et la vitalité du Quartier des spectacles.",
    ),
    "GTQ": (
        "Faire vivre les arts de la scène à Québec auprès de publics diversifiés.",
        "Moderniser l’expérience des spectateurs et les outils de gestion.",
    ),
}


@dataclass(frozen=True)
class DemoProgramme:
    """A demonstration programme and the explicit schedule of each of its phases."""

    name: str
    lead: str
    description: str
    archetype: Archetype
    partners: tuple[str, ...]
    level: int | None
    phases: tuple[tuple[str, str, str], ...]  # (status, start label, end label)


DEMO_PROGRAMMES = (
    DemoProgramme(
        "Plateforme commune de données muséales",
        "MNBAQ",
        "Les quatre musées-lois mettent en commun leurs données d’usage.",
        archetype(
            (),
            "Intelligence d’affaires",
            3,
            "Des apprentissages sur les publics partagés avec la communauté muséale.",
            [DATA],
        ),
        ("MAC", "MCQ", "MBAM"),
        3,
        (
            (Status.DONE, "2022-2023 T3", "2023-2024 T2"),
            (Status.IN_PROGRESS, "2023-2024 T3", "2025-2026 T1"),
            (Status.NOT_STARTED, "2025-2026 T2", "2026-2027 T4"),
        ),
    ),
    DemoProgramme(
        "Billetterie commune des salles de spectacle",
        "PdA",
        "Une billetterie et une base de spectateurs partagées par les grandes salles.",
        archetype(
            (),
            "Billetterie et commerce en ligne",
            1,
            "Un seul compte spectateur pour toutes les grandes salles.",
            [VISIT, DATA],
        ),
        ("GTQ",),
        2,
        (
            (Status.IN_PROGRESS, "2023-2024 T4", "2025-2026 T2"),
            (Status.NOT_STARTED, "2025-2026 T3", "2026-2027 T4"),
        ),
    ),
    DemoProgramme(
        "Conservatoire virtuel",
        "CMADQ",
        "L’enseignement à distance dans les neuf établissements du réseau.",
        archetype(
            (),
            "Enseignement en ligne",
            1,
            "Des élèves de toutes les régions suivent les cours de leur conservatoire à distance.",
            [TEACH],
        ),
        (),
        None,
        (
            (Status.DONE, "2022-2023 T1", "2023-2024 T1"),
            (Status.IN_PROGRESS, "2023-2024 T2", "2024-2025 T4"),
            (Status.NOT_STARTED, "2025-2026 T1", "2027-2028 T2"),
        ),
    ),
    DemoProgramme(
        "Modernisation des infrastructures technologiques de BAnQ",
        "BAnQ",
        "Le remplacement des infrastructures en désuétude, en deux vagues.",
        archetype(
            (),
            "Désuétude des équipements et des logiciels",
            3,
            "Un risque de bris de service nettement réduit.",
        ),
        (),
        None,
        (
            (Status.IN_PROGRESS, "2023-2024 T1", "2024-2025 T3"),
            (Status.NOT_STARTED, "2024-2025 T4", "2026-2027 T2"),
        ),
    ),
)

FIRST_NAMES = (
    "Alexandre", "Amélie", "Benoît", "Camille", "Catherine", "Chloé", "Danielle", "Éric",
    "Étienne", "Frédérique", "Gabriel", "Geneviève", "Hélène", "Isabelle", "Jérôme", "Julie",
    "Karine", "Louis", "Marc-André", "Marie-Ève", "Mathieu", "Nathalie", "Olivier", "Pascale",
    "Philippe", "Raphaël", "Sophie", "Stéphane", "Valérie", "Yannick",
)  # fmt: skip
LAST_NAMES = (
    "Beaulieu", "Bélanger", "Bergeron", "Bouchard", "Caron", "Côté", "Desjardins", "Dubé",
    "Fortin", "Gagné", "Gagnon", "Gauthier", "Girard", "Lapointe", "Lavoie", "Leblanc",
    "Lévesque", "Morin", "Ouellet", "Paquette", "Pelletier", "Poirier", "Roy", "Simard",
    "Thibault", "Tremblay", "Vachon",
)  # fmt: skip
