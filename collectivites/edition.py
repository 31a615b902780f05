"""Le parcours de saisie commun à toutes les pages qui écrivent.

GET montre le formulaire ; POST le valide, confie l'écriture à un service du domaine, rattache
au formulaire les erreurs que le service lève (`ValidationError`), ou redirige avec un message
de réussite en français. La collectivité courante, le membre et la permission viennent de
`MembreRequisMixin` ; une vue n'enregistre ni ne supprime jamais un modèle elle-même.

- `EditionView` : créer ou modifier (la vue dit `formulaire()` et `enregistrer(form)`) ;
- `SuppressionView` : confirmer sur sa propre page (GET), puis supprimer par le service (POST).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, resolve_url
from django.views.generic import TemplateView

from .forms import erreurs_vers_formulaire
from .perms import MembreRequisMixin


def erreur_en_texte(erreur: ValidationError) -> str:
    """Les messages d'une erreur de service, en une phrase pour un message de la page."""
    return " ".join(erreur.messages)


class EditionView(MembreRequisMixin, TemplateView):
    """Formulaire → service → erreurs sur le formulaire, ou redirection avec un message.

    À dire par chaque vue : `formulaire(donnees=None)` (le formulaire, lié si `donnees`),
    `enregistrer(form)` (appelle le service, rend l'objet enregistré). Selon le besoin :
    `message` (mis en forme avec `objet`), `annoncer(objet)` (les messages de réussite, quand
    un seul message de succès ne suffit pas), `succes(objet)` (l'adresse où aller, par défaut
    celle de l'objet), `titre`, `conflits` (exceptions d'une écriture concurrente : le
    formulaire revient tel que saisi, en 409, par `en_conflit`).
    """

    titre = ""
    message = ""
    conflits: tuple[type[Exception], ...] = ()

    def formulaire(self, donnees=None):
        raise NotImplementedError

    def enregistrer(self, form):
        raise NotImplementedError

    def est_valide(self, form) -> bool:
        return form.is_valid()

    def succes(self, objet) -> str:
        return resolve_url(objet)

    def message_de_succes(self, objet) -> str:
        return self.message.format(objet=objet)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self.formulaire(), titre=self.titre, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        if self.est_valide(form):
            try:
                objet = self.enregistrer(form)
            except self.conflits as conflit:
                return self.en_conflit(form, conflit)
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                self.annoncer(objet)
                return redirect(self.succes(objet))
        return self.refuser(form)

    def annoncer(self, objet) -> None:
        """Dit ce qui a été fait : par défaut `message_de_succes`, s'il n'est pas vide. Une vue
        dont l'écriture a plusieurs issues (déjà enregistré, mentions à signaler) en dit plus, à
        d'autres niveaux."""
        message = self.message_de_succes(objet)
        if message:
            messages.success(self.request, message)

    def refuser(self, form, status=400):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def en_conflit(self, form, conflit):
        """Quelqu'un a enregistré entre-temps : rien n'est écrit, la saisie reste affichée."""
        form.add_error(None, str(conflit))
        return self.refuser(form, status=409)


class SuppressionView(MembreRequisMixin, TemplateView):
    """Confirmation sur sa propre page (GET), puis suppression par le service (POST).

    À dire par chaque vue : `objet()` (cherché par `for_collectivite` : 404 ailleurs),
    `supprimer(objet)` (le service), `message` (mis en forme avec `objet`) et `succes(objet)`
    (l'adresse où aller ensuite).
    Une `ValidationError` du service revient en message d'erreur, et rien n'est supprimé.
    """

    message = ""

    def objet(self):
        raise NotImplementedError

    def supprimer(self, objet) -> None:
        raise NotImplementedError

    def succes(self, objet) -> str:
        raise NotImplementedError

    def apres_refus(self, objet) -> str:
        return self.succes(objet)

    def message_de_succes(self, objet) -> str:
        return self.message.format(objet=objet)

    def get_context_data(self, **kwargs):
        return super().get_context_data(objet=self.objet(), **kwargs)

    def post(self, request, *args, **kwargs):
        objet = self.objet()
        try:
            self.supprimer(objet)
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
            return redirect(self.apres_refus(objet))
        messages.success(request, self.message_de_succes(objet))
        return redirect(self.succes(objet))
