from django.utils import timezone
from django.views.generic import TemplateView

from collectivites.perms import MembreRequisMixin
from strategie_nr.documents.selectors import version_du_bilan
from strategie_nr.documents.synthese import synthese_elus
from strategie_nr.fiches.selectors import fiches_lues
from strategie_nr.referentiel.models import Axe

from .etapes import etapes_avancement, prerequis_decret
from .taches import taches_de


class TableauDeBordView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/tableau_de_bord.html"

    def get_context_data(self, **kwargs):
        synthese = None
        if self.membre.est_elu:
            # La même synthèse que celle qui suit la page de garde de la stratégie adoptée.
            aujourdhui = timezone.localdate()
            synthese = synthese_elus(
                collectivite=self.collectivite,
                fiches=fiches_lues(version_du_bilan(self.collectivite), aujourdhui),
                aujourdhui=aujourdhui,
                axes=list(Axe.objects.order_by("numero")),
            )
        return super().get_context_data(
            etapes=etapes_avancement(self.collectivite),
            decret=prerequis_decret(self.collectivite),
            echeances=self.collectivite.echeances_reen(),
            synthese=synthese,
            taches=taches_de(self.membre),
            **kwargs,
        )
