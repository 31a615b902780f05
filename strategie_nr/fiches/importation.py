"""Import d'un plan d'action existant (XLSX ou CSV) et export XLSX de la feuille de route.

L'import se fait en deux temps : `plan_action_analyser` lit le fichier et dit, ligne par ligne,
ce qui sera créé et ce qui est rejeté (en nommant la colonne et la valeur), sans rien écrire ;
`plan_action_importer` crée ensuite les fiches dans la version de travail, tout ou rien. Les
colonnes sont reconnues par leur nom (accents, casse et ponctuation ignorés), dans n'importe
quel ordre ; celles de l'export (`feuille_de_route_exporter`) sont toutes relues, de sorte
qu'un fichier exporté se réimporte tel quel.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collectivites.enums import Role
from collectivites.models import Membre
from strategie_nr.plateforme import nombres, tableurs
from strategie_nr.plateforme.tableurs import (
    FichierRefuse,
    extrait,
    neutraliser,
    normaliser,
    ressemble_a_une_formule,
    vide,
)
from strategie_nr.referentiel.models import Axe, Dimension, Pratique

from .enums import (
    LIBELLES_DIFFICULTE,
    LIBELLES_PRIORITE,
    Engagement,
    Niveau,
    Perimetre,
    StatutFiche,
    UniteMoyens,
)
from .models import FicheAction, ImportPlanAction
from .selectors import fiches_lues
from .services import fiche_creer

TAILLE_MAX = 2 * 1024 * 1024  # un plan d'action tient en quelques dizaines de lignes
LIGNES_MAX = 500
LIGNES_EN_TETE_MAX = 10
EXTENSIONS = (".xlsx", ".ods", ".csv")
__all__ = ["FichierRefuse", "ImportDejaConfirme", "neutraliser"]


class ValeurInvalide(ValueError):
    """Une cellule illisible ; le message complète « colonne X : « valeur » … »."""


class ImportDejaConfirme(Exception):
    """Le même aperçu a déjà été importé (double clic, deux onglets)."""

    message = (
        "Ce plan d'action a déjà été importé : il ne l'a pas été une seconde fois. Les fiches "
        "ci-dessous en tiennent compte."
    )

    @staticmethod
    def message_pour(trace: ImportPlanAction) -> str:
        """Le message d'un second clic arrivé après la fin du premier import."""
        nombre, s = trace.fiches, "s" if trace.fiches > 1 else ""
        quand = timezone.localtime(trace.importe_le)
        return (
            f"Ce plan d'action a déjà été importé : {nombre} fiche{s} action{s} créée{s} le "
            f"{quand:%d/%m/%Y à %H:%M}. Il ne l'a pas été une seconde fois ; les fiches "
            "ci-dessous en tiennent compte."
        )


# --- Colonnes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Colonne:
    cle: str
    libelle: str  # en-tête de l'export, cité dans les messages
    synonymes: tuple[str, ...] = ()
    obligatoire: bool = False
    relue: bool = True  # False : écrite par l'export, ignorée à l'import


COLONNES = [
    Colonne("titre", "Titre", ("intitule", "action", "ficheaction", "libelle"), True),
    Colonne("axe", "Axe", ("axereen", "numerodaxe", "numeroaxe"), True),
    Colonne("axe_titre", "Intitulé de l'axe", relue=False),
    Colonne("dimension", "Dimension", ("dimensiondematurite",)),
    Colonne("pratique", "Pratique du guide", ("pratique", "codepratique")),
    Colonne("levier_libre", "Levier"),
    Colonne("priorite", "Priorité"),
    Colonne("difficulte", "Difficulté", ("difficultedemiseenoeuvre",)),
    Colonne("resultats_attendus", "Résultats attendus", ("resultats",)),
    Colonne("debut", "Démarrage", ("debut", "datededebut", "datedebut", "datededemarrage"), True),
    Colonne("fin", "Fin", ("datedefin", "datefin", "echeance"), True),
    Colonne("responsable", "Responsable", ("pilote", "porteur", "emailduresponsable"), True),
    Colonne("responsable_nom", "Nom du responsable", relue=False),
    Colonne("contributeurs", "Contributeurs", relue=False),
    Colonne("moyens_humains", "Moyens humains"),
    Colonne("moyens_unite", "Unité des moyens humains", ("unitedesmoyens", "unite")),
    Colonne("budget", "Budget (€)", ("montant", "cout", "budgeteuros")),
    Colonne("ligne_budgetaire", "Ligne budgétaire"),
    Colonne("budgets", "Budget par année", relue=False),
    Colonne("perimetres", "Périmètre", ("perimetres",)),
    Colonne("prerequis", "Prérequis"),
    Colonne("statut", "Statut", ("etat", "avancement")),
    Colonne("en_retard", "En retard", relue=False),
    Colonne("engagement", "Niveau d'engagement", ("engagement",)),
    Colonne("indicateurs", "Indicateurs de performance", relue=False),
    Colonne("sous_actions", "Actions à mettre en œuvre", relue=False),
]
OBLIGATOIRES = [c for c in COLONNES if c.obligatoire]


