"""The kinds of initiative the demonstration portfolio is drawn from.

Each archetype is a title (with variants), the sub-theme and ambition it belongs
to, the service improvement it brings and the annexes' tags it carries. Titles
and benefits may use ``{public}`` and ``{offer}``, which each organisation fills
in (initiatives.demo_catalogue.AUDIENCES and OFFERS).
"""

from dataclasses import dataclass

# Tag slugs of fixtures/reference.json.
DATA = "valorisation-des-donnees"
AI = "intelligence-artificielle"
VISIT = "experience-visiteur-personnalisee"
HERITAGE = "collections-et-patrimoine"
DISCOVER = "decouvrabilite-des-contenus"
AID = "parcours-aide-financiere"
TEACH = "enseignement-en-ligne"


@dataclass(frozen=True)
class Archetype:
    """A kind of initiative: title variants, where it belongs and what it brings."""

    titles: tuple[str, ...]
    theme: str  # a sub-theme's name
    ambition: int
    benefit: str
    tags: tuple[str, ...] = ()
    shared: bool = False  # a usual candidate for mutualisation


def archetype(titles, theme, ambition, benefit, tags=(), shared=False) -> Archetype:
    titles = (titles,) if isinstance(titles, str) else tuple(titles)
    return Archetype(titles, theme, ambition, benefit, tuple(tags), shared)


