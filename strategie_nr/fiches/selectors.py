"""Lectures de la feuille de route, pour ce domaine et pour les autres (tableau de bord, PDF).

Une fiche se lit toujours sous la forme d'un dictionnaire (`fiche_donnees`) : c'est ce qui est
figé dans l'instantané d'une version validée, et ce que rendent les pages, les graphiques et le
PDF. Une version validée se lit depuis son instantané, jamais depuis les lignes en base.
"""

import datetime
import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone

from collectivites.models import Membre
from strategie_nr.etapes import Controle
from strategie_nr.plateforme import formats
from strategie_nr.referentiel.models import Axe, Dimension

from .enums import (
    LIBELLES_DIFFICULTE,
    LIBELLES_PRIORITE,
    Engagement,
    Perimetre,
    StatutFiche,
    StatutVersion,
    UniteMoyens,
)
from .mentions import pseudos
from .models import (
    BudgetAnnuel,
    CommentaireFiche,
    FicheAction,
    ImportPlanAction,
    IndicateurFiche,
    SousAction,
    VersionFeuilleDeRoute,
    statut_affiche,
)

FORMAT_INSTANTANE = 1

LIBELLES_CHAMPS = {
    "titre": "titre",
    "axe": "axe",
    "dimension": "dimension",
    "levier": "levier",
    "priorite": "priorité",
    "difficulte": "difficulté",
    "resultats_attendus": "résultats attendus",
    "debut": "démarrage",
    "fin": "fin",
    "responsable": "responsable",
    "contributeurs": "contributeurs",
    "contributeurs_libres": "autres contributeurs",
    "moyens_humains": "moyens humains",
    "moyens_unite": "unité des moyens humains",
    "budget": "budget",
    "ligne_budgetaire": "ligne budgétaire",
    "budgets": "répartition du budget par année",
    "perimetres": "périmètre",
    "prerequis": "prérequis",
    "statut": "statut",
    "engagement": "niveau d'engagement",
    "indicateurs": "indicateurs de performance",
    "sous_actions": "actions à mettre en œuvre",
}


def import_plan_action_fait(collectivite, jeton: str) -> ImportPlanAction | None:
    """L'import déjà confirmé de l'aperçu `jeton`, dans la collectivité (None sinon)."""
    if not jeton:
        return None
    return ImportPlanAction.objects.for_collectivite(collectivite).filter(jeton=jeton).first()


def version_courante(collectivite) -> VersionFeuilleDeRoute | None:
    """La version de travail (brouillon, soumise, renvoyée) sinon la dernière validée."""
    return (
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite)
        .select_related("soumise_par__utilisateur", "validee_par__utilisateur")
        .order_by("-numero")
        .first()
    )


def version_validee_recente(collectivite) -> VersionFeuilleDeRoute | None:
    return (
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite)
        .validees()
        .select_related("validee_par__utilisateur")
        .order_by("-numero")
        .first()
    )


def versions(collectivite):
    return (
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite)
        .select_related(
            "soumise_par__utilisateur", "validee_par__utilisateur", "renvoyee_par__utilisateur"
        )
        .order_by("-numero")
    )


def fiches_de_version(version):
    """Fiches d'une version avec tout ce qu'il faut pour les afficher : 5 requêtes en tout."""
    return (
        FicheAction.objects.filter(version=version)
        .select_related("axe", "dimension", "pratique", "responsable__utilisateur")
        .prefetch_related(
            Prefetch("contributeurs", queryset=Membre.objects.select_related("utilisateur")),
            Prefetch("indicateurs", queryset=IndicateurFiche.objects.order_by("ordre", "pk")),
            Prefetch("sous_actions", queryset=SousAction.objects.order_by("ordre", "pk")),
            Prefetch("budgets", queryset=BudgetAnnuel.objects.order_by("annee")),
        )
    )


def _nom(membre) -> str:
    return str(membre.utilisateur) if membre else ""