def _index_entetes() -> dict[str, Colonne]:
    index = {}
    for colonne in COLONNES:
        for nom in (colonne.libelle, colonne.cle, *colonne.synonymes):
            index.setdefault(normaliser(nom), colonne)
    return index


ENTETES = _index_entetes()


# --- Conversions -------------------------------------------------------------------------------


def convertir_nombre(valeur) -> Decimal:
    """« 1 234,5 », « 1.234,50 € », « 1234.5 », 12000 → Decimal positif ou nul, au centime
    (lecture commune : `strategie_nr.plateforme.nombres`)."""
    try:
        nombre = nombres.lire_nombre(valeur)
    except nombres.NombreInvalide as erreur:
        raise ValeurInvalide(str(erreur)) from None
    if nombre < 0:
        raise ValeurInvalide("ne peut pas être négatif")
    if nombre >= 10**10:
        raise ValeurInvalide("est trop grand")
    return nombre.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


MOIS = {
    normaliser(nom): numero
    for numero, noms in enumerate(
        [
            ("janvier", "janv"),
            ("fevrier", "fevr", "fev"),
            ("mars",),
            ("avril", "avr"),
            ("mai",),
            ("juin",),
            ("juillet", "juil"),
            ("aout",),
            ("septembre", "sept"),
            ("octobre", "oct"),
            ("novembre", "nov"),
            ("decembre", "dec"),
        ],
        start=1,
    )
    for nom in noms
}
DATES_ATTENDUES = "exemples attendus : 03/2025, mars 2025, 01/03/2025 ou 2025-03"


def _mois(annee: int, mois: int) -> datetime.date:
    if not 2000 <= annee <= 2100:
        raise ValeurInvalide("a une année hors de 2000–2100")
    if not 1 <= mois <= 12:
        raise ValeurInvalide(f"n'est pas une date ({DATES_ATTENDUES})")
    return datetime.date(annee, mois, 1)


def convertir_mois(valeur) -> datetime.date:
    """Une date au mois près : le premier jour du mois."""
    if isinstance(valeur, datetime.date):  # datetime compris
        return _mois(valeur.year, valeur.month)
    texte = str(valeur).strip()
    formats = [
        (r"(\d{1,2})[/.\-](\d{4})", lambda m, a: (a, m)),
        (r"(\d{4})[/.\-](\d{1,2})", lambda a, m: (a, m)),
        (r"\d{1,2}[/.\-](\d{1,2})[/.\-](\d{4})", lambda m, a: (a, m)),
        (r"(\d{4})-(\d{1,2})-\d{1,2}(?:[ T].*)?", lambda a, m: (a, m)),
    ]
    for motif, ordre in formats:
        if correspondance := re.fullmatch(motif, texte):
            annee, mois = ordre(*(int(g) for g in correspondance.groups()))
            return _mois(annee, mois)
    if correspondance := re.fullmatch(r"([^\d\s]+)\.?\s+(\d{4})", texte):
        mois = MOIS.get(normaliser(correspondance.group(1)))
        if mois:
            return _mois(int(correspondance.group(2)), mois)
    raise ValeurInvalide(f"n'est pas une date ({DATES_ATTENDUES})")


def _choix(libelles: dict, valeur, attendus: str):
    trouve = libelles.get(normaliser(valeur))
    if trouve is None:
        raise ValeurInvalide(f"n'est pas une valeur connue ({attendus})")
    return trouve


def _libelles_niveau(libelles: dict[int, str]) -> dict[str, int]:
    table = {}
    for niveau in Niveau:
        table[str(niveau.value)] = niveau.value
        table[normaliser(libelles[niveau.value])] = niveau.value
    return table


