from decimal import Decimal

from indicateurs.enums import Mode, Unite
from indicateurs.tests.factories import (
    DefinitionIndicateurFactory,
    IndicateurSuiviFactory,
    ObjectifFactory,
)


def test_fabriques_des_indicateurs_valides(db):
    suivi = IndicateurSuiviFactory(avec_base=True, avec_valeurs=True)
    assert suivi.definition.collectivite == suivi.collectivite
    assert suivi.responsable.collectivite == suivi.collectivite
    mesures = {valeur.annee: valeur.valeur for valeur in suivi.valeurs.all()}
    assert mesures == {2022: Decimal(10), 2023: Decimal(20), 2024: Decimal(30)}
    assert suivi.cibles.get().annee == 2027
    assert DefinitionIndicateurFactory(commune_a_tous=True).collectivite is None
    assert DefinitionIndicateurFactory(calcule=True).mode == Mode.CALCULE
    assert DefinitionIndicateurFactory(oui_non=True).unite == Unite.OUI_NON
    objectif = ObjectifFactory(mesurable=True)
    assert objectif.suivi.collectivite == objectif.collectivite
    for objet in (suivi, suivi.definition, objectif, ObjectifFactory()):
        objet.full_clean()