COMMON = (
    archetype(
        ("Refonte du site Web institutionnel", "Refonte du site Web et de sa gestion de contenu"),
        "Parcours client",
        1,
        "Information trouvée plus rapidement, sur un site conforme au standard d’accessibilité SGQRI 008.",
    ),
    archetype(
        "Espace client en ligne {public}",
        "Parcours client",
        1,
        "Un seul compte pour suivre ses achats, ses inscriptions et ses demandes.",
        [VISIT],
    ),
    archetype(
        ("Plateforme de données clients", "Plateforme de données clients et segmentation {public}"),
        "Plateforme de données clients",
        1,
        "Des communications ciblées et des offres personnalisées selon le profil de chacun.",
        [DATA, VISIT],
        shared=True,
    ),
    archetype(
        "Implantation d’une solution de gestion de la relation client",
        "Plateforme de données clients",
        1,
        "Une vue unique de chaque client et l’historique complet de ses échanges.",
        [DATA],
        shared=True,
    ),
    archetype(
        ("Tableaux de bord de gestion", "Entrepôt de données et tableaux de bord de gestion"),
        "Intelligence d’affaires",
        3,
        "Des décisions appuyées sur des indicateurs à jour plutôt que sur des compilations manuelles.",
        [DATA],
        shared=True,
    ),
    archetype(
        ("Cadre de gouvernance des données", "Catalogue et gouvernance des données"),
        "Gouvernance des données",
        3,
        "Des données fiables, documentées et protégées.",
        [DATA],
        shared=True,
    ),
    archetype(
        "Conformité à la Loi 25 : consentement et incidents de confidentialité",
        "Gouvernance des données",
        3,
        "Une protection renforcée des renseignements personnels {public}.",
        [DATA],
        shared=True,
    ),
    archetype(
        "Agent conversationnel pour le service à la clientèle",
        "Intelligence artificielle",
        1,
        "Des réponses aux questions courantes en tout temps, sept jours sur sept.",
        [AI],
        shared=True,
    ),
    archetype(
        "Tri automatisé des demandes reçues par l’intelligence artificielle",
        "Intelligence artificielle",
        3,
        "Un délai de réponse aux demandes réduit de moitié.",
        [AI],
    ),
    archetype(
        ("Migration des serveurs vers l’infonuagique", "Migration des applications vers le nuage"),
        "Infonuagique",
        3,
        "Des services plus disponibles et une relève informatique simplifiée.",
        shared=True,
    ),
    archetype(
        (
            "Remplacement des serveurs et des équipements réseau en fin de vie",
            "Plan de résorption de la désuétude des logiciels",
        ),
        "Désuétude des équipements et des logiciels",
        3,
        "Un risque de bris de service nettement réduit.",
        shared=True,
    ),
    archetype(
        (
            "Authentification multifacteur et gestion des accès privilégiés",
            "Centre de surveillance des menaces de cybersécurité",
        ),
        "Sécurité",
        3,
        "Un risque d’incident de sécurité réduit et une détection plus rapide des menaces.",
        shared=True,
    ),
    archetype(
        "Programme de sensibilisation du personnel à la cybersécurité",
        "Sécurité",
        2,
        "Un personnel mieux outillé pour reconnaître l’hameçonnage.",
        shared=True,
    ),
    archetype(
        "Plan de relève et de continuité des services informatiques",
        "Sécurité",
        3,
        "La reprise des services essentiels en moins de 24 heures après un sinistre.",
        shared=True,
    ),
    archetype(
        (
            "Déploiement de Microsoft 365 et des outils de collaboration",
            "Espace de travail numérique",
        ),
        "Outils collaboratifs",
        3,
        "Un travail d’équipe facilité, au bureau comme en télétravail.",
        shared=True,
    ),
    archetype(
        "Intranet et portail des employés",
        "Outils collaboratifs",
        2,
        "L’information interne trouvée en un seul endroit.",
    ),
    archetype(
        (
            "Plan de rehaussement des compétences numériques du personnel",
            "Formation continue en analyse de données et en gestion de projet Agile",
        ),
        "Compétences numériques",
        2,
        "Un personnel formé aux outils et aux méthodes du numérique.",
        [DATA],
        shared=True,
    ),
    archetype(
        "Formation du personnel à l’intelligence artificielle",
        "Compétences numériques",
        2,
        "Des tâches répétitives automatisées par un personnel qui en connaît les limites.",
        [AI],
        shared=True,
    ),
    archetype(
        ("Communauté de pratique numérique", "Accompagnement de la gestion du changement"),
        "Compétences numériques",
        2,
        "Des équipes qui adoptent les nouveaux outils au lieu de les contourner.",
        shared=True,
    ),
    archetype(
        "Recrutement en ligne et accueil numérique des nouveaux employés",
        "Automatisation des processus administratifs",
        2,
        "Des embauches plus rapides et une intégration mieux accompagnée.",
    ),
    archetype(
        (
            "Gestion intégrée des documents et signature électronique",
            "Dématérialisation des dossiers",
        ),
        "Automatisation des processus administratifs",
        3,
        "Moins de papier, et des dossiers retrouvés en quelques secondes.",
        shared=True,
    ),
    archetype(
        "Automatisation des processus financiers et des approvisionnements",
        "Automatisation des processus administratifs",
        3,
        "Des factures traitées plus vite, avec moins d’erreurs de saisie.",
    ),
    archetype(
        "Modernisation du système de paie et de gestion des ressources humaines",
        "Automatisation des processus administratifs",
        2,
        "Des employés qui consultent et mettent à jour leur dossier en ligne.",
        shared=True,
    ),
    archetype(
        ("Promotion numérique {offer}", "Marketing par courriel et réseaux sociaux"),
        "Promotion et marketing numérique",
        1,
        "Rejoindre les publics sur les bons canaux, au bon moment.",
        [VISIT],
    ),
    archetype(
        "Sondage en ligne et mesure de la satisfaction {public}",
        "Parcours client",
        1,
        "Des attentes {public} mesurées et suivies chaque trimestre.",
        [DATA],
    ),
    archetype(
        "Accessibilité numérique des services en ligne",
        "Parcours client",
        1,
        "Des services en ligne utilisables par les personnes handicapées (WCAG 2.2 AA).",
        shared=True,
    ),
)