def convertir_niveau(libelles: dict[int, str]):
    table = _libelles_niveau(libelles)
    attendus = "1, 2, 3, ●○○ à ●●●, " + ", ".join(libelles.values())

    def convertir(valeur) -> int:
        texte = str(valeur).strip()
        # « ●●○ » n'a ni lettre ni chiffre : on compte les points pleins.
        if texte and set(texte) <= {"●", "○"} and texte.count("●") in (1, 2, 3):
            return texte.count("●")
        if isinstance(valeur, float) and valeur.is_integer():
            texte = str(int(valeur))
        return _choix(table, texte, attendus)

    return convertir


STATUTS = {normaliser(libelle): valeur for valeur, libelle in StatutFiche.choices} | {
    normaliser(valeur): valeur for valeur in StatutFiche.values
}
# « En retard » se calcule (fin passée, fiche non close) : une fiche ainsi notée est en cours.
STATUTS[normaliser("en retard")] = StatutFiche.EN_COURS
STATUTS[normaliser("terminée")] = StatutFiche.REALISEE
ENGAGEMENTS = {normaliser(libelle): valeur for valeur, libelle in Engagement.choices}
UNITES = {
    "jh": UniteMoyens.JH,
    "jourshomme": UniteMoyens.JH,
    "jours": UniteMoyens.JH,
    normaliser(UniteMoyens.JH.label): UniteMoyens.JH,
    "etp": UniteMoyens.ETP,
    normaliser(UniteMoyens.ETP.label): UniteMoyens.ETP,
}
PERIMETRES = {normaliser(libelle): valeur for valeur, libelle in Perimetre.choices} | {
    normaliser(valeur): valeur for valeur in Perimetre.values
}


def convertir_perimetres(valeur) -> list[str]:
    valeurs = []
    for morceau in re.split(r"[;,\n]", str(valeur)):
        if morceau.strip():
            valeurs.append(_choix(PERIMETRES, morceau, ", ".join(Perimetre.labels)))
    return [p for p in Perimetre.values if p in valeurs]


def convertir_texte(longueur: int):
    def convertir(valeur) -> str:
        texte = str(valeur).strip()
        if len(texte) > longueur:
            raise ValeurInvalide(f"dépasse {longueur} caractères")
        return texte

    return convertir


# --- Lecture du fichier ------------------------------------------------------------------------


def _lire(nom: str, contenu: bytes) -> list[list]:
    """Les lignes de la première feuille (moteur commun : limites vérifiées avant lecture)."""
    classeur = tableurs.ouvrir(nom, contenu, limites=tableurs.Limites.reglages(taille=TAILLE_MAX))
    feuille = next(classeur.feuilles)
    lignes = []
    for _, cellules in feuille.lignes:
        lignes.append(cellules)
        if len(lignes) > LIGNES_MAX + LIGNES_EN_TETE_MAX:
            break
    return lignes


def _trouver_entetes(lignes: list[list]) -> tuple[int, dict[int, Colonne]]:
    """La première ligne où au moins deux en-têtes sont reconnus, et ses colonnes."""
    for position, entete in enumerate(lignes[:LIGNES_EN_TETE_MAX]):
        colonnes = {
            i: ENTETES[normaliser(cellule)]
            for i, cellule in enumerate(entete)
            if not vide(cellule) and normaliser(cellule) in ENTETES
        }
        if len(colonnes) >= 2:
            return position, colonnes
    raise FichierRefuse(
        "Aucune ligne d'en-têtes reconnue dans les premières lignes du fichier. Colonnes "
        "attendues : " + ", ".join(c.libelle for c in OBLIGATOIRES) + "."
    )


