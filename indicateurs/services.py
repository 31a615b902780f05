"""Écritures des indicateurs : référentiel, suivi, cibles, valeurs, objectifs, historique."""

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from strategie_nr.plateforme.enums import ActionHistorique, NatureValeur
from strategie_nr.plateforme.services import (
    changement,
    differences,
    historique_enregistrer,
    instantane,
)
from strategie_nr.referentiel.models import Axe, IndicateurExemple, Pratique

from .calculs import REGISTRE, calcul_de
from .enums import Mode, Sens, Unite
from .models import (
    Cible,
    DefinitionIndicateur,
    IndicateurSuivi,
    Objectif,
    Valeur,
)
from .nombres import afficher

# Famille du guide MiNumEco → axe REEN le plus proche (les pratiques n'ont pas d'axe).
AXE_DES_FAMILLES = {"a": 4, "b": 4, "c": 2, "d": 1, "e": 1, "f": 2, "g": 3, "h": 3, "i": 2}
UNITES_REGISTRE = {
    "nombre": Unite.NOMBRE,
    "%": Unite.POURCENTAGE,
    "kg": Unite.KG,
    "t": Unite.TONNE,
    "tCO2e": Unite.TCO2E,
    "€": Unite.EUROS,
    "années": Unite.ANNEES,
    "oui/non": Unite.OUI_NON,
}


def _sans_accents(texte: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", texte.lower()) if unicodedata.category(c) != "Mn"
    )


def unite_devinee(libelle: str) -> str:
    """L'unité la plus probable d'un indicateur d'exemple, d'après son libellé."""
    texte = _sans_accents(libelle)
    if "oui / non" in texte or "oui/non" in texte:
        return Unite.OUI_NON
    if re.search(r"(^|\W)(%|taux|part|pourcentage)(\W|$)", texte):
        return Unite.POURCENTAGE
    if "tco2" in texte or "empreinte" in texte or "emission" in texte:
        return Unite.TCO2E
    if re.search(r"(^|\W)(poids|kg)(\W|$)", texte):
        return Unite.KG
    if re.search(r"(budget|cout|montant|depense)", texte):
        return Unite.EUROS
    if "duree de vie" in texte:
        return Unite.ANNEES
    return Unite.NOMBRE


def sens_devine(libelle: str) -> str:
    texte = _sans_accents(libelle)
    baisse = (
        "consommation",
        "emission",
        "empreinte",
        "volume",
        "impression",
        "nombre d'equipements par",
        "stock",
    )
    if any(mot in texte for mot in baisse) and "economie" not in texte:
        return Sens.BAISSE
    return Sens.HAUSSE


def definitions_charger(*, enregistrer, bilan, mettre_a_jour: bool = False) -> None:
    """Référentiel des indicateurs : exemples des axes, des pratiques, indicateurs calculés."""
    axes = {axe.numero: axe for axe in Axe.objects.all()}

    def definir(
        cle, axe, libelle, unite, sens, mode=Mode.SAISI, code="", origine="", precision=None
    ):
        if precision is None:
            precision = 1 if unite in (Unite.POURCENTAGE, Unite.ANNEES, Unite.TCO2E) else 0
        enregistrer(
            DefinitionIndicateur,
            bilan,
            cle=cle,
            defaults={
                "axe": axe,
                "libelle": libelle[:400],
                "unite": unite,
                "sens": sens,
                "precision": precision,
                "mode": mode,
                "code_calcul": code,
                "origine": origine,
            },
            mettre_a_jour=mettre_a_jour,
        )

    for exemple in IndicateurExemple.objects.select_related("axe"):
        libelle = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", exemple.texte)
        definir(
            f"axe-{exemple.axe.numero}-{exemple.ordre}",
            exemple.axe,
            libelle,
            unite_devinee(libelle),
            sens_devine(libelle),
            origine=f"Indicateur d'exemple de l'axe {exemple.axe.numero}",
        )
    for pratique in Pratique.objects.select_related("famille"):
        axe = axes[AXE_DES_FAMILLES[pratique.code.split(".")[0]]]
        for rang, libelle in enumerate(pratique.indicateurs, start=1):
            unite = unite_devinee(libelle)
            if unite == Unite.ANNEES:
                # La valeur se saisit et s'affiche en années : « (en mois) » la contredirait.
                libelle = re.sub(r"\s*\(en mois\)", "", libelle)
            definir(
                f"pratique-{pratique.code}-{rang}",
                axe,
                libelle,
                unite,
                sens_devine(libelle),
                origine=f"Pratique {pratique.code} du guide MiNumEco",
            )
    for indicateur in REGISTRE.values():
        definir(
            indicateur.code,
            axes[indicateur.axe],
            indicateur.libelle,
            UNITES_REGISTRE[indicateur.unite],
            Sens.HAUSSE if indicateur.sens == "hausse" else Sens.BAISSE,
            mode=Mode.CALCULE,
            code=indicateur.code,
            origine="Calculé à partir du parc informatique",
            precision=indicateur.precision,
        )


