from strategie_nr.diagnostic.tests.factories import (
    CampagneFactory,
    ReponseConsolideeFactory,
    ReponseFactory,
)


def test_fabriques_du_diagnostic_valides(db):
    campagne = CampagneFactory()
    assert campagne.ouverte
    close = CampagneFactory(collectivite=campagne.collectivite, cloturee=True)
    assert not close.ouverte
    reponse = ReponseFactory(campagne=campagne)
    assert reponse.membre.collectivite == campagne.collectivite and reponse.valeur == 3
    assert ReponseFactory(campagne=campagne, sans_objet=True).valeur is None
    consolidee = ReponseConsolideeFactory(campagne=campagne, niveau=4)
    for objet in (campagne, close, reponse, consolidee):
        objet.full_clean()