def lire_tableau(nom: str, contenu: bytes) -> tuple[dict[int, Colonne], list[tuple[int, list]]]:
    """(colonnes reconnues par position, [(numéro de ligne du fichier, cellules)])."""
    extension = "." + nom.rsplit(".", 1)[-1].lower() if "." in nom else ""
    if extension not in EXTENSIONS:
        raise FichierRefuse(
            f"Le fichier « {extrait(nom)} » n'est ni un classeur (.xlsx, .ods) ni un fichier "
            ".csv : enregistrez votre plan d'action dans l'un de ces formats."
        )
    if not contenu:
        raise FichierRefuse("Le fichier est vide.")
    if len(contenu) > TAILLE_MAX:
        raise FichierRefuse(
            f"Le fichier pèse {len(contenu) / 1024 / 1024:.1f} Mo : un plan d'action ne doit pas "
            f"dépasser {TAILLE_MAX // 1024 // 1024} Mo.".replace(".", ",", 1)
        )
    lignes = _lire(nom, contenu)
    position, colonnes = _trouver_entetes(lignes)
    trouvees = {c.cle for c in colonnes.values()}
    manquantes = [c.libelle for c in OBLIGATOIRES if c.cle not in trouvees]
    if manquantes:
        s = "s" if len(manquantes) > 1 else ""
        raise FichierRefuse(
            f"Colonne{s} obligatoire{s} absente{s} : " + ", ".join(manquantes) + ". Les colonnes "
            "sont reconnues par leur nom, dans n'importe quel ordre."
        )
    donnees = [
        (position + 2 + n, ligne)
        for n, ligne in enumerate(lignes[position + 1 :])
        if not all(vide(cellule) for cellule in ligne)
    ]
    if not donnees:
        raise FichierRefuse("Le fichier ne contient aucune fiche sous la ligne d'en-têtes.")
    if len(donnees) > LIGNES_MAX:
        raise FichierRefuse(
            f"Le fichier contient plus de {LIGNES_MAX} lignes : un plan d'action en compte "
            "d'habitude 15 à 20. Vérifiez qu'il s'agit du bon fichier."
        )
    return colonnes, donnees


# --- Analyse -----------------------------------------------------------------------------------


@dataclass
class LigneAnalysee:
    numero: int  # numéro de la ligne dans le fichier
    titre: str = ""
    valeurs: dict = field(default_factory=dict)  # sérialisable en JSON (session)
    erreurs: list[str] = field(default_factory=list)

    @property
    def valide(self) -> bool:
        return not self.erreurs


@dataclass
class Analyse:
    nom_fichier: str
    lignes: list[LigneAnalysee]
    colonnes_ignorees: list[str] = field(default_factory=list)

    @property
    def a_creer(self) -> list[LigneAnalysee]:
        return [ligne for ligne in self.lignes if ligne.valide]

    @property
    def rejetees(self) -> list[LigneAnalysee]:
        return [ligne for ligne in self.lignes if not ligne.valide]


class Referentiels:
    """Ce que l'analyse consulte en base : quatre requêtes, quelle que soit la taille du plan."""

    def __init__(self, collectivite, titres_existants: set[str]):
        membres = list(
            Membre.objects.for_collectivite(collectivite).actifs().select_related("utilisateur")
        )
        self.par_email = {m.utilisateur.email.lower(): m for m in membres}
        self.par_nom: dict[str, list] = {}
        for membre in membres:
            for nom in {
                membre.utilisateur.get_full_name(),
                f"{membre.utilisateur.last_name} {membre.utilisateur.first_name}",
            }:
                if nom.strip():
                    self.par_nom.setdefault(normaliser(nom), []).append(membre)
        self.axes = {axe.numero: axe for axe in Axe.objects.all()}
        self.dimensions = {d.numero: d for d in Dimension.objects.all()}
        self.pratiques = {
            normaliser(code): code for code in Pratique.objects.values_list("code", flat=True)
        }
        self.titres = {normaliser(titre) for titre in titres_existants}

    def responsable(self, valeur) -> int:
        texte = str(valeur).strip()
        membre = self.par_email.get(texte.lower())
        if membre is None and "@" not in texte:
            candidats = self.par_nom.get(normaliser(texte), [])
            if len(candidats) > 1:
                raise ValeurInvalide("désigne plusieurs membres : indiquez son adresse e-mail")
            membre = candidats[0] if candidats else None
        if membre is None:
            raise ValeurInvalide(
                "n'est ni l'adresse e-mail ni le nom d'un membre actif de la collectivité"
            )
        if membre.role == Role.ELU:
            raise ValeurInvalide("est un élu : le responsable est un agent ou le référent")
        return membre.pk

    def numero(self, valeur, table: dict, quoi: str) -> int:
        if isinstance(valeur, float) and valeur.is_integer():
            valeur = int(valeur)
        texte = str(valeur).strip()
        correspondance = re.match(r"(?:axe|dimension)?\s*(\d+)\b", texte, re.IGNORECASE)
        if correspondance and int(correspondance.group(1)) in table:
            return int(correspondance.group(1))
        for numero, objet in table.items():
            if normaliser(objet.titre) == normaliser(texte):
                return numero
        raise ValeurInvalide(f"n'est pas {quoi} (numéro de 1 à {max(table, default=0)})")

    def pratique(self, valeur) -> str:
        code = self.pratiques.get(normaliser(str(valeur).split()[0]))
        if code is None:
            raise ValeurInvalide("n'est pas le code d'une pratique du guide (par exemple e.1)")
        return code