def _historique(suivi, auteur, action, changements, resume: str = "") -> None:
    """Une entrée de l'historique commun, sur l'indicateur suivi (ses cibles et ses valeurs
    comprises)."""
    historique_enregistrer(
        collectivite=suivi.collectivite_id,
        auteur=auteur,
        action=action,
        objet=suivi,
        objet_libelle=suivi.definition.libelle,
        changements=changements,
        resume=resume,
    )


def _chiffre(suivi, libelle: str, avant, apres) -> dict:
    """Un changement de nombre affiché avec l'unité et la précision de l'indicateur."""
    definition = suivi.definition
    if definition.unite == Unite.OUI_NON:
        return changement(
            libelle,
            None if avant is None else bool(avant),
            None if apres is None else bool(apres),
        )
    return changement(
        libelle,
        avant,
        apres,
        nature=NatureValeur.NOMBRE,
        unite=definition.unite,
        decimales=definition.precision,
    )


def _texte(suivi, valeur) -> str:
    return afficher(valeur, suivi.definition.unite, suivi.definition.precision)


def _instantane_suivi(suivi) -> dict:
    """Responsable (par son nom) et année de référence, pour l'historique."""
    responsable = suivi.responsable
    return {
        "responsable": (
            "responsable",
            NatureValeur.TEXTE,
            str(responsable.utilisateur) if responsable is not None else None,
        ),
        **instantane(suivi, ["annee_base"]),
    }


@transaction.atomic
def definition_creer(*, collectivite, axe, libelle, unite, sens, precision) -> DefinitionIndicateur:
    definition = DefinitionIndicateur(
        collectivite=collectivite,
        axe=axe,
        libelle=libelle,
        unite=unite,
        sens=sens,
        precision=precision,
        origine="Indicateur propre à la collectivité",
    )
    definition.full_clean()
    definition.save()
    return definition


def suivi_du_meme_chiffre(*, collectivite, definition) -> IndicateurSuivi | None:
    """Un indicateur déjà suivi qui se calcule de la même façon (même calcul du parc)."""
    calcul = calcul_de(definition)
    if calcul is None:
        return None
    for suivi in IndicateurSuivi.objects.for_collectivite(collectivite).select_related(
        "definition"
    ):
        autre = calcul_de(suivi.definition)
        if autre is not None and autre.code == calcul.code and suivi.definition != definition:
            return suivi
    return None


@transaction.atomic
def suivi_creer(*, collectivite, definition, responsable, annee_base, valeur_base, auteur):
    if definition.collectivite_id not in (None, collectivite.pk):
        raise ValidationError("Cet indicateur n'est pas disponible pour votre collectivité.")
    if IndicateurSuivi.objects.filter(collectivite=collectivite, definition=definition).exists():
        raise ValidationError({"definition": "Cet indicateur est déjà suivi."})
    meme_chiffre = suivi_du_meme_chiffre(collectivite=collectivite, definition=definition)
    if meme_chiffre is not None:
        raise ValidationError(
            {
                "definition": f"Ce chiffre est déjà suivi sous le nom « {meme_chiffre} » : "
                "un chiffre n'a qu'une valeur par année."
            }
        )
    suivi = IndicateurSuivi(
        collectivite=collectivite,
        definition=definition,
        responsable=responsable,
        annee_base=annee_base,
        valeur_base=valeur_base,
    )
    suivi.full_clean()
    suivi.save()
    _historique(
        suivi,
        auteur,
        ActionHistorique.CREATION,
        [
            *differences({}, _instantane_suivi(suivi)),
            _chiffre(suivi, "valeur de référence", None, valeur_base),
        ],
    )
    return suivi


