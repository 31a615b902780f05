"""Courriels en texte brut, envoyés par le processus de tâches."""

import datetime
from types import SimpleNamespace

from django.core import mail

from collectivites.courriels import courriel_envoyer


def test_le_texte_brut_n_est_pas_echappe_et_part_par_la_file(epci, executer_travaux):
    courriel_envoyer(
        sujet=f"Feuille de route — {epci.nom}",
        gabarit="strategie_nr/fiches/emails/validation.txt",
        contexte={
            "version": SimpleNamespace(libelle="v1", date_copil=datetime.date(2025, 3, 1)),
            "auteur": SimpleNamespace(utilisateur="Léa l'élue"),
            "lien": "http://x/?a=1&b=2",
            "collectivite": epci,
        },
        destinataires=["b@exemple.test", "a@exemple.test", ""],
    )
    assert mail.outbox == []  # rien ne part dans la requête
    executer_travaux()
    (message,) = mail.outbox
    assert message.to == ["a@exemple.test", "b@exemple.test"]
    assert "Communauté d'agglomération du Val Démo" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert "http://x/?a=1&b=2" in message.body and "Léa l'élue" in message.body
