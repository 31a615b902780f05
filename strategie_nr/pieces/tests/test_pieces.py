"""Pièces justificatives : dépôt, téléchargement, suppression, cloisonnement."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from collectivites.tests.factories import MembreFactory
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.pieces.models import PieceJustificative
from strategie_nr.pieces.tests.factories import PieceJustificativeFactory
from strategie_nr.plateforme.models import EntreeHistorique

from . import exemples

pytestmark = pytest.mark.django_db


def _envoyer(client, url, contenu, nom="deliberation.pdf", jeton=None, nature="deliberation"):
    return client.post(
        url,
        {
            "fichier": SimpleUploadedFile(nom, contenu, content_type="application/pdf"),
            "nature": nature,
            "description": "Délibération n° 12",
            "jeton": str(jeton or uuid.uuid4()),
        },
    )


def _fichiers_stockes() -> list[str]:
    stockage = PieceJustificative._meta.get_field("fichier").storage
    dossiers, _ = stockage.listdir("")
    return [f"{d}/{f}" for d in dossiers for f in stockage.listdir(d)[1]]


def _valider(version, referent):
    """Une version validée (contenu figé), comme après un COPIL."""
    VersionFeuilleDeRoute.objects.filter(pk=version.pk).update(
        statut=StatutVersion.VALIDEE,
        instantane={"fiches": []},
        somme_controle="0" * 64,
        validee_le=timezone.now(),
        date_copil=timezone.localdate(),
        validee_par=referent,
    )


def test_un_agent_joint_une_piece_au_programme_et_un_elu_la_telecharge(client_de, agent, elu):
    reponse = _envoyer(client_de(agent), reverse("pieces:ajouter_programme"), exemples.pdf())
    assert reponse.status_code == 302
    piece = PieceJustificative.objects.get()
    assert piece.nom_fichier == "deliberation.pdf"
    assert piece.type_mime == "application/pdf"
    assert len(_fichiers_stockes()) == 1
    assert "deliberation" not in piece.fichier.name  # nom aléatoire

    page = client_de(elu).get(reverse("programme:index"))
    assert "deliberation.pdf" in page.content.decode()
    assert "Joindre une pièce justificative" not in page.content.decode()

    telechargement = client_de(elu).get(reverse("pieces:telecharger", args=[piece.pk]))
    assert telechargement.status_code == 200
    assert telechargement["Content-Disposition"].startswith("attachment;")
    assert 'filename="deliberation.pdf"' in telechargement["Content-Disposition"]
    assert telechargement["X-Content-Type-Options"] == "nosniff"
    assert telechargement["Content-Type"] == "application/pdf"
    assert b"".join(telechargement.streaming_content) == exemples.pdf()


def test_mauvais_type_refuse_meme_renomme(client_de, agent):
    url = reverse("pieces:ajouter_programme")
    for contenu, nom in [
        (exemples.EXECUTABLE, "facture.pdf"),
        (exemples.HTML, "photo.png"),
        (exemples.xlsm(), "budget.xlsx"),
        (exemples.docm(), "compte-rendu.docx"),
    ]:
        reponse = _envoyer(client_de(agent), url, contenu, nom=nom)
        assert reponse.status_code == 400
        html = reponse.content.decode()
        assert "Rien n'a été enregistré" in html
        assert "pas d&#x27;un format accepté" in html or "macros" in html
    assert not PieceJustificative.objects.exists()
    assert _fichiers_stockes() == []


def test_taille_limitee_pendant_la_reception(client_de, agent, settings):
    settings.PIECES_TAILLE_MAX = 1024
    reponse = _envoyer(
        client_de(agent), reverse("pieces:ajouter_programme"), exemples.pdf() + b"0" * 2000
    )
    assert reponse.status_code == 400
    assert "dépasse la taille maximale" in reponse.content.decode()
    assert not PieceJustificative.objects.exists()
    assert _fichiers_stockes() == []


def test_requete_trop_grosse_refusee_sans_etre_lue(client_de, agent, settings):
    settings.PIECES_TAILLE_MAX = 1024
    client = client_de(agent)
    reponse = client.generic(
        "POST",
        reverse("pieces:ajouter_programme"),
        data=b"x" * 200_000,
        content_type="multipart/form-data; boundary=abc",
        CONTENT_LENGTH="200000",
    )
    assert reponse.status_code == 413
    assert "dépasse la taille maximale" in reponse.content.decode()
    assert not PieceJustificative.objects.exists()


def test_double_clic_une_seule_piece(client_de, agent):
    client, jeton = client_de(agent), uuid.uuid4()
    url = reverse("pieces:ajouter_programme")
    assert _envoyer(client, url, exemples.pdf(), jeton=jeton).status_code == 302
    second = _envoyer(client, url, exemples.pdf(), jeton=jeton)
    assert second.status_code == 302 and second.url == reverse("programme:index") + "#pieces"
    assert "La pièce « deliberation.pdf » était déjà jointe." in client.get(second.url).text
    assert PieceJustificative.objects.count() == 1
    assert len(_fichiers_stockes()) == 1


def test_echec_en_base_efface_le_fichier_range(client_de, agent, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(PieceJustificative, "save", panne)
    client = client_de(agent)
    client.raise_request_exception = False
    reponse = _envoyer(client, reverse("pieces:ajouter_programme"), exemples.pdf())
    assert reponse.status_code == 500
    assert _fichiers_stockes() == []


def test_stockage_en_panne_rien_en_base_et_message(client_de, agent, stockage_vide, monkeypatch):
    def panne(*args, **kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr(stockage_vide, "save", panne)
    reponse = _envoyer(client_de(agent), reverse("pieces:ajouter_programme"), exemples.pdf())
    assert reponse.status_code == 400
    assert "n&#x27;a pas pu être enregistré" in reponse.content.decode()
    assert not PieceJustificative.objects.exists()


def test_une_autre_collectivite_recoit_une_404(client_de, agent, referent_epci, fiche_commune):
    reponse = _envoyer(client_de(agent), reverse("pieces:ajouter_programme"), exemples.pdf())
    assert reponse.status_code == 302
    piece = PieceJustificative.objects.get()
    intrus = client_de(referent_epci)
    for url in [
        reverse("pieces:telecharger", args=[piece.pk]),
        reverse("pieces:supprimer", args=[piece.pk]),
        reverse("pieces:ajouter_version", args=[fiche_commune.version.pk]),
        reverse("pieces:ajouter_fiche", args=[fiche_commune.pk]),
    ]:
        assert intrus.get(url).status_code == 404
    assert intrus.post(reverse("pieces:supprimer", args=[piece.pk])).status_code == 404
    envoi = _envoyer(intrus, reverse("pieces:ajouter_fiche", args=[fiche_commune.pk]), b"%PDF-")
    assert envoi.status_code == 404
    assert PieceJustificative.objects.count() == 1
    page = intrus.get(reverse("programme:index")).content.decode()
    assert "deliberation.pdf" not in page


def test_anonyme_renvoye_vers_la_connexion(client, agent):
    piece = PieceJustificativeFactory(collectivite=agent.collectivite, ajoute_par=agent)
    reponse = client.get(reverse("pieces:telecharger", args=[piece.pk]))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


def test_droits_de_la_fiche_responsable_et_referent(client_de, agent, referent, fiche_commune):
    autre_agent = MembreFactory(collectivite=agent.collectivite)
    url = reverse("pieces:ajouter_fiche", args=[fiche_commune.pk])
    assert _envoyer(client_de(autre_agent), url, exemples.pdf()).status_code == 403
    assert _envoyer(client_de(agent), url, exemples.pdf(), nature="facture").status_code == 302
    assert _envoyer(client_de(referent), url, exemples.PNG, nom="preuve.png").status_code == 302
    assert fiche_commune.pieces.count() == 2
    page = client_de(agent).get(fiche_commune.get_absolute_url()).content.decode()
    assert "preuve.png" in page and "Facture" in page


def test_piece_d_une_version_validee_conservee(client_de, agent, referent, fiche_commune):
    version = fiche_commune.version
    url = reverse("pieces:ajouter_version", args=[version.pk])
    assert _envoyer(client_de(agent), url, exemples.odt(), nom="copil.odt").status_code == 302
    piece = PieceJustificative.objects.get()
    _valider(version, referent)

    page = client_de(referent).get(version.get_absolute_url()).content.decode()
    assert "copil.odt" in page
    assert "conservées avec elle pour toujours" in page
    assert reverse("pieces:supprimer", args=[piece.pk]) not in page

    reponse = client_de(referent).post(reverse("pieces:supprimer", args=[piece.pk]), follow=True)
    assert "ne peuvent pas être supprimées" in reponse.content.decode()
    assert PieceJustificative.objects.filter(pk=piece.pk).exists()
    assert len(_fichiers_stockes()) == 1

    # Ajouter à une version validée reste possible (la délibération vient après le COPIL).
    ajout = client_de(referent).get(url).content.decode()
    assert "ne pourra pas être supprimée" in ajout


def test_supprimer_une_piece_efface_le_fichier(
    client_de, agent, django_capture_on_commit_callbacks
):
    piece = PieceJustificativeFactory(collectivite=agent.collectivite, ajoute_par=agent)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client_de(agent).post(reverse("pieces:supprimer", args=[piece.pk]))
    assert reponse.status_code == 302
    assert not PieceJustificative.objects.exists()
    assert _fichiers_stockes() == []


def test_retirer_une_fiche_qui_a_des_pieces_est_refuse(client_de, agent, fiche_commune):
    PieceJustificativeFactory(
        collectivite=agent.collectivite, a_une_fiche=True, fiche=fiche_commune, ajoute_par=agent
    )
    reponse = client_de(agent).post(
        reverse("fiches:supprimer", args=[fiche_commune.pk]), follow=True
    )
    assert "supprimez-les d&#x27;abord" in reponse.content.decode()
    assert PieceJustificative.objects.filter(fiche=fiche_commune).exists()


def test_un_elu_ne_joint_ni_ne_supprime(client_de, agent, elu):
    piece = PieceJustificativeFactory(collectivite=agent.collectivite, ajoute_par=agent)
    assert (
        _envoyer(client_de(elu), reverse("pieces:ajouter_programme"), exemples.pdf()).status_code
        == 403
    )
    assert client_de(elu).post(reverse("pieces:supprimer", args=[piece.pk])).status_code == 403
    assert PieceJustificative.objects.count() == 1


def test_ajout_et_retrait_dans_l_historique_commun(client_de, agent, referent):
    client = client_de(referent)
    _envoyer(client, reverse("pieces:ajouter_programme"), exemples.pdf(), nature="facture")
    _envoyer(client, reverse("pieces:ajouter_programme"), exemples.pdf(), nature="facture")
    piece = PieceJustificative.objects.first()
    client.post(reverse("pieces:supprimer", args=[piece.pk]))
    entrees = EntreeHistorique.objects.for_collectivite(referent.collectivite).de_type(
        "pieces.piecejustificative"
    )
    assert [(e.action, e.auteur, e.resume) for e in entrees.order_by("pk")] == [
        ("creation", referent, "Facture, jointe à : Programme de travail"),
        ("creation", referent, "Facture, jointe à : Programme de travail"),
        ("suppression", referent, "Facture, retirée de : Programme de travail"),
    ]


def test_fichier_absent_du_stockage_ramene_a_la_page_avec_un_message(client_de, agent):
    client = client_de(agent)
    _envoyer(client, reverse("pieces:ajouter_programme"), exemples.pdf())
    piece = PieceJustificative.objects.get()
    piece.fichier.storage.delete(piece.fichier.name)
    reponse = client.get(reverse("pieces:telecharger", args=[piece.pk]), follow=True)
    assert reponse.status_code == 200
    assert "est introuvable dans le stockage" in reponse.content.decode()