@transaction.atomic
def indicateur_propre_creer(
    *,
    collectivite,
    axe,
    libelle,
    unite,
    sens,
    precision,
    responsable,
    annee_base,
    valeur_base,
    auteur,
) -> IndicateurSuivi:
    """Un indicateur propre à la collectivité, suivi aussitôt : les deux ou rien."""
    definition = definition_creer(
        collectivite=collectivite,
        axe=axe,
        libelle=libelle,
        unite=unite,
        sens=sens,
        precision=precision,
    )
    return suivi_creer(
        collectivite=collectivite,
        definition=definition,
        responsable=responsable,
        annee_base=annee_base,
        valeur_base=valeur_base,
        auteur=auteur,
    )


@transaction.atomic
def suivi_modifier(*, suivi, auteur, responsable, annee_base, valeur_base) -> IndicateurSuivi:
    avant, valeur_avant = _instantane_suivi(suivi), suivi.valeur_base
    suivi.responsable, suivi.annee_base, suivi.valeur_base = responsable, annee_base, valeur_base
    suivi.full_clean()
    suivi.save()
    changements = differences(avant, _instantane_suivi(suivi))
    if valeur_avant != valeur_base:
        changements.append(_chiffre(suivi, "valeur de référence", valeur_avant, valeur_base))
    _historique(suivi, auteur, ActionHistorique.MODIFICATION, changements)
    return suivi


@transaction.atomic
def cibles_enregistrer(*, suivi, auteur, cibles: dict[int, Decimal | None]) -> None:
    existantes = {c.annee: c for c in suivi.cibles.all()}
    changements = []
    for annee, valeur in sorted(cibles.items()):
        cible = existantes.get(annee)
        if valeur is None:
            if cible is not None:
                cible.delete()
                changements.append(_chiffre(suivi, f"cible {annee}", cible.valeur, None))
            continue
        if cible is None:
            Cible.objects.create(suivi=suivi, annee=annee, valeur=valeur)
            changements.append(_chiffre(suivi, f"cible {annee}", None, valeur))
        elif cible.valeur != valeur:
            changements.append(_chiffre(suivi, f"cible {annee}", cible.valeur, valeur))
            cible.valeur = valeur
            cible.save(update_fields=["valeur"])
    _historique(suivi, auteur, ActionHistorique.MODIFICATION, changements)


@transaction.atomic
def valeur_enregistrer(
    *, suivi, auteur, annee, valeur, source="", commentaire="", remplacer: bool = True
) -> Valeur:
    """Enregistre la valeur mesurée d'une année ; sans `remplacer`, refuse d'écraser celle
    qui existe déjà (la saisie d'une autre année ne remplace jamais une valeur en silence)."""
    if suivi.definition.mode == Mode.CALCULE:
        raise ValidationError(
            "Cet indicateur se calcule à partir du parc : corrigez le parc, ou figez l'année."
        )
    existante = Valeur.objects.select_for_update().filter(suivi=suivi, annee=annee).first()
    if existante and not remplacer:
        raise ValidationError(
            {
                "remplacer": (
                    f"Une valeur est déjà enregistrée pour {annee} "
                    f"({_texte(suivi, existante.valeur)}) : cochez « Remplacer » pour la "
                    "changer, ou choisissez une autre année."
                )
            }
        )
    avant = existante.valeur if existante else None
    objet = existante or Valeur(suivi=suivi, annee=annee)
    textes_avant = instantane(objet, ["source", "commentaire"])
    objet.valeur, objet.source, objet.commentaire = valeur, source.strip(), commentaire.strip()
    objet.saisie_par = auteur.utilisateur if auteur is not None else None
    objet.full_clean()
    objet.save()
    changements = [] if avant == valeur else [_chiffre(suivi, f"valeur {annee}", avant, valeur)]
    for textes in differences(textes_avant, instantane(objet, ["source", "commentaire"])):
        changements.append({**textes, "libelle": f"{textes['libelle']} {annee}"})
    _historique(suivi, auteur, ActionHistorique.MODIFICATION, changements)
    return objet


