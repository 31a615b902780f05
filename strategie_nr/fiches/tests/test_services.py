import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from collectivites.tests.factories import MembreFactory
from strategie_nr.fiches import services
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.models import Evenement, FicheAction, VersionFeuilleDeRoute
from strategie_nr.fiches.selectors import fiches_lues, instantane_intact, somme_controle
from strategie_nr.fiches.services import (
    ConflitEdition,
    feuille_de_route_nouvelle_version,
    feuille_de_route_renvoyer,
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_creer,
    fiche_modifier,
)
from strategie_nr.plateforme.models import EntreeHistorique

COPIL = datetime.date(2025, 3, 14)


def _valider(version, referent, agent):
    feuille_de_route_soumettre(version=version, auteur=agent)
    return feuille_de_route_valider(version=version, auteur=referent, date_copil=COPIL)


def test_creer_une_fiche_ouvre_la_v1_en_brouillon_et_journalise(fiche, agent):
    assert fiche.version.numero == 1
    assert fiche.version.statut == StatutVersion.BROUILLON
    assert fiche.indicateurs.get().libelle == "Nombre de personnes formées"
    assert fiche.budgets.get().annee == 2025
    entree = EntreeHistorique.objects.get(objet_type="fiches.ficheaction")
    assert (entree.auteur, entree.objet_cle, entree.action) == (
        agent,
        str(fiche.lignee),
        "creation",
    )
    assert entree.collectivite_id == fiche.version.feuille_de_route.collectivite_id
    assert {"libelle": "titre", "nature": "texte", "avant": None, "apres": fiche.titre} in (
        entree.changements
    )
    assert not Evenement.objects.filter(type="fiche_creee").exists()


def test_dates_ramenees_au_mois(commune, agent, donnees_fiche):
    donnees_fiche |= {"debut": datetime.date(2025, 4, 17), "fin": datetime.date(2025, 6, 30)}
    fiche = fiche_creer(collectivite=commune, auteur=agent, donnees=donnees_fiche)
    assert (fiche.debut, fiche.fin) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 1))


@pytest.mark.parametrize(
    "changement, champ",
    [
        ({"fin": datetime.date(2025, 1, 1)}, "fin"),
        ({"priorite": 4}, "priorite"),
        ({"budget": -1}, "budget"),
        ({"perimetres": ["lune"]}, "perimetres"),
    ],
)
def test_fiche_invalide_refusee_sans_rien_creer(commune, agent, donnees_fiche, changement, champ):
    with pytest.raises(ValidationError) as erreur:
        fiche_creer(collectivite=commune, auteur=agent, donnees=donnees_fiche | changement)
    assert champ in erreur.value.message_dict
    assert not FicheAction.objects.exists()


def test_repartition_du_budget_ne_depasse_pas_le_total(commune, agent, donnees_fiche):
    with pytest.raises(ValidationError, match="dépasse le budget"):
        fiche_creer(
            collectivite=commune,
            auteur=agent,
            donnees=donnees_fiche | {"fin": datetime.date(2026, 6, 1)},
            budgets=[{"annee": 2025, "montant": 15000}, {"annee": 2026, "montant": 6000}],
        )
    assert not FicheAction.objects.exists()


def test_une_annee_de_budget_hors_des_dates_de_la_fiche_est_signalee(commune, agent, donnees_fiche):
    with pytest.raises(ValidationError, match=r"Budget 2027 : hors des dates de la fiche"):
        fiche_creer(
            collectivite=commune,
            auteur=agent,
            donnees=donnees_fiche,
            budgets=[{"annee": 2025, "montant": 100}, {"annee": 2027, "montant": 100}],
        )
    assert not FicheAction.objects.exists()


def test_responsable_d_une_autre_collectivite_refuse(commune, agent, donnees_fiche, referent_epci):
    with pytest.raises(ValidationError) as erreur:
        fiche_creer(
            collectivite=commune,
            auteur=agent,
            donnees=donnees_fiche | {"responsable": referent_epci},
        )
    assert "responsable" in erreur.value.message_dict