BY_PROFILE = {
    "museum": (
        archetype(
            ("Numérisation des collections", "Numérisation 3D des œuvres phares de la collection"),
            "Numérisation des collections",
            1,
            "Des œuvres consultables en ligne sous différents angles.",
            [HERITAGE],
            shared=True,
        ),
        archetype(
            ("Collections en ligne et visites virtuelles", "Mise en ligne de la collection"),
            "Collections en ligne et visites virtuelles",
            1,
            "Un accès à distance aux œuvres et aux expositions, partout au Québec.",
            [HERITAGE, DISCOVER],
            shared=True,
        ),
        archetype(
            "Remplacement du système de gestion des collections",
            "Numérisation des collections",
            3,
            "Une information sur les œuvres centralisée et à jour.",
            [HERITAGE],
            shared=True,
        ),
        archetype(
            "Guide de visite mobile assisté par l’intelligence artificielle",
            "Intelligence artificielle",
            1,
            "Un parcours de visite adapté aux intérêts de chaque visiteur.",
            [AI, VISIT, HERITAGE],
            shared=True,
        ),
        archetype(
            (
                "Billetterie en ligne et boutique intégrée",
                "Refonte de la billetterie et des adhésions",
            ),
            "Billetterie et commerce en ligne",
            1,
            "Des billets et des adhésions achetés en quelques clics, sans file d’attente.",
            [VISIT],
            shared=True,
        ),
        archetype(
            "Stratégie d’intelligence d’affaires muséale",
            "Intelligence d’affaires",
            3,
            "Des apprentissages sur les publics partagés avec la communauté muséale.",
            [DATA],
            shared=True,
        ),
        archetype(
            "Analyse de la fréquentation et des rétroactions des visiteurs",
            "Intelligence artificielle",
            1,
            "Des expositions ajustées aux préférences observées du public.",
            [AI, DATA],
        ),
        archetype(
            "Expérience immersive en réalité augmentée dans les salles",
            "Collections en ligne et visites virtuelles",
            1,
            "Des œuvres mises en contexte par la réalité augmentée.",
            [HERITAGE, VISIT],
        ),
        archetype(
            "Médiation numérique pour les groupes scolaires",
            "Enseignement en ligne",
            1,
            "Des activités éducatives offertes aux classes de toutes les régions.",
            [TEACH],
        ),
        archetype(
            "Enrichissement des métadonnées des œuvres",
            "Découvrabilité des contenus",
            1,
            "Des œuvres québécoises mieux repérées par les moteurs de recherche.",
            [DISCOVER, HERITAGE],
            shared=True,
        ),
    ),
    "library": (
        archetype(
            "Numérisation des archives notariales et judiciaires",
            "Numérisation des collections",
            1,
            "Des actes consultables en ligne sans se déplacer en centre d’archives.",
            [HERITAGE],
        ),
        archetype(
            "Refonte du catalogue et de la recherche fédérée",
            "Découvrabilité des contenus",
            1,
            "Une seule recherche pour trouver livres, archives et ressources numériques.",
            [DISCOVER],
            shared=True,
        ),
        archetype(
            "Prêt numérique de livres et de ressources en ligne",
            "Parcours client",
            1,
            "Des livres empruntés à distance, partout au Québec.",
            shared=True,
        ),
        archetype(
            "Transcription des archives manuscrites par l’intelligence artificielle",
            "Intelligence artificielle",
            1,
            "Des archives manuscrites devenues consultables par mots-clés.",
            [AI, HERITAGE],
        ),
        archetype(
            "Dépôt légal et préservation des publications numériques",
            "Numérisation des collections",
            3,
            "Un patrimoine publié en ligne conservé pour les générations futures.",
            [HERITAGE],
        ),
        archetype(
            "Journaux et revues numérisés en ligne",
            "Collections en ligne et visites virtuelles",
            1,
            "Deux siècles de presse québécoise consultables en texte intégral.",
            [HERITAGE, DISCOVER],
        ),
        archetype(
            "Réservation en ligne des espaces et des activités en bibliothèque",
            "Billetterie et commerce en ligne",
            1,
            "Des places réservées en ligne plutôt qu’au comptoir.",
            [VISIT],
        ),
        archetype(
            "Formation en ligne aux ressources documentaires",
            "Enseignement en ligne",
            1,
            "Des usagers autonomes dans leurs recherches.",
            [TEACH],
        ),
        archetype(
            "Métadonnées et découvrabilité du livre québécois",
            "Découvrabilité des contenus",
            1,
            "Des livres québécois plus visibles dans les librairies et les plateformes en ligne.",
            [DISCOVER, DATA],
            shared=True,
        ),
    ),
    "funder": (
        archetype(
            "Portail unifié des demandes d’aide financière",
            "Aide financière",
            1,
            "Un seul guichet pour déposer une demande et suivre son dossier.",
            [AID],
            shared=True,
        ),
        archetype(
            "Dépôt et suivi en ligne des demandes de bourses et de subventions",
            "Aide financière",
            1,
            "Des demandeurs informés à chaque étape du traitement de leur dossier.",
            [AID],
        ),
        archetype(
            "Analyse automatisée de l’admissibilité des demandes",
            "Intelligence artificielle",
            3,
            "Un délai de traitement des demandes réduit de plusieurs semaines.",
            [AI, AID],
        ),
        archetype(
            "Gestion en ligne des jurys et des comités d’évaluation",
            "Aide financière",
            3,
            "Une évaluation des demandes plus rapide et mieux documentée.",
            [AID],
            shared=True,
        ),
        archetype(
            "Signature électronique des conventions d’aide financière",
            "Aide financière",
            1,
            "Des conventions signées en ligne, sans envoi postal.",
            [AID],
        ),
        archetype(
            "Tableau de bord des programmes d’aide et de leurs retombées",
            "Intelligence d’affaires",
            3,
            "Des programmes ajustés selon leurs effets mesurés.",
            [DATA],
            shared=True,
        ),
        archetype(
            "Reddition de comptes en ligne des bénéficiaires",
            "Aide financière",
            1,
            "Des rapports déposés en ligne au moyen de formulaires préremplis.",
            [AID],
        ),
    ),
    "venue": (
        archetype(
            "Refonte de la billetterie en ligne",
            "Billetterie et commerce en ligne",
            1,
            "Des billets achetés en moins de trois minutes, sur mobile comme sur ordinateur.",
            [VISIT],
            shared=True,
        ),
        archetype(
            "Captation et webdiffusion des spectacles",
            "Captation et webdiffusion",
            1,
            "Des spectacles accessibles aux publics des régions éloignées.",
            [DISCOVER],
            shared=True,
        ),
        archetype(
            "Plateforme de données clients pour la vente croisée",
            "Plateforme de données clients",
            1,
            "Des suggestions de spectacles fondées sur les goûts de chaque spectateur.",
            [DATA, VISIT],
            shared=True,
        ),
        archetype(
            "Gestion numérique des salles et de la régie technique",
            "Automatisation des processus administratifs",
            3,
            "Une planification des salles et des équipes techniques sans double saisie.",
        ),
        archetype(
            "Abonnements et programme de fidélisation en ligne",
            "Billetterie et commerce en ligne",
            1,
            "Des abonnements composés et modifiés en ligne par les spectateurs.",
            [VISIT],
        ),
        archetype(
            "Affichage numérique et orientation des spectateurs",
            "Parcours client",
            1,
            "Des spectateurs mieux orientés dans les salles et les foyers.",
        ),
        archetype(
            "Agenda culturel commun des salles de spectacle",
            "Promotion et marketing numérique",
            1,
            "Toute l’offre de spectacles présentée au même endroit.",
            [DISCOVER, VISIT],
            shared=True,
        ),
    ),
    "broadcaster": (
        archetype(
            "Refonte de la plateforme de diffusion en ligne",
            "Captation et webdiffusion",
            1,
            "Des émissions offertes en ligne sur tous les appareils.",
            [DISCOVER],
        ),
        archetype(
            "Métadonnées et découvrabilité des productions télévisuelles",
            "Découvrabilité des contenus",
            1,
            "Des productions québécoises mieux repérées par les moteurs de recherche.",
            [DISCOVER, DATA],
            shared=True,
        ),
        archetype(
            "Plateforme éducative en ligne pour le personnel enseignant",
            "Enseignement en ligne",
            1,
            "Des ressources pédagogiques prêtes à utiliser en classe.",
            [TEACH],
            shared=True,
        ),
        archetype(
            "Numérisation et archivage des productions",
            "Numérisation des collections",
            3,
            "Des archives audiovisuelles préservées et réutilisables.",
            [HERITAGE],
        ),
        archetype(
            "Recommandation de contenus par l’intelligence artificielle",
            "Intelligence artificielle",
            1,
            "Des contenus francophones suggérés selon les intérêts de chacun.",
            [AI, DISCOVER, VISIT],
        ),
        archetype(
            "Sous-titrage automatisé des émissions",
            "Intelligence artificielle",
            1,
            "Des émissions sous-titrées dès leur mise en ligne.",
            [AI],
        ),
        archetype(
            "Mesure d’audience des plateformes numériques",
            "Intelligence d’affaires",
            3,
            "Une programmation guidée par l’écoute réelle des publics.",
            [DATA],
        ),
    ),
    "school": (
        archetype(
            "Cours de musique et d’art dramatique en ligne",
            "Enseignement en ligne",
            1,
            "Des cours offerts aux élèves éloignés des conservatoires.",
            [TEACH],
            shared=True,
        ),
        archetype(
            "Portail étudiant et système de gestion des études",
            "Parcours client",
            1,
            "Horaire, résultats et inscriptions consultés en un seul endroit.",
        ),
        archetype(
            "Admission et auditions en ligne",
            "Parcours client",
            1,
            "Des candidats qui s’inscrivent et transmettent leurs enregistrements en ligne.",
            [TEACH],
        ),
        archetype(
            "Studios de captation pour l’enseignement à distance",
            "Captation et webdiffusion",
            1,
            "Des classes de maître données à distance dans les neuf établissements du réseau.",
            [TEACH],
        ),
        archetype(
            "Bibliothèque numérique de partitions et d’enregistrements",
            "Collections en ligne et visites virtuelles",
            1,
            "Des partitions et des enregistrements accessibles en tout temps.",
            [HERITAGE, TEACH],
            shared=True,
        ),
        archetype(
            "Webdiffusion des concerts et des productions étudiantes",
            "Captation et webdiffusion",
            1,
            "Des prestations de la relève diffusées au-delà des salles.",
            [DISCOVER],
        ),
    ),
    "ministry": (
        archetype(
            "Refonte du Répertoire du patrimoine culturel du Québec",
            "Collections en ligne et visites virtuelles",
            1,
            "Un patrimoine culturel plus facile à explorer en ligne.",
            [HERITAGE, DISCOVER],
            shared=True,
        ),
        archetype(
            "Données ouvertes sur la culture et les communications",
            "Gouvernance des données",
            1,
            "Des données culturelles publiées et réutilisables par tous.",
            [DATA],
        ),
        archetype(
            "Plateforme de découvrabilité des contenus culturels québécois",
            "Découvrabilité des contenus",
            1,
            "Des contenus culturels francophones plus visibles en ligne.",
            [DISCOVER, DATA],
            shared=True,
        ),
        archetype(
            "Observatoire numérique des pratiques culturelles",
            "Intelligence d’affaires",
            3,
            "Des politiques culturelles appuyées sur des données récentes.",
            [DATA],
        ),
        archetype(
            "Veille des contenus francophones par l’intelligence artificielle",
            "Intelligence artificielle",
            1,
            "Une mesure continue de la présence des contenus québécois en ligne.",
            [AI, DISCOVER],
            shared=True,
        ),
        archetype(
            "Services technologiques communs au portefeuille",
            "Infonuagique",
            3,
            "Des services informatiques mis en commun à moindre coût.",
            shared=True,
        ),
        archetype(
            "Gestion en ligne des plaintes et des demandes d’accès à l’information",
            "Parcours client",
            1,
            "Des demandes traitées dans les délais prévus par la loi.",
        ),
    ),
}
