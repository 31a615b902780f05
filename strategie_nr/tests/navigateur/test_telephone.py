"""Sur un téléphone (375 px) : aucune page principale ne défile de côté, le menu se replie,
le focus se voit, et la console ne signale aucune violation de la CSP."""

import re

import pytest

from collectivites.demo import MOT_DE_PASSE
from strategie_nr.diagnostic.models import Campagne
from strategie_nr.fiches.models import FicheAction

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur

LARGEUR = 375

PAGES_REFERENT = [
    "/",
    "/diagnostic/",
    "/parc/",
    "/parc/tableau-de-bord/",
    "/parc/historique/",
    "/parc/import/",
    "/parc/nouveau/",
    "/indicateurs/",
    "/programme/",
    "/programme/parties-prenantes/",
    "/programme/actions-engagees/",
    "/programme/bilan/",
    "/programme/historique/",
    "/feuille-de-route/",
    "/feuille-de-route/fiche/nouvelle/",
    "/feuille-de-route/historique/",
    "/documents/",
    "/referentiel/",
    "/referentiel/pratiques/",
    "/membres/",
    "/diagnostic/campagne/{campagne}/",
    "/feuille-de-route/fiche/{fiche}/",
    "/collectivite/",
    "/profil/",
    "/comparaison/",
]


@pytest.fixture
def telephone(navigateur, live_server, donnees_demo):
    contexte = navigateur.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": LARGEUR, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    contexte.set_default_timeout(15_000)
    page = contexte.new_page()
    page.violations_csp = []
    page.on(
        "console",
        lambda message: (
            page.violations_csp.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    contexte.close()


def _connecter(page, email):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def _debordement(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth") - LARGEUR


def test_aucune_page_principale_ne_deborde_a_375_px(telephone):
    page = telephone
    _connecter(page, "referent@demo.test")
    larges = {}
    objets = {
        "campagne": Campagne.objects.filter(
            collectivite__code_officiel="45999", cloturee_le__isnull=False
        )
        .first()
        .pk,
        "fiche": FicheAction.objects.filter(
            version__feuille_de_route__collectivite__code_officiel="45999"
        )
        .first()
        .pk,
    }
    for chemin in PAGES_REFERENT:
        reponse = page.goto(chemin.format(**objets))
        assert reponse.ok, chemin
        if _debordement(page) > 0:
            larges[chemin] = LARGEUR + _debordement(page)
    assert larges == {}, f"Pages plus larges que {LARGEUR} px : {larges}"
    assert page.violations_csp == [], page.violations_csp


def test_le_menu_se_replie_derriere_un_bouton(telephone):
    page = telephone
    _connecter(page, "referent@demo.test")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    assert not navigation.is_visible()
    hauteur = page.evaluate("document.querySelector('header').offsetHeight")
    assert hauteur < 120, f"en-tête de {hauteur} px"
    bouton = page.get_by_role("button", name="Menu")
    assert bouton.get_attribute("aria-expanded") == "false"
    bouton.click()
    assert bouton.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="Parc", exact=True).click()
    page.get_by_role("heading", level=1, name="Parc informatique").wait_for()
    verifier(page)


def _luminance(couleur: str) -> float:
    rouge, vert, bleu = (int(x) / 255 for x in re.findall(r"\d+", couleur)[:3])
    lineaire = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (rouge, vert, bleu)
    ]
    return 0.2126 * lineaire[0] + 0.7152 * lineaire[1] + 0.0722 * lineaire[2]


def _contraste(premiere: str, seconde: str) -> float:
    claire, sombre = sorted((_luminance(premiere), _luminance(seconde)), reverse=True)
    return (claire + 0.05) / (sombre + 0.05)


def _contour_du_focus(page) -> tuple[str, str, str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )


@pytest.mark.parametrize("cible", ["champ", "bouton"])
def test_le_focus_se_voit_avec_un_contraste_suffisant(page, cible):
    page.goto("/connexion/")
    # Le clavier amène le focus (c'est là que :focus-visible s'applique aux boutons).
    champ = page.get_by_label("Adresse e-mail")
    champ.focus()
    if cible == "bouton":
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Se connecter").focus()
        assert page.evaluate("document.activeElement.matches(':focus-visible')")
    style, largeur, couleur = _contour_du_focus(page)
    fond = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert style == "solid" and float(largeur.removesuffix("px")) >= 2
    assert _contraste(couleur, fond) >= 3, (couleur, fond)


def test_l_elu_voit_ses_telechargements_sur_son_telephone(telephone):
    page = telephone
    _connecter(page, "elu@demo.test")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Documents").click()
    page.get_by_role("heading", level=1, name="Documents pour les élus").wait_for()
    assert _debordement(page) <= 0
    liens = page.locator("main a[href$='.pdf'], main a[href$='.docx']")
    assert liens.count() >= 2
    for rang in range(liens.count()):
        boite = liens.nth(rang).bounding_box()
        assert boite and boite["x"] >= 0 and boite["x"] + boite["width"] <= LARGEUR
    verifier(page)


def _hauteurs_des_textes(page, selecteur: str) -> list[float]:
    """Hauteur rendue (px) de chaque texte visible du sélecteur."""
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)]"
        ".filter(t => getComputedStyle(t).display !== 'none')"
        ".map(t => t.getBoundingClientRect().height)",
        selecteur,
    )


def test_le_radar_reste_lisible_a_375_px(telephone, page):
    campagne = (
        Campagne.objects.filter(collectivite__code_officiel="45999", cloturee_le__isnull=False)
        .first()
        .pk
    )
    _connecter(telephone, "referent@demo.test")
    telephone.goto(f"/diagnostic/campagne/{campagne}/")
    textes = _hauteurs_des_textes(telephone, "svg.radar text")
    assert len(textes) >= 7  # un numéro par dimension
    assert min(textes) >= 10, textes
    assert telephone.get_by_text("Chaque dimension est désignée par son numéro").is_visible()
    verifier(telephone)
    # Sur un grand écran, les libellés des dimensions restent écrits en toutes lettres.
    _connecter(page, "referent@demo.test")
    page.goto(f"/diagnostic/campagne/{campagne}/")
    assert page.locator("svg.radar text.libelle").first.is_visible()
    assert not page.locator("svg.radar text.numero").first.is_visible()
