"""Pages et téléchargements : droits, isolation, octets identiques, requêtes bornées."""

import hashlib
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from collectivites.enums import Role
from collectivites.tests.factories import MembreFactory
from strategie_nr.documents.models import DocumentOfficiel
from strategie_nr.documents.tests.factories import DocumentOfficielFactory
from strategie_nr.fiches.tests.factories import FeuilleDeRouteFactory
from strategie_nr.travaux.models import Travail


def _urls(version):
    return [
        reverse("documents:index"),
        reverse("documents:strategie"),
        reverse("documents:version", kwargs={"pk": version.pk}),
        reverse("documents:bilan", kwargs={"annee": 2025}),
    ]


def test_anonyme_renvoye_vers_la_connexion(client, version_validee):
    for url in _urls(version_validee):
        reponse = client.get(url)
        assert reponse.status_code == 302
        assert reponse.url.startswith(reverse("connexion"))


def test_membre_d_une_autre_collectivite_recoit_404(client_de, referent_epci, version_validee):
    url = reverse("documents:version", kwargs={"pk": version_validee.pk})
    assert client_de(referent_epci).get(url).status_code == 404


def _suivre(client, url):
    """Suit les redirections et la page de suivi prête (qui renvoie vers le fichier)."""
    reponse = client.get(url)
    while True:
        if reponse.status_code == 302:
            reponse = client.get(reponse.url)
        elif pret := re.search(r'content="0;url=([^"]+)"', reponse.content.decode(errors="ignore")):
            reponse = client.get(pret.group(1))
        else:
            return reponse


@pytest.mark.parametrize("role", [Role.ELU, Role.AGENT, Role.REFERENT])
def test_chaque_role_telecharge_le_document_officiel_identique(
    client_de, commune, version_validee, executer_travaux, role
):
    executer_travaux()
    client = client_de(MembreFactory(collectivite=commune, role=role))
    url = reverse("documents:version", kwargs={"pk": version_validee.pk})
    premier, second = client.get(url), client.get(url)
    assert premier.status_code == 200
    assert premier["Content-Type"] == "application/pdf"
    assert "attachment" in premier["Content-Disposition"]
    assert premier.content.startswith(b"%PDF")
    assert premier.content == second.content == bytes(DocumentOfficiel.objects.get().contenu)
    # La stratégie courante est la version validée : le même fichier.
    assert client.get(reverse("documents:strategie")).content == premier.content


def test_la_validation_ne_rend_pas_le_pdf_et_la_version_dit_en_preparation(
    client_de, elu, version_validee, executer_travaux
):
    assert not DocumentOfficiel.objects.exists()
    client = client_de(elu)
    html = client.get(reverse("documents:index")).content.decode()
    assert "Document en préparation" in html
    reponse = client.get(reverse("documents:version", kwargs={"pk": version_validee.pk}))
    assert reponse.status_code == 302
    suivi = client.get(reponse.url)
    assert "Document en préparation" in suivi.content.decode()
    assert (
        'data-actualiser="2"' in suivi.content.decode() and "js/suivi.js" in suivi.content.decode()
    )
    executer_travaux()
    document = DocumentOfficiel.objects.get()
    html = client.get(reverse("documents:index")).content.decode()
    assert document.somme_controle in html and "Document en préparation" not in html
    # Prête, la page de suivi lance le téléchargement du document enregistré.
    pret = client.get(reponse.url).content.decode()
    lien = reverse("documents:version", kwargs={"pk": version_validee.pk})
    assert f'<meta http-equiv="refresh" content="0;url={lien}">' in pret
    assert client.get(lien).content == bytes(document.contenu)


def test_un_brouillon_se_prepare_puis_se_telecharge_en_projet(
    client_de, elu, fiches_six_axes, executer_travaux, django_assert_max_num_queries
):
    client = client_de(elu)
    reponse = client.get(reverse("documents:strategie"))
    assert reponse.status_code == 302 and "/travaux/" in reponse.url
    executer_travaux()
    fichier = _suivre(client, reponse.url)
    assert fichier.status_code == 200
    assert "projet" in fichier["Content-Disposition"]
    assert fichier.content.startswith(b"%PDF")
    # Mêmes données : le PDF déjà produit est servi tout de suite, sans nouveau travail.
    with django_assert_max_num_queries(40):
        deuxieme = client.get(reverse("documents:strategie"))
    assert deuxieme.url.endswith("/fichier")
    assert Travail.objects.count() == 1
    # Une donnée change : un nouveau rendu est demandé.
    fiches_six_axes[0].titre = "Titre changé"
    fiches_six_axes[0].save()
    assert client.get(reverse("documents:strategie")).url != deuxieme.url
    assert Travail.objects.count() == 2