def fiche_donnees(fiche: FicheAction) -> dict:
    """Contenu d'une fiche (celui qui est figé à la validation), avec des types Python."""
    return {
        "pk": fiche.pk,
        "lignee": str(fiche.lignee),
        "titre": fiche.titre,
        "axe": fiche.axe.numero,
        "axe_titre": fiche.axe.titre,
        "dimension": fiche.dimension.numero if fiche.dimension_id else None,
        "dimension_titre": fiche.dimension.titre if fiche.dimension_id else "",
        "pratique": fiche.pratique.code if fiche.pratique_id else "",
        "levier": fiche.levier,
        "priorite": fiche.priorite,
        "difficulte": fiche.difficulte,
        "resultats_attendus": fiche.resultats_attendus,
        "debut": fiche.debut,
        "fin": fiche.fin,
        "responsable_id": fiche.responsable_id,
        "responsable": _nom(fiche.responsable),
        "contributeurs": sorted(_nom(m) for m in fiche.contributeurs.all()),
        "contributeurs_libres": list(fiche.contributeurs_libres or []),
        "moyens_humains": fiche.moyens_humains,
        "moyens_unite": fiche.moyens_unite,
        "budget": fiche.budget,
        "ligne_budgetaire": fiche.ligne_budgetaire,
        "budgets": [
            {"annee": b.annee, "montant": b.montant, "depense": b.depense}
            for b in fiche.budgets.all()
        ],
        "perimetres": [p for p in Perimetre.values if p in (fiche.perimetres or [])],
        "prerequis": fiche.prerequis,
        "statut": fiche.statut,
        "engagement": fiche.engagement,
        "indicateurs": [
            {
                "libelle": i.libelle,
                "valeur_cible": i.valeur_cible,
                "annee_cible": i.annee_cible,
                "indicateur_suivi": getattr(i, "indicateur_suivi_id", None),
            }
            for i in fiche.indicateurs.all()
        ],
        "sous_actions": [
            {"quoi": s.quoi, "qui": s.qui, "echeance": s.echeance, "fait": s.fait}
            for s in fiche.sous_actions.all()
        ],
    }


def en_json(valeur):
    return json.loads(json.dumps(valeur, cls=DjangoJSONEncoder))


def instantane_construire(version) -> dict:
    """Contenu complet d'une version, sérialisable en JSON."""
    # La clé `pk` (ligne de la fiche dans cette version) ne sert qu'aux liens des pages.
    fiches = sorted((fiche_donnees(fiche) for fiche in fiches_de_version(version)), key=_cle_tri)
    return en_json(
        {
            "format": FORMAT_INSTANTANE,
            "collectivite": version.feuille_de_route.collectivite.nom,
            "numero": version.numero,
            "fiches": fiches,
        }
    )


def empreinte_du_fichier(version) -> str:
    """L'empreinte SHA-256 du PDF officiel d'une version validée (« » sans document) ; une
    requête, sans lire les octets du PDF."""
    if version is None or not version.est_validee:
        return ""
    return (
        VersionFeuilleDeRoute.objects.filter(pk=version.pk)
        .values_list("document_officiel__somme_controle", flat=True)
        .first()
        or ""
    )


