import hashlib

from strategie_nr.documents.tests.factories import DocumentOfficielFactory


def test_fabrique_du_document_officiel_valide(db):
    document = DocumentOfficielFactory()
    assert document.version.est_validee
    assert document.collectivite == document.version.feuille_de_route.collectivite
    assert document.empreinte == hashlib.sha256(bytes(document.contenu)).hexdigest()
    document.full_clean()
