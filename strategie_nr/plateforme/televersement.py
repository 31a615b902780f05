"""Recevoir un fichier envoyé sans dépasser une taille : ce qui dépasse n'est gardé ni en
mémoire ni sur disque (imports du parc, pièces justificatives)."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class TailleLimiteeUploadHandler(FileUploadHandler):
    """Abandonne un fichier envoyé plus gros que `taille_max` octets : le reste du flux est lu
    et jeté, `depasse` le dit à la vue, qui affiche un message clair."""

    def __init__(self, request=None, taille_max: int = 0):
        super().__init__(request)
        self.taille_max = taille_max
        self.depasse = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.taille_max:
            self.depasse = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
