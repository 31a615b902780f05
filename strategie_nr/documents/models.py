"""Modèles : documents officiels remis aux élus."""

from django.db import models

from collectivites.models import Collectivite
from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.plateforme.locataire import ModeleLocataire


class DocumentOfficiel(ModeleLocataire):
    """Le PDF de la stratégie d'une version validée, produit une fois à la validation.

    Ce sont ces octets que les élus téléchargent ensuite, identiques à chaque fois ; leur
    empreinte SHA-256 (« empreinte du fichier ») prouve qu'ils n'ont pas changé. Le HTML dont
    ils sont rendus est gardé avec eux : la version Word en reprend le même contenu.
    """

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="documents_officiels",
        verbose_name="collectivité",
    )
    version = models.OneToOneField(
        VersionFeuilleDeRoute,
        on_delete=models.PROTECT,
        related_name="document_officiel",
        verbose_name="version de la feuille de route",
    )
    contenu = models.BinaryField("PDF")
    somme_controle = models.CharField("empreinte du fichier (SHA-256)", max_length=64)
    taille = models.PositiveIntegerField("taille (octets)")
    source_html = models.TextField(
        "HTML du document",
        blank=True,
        help_text="Le HTML d'impression dont le PDF a été rendu : la version Word en est écrite, "
        "avec le même contenu figé.",
    )
    genere_le = models.DateTimeField("généré le", auto_now_add=True)

    class Meta:
        verbose_name = "document officiel"
        verbose_name_plural = "documents officiels"
        ordering = ["collectivite", "-version__numero"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(somme_controle=""), name="document_somme_renseignee"
            ),
        ]

    def __str__(self):
        return f"Stratégie {self.version.libelle} — {self.collectivite}"

    @property
    def empreinte(self) -> str:
        """L'empreinte SHA-256 du fichier PDF, sous le seul nom montré aux personnes."""
        return self.somme_controle
