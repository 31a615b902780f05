import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from collectivites.edition import EditionView, SuppressionView, erreur_en_texte
from collectivites.perms import MembreRequisMixin, peut_contribuer, peut_valider_feuille_de_route
from strategie_nr.plateforme.selectors import historique_de_l_objet, historique_des_types
from strategie_nr.referentiel.models import ActionExemple, Axe, Pratique

from . import graphiques, selectors, services
from .enums import DIFFICULTE_DEPUIS_GUIDE, PRIORITE_DEPUIS_GUIDE, StatutVersion
from .forms import (
    FORMSETS,
    CommentaireForm,
    ComparaisonForm,
    FicheForm,
    FiltresForm,
    RenvoiForm,
    ValidationForm,
    formsets_construire,
    lignes,
)
from .models import Evenement, FicheAction, VersionFeuilleDeRoute
from .perms import peut_commenter, peut_modifier_fiche

CONSEIL_ANCT = (15, 20)


def _lien(request, version) -> str:
    return request.build_absolute_uri(reverse("fiches:version", args=[version.pk]))


class FeuilleDeRouteView(MembreRequisMixin, TemplateView):
    """La version courante (ou une version choisie) : tableau, matrice, Gantt, budget."""

    template_name = "strategie_nr/fiches/feuille_de_route.html"

    def version(self):
        return selectors.version_courante(self.collectivite)

    def get_context_data(self, **kwargs):
        version = self.version()
        axes = list(Axe.objects.all())
        fiches = selectors.fiches_lues(version)
        responsables = {(f["responsable_id"], f["responsable"]) for f in fiches}
        filtres = FiltresForm(self.request.GET or None, axes=axes, responsables=responsables)
        filtrees = filtres.filtrer(fiches)
        par_axe = selectors.fiches_par_axe(fiches, axes)
        budget = selectors.budget_consolide(fiches)
        return super().get_context_data(
            version=version,
            courante=version,
            empreinte_fichier=selectors.empreinte_du_fichier(version),
            est_courante=True,
            fiches=filtrees,
            nombre_total=len(fiches),
            filtres=filtres,
            filtre_actif=bool(self.request.GET),
            par_axe=par_axe,
            budget=budget,
            budget_lignes=[
                {
                    "axe": ligne["axe"],
                    "moyens": budget["moyens_par_axe"].get(ligne["axe"].numero),
                    **budget["par_axe"][ligne["axe"].numero],
                }
                for ligne in par_axe
                if ligne["axe"].numero in budget["par_axe"]
            ],
            conseil=CONSEIL_ANCT,
            dans_le_conseil=CONSEIL_ANCT[0] <= len(fiches) <= CONSEIL_ANCT[1],
            manque=CONSEIL_ANCT[0] - len(fiches),
            matrice=graphiques.matrice_svg(selectors.donnees_matrice(fiches)),
            gantt=graphiques.gantt_svg(selectors.donnees_gantt(fiches)),
            barres_axes=graphiques.barres_axes_svg(par_axe, CONSEIL_ANCT),
            peut_contribuer=peut_contribuer(self.membre),
            peut_valider=peut_valider_feuille_de_route(self.membre),
            lien_ajout_pieces=reverse("pieces:ajouter_version", args=[version.pk])
            if version and peut_contribuer(self.membre)
            else "",
            **kwargs,
        )