@transaction.atomic
def annee_a_saisir(suivi) -> int:
    """L'année proposée pour une nouvelle valeur : celle qui suit la dernière renseignée, sans
    dépasser la dernière année close ; la dernière année close si rien n'est renseigné."""
    derniere_close = timezone.localdate().year - 1
    annees = set(suivi.valeurs.values_list("annee", flat=True))
    suivante = max(annees) + 1 if annees else derniere_close
    if suivante <= derniere_close:
        return suivante
    manquantes = [a for a in range(derniere_close, derniere_close - 10, -1) if a not in annees]
    return manquantes[0] if manquantes else derniere_close


@transaction.atomic
def annee_figer(*, suivi, auteur, annee: int) -> Valeur:
    """Fige la valeur calculée d'une année close : une correction du parc ne la réécrit plus."""
    if suivi.definition.mode != Mode.CALCULE:
        raise ValidationError("Seul un indicateur calculé se fige.")
    if annee >= timezone.localdate().year:
        raise ValidationError("Seule une année close peut être figée.")
    indicateur = REGISTRE.get(suivi.definition.code_calcul)
    if indicateur is None:
        raise ValidationError("Le calcul de cet indicateur n'est pas disponible.")
    valeur = indicateur.fonction(collectivite=suivi.collectivite, annee=annee)
    if valeur is None:
        raise ValidationError(f"Aucune valeur calculée pour {annee} : rien à figer.")
    avant = suivi.valeurs.filter(annee=annee).values_list("valeur", flat=True).first()
    objet, _ = Valeur.objects.update_or_create(
        suivi=suivi,
        annee=annee,
        defaults={
            "valeur": valeur,
            "figee": True,
            "source": "Calcul à partir du parc, figé le "
            + timezone.localdate().strftime("%d/%m/%Y"),
            "saisie_par": auteur.utilisateur if auteur is not None else None,
        },
    )
    _historique(
        suivi, auteur, ActionHistorique.FIGEE, [_chiffre(suivi, f"valeur {annee}", avant, valeur)]
    )
    return objet


_CHAMPS_OBJECTIF = ["axe", "enonce", "periodicite", "suivi", "annee_cible", "valeur_cible"]


@transaction.atomic
def objectif_enregistrer(*, objectif: Objectif, auteur=None) -> Objectif:
    """Crée ou modifie un objectif (déjà rempli en mémoire) ; l'historique compare avec la
    version enregistrée."""
    if objectif.suivi_id and objectif.suivi.collectivite_id != objectif.collectivite_id:
        raise ValidationError({"suivi": "Cet indicateur n'est pas suivi par votre collectivité."})
    enregistre = (
        Objectif.objects.select_related("axe", "suivi__definition").filter(pk=objectif.pk).first()
        if objectif.pk
        else None
    )
    avant = instantane(enregistre, _CHAMPS_OBJECTIF) if enregistre else {}
    objectif.full_clean()
    objectif.save()
    historique_enregistrer(
        collectivite=objectif.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.MODIFICATION if enregistre else ActionHistorique.CREATION,
        objet=objectif,
        changements=differences(avant, instantane(objectif, _CHAMPS_OBJECTIF)),
    )
    return objectif


@transaction.atomic
def objectif_supprimer(*, objectif: Objectif, auteur=None) -> None:
    historique_enregistrer(
        collectivite=objectif.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.SUPPRESSION,
        objet=objectif,
    )
    objectif.delete()
