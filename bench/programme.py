"""Programme de travail, import et export du plan d'action : temps et requêtes SQL.

Usage : .venv/bin/python bench/programme.py [--lignes 20 100 500] [--repetitions 5]

Base SQLite temporaire, référentiel et démonstration chargés (mêmes préparatifs que
`bench/feuille_de_route.py`). Mesure dans le même processus :
- les pages du programme de travail avec N parties prenantes et N actions déjà engagées ;
- l'analyse d'un plan d'action de N lignes (CSV puis XLSX), sa confirmation (création des
  fiches) et l'export XLSX de la version qui les contient.
Référence : la page d'un axe du référentiel, mesurée dans la même exécution.
"""

import argparse
import io
import sys
import tempfile
from pathlib import Path

from feuille_de_route import chronometrer, preparer, requetes


def plan_csv(nombre: int, email: str, prefixe: str) -> bytes:
    lignes = ["Titre;Axe;Responsable;Démarrage;Fin;Budget (€);Statut"]
    lignes += [
        f"{prefixe} {n};{1 + n % 6};{email};{1 + n % 12:02d}/2026;12/2027;1 234,50;En cours"
        for n in range(nombre)
    ]
    return "\n".join(lignes).encode("utf-8-sig")


def plan_xlsx(contenu_csv: bytes) -> bytes:
    import openpyxl

    classeur = openpyxl.Workbook()
    for ligne in contenu_csv.decode("utf-8-sig").splitlines():
        classeur.active.append(ligne.split(";"))
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lignes", type=int, nargs="+", default=[20, 100, 500])
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-programme-") as dossier:
        contexte = preparer(Path(dossier))
        from django.db import reset_queries, transaction

        from collectivites.tests.outils import client_connecte
        from strategie_nr.fiches.importation import (
            feuille_de_route_exporter,
            plan_action_analyser,
            plan_action_importer,
        )
        from strategie_nr.fiches.models import FicheAction
        from strategie_nr.fiches.selectors import version_courante
        from strategie_nr.programme.models import ActionEngagee, PartiePrenante
        from strategie_nr.programme.services import action_engagee_creer, partie_prenante_creer
        from strategie_nr.referentiel.models import Axe

        commune = contexte["commune"]
        referent = contexte["membres"]["referent@demo.test"]
        agent = contexte["membres"]["agent@demo.test"]
        client = client_connecte(referent)

        def obtenir(url):
            def appel():
                reponse = client.get(url)
                assert reponse.status_code == 200, (url, reponse.status_code)

            return appel

        reference = obtenir("/referentiel/axes/2/")
        reference()  # à chaud : gabarits compilés, connexion ouverte
        axe = Axe.objects.get(numero=2)
        print(f"{'N':>5} {'mesure':<44} {'médiane':>10} {'requêtes':>9} {'× réf.':>7}")

        def afficher(nombre, libelle, fonction, ref, avec_requetes=True):
            reset_queries()  # le journal des requêtes de DEBUG est borné
            duree = chronometrer(fonction, args.repetitions)
            nb = requetes(fonction) if avec_requetes else ""
            print(f"{nombre:>5} {libelle:<44} {duree:>8.1f} ms {nb:>9} {duree / ref:>7.1f}")

        for nombre in args.lignes:
            for n in range(PartiePrenante.objects.count(), nombre):
                partie_prenante_creer(
                    collectivite=commune,
                    auteur=referent,
                    donnees={"nom": f"Acteur {n}", "nature": "ess", "role": "Réemploi"},
                )
            for n in range(ActionEngagee.objects.count(), nombre):
                action_engagee_creer(
                    collectivite=commune,
                    auteur=referent,
                    donnees={"axe": axe, "titre": f"Action {n}", "depuis": 2021},
                )
            ref = chronometrer(reference, args.repetitions)
            afficher(nombre, "référence : page d'un axe du référentiel", reference, ref)
            afficher(nombre, "programme de travail (vue d'ensemble)", obtenir("/programme/"), ref)
            afficher(
                nombre, "parties prenantes (liste)", obtenir("/programme/parties-prenantes/"), ref
            )
            afficher(nombre, "actions déjà engagées", obtenir("/programme/actions-engagees/"), ref)
            version = version_courante(commune)
            contenu = plan_csv(nombre, agent.utilisateur.email, f"Import {nombre}")
            for format_, fichier in (("CSV", contenu), ("XLSX", plan_xlsx(contenu))):

                def analyser(fichier=fichier, format_=format_, version=version):
                    return plan_action_analyser(
                        collectivite=commune,
                        version=version,
                        nom=f"plan.{format_.lower()}",
                        contenu=fichier,
                    )

                assert not analyser().rejetees
                afficher(nombre, f"analyse d'un plan {format_} (aperçu)", analyser, ref)
            lignes = [
                {"numero": ligne.numero, "valeurs": ligne.valeurs}
                for ligne in plan_action_analyser(
                    collectivite=commune, version=version, nom="plan.csv", contenu=contenu
                ).a_creer
            ]

            def confirmer(lignes=lignes):
                with transaction.atomic():  # chaque répétition est annulée
                    plan_action_importer(collectivite=commune, auteur=referent, lignes=lignes)
                    transaction.set_rollback(True)

            afficher(nombre, "confirmation (création des fiches)", confirmer, ref, False)
            plan_action_importer(collectivite=commune, auteur=referent, lignes=lignes)
            total = FicheAction.objects.filter(version=version).count()
            afficher(
                total,
                "export XLSX de la version de travail",
                lambda version=version: feuille_de_route_exporter(
                    collectivite=commune, version=version
                ),
                ref,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
