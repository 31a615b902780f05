"""Le rendu des PDF ne lit que des URI `data:` et les fichiers statiques de l'application."""

import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from strategie_nr.documents.rendu import BASE_DES_DOCUMENTS, pdf_depuis_html, ressource_autorisee


@pytest.fixture
def serveur_espion():
    """Un serveur HTTP local qui note chaque requête reçue."""
    requetes = []

    class Espion(BaseHTTPRequestHandler):
        def do_GET(self):
            requetes.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    serveur = HTTPServer(("127.0.0.1", 0), Espion)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield serveur.server_address[1], requetes
    serveur.shutdown()
    serveur.server_close()


def test_aucune_ressource_file_http_ou_ftp_n_est_lue(serveur_espion, monkeypatch):
    port, requetes = serveur_espion
    lus = []
    ouvrir = urllib.request.FileHandler.open_local_file

    def espion_fichier(self, req):
        lus.append(req.full_url)
        return ouvrir(self, req)

    monkeypatch.setattr(urllib.request.FileHandler, "open_local_file", espion_fichier)
    html = f"""<!doctype html><html lang="fr"><head><title>Essai</title>
      <link rel="stylesheet" href="http://127.0.0.1:{port}/vol.css">
      <style>@import url("ftp://127.0.0.1:{port}/x.css");</style></head>
      <body><p>Essai</p><img src="file:///etc/passwd" alt="">
      <img src="http://127.0.0.1:{port}/image.png" alt="">
      <img src="../../../../etc/passwd" alt=""><img src="/static/../../etc/passwd" alt="">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="point"></body></html>"""
    assert pdf_depuis_html(html).startswith(b"%PDF")
    assert requetes == [] and lus == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/x.css",
        "https://exemple.fr/x.css",
        "ftp://exemple.fr/x",
        f"{BASE_DES_DOCUMENTS}static/../settings.py",
        f"{BASE_DES_DOCUMENTS}static/%2e%2e/manage.py",
        f"{BASE_DES_DOCUMENTS}etc/passwd",
    ],
)
def test_adresses_refusees(url):
    with pytest.raises(ValueError, match="refusée"):
        ressource_autorisee(url)


def test_les_fichiers_statiques_de_l_application_sont_lus():
    contenu, type_ = ressource_autorisee(f"{BASE_DES_DOCUMENTS}static/css/app.css")
    assert type_ == "text/css" and contenu
    assert ressource_autorisee("data:text/plain,bonjour") is None  # lu par WeasyPrint