def somme_controle(instantane: dict) -> str:
    texte = json.dumps(instantane, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def instantane_intact(version) -> bool:
    return bool(version.instantane) and somme_controle(version.instantane) == (
        version.somme_controle
    )


def _date(valeur):
    return datetime.date.fromisoformat(valeur) if isinstance(valeur, str) else valeur


def _decimal(valeur):
    return Decimal(valeur) if isinstance(valeur, str) else valeur


def _typer(donnees: dict) -> dict:
    """Remet les types Python (dates, décimaux) dans une fiche lue depuis l'instantané."""
    fiche = dict(donnees)
    fiche.setdefault("pk", None)
    fiche["debut"] = _date(fiche["debut"])
    fiche["fin"] = _date(fiche["fin"])
    fiche["budget"] = _decimal(fiche["budget"])
    fiche["moyens_humains"] = _decimal(fiche["moyens_humains"])
    fiche["budgets"] = [
        {
            "annee": b["annee"],
            "montant": _decimal(b["montant"]),
            "depense": _decimal(b.get("depense")),
        }
        for b in fiche["budgets"]
    ]
    fiche["indicateurs"] = [
        {**i, "valeur_cible": _decimal(i["valeur_cible"])} for i in fiche["indicateurs"]
    ]
    fiche["sous_actions"] = [{**s, "echeance": _date(s["echeance"])} for s in fiche["sous_actions"]]
    return fiche


LIBELLES_PERIMETRE = dict(Perimetre.choices)


def _completer(fiche: dict, aujourdhui=None) -> dict:
    """Ajoute ce qui se calcule à l'affichage (libellés, « en retard »)."""
    code, libelle = statut_affiche(fiche["statut"], fiche["fin"], aujourdhui)
    fiche["statut_affiche"] = code
    fiche["statut_libelle"] = libelle
    fiche["priorite_libelle"] = LIBELLES_PRIORITE[fiche["priorite"]]
    fiche["difficulte_libelle"] = LIBELLES_DIFFICULTE[fiche["difficulte"]]
    fiche["engagement_libelle"] = Engagement(fiche["engagement"]).label
    fiche["moyens_unite_libelle"] = UniteMoyens(fiche["moyens_unite"]).label
    fiche["perimetres_libelles"] = [LIBELLES_PERIMETRE[p] for p in fiche["perimetres"]]
    return fiche


def _cle_tri(fiche: dict):
    return (fiche["axe"], -fiche["priorite"], str(fiche["debut"]), fiche["titre"])


def fiches_lues(version, aujourdhui=None) -> list[dict]:
    """Les fiches d'une version : depuis l'instantané si elle est validée, sinon de la base."""
    if version is None:
        return []
    if version.statut == StatutVersion.VALIDEE and version.instantane:
        fiches = [_typer(f) for f in version.instantane["fiches"]]
    else:
        fiches = [fiche_donnees(f) for f in fiches_de_version(version)]
    fiches.sort(key=_cle_tri)
    return numeroter([_completer(f, aujourdhui) for f in fiches])


def numeroter(fiches: list[dict]) -> list[dict]:
    """Numéro de chaque fiche dans l'ordre de la feuille de route : « 2.3 », troisième fiche de
    l'axe 2 ; le même dans la liste, le calendrier et la matrice."""
    rangs: dict = defaultdict(int)
    for fiche in fiches:
        rangs[fiche["axe"]] += 1
        fiche["numero"] = f"{fiche['axe']}.{rangs[fiche['axe']]}"
    return fiches


def fiches_par_axe(fiches: list[dict], axes) -> list[dict]:
    """[{axe, fiches, nombre}] pour chaque axe du référentiel, dans l'ordre."""
    par_axe = defaultdict(list)
    for fiche in fiches:
        par_axe[fiche["axe"]].append(fiche)
    return [
        {"axe": axe, "fiches": par_axe[axe.numero], "nombre": len(par_axe[axe.numero])}
        for axe in axes
    ]


def budget_consolide(fiches: list[dict]) -> dict:
    """Budget et moyens humains par année et par axe.

    Renvoie {"annees": [...], "par_axe": {axe: {annee: montant, "total": …, "non_reparti": …}},
    "par_annee": {annee: montant}, "total": montant, "moyens": {"jh": …, "etp": …},
    "moyens_par_axe": {axe: {"jh": …, "etp": …}}}. Le budget d'une fiche non réparti par année
    est compté dans « non réparti ».
    """
    annees = sorted({b["annee"] for f in fiches for b in f["budgets"]})
    par_axe: dict = {}
    par_annee = {annee: Decimal(0) for annee in annees}
    moyens = {"jh": Decimal(0), "etp": Decimal(0)}
    moyens_par_axe: dict = {}
    total = Decimal(0)
    for fiche in fiches:
        ligne = par_axe.setdefault(
            fiche["axe"], {"annees": {a: Decimal(0) for a in annees}, "total": Decimal(0)}
        )
        reparti = Decimal(0)
        for budget in fiche["budgets"]:
            ligne["annees"][budget["annee"]] += budget["montant"]
            par_annee[budget["annee"]] += budget["montant"]
            reparti += budget["montant"]
        ligne["total"] += fiche["budget"]
        ligne["non_reparti"] = ligne.get("non_reparti", Decimal(0)) + max(
            fiche["budget"] - reparti, Decimal(0)
        )
        total += fiche["budget"]
        if fiche["moyens_humains"] is not None:
            moyens[fiche["moyens_unite"]] += fiche["moyens_humains"]
            axe_moyens = moyens_par_axe.setdefault(
                fiche["axe"], {"jh": Decimal(0), "etp": Decimal(0)}
            )
            axe_moyens[fiche["moyens_unite"]] += fiche["moyens_humains"]
    return {
        "annees": annees,
        "par_axe": par_axe,
        "par_annee": par_annee,
        "total": total,
        "non_reparti": sum((ligne["non_reparti"] for ligne in par_axe.values()), Decimal(0)),
        "moyens": moyens,
        "moyens_par_axe": moyens_par_axe,
    }


def donnees_matrice(fiches: list[dict]) -> dict[tuple[int, int], list[dict]]:
    """(priorité, difficulté) → fiches, pour la matrice de priorisation."""
    cases = defaultdict(list)
    for fiche in fiches:
        cases[(fiche["priorite"], fiche["difficulte"])].append(fiche)
    return dict(cases)


def donnees_gantt(fiches: list[dict], aujourdhui: datetime.date | None = None) -> dict:
    """Mois couverts, mois courant et barres (titre, début, fin, statut), dans l'ordre."""
    aujourdhui = (aujourdhui or timezone.localdate()).replace(day=1)
    if not fiches:
        return {"mois": [], "barres": [], "aujourdhui": aujourdhui}
    debut = min(f["debut"] for f in fiches)
    fin = max(f["fin"] for f in fiches)
    mois = []
    courant = debut
    while courant <= fin:
        mois.append(courant)
        courant = (courant.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return {
        "mois": mois,
        "aujourdhui": aujourdhui,
        "barres": [
            {
                "titre": f["titre"],
                "numero": f.get("numero", ""),
                "axe": f["axe"],
                "debut": f["debut"],
                "fin": f["fin"],
                "statut": f["statut_affiche"],
                "statut_libelle": f["statut_libelle"],
            }
            for f in fiches
        ],
    }


def _valeur_lisible(champ: str, valeur) -> str:
    if valeur in (None, "", []):
        return "—"
    if champ in ("priorite", "difficulte"):
        return (LIBELLES_PRIORITE if champ == "priorite" else LIBELLES_DIFFICULTE)[valeur]
    if champ == "statut":
        return StatutFiche(valeur).label
    if champ == "engagement":
        return Engagement(valeur).label
    if champ == "perimetres":
        return ", ".join(LIBELLES_PERIMETRE[p] for p in valeur)
    if champ in ("debut", "fin"):
        return formats.mois_annee(_date(valeur))
    if champ == "budget":
        return formats.montant(valeur)
    if champ == "moyens_humains":
        return formats.nombre(valeur)
    if champ == "budgets":
        return ", ".join(
            f"{formats.annee(b['annee'])} : {formats.montant(b['montant'])}"
            + (
                f" (dépensé {formats.montant(b['depense'])})"
                if b.get("depense") is not None
                else ""
            )
            for b in valeur
        )
    if champ == "indicateurs":
        return " ; ".join(
            i["libelle"]
            + (
                f" (cible {formats.nombre(i['valeur_cible'])}"
                + (f" en {formats.annee(i['annee_cible'])}" if i.get("annee_cible") else "")
                + ")"
                if i["valeur_cible"]
                else ""
            )
            for i in valeur
        )
    if champ == "sous_actions":
        return " ; ".join(
            s["quoi"]
            + (f", échéance {formats.date_courte(s['echeance'])}" if s.get("echeance") else "")
            + (" (fait)" if s["fait"] else "")
            for s in valeur
        )
    if isinstance(valeur, list):
        return ", ".join(str(v) for v in valeur)
    return str(valeur)


def versions_comparer(depart, arrivee) -> dict:
    """Ce qui a changé entre deux versions : fiches ajoutées, retirées, champs modifiés."""
    avant = {f["lignee"]: en_json(f) for f in fiches_lues(depart)}
    apres = {f["lignee"]: en_json(f) for f in fiches_lues(arrivee)}
    modifiees = []
    for lignee, fiche in apres.items():
        if lignee not in avant:
            continue
        champs = [
            {
                "libelle": libelle,
                "avant": _valeur_lisible(champ, avant[lignee].get(champ)),
                "apres": _valeur_lisible(champ, fiche.get(champ)),
            }
            for champ, libelle in LIBELLES_CHAMPS.items()
            if avant[lignee].get(champ) != fiche.get(champ)
        ]
        if champs:
            modifiees.append({"titre": fiche["titre"], "champs": champs})
    return {
        "ajoutees": [f for lignee, f in apres.items() if lignee not in avant],
        "retirees": [f for lignee, f in avant.items() if lignee not in apres],
        "modifiees": modifiees,
    }


def fiches_lues_par_pk(version, pk) -> dict:
    """Une fiche d'une version de travail, lue comme dans la feuille de route."""
    return _completer(fiche_donnees(fiches_de_version(version).get(pk=pk)))


def lignes_de_fiche(fiche) -> dict:
    """Valeurs initiales des lignes (indicateurs, actions, budgets) du formulaire."""
    return {
        "indicateurs": list(
            fiche.indicateurs.values(
                "indicateur_suivi_id", "libelle", "valeur_cible", "annee_cible"
            )
        ),
        "sous_actions": list(fiche.sous_actions.values("quoi", "qui", "echeance", "fait")),
        "budgets": list(fiche.budgets.values("annee", "montant", "depense")),
    }


# Famille du guide de bonnes pratiques → (axe REEN, dimension de maturité) proposés par défaut
# quand une fiche part d'une pratique ; la personne qui rédige peut les changer.
AXE_DIMENSION_PAR_FAMILLE = {
    "a": (4, 1),
    "b": (4, 6),
    "c": (2, 2),
    "d": (1, 3),
    "e": (1, 3),
    "f": (2, 4),
    "g": (3, 4),
    "h": (2, 4),
    "i": (2, 5),
}


def _famille(pratique) -> str:
    return pratique.code.split(".")[0].lower()


def axe_de_pratique(pratique) -> int | None:
    numero = AXE_DIMENSION_PAR_FAMILLE.get(_famille(pratique), (None, None))[0]
    return Axe.objects.filter(numero=numero).values_list("pk", flat=True).first()


def dimension_de_pratique(pratique) -> int | None:
    numero = AXE_DIMENSION_PAR_FAMILLE.get(_famille(pratique), (None, None))[1]
    return Dimension.objects.filter(numero=numero).values_list("pk", flat=True).first()


def raison_version_figee(version) -> str:
    if version.statut == StatutVersion.VALIDEE:
        return (
            f"La version {version.libelle} est validée : elle est figée. Ouvrez une nouvelle "
            "version pour la modifier."
        )
    if version.statut == StatutVersion.SOUMISE:
        return (
            f"La version {version.libelle} est soumise pour validation : elle ne peut plus être "
            "modifiée, sauf si le référent la renvoie."
        )
    return ""


def raison_non_modifiable(collectivite) -> str:
    """Pourquoi on ne peut pas ajouter de fiche maintenant (vide si on peut)."""
    version = version_courante(collectivite)
    if version is None or version.statut == StatutVersion.VALIDEE:
        return ""  # une v1, ou une nouvelle version, sera ouverte à l'enregistrement
    return raison_version_figee(version)


def controles_etape_4(collectivite) -> list:
    """Étape 4 de l'ANCT : des fiches rédigées, 15 à 20 leviers retenus (une requête)."""
    version = (
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite)
        .annotate(nombre=Count("fiches"))
        .order_by("-numero")
        .only("pk")
        .first()
    )
    nombre = version.nombre if version else 0
    url = reverse("fiches:index")
    return [
        Controle("Des fiches actions sont rédigées", nombre > 0, url),
        Controle(
            f"15 à 20 leviers sont retenus sur les six axes ({nombre} à ce jour)",
            15 <= nombre <= 20,
            url,
        ),
    ]


def controles_etape_5(collectivite) -> list:
    """Étape 5 de l'ANCT : la feuille de route est validée en COPIL (une requête)."""
    validee = VersionFeuilleDeRoute.objects.for_collectivite(collectivite).validees().exists()
    return [Controle("La feuille de route est validée en COPIL", validee, reverse("fiches:index"))]


def feuille_de_route_donnees(collectivite, *, validee: bool = False) -> dict:
    """Tout ce qu'il faut pour présenter une feuille de route (pages, PDF, bilan annuel).

    `validee=True` : la version validée la plus récente (lue depuis son instantané) ; sinon la
    version courante. Renvoie {"version", "fiches", "par_axe", "budget", "matrice", "gantt"}
    (`version` vaut None et les listes sont vides s'il n'y a pas encore de feuille de route).
    Les graphiques s'obtiennent avec `graphiques.matrice_svg(donnees["matrice"])` et
    `graphiques.gantt_svg(donnees["gantt"])`.
    """
    version = (version_validee_recente if validee else version_courante)(collectivite)
    fiches = fiches_lues(version)
    return {
        "version": version,
        "fiches": fiches,
        "par_axe": fiches_par_axe(fiches, Axe.objects.all()),
        "budget": budget_consolide(fiches),
        "matrice": donnees_matrice(fiches),
        "gantt": donnees_gantt(fiches),
    }


def depenses_de_l_annee(version, annee: int) -> dict:
    """Dépenses saisies pour l'année, par lignée de fiche.

    Les dépenses se saisissent au fil de l'exécution, donc dans la version de travail : pour
    chaque fiche, on retient la version la plus récente de la collectivité qui en donne une.
    """
    depenses: dict = {}
    for lignee, depense in (
        BudgetAnnuel.objects.filter(
            fiche__version__feuille_de_route_id=version.feuille_de_route_id,
            annee=annee,
            depense__isnull=False,
        )
        .order_by("fiche__version__numero")
        .values_list("fiche__lignee", "depense")
    ):
        depenses[lignee] = depense
    return depenses


def fiche_lue(fiche) -> dict | None:
    """Le contenu affiché d'une fiche : l'instantané si sa version est validée (None si la
    fiche n'y figure pas), sinon la fiche telle qu'elle est enregistrée."""
    version = fiche.version
    if version.est_validee:
        return next(
            (f for f in fiches_lues(version) if f["lignee"] == str(fiche.lignee)),
            None,
        )
    return fiches_lues_par_pk(version, fiche.pk)


def commentaires_de(collectivite, lignee) -> list:
    """La discussion d'une fiche, toutes versions confondues, du plus ancien au plus récent."""
    return list(
        CommentaireFiche.objects.for_collectivite(collectivite)
        .filter(lignee=lignee)
        .select_related("auteur__utilisateur", "version")
    )


def pseudos_des_membres(collectivite) -> list[tuple[str, str]]:
    """(pseudo, nom) des membres actifs, pour dire comment les mentionner."""
    membres = Membre.objects.for_collectivite(collectivite).actifs().select_related("utilisateur")
    return sorted(
        ((pseudo, membre.nom_dans_la_collectivite) for pseudo, membre in pseudos(membres).items()),
        key=lambda paire: paire[0],
    )
