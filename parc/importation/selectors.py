"""Lectures pour l'import : listes de valeurs, correspondances, équipements déjà connus."""

from parc.enums import Destination, Origine, Statut
from parc.models import SynonymeTypeEquipement, TypeEquipement

from .lecture import CHAMPS, Choix
from .models import ChampCorrespondance, CorrespondanceImport, ImportEnAttente


def statuts() -> dict[str, str]:
    return dict(Statut.choices)


def listes_de_correspondance() -> dict[str, dict[str, str]]:
    """Champ → {valeur enregistrée → libellé} : ce que l'utilisateur peut choisir (une requête)."""
    return {
        ChampCorrespondance.TYPE: dict(TypeEquipement.objects.values_list("code", "libelle")),
        ChampCorrespondance.STATUT: statuts(),
    }


def choix_pour(collectivite, listes: dict | None = None) -> Choix:
    """Synonymes courants, libellés de l'application et correspondances de la collectivité."""
    listes = listes or listes_de_correspondance()
    choix = Choix.avec_synonymes(
        {
            **listes,
            "origine": dict(Origine.choices),
            "destination_fin": dict(Destination.choices),
        }
    )
    # Les noms des types du référentiel (« Laptop », « TFT »…), modifiables dans l'admin.
    for cle, code in SynonymeTypeEquipement.objects.values_list("cle", "type__code"):
        choix.valeurs.setdefault(ChampCorrespondance.TYPE, {})[cle] = code
    for champ, cle, valeur in CorrespondanceImport.objects.for_collectivite(
        collectivite
    ).values_list("champ", "cle", "valeur"):
        if valeur in listes.get(champ, {}):
            choix.valeurs.setdefault(champ, {})[cle] = valeur
    return choix


def imports_en_attente(collectivite, utilisateur):
    return (
        ImportEnAttente.objects.for_collectivite(collectivite)
        .valides()
        .filter(auteur=utilisateur)
        .defer("contenu")
    )


def import_confirme(collectivite, pk) -> ImportEnAttente | None:
    """L'import déjà confirmé `pk` de la collectivité (None s'il n'y en a pas)."""
    return (
        ImportEnAttente.objects.for_collectivite(collectivite)
        .confirmes()
        .filter(pk=pk)
        .defer("contenu", "apercu")
        .first()
    )


def champs_reconnus() -> list[dict]:
    """Pour l'aide de la page d'import : chaque champ et les en-têtes qui le désignent."""
    return [{"libelle": champ.libelle, "entetes": champ.entetes} for champ in CHAMPS]
