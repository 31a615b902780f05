from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView

from collectivites.forms import erreurs_vers_formulaire
from collectivites.perms import MembreRequisMixin

from . import exports, graphiques, mesures, selectors, services
from .forms import EquipementForm, FiltreForm, ReformeForm
from .models import Equipement
from .perms import peut_modifier_parc, peut_voir_parc

PAR_PAGE = 50


class ListeView(MembreRequisMixin, TemplateView):
    template_name = "parc/liste.html"
    permission = staticmethod(peut_voir_parc)

    def get_context_data(self, **kwargs):
        filtre = FiltreForm(self.request.GET or None, collectivite=self.collectivite)
        equipements = selectors.equipements_filtres(self.collectivite, **filtre.filtres())
        page = Paginator(equipements, PAR_PAGE).get_page(self.request.GET.get("page"))
        parametres = self.request.GET.copy()
        parametres.pop("page", None)
        return super().get_context_data(
            filtre=filtre,
            page=page,
            parametres=parametres.urlencode(),
            peut_modifier=peut_modifier_parc(self.membre),
            **kwargs,
        )


class ExportView(MembreRequisMixin, TemplateView):
    permission = staticmethod(peut_voir_parc)

    def get(self, request, format):
        filtre = FiltreForm(request.GET or None, collectivite=self.collectivite)
        equipements = selectors.equipements_filtres(self.collectivite, **filtre.filtres())
        nom = f"parc-{slugify(self.collectivite.nom)}-{timezone.localdate():%Y-%m-%d}"
        if format == "csv":
            contenu, type_ = exports.csv_octets(equipements), "text/csv; charset=utf-8"
        elif format == "xlsx":
            contenu = exports.xlsx_octets(equipements)
            type_ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            raise Http404("Format d'export inconnu : csv ou xlsx.")
        reponse = HttpResponse(contenu, content_type=type_)
        reponse["Content-Disposition"] = f'attachment; filename="{nom}.{format}"'
        return reponse


class EquipementMixin:
    def equipement(self) -> Equipement:
        if not hasattr(self, "_equipement"):
            self._equipement = get_object_or_404(
                Equipement.objects.for_collectivite(self.collectivite).select_related("type"),
                pk=self.kwargs["pk"],
            )
        return self._equipement


class EquipementView(EquipementMixin, MembreRequisMixin, TemplateView):
    template_name = "parc/equipement.html"
    permission = staticmethod(peut_voir_parc)

    def get_context_data(self, **kwargs):
        equipement = self.equipement()
        return super().get_context_data(
            equipement=equipement,
            evenements=equipement.evenements.select_related("auteur")[:100],
            peut_modifier=peut_modifier_parc(self.membre),
            **kwargs,
        )