def test_contraintes_en_base(fiche):
    for champs in ({"fin": datetime.date(2024, 1, 1)}, {"budget": -5}, {"priorite": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            FicheAction.objects.filter(pk=fiche.pk).update(**champs)


def test_verrou_optimiste_refuse_le_second_enregistrement(fiche, agent, referent):
    revision = fiche.revision
    premier = FicheAction.objects.get(pk=fiche.pk)
    second = FicheAction.objects.get(pk=fiche.pk)
    fiche_modifier(
        fiche=premier, auteur=agent, revision=revision, donnees={"titre": "Version de l'agent"}
    )
    with pytest.raises(ConflitEdition):
        fiche_modifier(
            fiche=second, auteur=referent, revision=revision, donnees={"titre": "Du référent"}
        )
    fiche.refresh_from_db()
    assert fiche.titre == "Version de l'agent"
    assert fiche.revision == revision + 1


def test_modification_journalise_les_champs_changes(fiche, agent):
    fiche_modifier(
        fiche=fiche,
        auteur=agent,
        revision=fiche.revision,
        donnees={"titre": "Nouveau titre", "budget": 30000},
        indicateurs=[{"libelle": "Nombre de personnes formées", "valeur_cible": 30}],
        sous_actions=[{"quoi": "Intégrer le projet au plan de formation", "qui": "RH"}],
        budgets=[{"annee": 2025, "montant": 20000}],
    )
    entree = EntreeHistorique.objects.get(action="modification")
    assert entree.auteur == agent
    assert [(c["libelle"], c["nature"], c["apres"]) for c in entree.changements] == [
        ("titre", "texte", "Nouveau titre"),
        ("budget", "montant", "30000"),
    ]


def test_un_autre_agent_ne_modifie_pas_la_fiche(fiche, commune):
    autre = MembreFactory(collectivite=commune)
    with pytest.raises(ValidationError, match="responsable"):
        fiche_modifier(fiche=fiche, auteur=autre, revision=fiche.revision, donnees={"titre": "x"})


def test_elu_ne_cree_pas_de_fiche(commune, elu, donnees_fiche):
    with pytest.raises(ValidationError):
        fiche_creer(collectivite=commune, auteur=elu, donnees=donnees_fiche)


def test_soumettre_previent_les_referents(fiche, agent, referent, executer_travaux):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent, lien="http://x/fdr/")
    executer_travaux()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [referent.utilisateur.email]
    assert "soumis la version v1" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="soumise"):
        fiche_modifier(fiche=fiche, auteur=agent, revision=fiche.revision, donnees={"titre": "x"})


def test_soumettre_une_version_vide_refuse(commune, agent):
    version = services._version_de_travail(collectivite=commune, auteur=agent)
    with pytest.raises(ValidationError, match="au moins une fiche"):
        feuille_de_route_soumettre(version=version, auteur=agent)


def test_valider_fige_un_instantane_et_previent_celui_qui_a_soumis(
    fiche, agent, referent, executer_travaux
):
    version = _valider(fiche.version, referent, agent)
    executer_travaux()
    version.refresh_from_db()
    assert version.statut == StatutVersion.VALIDEE
    assert (version.validee_par, version.date_copil) == (referent, COPIL)
    assert version.instantane["fiches"][0]["titre"] == fiche.titre
    assert version.somme_controle == somme_controle(version.instantane)
    assert instantane_intact(version)
    assert mail.outbox[-1].to == [agent.utilisateur.email]
    assert "validée" in mail.outbox[-1].subject


def test_agent_ne_valide_pas(fiche, agent):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    with pytest.raises(ValidationError, match="référent"):
        feuille_de_route_valider(version=fiche.version, auteur=agent, date_copil=COPIL)


def test_validation_defaite_n_annonce_rien(
    fiche, agent, referent, monkeypatch, django_capture_on_commit_callbacks
):
    """Si le document officiel ne peut être produit, la version reste soumise et personne ne
    reçoit de courriel « validée »."""
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)

    def echec(version, auteur):
        raise RuntimeError("rendu impossible")

    monkeypatch.setattr(services, "_apres_validation", echec)
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as rappels,
        pytest.raises(RuntimeError),
    ):
        feuille_de_route_valider(version=fiche.version, auteur=referent, date_copil=COPIL)
    assert rappels == [] and mail.outbox == []
    fiche.version.refresh_from_db()
    assert fiche.version.statut == StatutVersion.SOUMISE


def test_donnees_de_demonstration_sans_courriel(fiche, agent, referent, executer_travaux):
    mail.outbox.clear()
    feuille_de_route_soumettre(version=fiche.version, auteur=agent, notifier=False)
    feuille_de_route_valider(
        version=fiche.version, auteur=referent, date_copil=COPIL, notifier=False
    )
    executer_travaux()
    assert mail.outbox == []


def test_valider_appelle_le_crochet_apres_enregistrement(fiche, agent, referent, monkeypatch):
    vues = []
    monkeypatch.setattr(
        services,
        "_apres_validation",
        lambda version, auteur: vues.append(
            VersionFeuilleDeRoute.objects.get(pk=version.pk).statut
        ),
    )
    _valider(fiche.version, referent, agent)
    assert vues == [StatutVersion.VALIDEE]


def test_version_validee_ne_change_plus_jamais(fiche, agent, referent):
    version = _valider(fiche.version, referent, agent)
    avant = (dict(version.instantane), version.somme_controle)
    with pytest.raises(ValidationError, match="figée"):
        fiche_modifier(
            fiche=fiche, auteur=referent, revision=fiche.revision, donnees={"titre": "x"}
        )
    with pytest.raises(ValidationError, match="figée"):
        version.commentaire_renvoi = "réécriture"
        version.save()
    # Une nouvelle fiche démarre la v2 : la v1 ne bouge pas.
    v2 = feuille_de_route_nouvelle_version(
        collectivite=fiche.version.feuille_de_route.collectivite, auteur=agent
    )
    copie = v2.fiches.get()
    fiche_modifier(
        fiche=copie, auteur=agent, revision=copie.revision, donnees={"titre": "Modifié en v2"}
    )
    version.refresh_from_db()
    assert (version.instantane, version.somme_controle) == avant
    assert [f["titre"] for f in fiches_lues(version)] == [fiche.titre]
    assert [f["titre"] for f in fiches_lues(v2)] == ["Modifié en v2"]


