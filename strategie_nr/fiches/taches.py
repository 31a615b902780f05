"""Tâches de la feuille de route pour « Mes tâches » : fiches en retard, sous-actions à
échéance, version renvoyée avec son commentaire."""

import datetime

from django.db.models import Prefetch
from django.urls import reverse

from strategie_nr.taches import Tache

from .enums import StatutVersion
from .models import FicheAction, SousAction, VersionFeuilleDeRoute

# Une sous-action s'annonce une semaine avant son échéance.
PREAVIS = datetime.timedelta(days=7)


def taches_fiches(membre, aujourdhui) -> list[Tache]:
    version = (
        VersionFeuilleDeRoute.objects.for_collectivite(membre.collectivite_id)
        .select_related("renvoyee_par__utilisateur")
        .order_by("-numero")
        .first()
    )
    if version is None:
        return []
    taches = []
    if version.statut == StatutVersion.RENVOYEE and (
        membre.est_referent or version.soumise_par_id == membre.pk
    ):
        taches.append(
            Tache(
                f"La feuille de route {version.libelle} a été renvoyée",
                reverse("fiches:version", kwargs={"pk": version.pk}),
                f"Commentaire : « {version.commentaire_renvoi} »"
                if version.commentaire_renvoi
                else "",
            )
        )
    dues = SousAction.objects.filter(fait=False, echeance__lte=aujourdhui + PREAVIS).order_by(
        "echeance"
    )
    fiches = FicheAction.objects.filter(version=version, responsable=membre).prefetch_related(
        Prefetch("sous_actions", queryset=dues, to_attr="dues")
    )
    for fiche in fiches:
        url = fiche.get_absolute_url()
        if fiche.en_retard(aujourdhui):
            taches.append(
                Tache(
                    f"Fiche « {fiche.titre} » en retard",
                    url,
                    f"Fin prévue en {fiche.fin:%m/%Y} : mettez à jour son statut ou ses dates.",
                )
            )
        for sous_action in fiche.dues:
            taches.append(
                Tache(
                    f"Sous-action « {sous_action.quoi} » (fiche « {fiche.titre} »)",
                    url,
                    f"Échéance le {sous_action.echeance:%d/%m/%Y}",
                )
            )
    return taches
