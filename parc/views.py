from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView

from collectivites.edition import EditionView
from collectivites.perms import MembreRequisMixin
from indicateurs.selectors import libelle_annee
from strategie_nr.plateforme.selectors import historique_de_l_objet, historique_des_types
from strategie_nr.travaux.views import vers_le_travail

from . import conformite, exports, graphiques, mesures, selectors, services
from .enums import Statut
from .forms import EquipementForm, FiltreForm, ReformeForm
from .models import Equipement
from .perms import peut_modifier_parc, peut_voir_parc
from .travaux import TYPE_XLSX, export_parc_demander

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
    """CSV servi en flux ; XLSX préparé par un processus de tâches au-delà de
    `EXPORT_EN_ARRIERE_PLAN_LIGNES` lignes (la page de suivi, puis le fichier)."""

    permission = staticmethod(peut_voir_parc)

    def get(self, request, format):
        filtre = FiltreForm(request.GET or None, collectivite=self.collectivite)
        equipements = selectors.equipements_filtres(self.collectivite, **filtre.filtres())
        nom = f"parc-{slugify(self.collectivite.nom)}-{timezone.localdate():%Y-%m-%d}"
        if format == "csv":
            reponse = StreamingHttpResponse(
                exports.csv_morceaux(equipements), content_type="text/csv; charset=utf-8"
            )
        elif format == "xlsx":
            if equipements.count() > settings.EXPORT_EN_ARRIERE_PLAN_LIGNES:
                travail = export_parc_demander(
                    collectivite=self.collectivite,
                    demandeur=self.membre,
                    parametres=filtre.filtres(),
                    nom_fichier=f"{nom}.xlsx",
                )
                return vers_le_travail(travail)
            reponse = HttpResponse(exports.xlsx_octets(equipements), content_type=TYPE_XLSX)
        else:
            raise Http404("Format d'export inconnu : csv ou xlsx.")
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
            historique=historique_de_l_objet(
                self.collectivite, objet_type="parc.equipement", objet_cle=equipement.pk
            ),
            peut_modifier=peut_modifier_parc(self.membre),
            **kwargs,
        )


class HistoriqueView(MembreRequisMixin, TemplateView):
    """Les modifications du parc, imports compris, des plus récentes aux plus anciennes."""

    template_name = "parc/historique.html"
    permission = staticmethod(peut_voir_parc)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            historique=historique_des_types(self.collectivite, "parc.equipement"), **kwargs
        )


class FormulaireView(EditionView):
    template_name = "parc/formulaire.html"
    permission = staticmethod(peut_modifier_parc)

    def get_context_data(self, conflit=None, **kwargs):
        return super().get_context_data(conflit=conflit, **kwargs)


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
            collectivite=self.collectivite, auteur=self.membre, **champs
        )


class ModifierView(EquipementMixin, FormulaireView):
    titre = "Modifier l'équipement"
    message = "Modifications enregistrées."
    conflits = (services.EquipementModifieEntreTemps,)

    def formulaire(self, donnees=None):
        equipement = self.equipement()
        self.avant = services.instantane(equipement)
        self.statut_avant = equipement.statut
        return EquipementForm(donnees, instance=equipement)

    def enregistrer(self, form):
        return services.equipement_modifier(
            equipement=form.instance,
            auteur=self.membre,
            avant=self.avant,
            statut_avant=self.statut_avant,
            lu_le=form.cleaned_data["lu_le"],
        )

    def en_conflit(self, form, conflit):
        # La saisie reste dans le formulaire ; la réenvoyer, après comparaison, l'applique.
        donnees = self.request.POST.copy()
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
    """Réformer (décision), puis enregistrer la sortie d'un équipement réformé qui attend."""

    @property
    def titre(self):
        if self.equipement().statut == Statut.REFORME:
            return "Enregistrer la sortie de l'équipement réformé"
        return "Réformer l'équipement"

    def formulaire(self, donnees=None):
        return ReformeForm(donnees, equipement=self.equipement())

    def get(self, request, *args, **kwargs):
        equipement = self.equipement()
        if (
            equipement.statut == Statut.REFORME
            and equipement.date_fin_usage
            and not equipement.a_completer
        ):
            messages.info(request, "Cet équipement est déjà réformé et sorti du parc.")
            return redirect(equipement)
        return super().get(request, *args, **kwargs)

    def enregistrer(self, form):
        deja_reforme = self.equipement().statut == Statut.REFORME
        equipement = services.equipement_reformer(
            equipement=self.equipement(), auteur=self.membre, **form.cleaned_data
        )
        if deja_reforme:
            self.message = "La sortie de l'équipement réformé est enregistrée."
        elif equipement.date_fin_usage:
            self.message = (
                "L'équipement est réformé : sa sortie et sa destination sont enregistrées."
            )
        else:
            self.message = "L'équipement est réformé ; il attend sa sortie (date et destination)."
        return equipement

    def get_context_data(self, **kwargs):
        return super().get_context_data(equipement=self.equipement(), **kwargs)


