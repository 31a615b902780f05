"""Écriture de l'historique commun : `historique_enregistrer`, appelé par les services des
domaines dans leur transaction, et de quoi décrire un objet avant et après sa modification."""

import datetime
from decimal import Decimal

from django.db import transaction

from .enums import ActionHistorique, NatureValeur
from .models import EntreeHistorique

# Une valeur d'un champ suivi : (libellé, nature, valeur enregistrable en JSON).
Valeur = tuple[str, str, object]


def valeur_historique(valeur, *, nature: str | None = None) -> tuple[str, object]:
    """(nature, valeur JSON) d'une valeur Python : date ISO, nombre en texte exact (sans zéros
    inutiles), booléen ; un objet (clé étrangère) ou un choix est gardé par son libellé, tel
    qu'il était au moment de la modification."""
    if valeur is None or valeur == "":
        return nature or NatureValeur.TEXTE, None
    if isinstance(valeur, bool):
        return NatureValeur.BOOLEEN, valeur
    if isinstance(valeur, datetime.date):
        return NatureValeur.DATE, valeur.isoformat()[:10]
    if isinstance(valeur, Decimal):
        # « 98.0000 » lu en base et « 98 » saisi sont la même valeur.
        return nature or NatureValeur.NOMBRE, f"{valeur.normalize():f}"
    if isinstance(valeur, (int, float)):
        return nature or NatureValeur.NOMBRE, str(valeur)
    if isinstance(valeur, (list, tuple)):
        return NatureValeur.TEXTE, " ; ".join(str(v) for v in valeur) or None
    return nature or NatureValeur.TEXTE, str(valeur)


def instantane(objet, champs, *, natures: dict | None = None) -> dict[str, Valeur]:
    """Les champs suivis d'un objet, par nom : libellé (`verbose_name`), nature, valeur.

    Un champ à choix vaut son libellé, une clé étrangère le texte de l'objet lié (chargé par
    l'appelant) ; `natures` précise un nombre qui est un montant ou une année. Un champ dont
    le nom commence par « annee » est une année (jamais « 2 026 »).
    """
    natures = natures or {}
    resultat = {}
    for nom in champs:
        champ = objet._meta.get_field(nom)
        if champ.choices:
            brute = getattr(objet, nom)
            valeur = dict(champ.flatchoices).get(brute, brute) if brute not in (None, "") else None
            valeur = str(valeur) if valeur is not None else None
        elif champ.is_relation:
            valeur = getattr(objet, nom)
            valeur = str(valeur) if valeur is not None else None
        else:
            valeur = getattr(objet, nom)
        nature = natures.get(nom) or (NatureValeur.ANNEE if nom.startswith("annee") else None)
        resultat[nom] = (str(champ.verbose_name), *valeur_historique(valeur, nature=nature))
    return resultat


def differences(avant: dict[str, Valeur], apres: dict[str, Valeur]) -> list[dict]:
    """Les champs qui diffèrent, dans l'ordre de `apres` : [{libelle, nature, avant, apres}].

    Un champ absent de `avant` (une création) part de rien."""
    resultat = []
    for nom, (libelle, nature, valeur) in apres.items():
        precedente = avant[nom][2] if nom in avant else None
        if precedente != valeur:
            resultat.append(
                {"libelle": libelle, "nature": nature, "avant": precedente, "apres": valeur}
            )
    return resultat


def changement(
    libelle: str,
    avant,
    apres,
    *,
    nature: str | None = None,
    unite: str = "",
    decimales: int | None = None,
) -> dict:
    """Un changement décrit à la main (une ligne d'une fiche, la valeur d'une année) ; `unite`
    et `decimales` affichent un nombre comme son indicateur (« 16,7 % »)."""
    nature_avant, valeur_avant = valeur_historique(avant, nature=nature)
    nature_apres, valeur_apres = valeur_historique(apres, nature=nature)
    resultat = {
        "libelle": libelle,
        "nature": nature_apres if apres is not None else nature_avant,
        "avant": valeur_avant,
        "apres": valeur_apres,
    }
    if unite:
        resultat.update(unite=unite, decimales=decimales)
    return resultat


@transaction.atomic
def historique_enregistrer(
    *,
    collectivite,
    auteur,
    action: str,
    objet=None,
    objet_type: str = "",
    objet_cle="",
    objet_libelle: str = "",
    changements: list[dict] = (),
    resume: str = "",
) -> EntreeHistorique | None:
    """Écrit une entrée : `auteur` est le membre de la collectivité (ou None : une commande) ;
    `collectivite` un objet ou sa clé.

    `objet` donne le type (« app.modèle »), la clé et le libellé, que les arguments du même nom
    remplacent (une fiche se suit par sa lignée, d'une version à l'autre). Une modification
    qui ne change rien n'écrit rien et renvoie None.
    """
    changements = list(changements)
    if action == ActionHistorique.MODIFICATION and not changements and not resume:
        return None
    if objet is not None:
        objet_type = objet_type or objet._meta.label_lower
        objet_cle = objet_cle or objet.pk
        objet_libelle = objet_libelle or str(objet)
    entree = EntreeHistorique(
        collectivite_id=getattr(collectivite, "pk", collectivite),
        auteur=auteur,
        auteur_nom=str(auteur.utilisateur)[:300] if auteur is not None else "",
        action=action,
        objet_type=objet_type,
        objet_cle="" if objet_cle in (None, "") else str(objet_cle),
        objet_libelle=objet_libelle[:300],
        changements=changements,
        resume=resume,
    )
    entree.save()
    return entree
