from django.test import Client

from collectivites.middleware import CLE_SESSION


def client_connecte(membre) -> Client:
    """Un client connecté en tant que ce membre, sur la collectivité de ce membre."""
    client = Client()
    client.force_login(membre.utilisateur)
    session = client.session
    session[CLE_SESSION] = membre.collectivite_id
    session.save()
    return client
