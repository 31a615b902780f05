import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from collectivites.models import Collectivite, Membre

RACINE = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_charger_demo_refuse_sans_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("charger_demo", stdout=io.StringIO())
    assert not Collectivite.objects.exists()


@pytest.mark.django_db
def test_charger_demo_est_idempotent(settings, client):
    settings.DEBUG = True
    sortie = io.StringIO()
    call_command("charger_demo", stdout=sortie)
    assert "referent@demo.test" in sortie.getvalue()
    # Chaque domaine ajoute ses données : un second passage ne crée rien, dans aucune table.
    comptes = {modele._meta.label: modele.objects.count() for modele in apps.get_models()}
    call_command("charger_demo", stdout=io.StringIO())
    assert comptes == {modele._meta.label: modele.objects.count() for modele in apps.get_models()}
    commune = Collectivite.objects.get(code_officiel="45999")
    assert (commune.nom, commune.population, commune.nombre_agents) == (
        "Ville de Démo-sur-Loire",
        82_000,
        1_450,
    )
    epci = Collectivite.objects.get(code_officiel="999999998")
    assert epci.nom == "Communauté d'agglomération du Val Démo" and epci.reen_applicable
    for email in ["referent@demo.test", "agent@demo.test", "elu@demo.test"]:
        assert Membre.objects.get(utilisateur__email=email).collectivite == commune
    assert Membre.objects.get(utilisateur__email="referent@valdemo.test").collectivite == epci
    assert client.login(email="elu@demo.test", password="demo-strategie-nr")


def manage_en_production(*arguments, **variables):
    """Lance manage.py avec les réglages de production, comme sur un serveur."""
    env = {
        **{cle: val for cle, val in os.environ.items() if cle != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.production",
        "SECRET_KEY": "x7!kq2v9-2m3zr5t8w1y4u6i0o-p3l5j7h9g1f3d5s7a9z2x4c6v8b0n2m4q6w8e0",
        "ALLOWED_HOSTS": "strategie.exemple.fr",
        "DATABASE_URL": "sqlite:///:memory:",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_reglages_de_production_sans_avertissement():
    resultat = manage_en_production("check", "--deploy", "--fail-level", "WARNING")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "no issues" in resultat.stdout


@pytest.mark.django_db
def test_en_tetes_de_securite(client):
    reponse = client.get(reverse("connexion"))
    csp = reponse.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert reponse.headers["X-Frame-Options"] == "DENY"
    assert reponse.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_les_pages_n_appellent_aucune_ressource_externe(client_de, referent):
    page = client_de(referent).get(reverse("tableau_de_bord")).content.decode()
    assert 'lang="fr"' in page
    assert page.count("<h1") == 1
    assert 'href="#contenu"' in page
    for balise in ('src="http', 'href="http'):
        assert balise not in page


def test_aucun_secret_dans_les_reglages_de_production():
    texte = (RACINE / "strategie_nr" / "settings" / "production.py").read_text()
    assert 'SECRET_KEY = env("SECRET_KEY")' in texte


def test_collectstatic_de_production(tmp_path):
    """Les fichiers statiques se collectent avec empreinte et compression, comme en production."""
    resultat = manage_en_production("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert list(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css.gz"))
    assert (tmp_path / "staticfiles.json").exists()
