"""Deux appels lancés au même instant, chacun avec sa connexion à la base."""

import threading

from django.db import connections


def en_meme_temps(fonction, *, attendues: tuple[type[Exception], ...], fois: int = 2) -> list:
    """Le résultat de chaque appel, ou l'exception attendue qu'il a levée."""
    depart, resultats = threading.Barrier(fois), []

    def appeler():
        try:
            depart.wait()
            resultats.append(fonction())
        except attendues as exception:
            resultats.append(exception)
        finally:
            connections.close_all()

    fils = [threading.Thread(target=appeler) for _ in range(fois)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    return resultats