def test_version_non_validee_sans_document_officiel(client_de, elu, commune, fiches_six_axes):
    version = commune.feuille_de_route.versions.get()
    url = reverse("documents:version", kwargs={"pk": version.pk})
    assert client_de(elu).get(url).status_code == 404


def test_bilan_telecharge_et_annee_hors_plage(client_de, elu, version_validee, executer_travaux):
    client = client_de(elu)
    reponse = client.get(reverse("documents:bilan", kwargs={"annee": 2025}))
    executer_travaux()
    fichier = _suivre(client, reponse.url)
    assert fichier.status_code == 200 and fichier.content.startswith(b"%PDF")
    futur = timezone.localdate().year + 1
    assert client.get(reverse("documents:bilan", kwargs={"annee": futur})).status_code == 404
    assert client.get(reverse("documents:bilan", kwargs={"annee": 1999})).status_code == 404


def test_page_des_documents(client_de, elu, version_validee, executer_travaux):
    executer_travaux()
    reponse = client_de(elu).get(reverse("documents:index"))
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert html.count("<h1") == 1
    assert DocumentOfficiel.objects.get().somme_controle in html
    assert reverse("documents:version", kwargs={"pk": version_validee.pk}) in html
    assert reverse("documents:bilan", kwargs={"annee": 2025}) in html
    assert "Bilan 2025" in html and "2 025" not in html.replace("\u202f", " ")
    # La dernière année close d'abord ; l'année en cours est dite provisoire.
    courante = timezone.localdate().year
    if courante > 2025:
        provisoire = f"Bilan {courante} (année en cours, provisoire)"
        assert provisoire in html
        assert html.index(f"Bilan {courante - 1} ") < html.index(provisoire)


def test_nombre_de_requetes_borne(client_de, elu, commune, django_assert_max_num_queries):
    client = client_de(elu)
    _versions_validees(commune, 1, 2)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("documents:index")).status_code == 200
    _versions_validees(commune, 3, 40)
    with django_assert_max_num_queries(10):
        reponse = client.get(reverse("documents:index"))
    assert reponse.content.decode().count("PDF de la version") == 40


def _versions_validees(commune, debut, fin):
    feuille = FeuilleDeRouteFactory(collectivite=commune)
    for numero in range(debut, fin + 1):
        DocumentOfficielFactory(
            version__feuille_de_route=feuille,
            version__numero=numero,
            somme_controle=f"{numero:064d}",
        )


def test_une_empreinte_un_nom(client_de, elu, agent, version_validee, executer_travaux):
    """L'empreinte SHA-256 du PDF, sous le même nom sur la feuille de route et les documents ;
    le contrôle de l'instantané porte un autre nom."""
    executer_travaux()  # le document officiel est produit après la validation
    document = DocumentOfficiel.objects.get()
    assert document.empreinte == hashlib.sha256(bytes(document.contenu)).hexdigest()
    explication = "Empreinte du fichier : elle prouve que le document n'a pas changé"
    documents = unescape(client_de(elu).get(reverse("documents:index")).content.decode())
    feuille = unescape(client_de(elu).get(reverse("fiches:index")).content.decode())
    for page in (documents, feuille):
        assert document.empreinte in page and "Empreinte du fichier (SHA-256)" in page
        assert explication in page
        assert "somme de contrôle" not in page.lower()
    assert "code d'intégrité du contenu" in feuille
    assert version_validee.somme_controle != document.empreinte


def test_l_elu_voit_la_strategie_validee_avant_le_brouillon(client_de, elu, agent, version_validee):
    from strategie_nr.fiches.services import feuille_de_route_nouvelle_version

    feuille_de_route_nouvelle_version(
        collectivite=version_validee.feuille_de_route.collectivite, auteur=agent
    )
    page = client_de(elu).get(reverse("documents:index")).content.decode()
    assert page.index("Versions validées") < page.index("Stratégie en cours")
    page = client_de(agent).get(reverse("documents:index")).content.decode()
    assert page.index("Stratégie en cours") < page.index("Versions validées")
