from django.views.generic import TemplateView

from collectivites.perms import MembreRequisMixin

from .selectors import etapes_avancement, prerequis_decret
from .taches import taches_de


class TableauDeBordView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/tableau_de_bord.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            etapes=etapes_avancement(self.collectivite),
            decret=prerequis_decret(self.collectivite),
            echeances=self.collectivite.echeances_reen(),
            taches=taches_de(self.membre),
            **kwargs,
        )