class FormulaireView(MembreRequisMixin, TemplateView):
    template_name = "parc/formulaire.html"
    permission = staticmethod(peut_modifier_parc)

    def get_context_data(self, form=None, conflit=None, **kwargs):
        return super().get_context_data(
            form=form or self.formulaire(), titre=self.titre, conflit=conflit, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        if form.is_valid():
            try:
                equipement = self.enregistrer(form)
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                messages.success(request, self.message)
                return redirect(equipement)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CreerView(FormulaireView):
    titre = "Ajouter un équipement"
    message = "L'équipement est ajouté au parc."

    def formulaire(self, donnees=None):
        instance = Equipement(collectivite=self.collectivite)
        return EquipementForm(
            donnees, instance=instance, initial={"annee_acquisition": timezone.localdate().year}
        )

    def enregistrer(self, form):
        champs = {champ: form.cleaned_data[champ] for champ in form.Meta.fields}
        return services.equipement_creer(
            collectivite=self.collectivite, auteur=self.request.user, **champs
        )


class ModifierView(EquipementMixin, FormulaireView):
    titre = "Modifier l'équipement"
    message = "Modifications enregistrées."

    def formulaire(self, donnees=None):
        equipement = self.equipement()
        self.avant = services.instantane(equipement)
        self.statut_avant = equipement.statut
        return EquipementForm(donnees, instance=equipement)

    def enregistrer(self, form):
        return services.equipement_modifier(
            equipement=form.instance,
            auteur=self.request.user,
            avant=self.avant,
            statut_avant=self.statut_avant,
            lu_le=form.cleaned_data["lu_le"],
        )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except services.EquipementModifieEntreTemps as conflit:
            # La saisie reste dans le formulaire ; la réenvoyer, après comparaison, l'applique.
            donnees = request.POST.copy()
            donnees["lu_le"] = conflit.actuel.modifie_le.isoformat()
            self._equipement = conflit.actuel
            form = self.formulaire(donnees)
            form.is_valid()
            form.add_error(None, str(conflit))
            contexte = self.get_context_data(form=form, conflit=conflit)
            return self.render_to_response(contexte, status=409)

    def get_context_data(self, **kwargs):
        return super().get_context_data(equipement=self.equipement(), **kwargs)


class ReformerView(EquipementMixin, FormulaireView):
    titre = "Réformer l'équipement"
    message = "L'équipement est réformé : sa fin d'usage et sa destination sont enregistrées."

    def formulaire(self, donnees=None):
        return ReformeForm(donnees, equipement=self.equipement())

    def get(self, request, *args, **kwargs):
        if self.equipement().statut == "reforme":
            messages.info(request, "Cet équipement est déjà réformé.")
            return redirect(self.equipement())
        return super().get(request, *args, **kwargs)

    def enregistrer(self, form):
        return services.equipement_reformer(
            equipement=self.equipement(), auteur=self.request.user, **form.cleaned_data
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(equipement=self.equipement(), **kwargs)


def _decimal(texte, defaut):
    try:
        valeur = Decimal(str(texte).replace(",", "."))
    except (InvalidOperation, ValueError):
        return defaut
    return valeur if Decimal("0.5") <= valeur <= Decimal(30) else defaut


class TableauDeBordView(MembreRequisMixin, TemplateView):
    template_name = "parc/tableau_de_bord.html"
    permission = staticmethod(peut_voir_parc)

    def get_context_data(self, **kwargs):
        annees = selectors.annees_disponibles()
        texte = self.request.GET.get("annee", "")
        if texte.isdigit() and int(texte) in annees:
            annee = int(texte)
        else:
            annee = selectors.annee_par_defaut(self.collectivite)
        synthese = selectors.parc_synthese(self.collectivite, annee)
        g = mesures.groupes(self.collectivite, annee, annees_achats=selectors.ANNEES_ACHATS)
        actuelle = mesures.duree_vie_moyenne(g, "ordinateur-portable")
        de = _decimal(
            self.request.GET.get("de", ""), (actuelle or Decimal(5)).quantize(Decimal("0.1"))
        )
        a = _decimal(self.request.GET.get("a", ""), de + 1)
        return super().get_context_data(
            synthese=synthese,
            annee=annee,
            annees=annees,
            simulation=mesures.simulation(g, type_code="ordinateur-portable", de=de, a=a),
            graphique_types=graphiques.barres_svg(
                synthese.par_type,
                identifiant="parc-types",
                titre=f"Équipements par type, fin {annee}",
            ),
            graphique_ages=graphiques.barres_svg(
                synthese.pyramide,
                identifiant="parc-ages",
                titre=f"Âge des équipements, fin {annee}",
            ),
            graphique_achats=graphiques.parts_svg(
                [(a_, achats["part_montant"]) for a_, achats in synthese.achats],
                seuil=mesures.SEUIL_AGEC,
                identifiant="parc-achats",
                titre="Part des achats en reconditionné (montant), par année",
            ),
            graphique_destinations=graphiques.barres_svg(
                synthese.destinations,
                identifiant="parc-destinations",
                titre=f"Destinations des équipements sortis en {annee}",
            ),
            **kwargs,
        )
