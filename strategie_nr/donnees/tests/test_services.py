from strategie_nr.donnees.selectors import publication_de
from strategie_nr.donnees.services import publication_modifier
from strategie_nr.plateforme.models import EntreeHistorique


def _historique(collectivite):
    return EntreeHistorique.objects.for_collectivite(collectivite).de_type("donnees.publication")


def _changes(entree):
    return [(c["libelle"], c["avant"], c["apres"]) for c in entree.changements]


def test_rien_n_est_publie_par_defaut(commune):
    publication = publication_de(commune)
    assert publication.pk is None
    assert not publication.publie_quelque_chose


def test_publier_date_chaque_choix_et_garde_l_historique(commune, referent):
    publication = publication_modifier(
        collectivite=commune, par=referent, indicateurs=True, strategie=False, declaration_agec=True
    )
    assert publication.indicateurs and publication.declaration_agec and not publication.strategie
    assert publication.indicateurs_depuis == publication.modifiee_le
    assert publication.strategie_depuis is None
    assert publication.modifiee_par == referent
    [entree] = _historique(commune)
    assert entree.auteur == referent and entree.objet_cle == str(publication.pk)
    assert _changes(entree) == [
        ("publier les indicateurs et leurs valeurs", False, True),
        ("publier la déclaration AGEC", False, True),
    ]


def test_sans_changement_rien_n_est_ecrit(commune, referent):
    avant = publication_modifier(
        collectivite=commune,
        par=referent,
        indicateurs=True,
        strategie=False,
        declaration_agec=False,
    )
    apres = publication_modifier(
        collectivite=commune, par=None, indicateurs=True, strategie=False, declaration_agec=False
    )
    assert apres.modifiee_le == avant.modifiee_le and apres.modifiee_par == referent
    assert _historique(commune).count() == 1


def test_retirer_efface_la_date_et_s_inscrit_a_l_historique(commune, referent):
    publication_modifier(
        collectivite=commune, par=referent, indicateurs=True, strategie=True, declaration_agec=False
    )
    publication = publication_modifier(
        collectivite=commune,
        par=referent,
        indicateurs=False,
        strategie=True,
        declaration_agec=False,
    )
    assert not publication.indicateurs and publication.indicateurs_depuis is None
    assert publication.strategie_depuis is not None
    dernier = _historique(commune).first()
    assert dernier.auteur == referent
    assert _changes(dernier) == [("publier les indicateurs et leurs valeurs", True, False)]


def test_les_choix_d_une_collectivite_ne_touchent_pas_une_autre(commune, epci, referent):
    publication_modifier(
        collectivite=commune, par=referent, indicateurs=True, strategie=True, declaration_agec=True
    )
    assert not publication_de(epci).publie_quelque_chose
    assert not _historique(epci).exists()