class VersionView(FeuilleDeRouteView):
    def version(self):
        if "pk" not in self.kwargs:
            return selectors.version_courante(self.collectivite)
        return get_object_or_404(
            VersionFeuilleDeRoute.objects.for_collectivite(self.collectivite).select_related(
                "soumise_par__utilisateur", "validee_par__utilisateur"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        contexte["courante"] = selectors.version_courante(self.collectivite)
        contexte["est_courante"] = contexte["courante"].pk == contexte["version"].pk
        return contexte


def _fiche_de(collectivite, pk) -> FicheAction:
    return get_object_or_404(
        FicheAction.objects.for_collectivite(collectivite).select_related(
            "version__feuille_de_route", "responsable"
        ),
        pk=pk,
    )


class FicheView(MembreRequisMixin, TemplateView):
    """Une fiche : depuis l'instantané si sa version est validée."""

    template_name = "strategie_nr/fiches/fiche.html"

    def get_context_data(self, **kwargs):
        commentaire_form = kwargs.pop("commentaire_form", None)
        if commentaire_form is None and peut_commenter(self.membre):
            commentaire_form = CommentaireForm()
        fiche = _fiche_de(self.collectivite, self.kwargs["pk"])
        version = fiche.version
        lue = selectors.fiche_lue(fiche)
        if lue is None:
            raise Http404
        historique = historique_de_l_objet(
            self.collectivite, objet_type="fiches.ficheaction", objet_cle=fiche.lignee, limite=50
        )
        return super().get_context_data(
            fiche=lue,
            objet=fiche,
            version=version,
            historique=historique,
            peut_modifier=version.est_modifiable and peut_modifier_fiche(self.membre, fiche),
            commentaires=selectors.commentaires_de(self.collectivite, fiche.lignee),
            commentaire_form=commentaire_form,
            pseudos=selectors.pseudos_des_membres(self.collectivite)
            if peut_commenter(self.membre)
            else [],
            lien_ajout_pieces=reverse("pieces:ajouter_fiche", args=[fiche.pk])
            if peut_modifier_fiche(self.membre, fiche)
            else "",
            peut_nouvelle_version=version.est_validee
            and peut_contribuer(self.membre)
            and not VersionFeuilleDeRoute.objects.for_collectivite(self.collectivite)
            .exclude(statut=StatutVersion.VALIDEE)
            .exists(),
            **kwargs,
        )


class CommenterView(EditionView, FicheView):
    """Ajoute un message à la discussion de la fiche ; une saisie refusée revient sur la page
    de la fiche, telle qu'écrite, avec son erreur."""

    permission = staticmethod(peut_commenter)
    http_method_names = ["post"]

    def fiche(self) -> FicheAction:
        if not hasattr(self, "_fiche"):
            self._fiche = _fiche_de(self.collectivite, self.kwargs["pk"])
        return self._fiche

    def formulaire(self, donnees=None):
        return CommentaireForm(donnees)

    def enregistrer(self, form):
        """Rend `(commentaire, créé, mentions)`, ce que dit ensuite `annoncer`."""
        fiche = self.fiche()
        return services.commentaire_ajouter(
            fiche=fiche,
            auteur=self.membre,
            texte=form.cleaned_data["texte"],
            jeton=form.cleaned_data["jeton"],
            lien=self.request.build_absolute_uri(fiche.get_absolute_url()),
        )

    def succes(self, resultat) -> str:
        return self.fiche().get_absolute_url() + "#commentaires"

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form, commentaire_form=form, **kwargs)

    def annoncer(self, resultat):
        _, cree, mentions = resultat
        if not cree:
            messages.info(self.request, "Ce commentaire était déjà enregistré.")
            return
        prevenus = [m for m in mentions.membres if m.pk != self.membre.pk]
        if prevenus:
            noms = ", ".join(str(m.utilisateur) for m in prevenus)
            messages.success(self.request, f"Commentaire enregistré ; prévenu par e-mail : {noms}.")
        else:
            messages.success(self.request, "Commentaire enregistré.")
        for pseudo in mentions.ambigus:
            messages.warning(
                self.request,
                f"@{pseudo} désigne plusieurs membres : personne n'a été prévenu pour cette "
                "mention. Écrivez l'adresse e-mail entière après le @.",
            )
        for pseudo in mentions.inconnus:
            messages.warning(
                self.request,
                f"Aucun membre actif ne répond à @{pseudo} : personne n'a été prévenu pour "
                "cette mention.",
            )


class FicheEditionView(EditionView):
    """La fiche et ses tableaux de lignes (indicateurs, actions, budgets), validés ensemble."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/fiches/fiche_formulaire.html"
    message = "La fiche « {objet.titre} » est enregistrée."
    conflits = (services.ConflitEdition,)

    def fiche(self) -> FicheAction | None:
        return None

    def initial(self) -> dict:
        return {}

    def lignes_initiales(self) -> dict | None:
        return None

    def formulaire(self, donnees=None):
        """La fiche ; ses tableaux de lignes vont dans `self.formsets`."""
        if donnees is None:
            self.formsets = formsets_construire(
                initial=self.lignes_initiales(), collectivite=self.collectivite
            )
            return FicheForm(
                initial=self.initial(), collectivite=self.collectivite, instance=self.fiche()
            )
        self.formsets = formsets_construire(donnees, collectivite=self.collectivite)
        return FicheForm(donnees, collectivite=self.collectivite, instance=self.fiche())

    def est_valide(self, form) -> bool:
        # Tout est validé, pour montrer toutes les erreurs d'un coup.
        lignes_valides = [f.is_valid() for f in self.formsets.values()]
        return form.is_valid() & all(lignes_valides)

    def arguments(self, form) -> dict:
        return {
            "donnees": form.donnees_service(),
            "contributeurs": list(form.cleaned_data.get("contributeurs") or []),
            **{nom: lignes(formset) for nom, formset in self.formsets.items()},
        }

    def get_context_data(self, form=None, conflit=False, ajout="", **kwargs):
        form = form or self.formulaire()
        fiche = self.fiche()
        return super().get_context_data(
            form=form,
            formsets=self.formsets,
            fiche=fiche,
            conflit=conflit,
            ajout=ajout,
            erreurs=bool(form.errors)
            or any(f.total_error_count() for f in self.formsets.values() if f.is_bound),
            version=fiche.version if fiche else selectors.version_courante(self.collectivite),
            **kwargs,
        )

    def en_conflit(self, form, conflit):
        form.add_error(None, str(conflit))
        contexte = self.get_context_data(form=form, conflit=True)
        return self.render_to_response(contexte, status=409)

    def post(self, request, *args, **kwargs):
        if "ajouter" in request.POST:
            return self.ajouter_ligne()
        return super().post(request, *args, **kwargs)

    def ajouter_ligne(self):
        """Sans JavaScript, « Ajouter une ligne » renvoie le formulaire tel que saisi, avec une
        ligne vide de plus dans le tableau demandé ; rien n'est enregistré ni signalé."""
        donnees = self.request.POST.copy()
        prefixe = donnees.get("ajouter", "")
        total = f"{prefixe}-TOTAL_FORMS"
        if prefixe in FORMSETS and donnees.get(total, "").isdigit():
            donnees[total] = str(min(int(donnees[total]) + 1, 50))
        form = self.formulaire(donnees)
        form._errors = ErrorDict()  # une saisie en cours n'est pas une saisie refusée
        for formset in self.formsets.values():
            formset._errors, formset._non_form_errors = [], ErrorList()
            for ligne in formset.forms:
                ligne._errors = ErrorDict()
        return self.render_to_response(self.get_context_data(form=form, ajout=prefixe))


class FicheCreerView(FicheEditionView):
    """Fiche vierge, ou préremplie depuis une action d'exemple (?action=) ou une pratique
    (?pratique=)."""

    def initial(self) -> dict:
        initial = {"responsable": self.membre.pk}
        action_pk = self.request.GET.get("action", "")
        code = self.request.GET.get("pratique", "")
        if action_pk.isdigit() and len(action_pk) < 10:
            action = ActionExemple.objects.select_related("axe").filter(pk=action_pk).first()
            if action:
                initial |= {
                    "axe": action.axe_id,
                    "titre": action.texte.split("(http")[0].strip()[:300],
                    "levier_libre": action.texte[:300],
                    "action_exemple": action.pk,
                }
        elif code:
            pratique = Pratique.objects.filter(code=code).first()
            if pratique:
                initial |= {
                    "pratique": pratique.pk,
                    "titre": pratique.titre[:300],
                    "priorite": PRIORITE_DEPUIS_GUIDE[pratique.priorite],
                    "difficulte": DIFFICULTE_DEPUIS_GUIDE[pratique.difficulte],
                    "axe": selectors.axe_de_pratique(pratique),
                    "dimension": selectors.dimension_de_pratique(pratique),
                }
        return initial

    def get(self, request, *args, **kwargs):
        erreur = selectors.raison_non_modifiable(self.collectivite)
        if erreur:
            messages.error(request, erreur)
            return redirect("fiches:index")
        return super().get(request, *args, **kwargs)

    def enregistrer(self, form):
        return services.fiche_creer(
            collectivite=self.collectivite, auteur=self.membre, **self.arguments(form)
        )


def _fiche_modifiable(vue, verbe: str) -> FicheAction:
    """La fiche de la collectivité (404 ailleurs) que le membre peut modifier (403 sinon)."""
    if not hasattr(vue, "_fiche"):
        fiche = _fiche_de(vue.collectivite, vue.kwargs["pk"])
        if not peut_modifier_fiche(vue.membre, fiche):
            raise PermissionDenied(f"Seuls le responsable de la fiche et le référent la {verbe}.")
        vue._fiche = fiche
    return vue._fiche


class FicheModifierView(FicheEditionView):
    def fiche(self):
        return _fiche_modifiable(self, "modifient")

    def lignes_initiales(self) -> dict:
        return selectors.lignes_de_fiche(self.fiche())

    def get(self, request, *args, **kwargs):
        fiche = self.fiche()
        if not fiche.version.est_modifiable:
            messages.error(request, selectors.raison_version_figee(fiche.version))
            return redirect(fiche)
        return super().get(request, *args, **kwargs)

    def enregistrer(self, form):
        return services.fiche_modifier(
            fiche=self.fiche(),
            auteur=self.membre,
            revision=form.cleaned_data.get("revision") or 0,
            **self.arguments(form),
        )


class FicheSupprimerView(SuppressionView):
    """Confirmation (GET) puis retrait de la fiche de la version de travail (POST)."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/fiches/fiche_supprimer.html"
    message = "La fiche « {objet.titre} » est retirée de la feuille de route."

    def objet(self):
        return _fiche_modifiable(self, "retirent")

    def supprimer(self, fiche) -> None:
        services.fiche_supprimer(fiche=fiche, auteur=self.membre)

    def succes(self, fiche) -> str:
        return reverse("fiches:index")

    def apres_refus(self, fiche) -> str:
        return fiche.get_absolute_url()

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        contexte["fiche"] = contexte["objet"]
        return contexte


def _version_de(collectivite, pk) -> VersionFeuilleDeRoute:
    return get_object_or_404(
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite).select_related(
            "feuille_de_route"
        ),
        pk=pk,
    )


class SoumettreView(MembreRequisMixin, View):
    permission = staticmethod(peut_contribuer)

    def post(self, request, pk):
        version = _version_de(self.collectivite, pk)
        try:
            services.feuille_de_route_soumettre(
                version=version, auteur=self.membre, lien=_lien(request, version)
            )
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            messages.success(
                request, f"La version {version.libelle} est soumise : les référents sont prévenus."
            )
        return redirect("fiches:index")


class DecisionView(EditionView):
    """Valider (date du COPIL) ou renvoyer (commentaire) une version soumise."""

    permission = staticmethod(peut_valider_feuille_de_route)
    template_name = "strategie_nr/fiches/decision.html"

    def version(self) -> VersionFeuilleDeRoute:
        if not hasattr(self, "_version"):
            self._version = _version_de(self.collectivite, self.kwargs["pk"])
        return self._version

    def formulaire(self, donnees=None):
        if donnees is not None and "renvoyer" in donnees:
            return RenvoiForm(donnees)
        return ValidationForm(donnees)

    def enregistrer(self, form):
        version = self.version()
        lien = _lien(self.request, version)
        if isinstance(form, RenvoiForm):
            services.feuille_de_route_renvoyer(
                version=version,
                auteur=self.membre,
                commentaire=form.cleaned_data["commentaire"],
                lien=lien,
            )
        else:
            services.feuille_de_route_valider(
                version=version,
                auteur=self.membre,
                date_copil=form.cleaned_data["date_copil"],
                lien=lien,
            )
        return version

    def message_de_succes(self, version) -> str:
        if "renvoyer" in self.request.POST:
            return f"La version {version.libelle} est renvoyée."
        return (
            f"La version {version.libelle} est validée : elle est figée. Son "
            "document officiel est en préparation (page Documents)."
        )

    def succes(self, version) -> str:
        return reverse("fiches:version", kwargs={"pk": version.pk})

    def get_context_data(self, form=None, **kwargs):
        version = self.version()
        saisi = "renvoi" if isinstance(form, RenvoiForm) else "validation"
        formulaires = {"validation": ValidationForm(), "renvoi": RenvoiForm()}
        if form is not None:
            formulaires[saisi] = form
        return super().get_context_data(
            form=formulaires[saisi],
            **formulaires,
            version=version,
            nombre_fiches=version.fiches.count(),
            soumise_par=version.soumise_par.utilisateur if version.soumise_par_id else None,
            **kwargs,
        )


class NouvelleVersionView(MembreRequisMixin, View):
    permission = staticmethod(peut_contribuer)

    def post(self, request):
        try:
            version = services.feuille_de_route_nouvelle_version(
                collectivite=self.collectivite, auteur=self.membre
            )
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
            return redirect("fiches:index")
        messages.success(request, f"La version {version.libelle} est ouverte en brouillon.")
        lignee = request.POST.get("fiche", "")
        copie = version.fiches.filter(lignee=lignee).first() if _uuid(lignee) else None
        if copie and peut_modifier_fiche(self.membre, copie):
            return redirect("fiches:modifier", pk=copie.pk)
        return redirect("fiches:index")


def _uuid(texte: str) -> bool:
    try:
        uuid.UUID(texte)
    except ValueError:
        return False
    return True


class HistoriqueView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/fiches/historique.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versions=selectors.versions(self.collectivite).annotate(nombre_fiches=Count("fiches")),
            evenements=Evenement.objects.for_collectivite(self.collectivite).select_related(
                "auteur__utilisateur", "version"
            )[:200],
            historique=historique_des_types(self.collectivite, "fiches.ficheaction"),
            **kwargs,
        )


class ComparerView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/fiches/comparer.html"

    def get_context_data(self, **kwargs):
        versions = list(selectors.versions(self.collectivite))
        form = ComparaisonForm(self.request.GET or None, versions=versions)
        if not self.request.GET and len(versions) >= 2:
            form = ComparaisonForm({"de": versions[1].pk, "a": versions[0].pk}, versions=versions)
        differences = None
        if form.is_bound and form.is_valid():
            par_pk = {v.pk: v for v in versions}
            differences = selectors.versions_comparer(
                par_pk[form.cleaned_data["de"]], par_pk[form.cleaned_data["a"]]
            )
        return super().get_context_data(
            form=form, versions=versions, differences=differences, **kwargs
        )