def _convertisseurs(ref: Referentiels) -> dict:
    return {
        "titre": convertir_texte(300),
        "axe": lambda v: ref.numero(v, ref.axes, "un axe REEN"),
        "dimension": lambda v: ref.numero(v, ref.dimensions, "une dimension de maturité"),
        "pratique": ref.pratique,
        "levier_libre": convertir_texte(300),
        "priorite": convertir_niveau(LIBELLES_PRIORITE),
        "difficulte": convertir_niveau(LIBELLES_DIFFICULTE),
        "resultats_attendus": convertir_texte(5000),
        "debut": lambda v: convertir_mois(v).isoformat(),
        "fin": lambda v: convertir_mois(v).isoformat(),
        "responsable": ref.responsable,
        "moyens_humains": lambda v: str(convertir_nombre(v)),
        "moyens_unite": lambda v: _choix(UNITES, v, "JH ou ETP"),
        "budget": lambda v: str(convertir_nombre(v)),
        "ligne_budgetaire": convertir_texte(200),
        "perimetres": convertir_perimetres,
        "prerequis": convertir_texte(5000),
        "statut": lambda v: _choix(STATUTS, v, ", ".join(StatutFiche.labels)),
        "engagement": lambda v: _choix(ENGAGEMENTS, v, ", ".join(Engagement.labels)),
    }


def _analyser_ligne(numero, cellules, colonnes, convertisseurs, ref, titres_vus) -> LigneAnalysee:
    ligne = LigneAnalysee(numero=numero)
    for position, colonne in colonnes.items():
        if not colonne.relue or position >= len(cellules) or vide(cellules[position]):
            continue
        brute = cellules[position]
        if isinstance(brute, str):
            brute = brute.strip()
        prefixe = f"colonne « {colonne.libelle} » : « {extrait(brute)} »"
        if ressemble_a_une_formule(brute):
            ligne.erreurs.append(
                f"{prefixe} ressemble à une formule de tableur ; elle est refusée par sécurité"
            )
            continue
        try:
            ligne.valeurs[colonne.cle] = convertisseurs[colonne.cle](brute)
        except ValeurInvalide as erreur:
            ligne.erreurs.append(f"{prefixe} {erreur}")
    for colonne in OBLIGATOIRES:
        if colonne.cle not in ligne.valeurs and not any(
            colonne.libelle in e for e in ligne.erreurs
        ):
            ligne.erreurs.append(f"colonne « {colonne.libelle} » : valeur manquante")
    ligne.titre = ligne.valeurs.get("titre", "")
    if ligne.titre:
        cle = normaliser(ligne.titre)
        if cle in ref.titres:
            ligne.erreurs.append(
                f"colonne « Titre » : « {extrait(ligne.titre)} » est déjà une fiche de la "
                "version de travail"
            )
        elif cle in titres_vus:
            ligne.erreurs.append(
                f"colonne « Titre » : « {extrait(ligne.titre)} » figure déjà ligne "
                f"{titres_vus[cle]} du fichier"
            )
        titres_vus.setdefault(cle, numero)
    debut, fin = ligne.valeurs.get("debut"), ligne.valeurs.get("fin")
    if debut and fin and fin < debut:
        ligne.erreurs.append(
            f"colonne « Fin » : « {mois_lisible(fin)} » précède le démarrage "
            f"({mois_lisible(debut)})"
        )
    return ligne


def mois_lisible(iso: str) -> str:
    date = datetime.date.fromisoformat(iso)
    return f"{date.month:02d}/{date.year}"


