"""Reprise des anciens historiques des domaines dans l'historique commun : fonctions appelées
par les migrations de données (`historique_commun`), avec les modèles historiques qu'elles
reçoivent (`apps`), jamais les modèles du code courant."""

TAILLE_LOT = 2_000


def nom_de(utilisateur) -> str:
    """Le nom d'une personne comme `Utilisateur.__str__` (indisponible dans une migration)."""
    if utilisateur is None:
        return ""
    nom = f"{utilisateur.first_name} {utilisateur.last_name}".strip()
    return (nom or utilisateur.email)[:300]


class Auteurs:
    """Utilisateur d'une collectivité → son membre, lu une fois ; None s'il n'en était pas
    membre (un administrateur) : son nom reste dans `auteur_nom`."""

    def __init__(self, apps):
        self.membres = {
            (m.collectivite_id, m.utilisateur_id): m.pk
            for m in apps.get_model("collectivites", "Membre").objects.only(
                "pk", "collectivite_id", "utilisateur_id"
            )
        }
        self.noms = {
            u.pk: nom_de(u)
            for u in apps.get_model("collectivites", "Utilisateur").objects.only(
                "pk", "first_name", "last_name", "email"
            )
        }

    def membre(self, collectivite_id, utilisateur_id):
        return self.membres.get((collectivite_id, utilisateur_id))

    def nom(self, utilisateur_id) -> str:
        return self.noms.get(utilisateur_id, "")


def changements_textes(changements: dict) -> list[dict]:
    """{libellé : [avant, après]} (textes déjà lisibles) → changements de l'historique commun."""
    return [
        {"libelle": libelle, "nature": "texte", "avant": avant or None, "apres": apres or None}
        for libelle, (avant, apres) in changements.items()
    ]


def ecrire(apps, entrees) -> int:
    """Crée les entrées par lots, sans tout garder en mémoire ; `entrees` (un itérable de
    dictionnaires) sont les champs de `EntreeHistorique`. Renvoie le nombre d'entrées."""
    modele = apps.get_model("plateforme", "EntreeHistorique")
    lot, total = [], 0
    for champs in entrees:
        lot.append(modele(**champs))
        if len(lot) >= TAILLE_LOT:
            modele.objects.bulk_create(lot)
            total, lot = total + len(lot), []
    modele.objects.bulk_create(lot)
    return total + len(lot)