def _decimal(texte, defaut):
    try:
        valeur = Decimal(str(texte).replace(",", "."))
    except (InvalidOperation, ValueError):
        return defaut
    if not valeur.is_finite():  # NaN, sNaN, inf : ni comparables ni utiles
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
        derniere = synthese.agec_serie[-1][1]
        serie_objectif = derniere and derniere.objectif and derniere.objectif.part_reemploi
        g = mesures.groupes(self.collectivite, annee, annees_achats=selectors.ANNEES_ACHATS)
        actuelle = mesures.duree_vie_moyenne(g, "ordinateur-portable")
        de = _decimal(
            self.request.GET.get("de", ""), (actuelle or Decimal(5)).quantize(Decimal("0.1"))
        )
        a = _decimal(self.request.GET.get("a", ""), de + 1)
        return super().get_context_data(
            synthese=synthese,
            a_completer=selectors.a_completer_compter(self.collectivite),
            annee=annee,
            libelle_annee=libelle_annee(annee),
            annees=[(a, libelle_annee(a)) for a in annees],
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
                [(a_, part and part.part_reemploi) for a_, part in synthese.agec_serie],
                seuil=serie_objectif,
                identifiant="parc-achats",
                titre="Matériel informatique et téléphonie : part des dépenses issue du "
                "réemploi (dons compris), par année",
                libelle_seuil=f"objectif {annee}",
            ),
            reen_objectif_en_mots=conformite.objectif_en_mots(
                synthese.reen.objectif and synthese.reen.objectif.taux
            ),
            vers_deee=conformite.vers_deee(self.collectivite),
            echeance_declaration=conformite.echeance_declaration_agec(annee),
            peut_declarer=peut_modifier_parc(self.membre),
            graphique_destinations=graphiques.barres_svg(
                synthese.destinations,
                identifiant="parc-destinations",
                titre=f"Destinations des équipements sortis en {annee}",
            ),
            **kwargs,
        )


class DeclarationAgecView(MembreRequisMixin, TemplateView):
    """La déclaration annuelle AGEC de l'année (arrêté du 13 janvier 2025), en CSV au schéma
    national ; sans SIRET, un message dit quoi faire et rien n'est téléchargé. Préparer une
    déclaration revient à qui tient l'inventaire (agent, référent), pas à l'élu."""

    permission = staticmethod(peut_modifier_parc)

    def get(self, request):
        annees = selectors.annees_disponibles()
        texte = request.GET.get("annee", "")
        annee = int(texte) if texte.isdigit() and int(texte) in annees else annees[1]
        try:
            lignes = conformite.declaration_agec_lignes(self.collectivite, annee)
        except conformite.DeclarationImpossible as erreur:
            messages.error(request, str(erreur))
            return redirect(f"{reverse('parc:tableau_de_bord')}?annee={annee}")
        reponse = HttpResponse(
            exports.declaration_agec_csv(lignes, conformite.CHAMPS_DECLARATION),
            content_type="text/csv; charset=utf-8",
        )
        nom = f"declaration-agec-{annee}-{self.collectivite.siret}.csv"
        reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
        return reponse