def plan_action_analyser(*, collectivite, version, nom: str, contenu: bytes) -> Analyse:
    """Lit le fichier et dit ce qui serait créé ou rejeté, sans rien écrire.

    Lève `FichierRefuse` quand le fichier entier est inutilisable.
    """
    colonnes, donnees = lire_tableau(nom, contenu)
    titres = (
        set(FicheAction.objects.filter(version=version).values_list("titre", flat=True))
        if version is not None and not version.est_validee
        else set()
    )
    ref = Referentiels(collectivite, titres)
    convertisseurs = _convertisseurs(ref)
    titres_vus: dict[str, int] = {}
    lignes = [
        _analyser_ligne(numero, cellules, colonnes, convertisseurs, ref, titres_vus)
        for numero, cellules in donnees
    ]
    return Analyse(
        nom_fichier=nom,
        lignes=lignes,
        colonnes_ignorees=[c.libelle for c in colonnes.values() if not c.relue],
    )


# --- Import ------------------------------------------------------------------------------------


def _donnees_fiche(valeurs: dict, ref: dict) -> dict:
    donnees = {
        "titre": valeurs["titre"],
        "axe": ref["axes"][valeurs["axe"]],
        "dimension": ref["dimensions"].get(valeurs.get("dimension")),
        "pratique": ref["pratiques"].get(valeurs.get("pratique")),
        "levier_libre": "" if valeurs.get("pratique") else valeurs.get("levier_libre", ""),
        "debut": datetime.date.fromisoformat(valeurs["debut"]),
        "fin": datetime.date.fromisoformat(valeurs["fin"]),
        "responsable": ref["membres"][valeurs["responsable"]],
        "budget": Decimal(valeurs.get("budget", "0")),
    }
    if "moyens_humains" in valeurs:
        donnees["moyens_humains"] = Decimal(valeurs["moyens_humains"])
    for cle in (
        "priorite",
        "difficulte",
        "resultats_attendus",
        "moyens_unite",
        "ligne_budgetaire",
        "perimetres",
        "prerequis",
        "statut",
        "engagement",
    ):
        if cle in valeurs:
            donnees[cle] = valeurs[cle]
    return donnees


@transaction.atomic
def plan_action_importer(
    *, collectivite, auteur, lignes: list[dict], jeton: str = "", nom_fichier: str = ""
) -> list[FicheAction]:
    """Crée une fiche par ligne (valeurs de `LigneAnalysee.valeurs`) dans la version de travail.

    Tout ou rien : la première erreur (membre désactivé depuis l'aperçu, version soumise
    entre-temps…) annule tout et lève `ValidationError` avec le numéro de la ligne.
    `jeton` : celui de l'aperçu, enregistré en premier dans la transaction ; une seconde
    confirmation du même aperçu, même simultanée, lève `ImportDejaConfirme` sans rien créer.
    """
    trace = None
    if jeton:
        try:
            with transaction.atomic():
                trace = ImportPlanAction.objects.create(
                    collectivite=collectivite, jeton=jeton, nom_fichier=nom_fichier[:255]
                )
        except IntegrityError:
            raise ImportDejaConfirme(ImportDejaConfirme.message) from None

    membres = {
        m.pk: m
        for m in Membre.objects.for_collectivite(collectivite)
        .actifs()
        .exclude(role=Role.ELU)
        .filter(pk__in=[ligne["valeurs"]["responsable"] for ligne in lignes])
    }
    ref = {
        "axes": {axe.numero: axe for axe in Axe.objects.all()},
        "dimensions": {d.numero: d for d in Dimension.objects.all()},
        "pratiques": {p.code: p for p in Pratique.objects.all()},
        "membres": membres,
    }
    fiches = []
    for ligne in lignes:
        if ligne["valeurs"]["responsable"] not in membres:
            raise ValidationError(
                f"Ligne {ligne['numero']} : le responsable n'est plus un membre actif de la "
                "collectivité. Rien n'a été importé ; relancez l'analyse du fichier."
            )
        try:
            fiches.append(
                fiche_creer(
                    collectivite=collectivite,
                    auteur=auteur,
                    donnees=_donnees_fiche(ligne["valeurs"], ref),
                )
            )
        except ValidationError as erreur:
            raise ValidationError(
                f"Ligne {ligne['numero']} : {' '.join(erreur.messages)} Rien n'a été importé."
            ) from erreur
    if trace is not None:
        trace.fiches = len(fiches)
        trace.save(update_fields=["fiches"])
    return fiches


