import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.http import HttpRequest
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
    assert client.login(request=HttpRequest(), email="elu@demo.test", password="demo-strategie-nr")


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


def test_la_production_refuse_un_cache_propre_a_chaque_processus():
    resultat = manage_en_production("check", CACHE_URL="locmemcache://")
    assert resultat.returncode != 0
    assert "cache propre à chaque processus" in resultat.stderr


TENTATIVES_DANS_UN_PROCESSUS = """
import sys
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="strategie.exemple.fr", REMOTE_ADDR=sys.argv[3])
statuts = []
for mot_de_passe in sys.argv[2].split(","):
    reponse = client.post(
        "/connexion/", {"username": sys.argv[1], "password": mot_de_passe}, secure=True
    )
    statuts.append(str(reponse.status_code))
print(" ".join(statuts))
"""


def test_la_limite_de_connexion_tient_entre_deux_processus(tmp_path):
    """Deux processus aux réglages de production (cache en base, échecs comptés en base) :
    les échecs de l'un comptent pour l'autre, et un compte bloqué l'est partout."""
    base = f"sqlite:///{tmp_path / 'base.sqlite3'}"
    statiques = str(tmp_path / "statiques")
    for commande in (
        ("migrate", "--noinput"),
        ("createcachetable",),
        ("collectstatic", "--noinput"),
    ):
        resultat = manage_en_production(*commande, DATABASE_URL=base, STATIC_ROOT=statiques)
        assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    creer = (
        "from collectivites.models import Utilisateur; "
        "Utilisateur.objects.create_user('lea@exemple.test', 'Bon-mot-de-passe-2026')"
    )
    resultat = manage_en_production("shell", "-c", creer, DATABASE_URL=base)
    assert resultat.returncode == 0, resultat.stderr

    def processus(mots_de_passe: str, adresse: str) -> list[str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.production",
            "SECRET_KEY": "x7!kq2v9-2m3zr5t8w1y4u6i0o-p3l5j7h9g1f3d5s7a9z2x4c6v8b0n2m4q6w8e0",
            "ALLOWED_HOSTS": "strategie.exemple.fr",
            "DATABASE_URL": base,
            "STATIC_ROOT": statiques,
            "CONNEXION_TENTATIVES_MAX": "4",
        }
        resultat = subprocess.run(
            [
                sys.executable,
                "-c",
                TENTATIVES_DANS_UN_PROCESSUS,
                "lea@exemple.test",
                mots_de_passe,
                adresse,
            ],
            cwd=RACINE,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert resultat.returncode == 0, resultat.stderr
        return resultat.stdout.split()

    assert processus("faux,faux", "192.0.2.1") == ["200", "200"]
    assert processus("faux,faux", "192.0.2.2") == ["200", "429"]  # 4e échec : bloqué
    # Le bon mot de passe est refusé dans les deux processus, quelle que soit l'adresse.
    assert processus("Bon-mot-de-passe-2026", "192.0.2.1") == ["429"]
    assert processus("Bon-mot-de-passe-2026", "192.0.2.3") == ["429"]
