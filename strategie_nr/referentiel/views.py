from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .enums import Barometre
from .forms import FiltrePratiquesForm
from .models import Dimension, EtapeAnct, Famille, Pratique
from .selectors import axes_complets, pratiques_filtrees
from .services import source_guide


class ReferentielView(TemplateView):
    template_name = "strategie_nr/referentiel/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            axes=axes_complets(),
            dimensions=Dimension.objects.all(),
            barometre=Barometre.choices,
            etapes=EtapeAnct.objects.all(),
            **kwargs,
        )


class AxeView(TemplateView):
    template_name = "strategie_nr/referentiel/axe.html"

    def get_context_data(self, **kwargs):
        axe = get_object_or_404(axes_complets(), numero=self.kwargs["numero"])
        return super().get_context_data(axe=axe, **kwargs)


class PratiquesView(TemplateView):
    template_name = "strategie_nr/referentiel/pratiques.html"

    def get_context_data(self, **kwargs):
        familles = list(Famille.objects.all())
        form = FiltrePratiquesForm(self.request.GET or None, familles=familles)
        filtres = form.cleaned_data if form.is_valid() else {}
        pratiques = pratiques_filtrees(
            famille=filtres.get("famille", ""),
            priorite=filtres.get("priorite", ""),
            difficulte=filtres.get("difficulte", ""),
        )
        return super().get_context_data(
            form=form, pratiques=pratiques, source=source_guide(), **kwargs
        )


class PratiqueView(TemplateView):
    template_name = "strategie_nr/referentiel/pratique.html"

    def get_context_data(self, **kwargs):
        pratique = get_object_or_404(
            Pratique.objects.select_related("famille"), code=self.kwargs["code"]
        )
        return super().get_context_data(pratique=pratique, source=source_guide(), **kwargs)