def test_lecture_d_une_version_validee_depuis_l_instantane(fiche, agent, referent):
    version = _valider(fiche.version, referent, agent)
    # Même si les lignes étaient altérées hors des services, l'affichage reste l'instantané.
    FicheAction.objects.filter(pk=fiche.pk).update(titre="Altéré")
    lue = fiches_lues(version)[0]
    assert lue["titre"] == "Former les agents au numérique responsable"
    assert lue["debut"] == datetime.date(2025, 4, 1)
    assert lue["budgets"][0]["montant"] == 20000


def test_nouvelle_version_copie_les_fiches_et_leurs_lignes(fiche, commune, agent, referent):
    fiche.contributeurs.add(referent)
    _valider(fiche.version, referent, agent)
    v2 = feuille_de_route_nouvelle_version(collectivite=commune, auteur=referent)
    assert v2.numero == 2 and v2.statut == StatutVersion.BROUILLON
    copie = v2.fiches.get()
    assert copie.pk != fiche.pk and copie.lignee == fiche.lignee
    assert list(copie.contributeurs.all()) == [referent]
    assert copie.indicateurs.get().valeur_cible == 30
    assert copie.sous_actions.count() == 1 and copie.budgets.count() == 1
    with pytest.raises(ValidationError, match="déjà en cours"):
        feuille_de_route_nouvelle_version(collectivite=commune, auteur=referent)


def test_creer_une_fiche_apres_validation_demarre_la_v2(
    fiche, commune, agent, referent, donnees_fiche
):
    _valider(fiche.version, referent, agent)
    nouvelle = fiche_creer(collectivite=commune, auteur=agent, donnees=donnees_fiche)
    assert nouvelle.version.numero == 2
    assert nouvelle.version.fiches.count() == 2


def test_renvoyer_exige_un_commentaire_et_previent(fiche, agent, referent, executer_travaux):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    with pytest.raises(ValidationError):
        feuille_de_route_renvoyer(version=fiche.version, auteur=referent, commentaire="  ")
    version = feuille_de_route_renvoyer(
        version=fiche.version, auteur=referent, commentaire="Budget à revoir"
    )
    executer_travaux()
    assert version.statut == StatutVersion.RENVOYEE
    assert mail.outbox[-1].to == [agent.utilisateur.email]
    assert "Budget à revoir" in mail.outbox[-1].body
    # Renvoyée : de nouveau modifiable, puis soumise encore.
    fiche_modifier(fiche=fiche, auteur=agent, revision=fiche.revision, donnees={"budget": 25000})
    feuille_de_route_soumettre(version=version, auteur=agent)


def test_une_seule_version_en_cours_en_base(fiche):
    with pytest.raises(IntegrityError), transaction.atomic():
        VersionFeuilleDeRoute.objects.create(
            feuille_de_route=fiche.version.feuille_de_route, numero=2
        )


def test_selecteur_pour_les_autres_domaines(commune, fiche, agent, referent):
    from strategie_nr.fiches.selectors import feuille_de_route_donnees

    assert feuille_de_route_donnees(commune, validee=True)["version"] is None
    courante = feuille_de_route_donnees(commune)
    assert courante["version"] == fiche.version
    assert courante["budget"]["total"] == 20000
    assert [ligne["nombre"] for ligne in courante["par_axe"]] == [1, 0, 0, 0, 0, 0]
    _valider(fiche.version, referent, agent)
    validee = feuille_de_route_donnees(commune, validee=True)
    assert validee["fiches"][0]["responsable"] == str(agent.utilisateur)
    assert validee["fiches"][0]["indicateurs"][0]["valeur_cible"] == 30
    assert validee["gantt"]["barres"][0]["debut"] == datetime.date(2025, 4, 1)


def test_la_base_refuse_de_reecrire_une_version_validee(fiche, agent, referent):
    from django.db import DatabaseError

    version = _valider(fiche.version, referent, agent)
    with pytest.raises(DatabaseError, match="figée"), transaction.atomic():
        VersionFeuilleDeRoute.objects.filter(pk=version.pk).update(instantane={"fiches": []})
    version.refresh_from_db()
    assert instantane_intact(version)


def test_un_elu_n_est_pas_responsable(commune, agent, elu, donnees_fiche):
    with pytest.raises(ValidationError) as erreur:
        fiche_creer(
            collectivite=commune, auteur=agent, donnees=donnees_fiche | {"responsable": elu}
        )
    assert "pas un élu" in str(erreur.value)
