"""Ce que le parc produit en arrière-plan : les gros exports XLSX (enregistré dans
`ParcConfig.ready`)."""

from django.db.models import Count, Max

from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.registre import Executant, Resultat, executant_enregistrer
from strategie_nr.travaux.services import empreinte_de, travail_demander

from . import exports, selectors
from .perms import peut_voir_parc

TYPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_parc_demander(*, collectivite, demandeur, parametres: dict, nom_fichier: str):
    """L'export XLSX de la sélection. L'empreinte réunit le filtre, le nombre d'équipements
    et leur dernière modification : tant que rien ne change, le fichier déjà produit sert."""
    equipements = selectors.equipements_filtres(collectivite, **parametres)
    etat = equipements.order_by().aggregate(n=Count("pk"), dernier=Max("modifie_le"))
    return travail_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=NatureTravail.EXPORT_PARC,
        libelle=f"Export du parc ({etat['n']} lignes)",
        empreinte=empreinte_de(
            "export-parc", repr(sorted(parametres.items())), str(etat["n"]), str(etat["dernier"])
        ),
        parametres={"filtres": parametres, "nom": nom_fichier},
    )


def _exporter(travail) -> Resultat:
    equipements = selectors.equipements_filtres(
        travail.collectivite, **travail.parametres["filtres"]
    )
    return Resultat(
        contenu=exports.xlsx_octets(equipements),
        nom_fichier=travail.parametres["nom"],
        type_contenu=TYPE_XLSX,
    )


def enregistrer() -> None:
    executant_enregistrer(Executant(NatureTravail.EXPORT_PARC, _exporter, peut_voir_parc))