# --- Export ------------------------------------------------------------------------------------

FORMAT_MOIS = "MM/YYYY"
FORMAT_EUROS = '#,##0.00 "€"'


def _montant(valeur) -> str:
    return f"{valeur:,.0f}".replace(",", " ") + " €"


def ligne_export(fiche: dict, emails: dict[int, str]) -> dict:
    """Les cellules d'une fiche (dictionnaire de `selectors.fiches_lues`), par clé de colonne."""
    return {
        "titre": fiche["titre"],
        "axe": fiche["axe"],
        "axe_titre": fiche["axe_titre"],
        "dimension": (
            f"{fiche['dimension']}. {fiche['dimension_titre']}" if fiche["dimension"] else ""
        ),
        "pratique": fiche["pratique"],
        "levier_libre": fiche["levier"],
        "priorite": LIBELLES_PRIORITE[fiche["priorite"]],
        "difficulte": LIBELLES_DIFFICULTE[fiche["difficulte"]],
        "resultats_attendus": fiche["resultats_attendus"],
        "debut": fiche["debut"],
        "fin": fiche["fin"],
        "responsable": emails.get(fiche["responsable_id"], fiche["responsable"]),
        "responsable_nom": fiche["responsable"],
        "contributeurs": " ; ".join(fiche["contributeurs"] + fiche["contributeurs_libres"]),
        "moyens_humains": fiche["moyens_humains"],
        "moyens_unite": fiche["moyens_unite"].upper() if fiche["moyens_humains"] else "",
        "budget": fiche["budget"],
        "ligne_budgetaire": fiche["ligne_budgetaire"],
        "budgets": " ; ".join(f"{b['annee']} : {_montant(b['montant'])}" for b in fiche["budgets"]),
        "perimetres": " ; ".join(Perimetre(p).label for p in fiche["perimetres"]),
        "prerequis": fiche["prerequis"],
        "statut": StatutFiche(fiche["statut"]).label,
        "en_retard": "oui" if fiche["statut_affiche"] == "en_retard" else "non",
        "engagement": Engagement(fiche["engagement"]).label,
        "indicateurs": " ; ".join(
            i["libelle"]
            + (f" — cible {i['valeur_cible'].normalize():f}" if i["valeur_cible"] else "")
            + (f" en {i['annee_cible']}" if i["annee_cible"] else "")
            for i in fiche["indicateurs"]
        ),
        "sous_actions": " ; ".join(
            s["quoi"]
            + (f" — {s['qui']}" if s["qui"] else "")
            + (f" — {s['echeance']:%m/%Y}" if s["echeance"] else "")
            + (" (fait)" if s["fait"] else "")
            for s in fiche["sous_actions"]
        ),
    }


def feuille_de_route_exporter(*, collectivite, version) -> bytes:
    """Classeur XLSX de la version : une ligne par fiche, les colonnes de `COLONNES`.

    Une version validée se lit depuis son instantané. Tout texte qui ressemble à une formule
    est neutralisé (apostrophe en tête) par l'écrivain commun : aucun tableur ne l'exécutera.
    """
    emails = dict(
        Membre.objects.for_collectivite(collectivite).values_list("pk", "utilisateur__email")
    )
    formats = {"debut": FORMAT_MOIS, "fin": FORMAT_MOIS, "budget": FORMAT_EUROS}
    colonnes = [tableurs.Colonne(c.libelle, formats.get(c.cle, "")) for c in COLONNES]
    lignes = [
        [cellules[c.cle] for c in COLONNES]
        for cellules in (ligne_export(fiche, emails) for fiche in fiches_lues(version))
    ]
    apropos = [
        ("Collectivité", collectivite.nom),
        ("Version", version.libelle),
        ("Statut", version.get_statut_display()),
        ("Date du COPIL", version.date_copil.strftime("%d/%m/%Y") if version.date_copil else ""),
        ("Code d'intégrité du contenu validé", version.somme_controle),
        (
            "Colonnes ignorées à l'import",
            ", ".join(c.libelle for c in COLONNES if not c.relue),
        ),
    ]
    return tableurs.classeur_xlsx(
        [
            (f"Feuille de route {version.libelle}", colonnes, lignes),
            ("À propos", ["Rubrique", "Valeur"], [list(ligne) for ligne in apropos]),
        ],
        figer="B2",
    )
