"""Écritures : fiches actions et cycle de vie des versions de la feuille de route."""

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from collectivites.courriels import courriel_envoyer
from collectivites.models import Membre
from collectivites.perms import peut_contribuer, peut_valider_feuille_de_route
from collectivites.selectors import referents_actifs
from strategie_nr.plateforme import formats
from strategie_nr.plateforme.enums import ActionHistorique, NatureValeur
from strategie_nr.plateforme.services import (
    differences,
    historique_enregistrer,
    valeur_historique,
)

from .enums import (
    LIBELLES_DIFFICULTE,
    LIBELLES_PRIORITE,
    Engagement,
    Perimetre,
    StatutFiche,
    StatutVersion,
    TypeEvenement,
    UniteMoyens,
)
from .mentions import Mentions, mentions_trouver
from .models import (
    CHAMPS_FICHE,
    COMMENTAIRE_LONGUEUR_MAX,
    BudgetAnnuel,
    CommentaireFiche,
    Evenement,
    FeuilleDeRoute,
    FicheAction,
    IndicateurFiche,
    SousAction,
    VersionFeuilleDeRoute,
)
from .perms import peut_commenter, peut_modifier_fiche
from .selectors import (
    LIBELLES_CHAMPS,
    en_json,
    fiche_donnees,
    fiches_de_version,
    instantane_construire,
    raison_version_figee,
    somme_controle,
)


class ConflitEdition(Exception):
    """La fiche a été enregistrée par quelqu'un d'autre depuis son ouverture."""

    message = (
        "Cette fiche a été modifiée par une autre personne depuis que vous l'avez ouverte. "
        "Vos changements n'ont pas été enregistrés : ils sont toujours dans le formulaire. "
        "Ouvrez la fiche dans un autre onglet pour voir la version enregistrée, puis reportez-y "
        "vos changements."
    )


def _journaliser(*, version, type, auteur, details=None) -> Evenement:
    """Un événement du cycle de vie d'une version (créée, soumise, validée, renvoyée)."""
    return Evenement.objects.create(
        collectivite_id=version.feuille_de_route.collectivite_id,
        version=version,
        type=type,
        auteur=auteur,
        details=details or [],
    )


def _historique_fiche(*, version, fiche, auteur, action, changements=()) -> None:
    """Une entrée de l'historique commun sur une fiche, suivie par sa lignée d'une version à
    l'autre ; ses lignes (indicateurs, actions, budgets) sont des champs de la fiche."""
    if action == ActionHistorique.MODIFICATION and not changements:
        return
    historique_enregistrer(
        collectivite=version.feuille_de_route.collectivite_id,
        auteur=auteur,
        action=action,
        objet_type="fiches.ficheaction",
        objet_cle=fiche.lignee,
        objet_libelle=fiche.titre,
        changements=changements,
        resume=f"Version {version.libelle}.",
    )


_NATURES_FICHE = {
    "debut": NatureValeur.DATE,
    "fin": NatureValeur.DATE,
    "budget": NatureValeur.MONTANT,
    "moyens_humains": NatureValeur.NOMBRE,
}
_CHOIX_FICHE = {
    "priorite": LIBELLES_PRIORITE,
    "difficulte": LIBELLES_DIFFICULTE,
    "statut": dict(StatutFiche.choices),
    "engagement": dict(Engagement.choices),
    "moyens_unite": dict(UniteMoyens.choices),
}


def _ligne_budget(b: dict) -> str:
    texte = f"{b['annee']} : {formats.montant(b['montant'])}"
    return texte + (f" (dépensé {formats.montant(b['depense'])})" if b.get("depense") else "")


def _ligne_indicateur(i: dict) -> str:
    cible = ""
    if i.get("valeur_cible") not in (None, ""):
        cible = f" (cible {formats.nombre(i['valeur_cible'])} en {formats.annee(i['annee_cible'])})"
    return f"{i['libelle']}{cible}"


def _ligne_sous_action(a: dict) -> str:
    echeance = f", {formats.date_courte(a['echeance'])}" if a.get("echeance") else ""
    qui = f" — {a['qui']}" if a.get("qui") else ""
    return f"{a['quoi']}{qui}{echeance}{' (faite)' if a.get('fait') else ''}"


def _lisible(contenu: dict) -> dict:
    """Le contenu d'une fiche (`_contenu`) pour l'historique : libellés des choix, de l'axe et
    de la dimension, une ligne de texte par indicateur, action ou budget."""
    valeurs = {
        "axe": f"{contenu['axe']}. {contenu['axe_titre']}" if contenu.get("axe") else None,
        "dimension": contenu.get("dimension_titre") or None,
        "perimetres": [str(dict(Perimetre.choices)[p]) for p in contenu.get("perimetres", [])],
        "budgets": [_ligne_budget(b) for b in contenu.get("budgets", [])],
        "indicateurs": [_ligne_indicateur(i) for i in contenu.get("indicateurs", [])],
        "sous_actions": [_ligne_sous_action(a) for a in contenu.get("sous_actions", [])],
    }
    resultat = {}
    for champ, libelle in LIBELLES_CHAMPS.items():
        valeur = valeurs[champ] if champ in valeurs else contenu.get(champ)
        if champ in _CHOIX_FICHE and valeur not in (None, ""):
            valeur = str(_CHOIX_FICHE[champ].get(valeur, valeur))
        if isinstance(valeur, list):
            valeur = " ; ".join(str(v) for v in valeur)
        nature = _NATURES_FICHE.get(champ, NatureValeur.TEXTE)
        if valeur in (None, ""):
            valeur = None
        elif nature in (NatureValeur.MONTANT, NatureValeur.NOMBRE):
            valeur = valeur_historique(Decimal(str(valeur)))[1]  # « 30000.00 » → « 30000 »
        resultat[champ] = (libelle, nature, valeur)
    return resultat


def _exiger_modifiable(version) -> None:
    raison = raison_version_figee(version)
    if raison:
        raise ValidationError(raison)


def _version_de_travail(*, collectivite, auteur) -> VersionFeuilleDeRoute:
    """La version où écrire : la version en cours, sinon une nouvelle (v1, ou copie de la
    dernière validée)."""
    # Verrou sur la feuille : deux premières fiches simultanées n'ouvrent pas deux v1.
    feuille, _ = FeuilleDeRoute.objects.select_for_update().get_or_create(collectivite=collectivite)
    version = feuille.versions.order_by("-numero").first()
    if version is None:
        version = VersionFeuilleDeRoute.objects.create(
            feuille_de_route=feuille, numero=1, cree_par=auteur
        )
        _journaliser(version=version, type=TypeEvenement.VERSION_CREEE, auteur=auteur)
        return version
    if version.statut == StatutVersion.VALIDEE:
        return feuille_de_route_nouvelle_version(collectivite=collectivite, auteur=auteur)
    _exiger_modifiable(version)
    return version


def _verifier_budgets(donnees: dict, budgets: list[dict]) -> None:
    annees = [b["annee"] for b in budgets]
    if len(annees) != len(set(annees)):
        raise ValidationError({"budgets": "Chaque année ne peut figurer qu'une fois."})
    debut, fin = donnees.get("debut"), donnees.get("fin")
    if debut and fin:
        dehors = sorted(a for a in annees if a and not debut.year <= a <= fin.year)
        if dehors:
            raise ValidationError(
                {
                    "budgets": (
                        f"Budget {', '.join(map(str, dehors))} : hors des dates de la fiche "
                        f"({debut.year} à {fin.year}). Corrigez l'année du montant ou les dates "
                        "de la fiche."
                    )
                }
            )
    reparti = sum((Decimal(b["montant"]) for b in budgets), Decimal(0))
    budget = Decimal(donnees.get("budget") or 0)
    if reparti > budget:
        raise ValidationError(
            {
                "budget": f"La répartition par année ({reparti} €) dépasse le budget de la fiche "
                f"({budget} €)."
            }
        )


def _enregistrer_lignes(fiche, *, contributeurs, indicateurs, sous_actions, budgets) -> None:
    """Remplace les lignes données ; `None` laisse celles de la fiche telles quelles."""
    if contributeurs is not None:
        fiche.contributeurs.set(contributeurs)
    lignes = []
    if indicateurs is not None:
        fiche.indicateurs.all().delete()
        lignes += [IndicateurFiche(fiche=fiche, ordre=n, **i) for n, i in enumerate(indicateurs)]
    if sous_actions is not None:
        fiche.sous_actions.all().delete()
        lignes += [SousAction(fiche=fiche, ordre=n, **s) for n, s in enumerate(sous_actions)]
    if budgets is not None:
        fiche.budgets.all().delete()
        lignes += [BudgetAnnuel(fiche=fiche, **b) for b in budgets]
    for ligne in lignes:
        ligne.full_clean(exclude=["fiche"])
    for modele in (IndicateurFiche, SousAction, BudgetAnnuel):
        modele.objects.bulk_create([ligne for ligne in lignes if type(ligne) is modele])


def _verifier_contributeurs(collectivite, contributeurs) -> None:
    if any(m.collectivite_id != collectivite.pk for m in contributeurs):
        raise ValidationError({"contributeurs": "Les contributeurs doivent être membres."})


@transaction.atomic
def fiche_creer(
    *,
    collectivite,
    auteur,
    donnees: dict,
    contributeurs=(),
    indicateurs=(),
    sous_actions=(),
    budgets=(),
) -> FicheAction:
    """Ajoute une fiche à la version de travail (créée au besoin : v1, ou après une validée)."""
    if not peut_contribuer(auteur):
        raise ValidationError("Votre rôle ne permet pas de rédiger une fiche action.")
    _verifier_budgets(donnees, list(budgets))
    _verifier_contributeurs(collectivite, contributeurs)
    version = _version_de_travail(collectivite=collectivite, auteur=auteur)
    fiche = FicheAction(version=version, **{k: v for k, v in donnees.items() if k in CHAMPS_FICHE})
    fiche.full_clean()
    fiche.save()
    _enregistrer_lignes(
        fiche,
        contributeurs=contributeurs,
        indicateurs=list(indicateurs),
        sous_actions=list(sous_actions),
        budgets=list(budgets),
    )
    _historique_fiche(
        version=version,
        fiche=fiche,
        auteur=auteur,
        action=ActionHistorique.CREATION,
        changements=differences(
            {}, _lisible(_contenu(fiches_de_version(version).get(pk=fiche.pk)))
        ),
    )
    return fiche


def _contenu(fiche) -> dict:
    return en_json({k: v for k, v in fiche_donnees(fiche).items() if k != "pk"})


@transaction.atomic
def fiche_modifier(
    *,
    fiche: FicheAction,
    auteur,
    revision: int,
    donnees: dict,
    contributeurs=None,
    indicateurs=None,
    sous_actions=None,
    budgets=None,
) -> FicheAction:
    """Enregistre la fiche si personne ne l'a fait depuis `revision` (verrou optimiste).

    Lève `ConflitEdition` sinon : rien n'est écrit.
    """
    version = VersionFeuilleDeRoute.objects.select_related("feuille_de_route").get(
        pk=fiche.version_id
    )
    _exiger_modifiable(version)
    actuelle = fiches_de_version(version).get(pk=fiche.pk)
    if not peut_modifier_fiche(auteur, actuelle):
        raise ValidationError(
            "Seuls le responsable de la fiche et le référent peuvent la modifier."
        )
    collectivite = version.feuille_de_route.collectivite
    if budgets is None:
        budgets_verifies = [
            {"annee": b.annee, "montant": b.montant} for b in actuelle.budgets.all()
        ]
    else:
        budgets_verifies = list(budgets)
    _verifier_budgets(
        {"budget": fiche.budget, "debut": fiche.debut, "fin": fiche.fin} | donnees,
        budgets_verifies,
    )
    _verifier_contributeurs(collectivite, contributeurs or [])
    avant = _contenu(actuelle)
    for champ, valeur in donnees.items():
        if champ in CHAMPS_FICHE:
            setattr(fiche, champ, valeur)
    fiche.version = version
    fiche.full_clean(exclude=["revision"])
    champs = {
        f.attname: getattr(fiche, f.attname)
        for f in FicheAction._meta.concrete_fields
        if f.name in CHAMPS_FICHE
    }
    modifiees = FicheAction.objects.filter(pk=fiche.pk, revision=revision).update(
        **champs, revision=F("revision") + 1, modifiee_le=timezone.now()
    )
    if modifiees != 1:
        raise ConflitEdition(ConflitEdition.message)
    fiche.revision = revision + 1
    _enregistrer_lignes(
        fiche,
        contributeurs=contributeurs,
        indicateurs=indicateurs,
        sous_actions=sous_actions,
        budgets=budgets,
    )
    apres = _contenu(fiches_de_version(version).get(pk=fiche.pk))
    _historique_fiche(
        version=version,
        fiche=fiche,
        auteur=auteur,
        action=ActionHistorique.MODIFICATION,
        changements=differences(_lisible(avant), _lisible(apres)),
    )
    return fiche


@transaction.atomic
def fiche_supprimer(*, fiche: FicheAction, auteur) -> None:
    version = fiche.version
    _exiger_modifiable(version)
    if not peut_modifier_fiche(auteur, fiche):
        raise ValidationError("Seuls le responsable de la fiche et le référent peuvent la retirer.")
    if fiche.pieces.exists():
        raise ValidationError(
            "Des pièces justificatives sont jointes à cette fiche dans cette version : "
            "supprimez-les d'abord (en bas de la fiche), puis retirez la fiche."
        )
    _historique_fiche(
        version=version, fiche=fiche, auteur=auteur, action=ActionHistorique.SUPPRESSION
    )
    fiche.delete()


SUJETS = {
    "soumission": "Feuille de route {version} soumise pour validation — {collectivite}",
    "validation": "Feuille de route {version} validée — {collectivite}",
    "renvoi": "Feuille de route {version} renvoyée — {collectivite}",
}


def _courriel(*, version, auteur, lien: str, gabarit: str, destinataires: list[str]) -> None:
    """Prépare le courriel ; il ne part qu'une fois la transaction validée (une validation
    annulée en route n'annonce rien à personne), par un processus de tâches."""
    collectivite = version.feuille_de_route.collectivite
    courriel_envoyer(
        sujet=SUJETS[gabarit].format(version=version.libelle, collectivite=collectivite),
        gabarit=f"strategie_nr/fiches/emails/{gabarit}.txt",
        contexte={"version": version, "auteur": auteur, "lien": lien, "collectivite": collectivite},
        destinataires=destinataires,
    )


def _prevenir_soumetteur(version, *, auteur, lien: str, gabarit: str) -> None:
    destinataires = [version.soumise_par.utilisateur.email] if version.soumise_par else []
    _courriel(
        version=version, auteur=auteur, lien=lien, gabarit=gabarit, destinataires=destinataires
    )


def _verrouiller(version) -> VersionFeuilleDeRoute:
    return (
        VersionFeuilleDeRoute.objects.select_for_update(of=("self",))
        .select_related("feuille_de_route__collectivite", "soumise_par__utilisateur")
        .get(pk=version.pk)
    )


@transaction.atomic
def feuille_de_route_soumettre(
    *, version, auteur, lien: str = "", notifier: bool = True
) -> VersionFeuilleDeRoute:
    """Brouillon ou renvoyée → soumise (par un agent ou un référent) ; prévient les référents
    (sauf `notifier=False`, pour les données de démonstration)."""
    version = _verrouiller(version)
    if not peut_contribuer(auteur):
        raise ValidationError("Votre rôle ne permet pas de soumettre la feuille de route.")
    if version.statut not in (StatutVersion.BROUILLON, StatutVersion.RENVOYEE):
        raise ValidationError(
            f"La version {version.libelle} est {version.get_statut_display().lower()} : "
            "elle ne peut pas être soumise."
        )
    if not version.fiches.exists():
        raise ValidationError("Rédigez au moins une fiche action avant de soumettre.")
    version.statut = StatutVersion.SOUMISE
    version.soumise_par = auteur
    version.soumise_le = timezone.now()
    version.full_clean()
    version.save()
    _journaliser(version=version, type=TypeEvenement.VERSION_SOUMISE, auteur=auteur)
    if notifier:
        _courriel(
            version=version,
            auteur=auteur,
            lien=lien,
            gabarit="soumission",
            destinataires=[
                m.utilisateur.email
                for m in referents_actifs(version.feuille_de_route.collectivite).select_related(
                    "utilisateur"
                )
            ],
        )
    return version


def _exiger_soumise(version, verbe: str) -> None:
    if version.statut != StatutVersion.SOUMISE:
        raise ValidationError(
            f"Seule une version soumise peut être {verbe} ; la version {version.libelle} est "
            f"{version.get_statut_display().lower()}."
        )


@transaction.atomic
def feuille_de_route_valider(
    *, version, auteur, date_copil, lien: str = "", notifier: bool = True
) -> VersionFeuilleDeRoute:
    """Soumise → validée : enregistre l'instantané immuable et sa somme SHA-256."""
    version = _verrouiller(version)
    if not peut_valider_feuille_de_route(auteur):
        raise ValidationError("Seul le référent peut valider la feuille de route.")
    _exiger_soumise(version, "validée")
    if date_copil is None:
        raise ValidationError({"date_copil": "Indiquez la date du COPIL qui a validé."})
    if date_copil > timezone.localdate():
        raise ValidationError({"date_copil": "La date du COPIL ne peut pas être dans le futur."})
    instantane = instantane_construire(version)
    version.statut = StatutVersion.VALIDEE
    version.validee_par = auteur
    version.validee_le = timezone.now()
    version.date_copil = date_copil
    version.instantane = instantane
    version.somme_controle = somme_controle(instantane)
    version.full_clean()
    version.save()
    _journaliser(version=version, type=TypeEvenement.VERSION_VALIDEE, auteur=auteur)
    if notifier:
        _prevenir_soumetteur(version, auteur=auteur, lien=lien, gabarit="validation")
    _apres_validation(version, auteur)
    return version


# Ce qui suit la validation d'une version, déclaré par les couches du dessus depuis le `ready()`
# de leur application (les documents y demandent le document officiel) : les fiches ne
# dépendent pas des documents.
APRES_VALIDATION: list[Callable] = []


def apres_validation_enregistrer(fonction: Callable) -> None:
    """`fonction(*, version, demandeur)` est appelée dans la transaction de la validation."""
    if fonction not in APRES_VALIDATION:
        APRES_VALIDATION.append(fonction)


def _apres_validation(version, auteur) -> None:
    """Appelé une fois la version validée enregistrée : le document officiel est demandé à un
    processus de tâches, qui le produit après la validation ; la transaction reste courte."""
    for fonction in APRES_VALIDATION:
        fonction(version=version, demandeur=auteur)


@transaction.atomic
def feuille_de_route_renvoyer(
    *, version, auteur, commentaire: str, lien: str = "", notifier: bool = True
) -> VersionFeuilleDeRoute:
    """Soumise → renvoyée avec un commentaire ; prévient la personne qui a soumis."""
    version = _verrouiller(version)
    if not peut_valider_feuille_de_route(auteur):
        raise ValidationError("Seul le référent peut renvoyer la feuille de route.")
    _exiger_soumise(version, "renvoyée")
    commentaire = (commentaire or "").strip()
    if not commentaire:
        raise ValidationError(
            {"commentaire": "Expliquez ce qui doit être repris avant une nouvelle soumission."}
        )
    version.statut = StatutVersion.RENVOYEE
    version.renvoyee_par = auteur
    version.renvoyee_le = timezone.now()
    version.commentaire_renvoi = commentaire
    version.full_clean()
    version.save()
    _journaliser(
        version=version, type=TypeEvenement.VERSION_RENVOYEE, auteur=auteur, details=[commentaire]
    )
    if notifier:
        _prevenir_soumetteur(version, auteur=auteur, lien=lien, gabarit="renvoi")
    return version


@transaction.atomic
def feuille_de_route_nouvelle_version(*, collectivite, auteur) -> VersionFeuilleDeRoute:
    """Nouveau brouillon (v2, v3…) qui reprend les fiches de la dernière version validée."""
    if not peut_contribuer(auteur):
        raise ValidationError("Votre rôle ne permet pas de créer une version.")
    feuille, _ = FeuilleDeRoute.objects.select_for_update().get_or_create(collectivite=collectivite)
    en_cours = feuille.versions.exclude(statut=StatutVersion.VALIDEE).first()
    if en_cours is not None:
        raise ValidationError(
            f"La version {en_cours.libelle} est déjà en cours : terminez-la avant d'en créer une."
        )
    derniere = feuille.versions.validees().order_by("-numero").first()
    numero = (feuille.versions.aggregate(n=Max("numero"))["n"] or 0) + 1
    version = VersionFeuilleDeRoute.objects.create(
        feuille_de_route=feuille, numero=numero, cree_par=auteur
    )
    if derniere is not None:
        _copier_fiches(depuis=derniere, vers=version)
    _journaliser(
        version=version,
        type=TypeEvenement.VERSION_CREEE,
        auteur=auteur,
        details=[f"Reprise de la version {derniere.libelle}"] if derniere else [],
    )
    return version


def _copier_fiches(*, depuis, vers) -> None:
    sources = list(fiches_de_version(depuis))
    copies = []
    for source in sources:
        copie = FicheAction(
            **{
                champ.attname: getattr(source, champ.attname)
                for champ in FicheAction._meta.concrete_fields
                if champ.name not in ("id", "version", "revision", "cree_le", "modifiee_le")
            }
        )
        copie.version = vers
        copies.append(copie)
    copies = FicheAction.objects.bulk_create(copies)
    if copies and copies[0].pk is None:  # base sans RETURNING : on relit les clés
        par_lignee = dict(FicheAction.objects.filter(version=vers).values_list("lignee", "pk"))
        for copie in copies:
            copie.pk = par_lignee[copie.lignee]
    Contributeur = FicheAction.contributeurs.through
    lignes = {IndicateurFiche: [], SousAction: [], BudgetAnnuel: [], Contributeur: []}
    for source, copie in zip(sources, copies, strict=True):
        for modele, relation in (
            (IndicateurFiche, source.indicateurs),
            (SousAction, source.sous_actions),
            (BudgetAnnuel, source.budgets),
        ):
            for ligne in relation.all():
                ligne.pk = None
                ligne.fiche_id = copie.pk
                lignes[modele].append(ligne)
        lignes[Contributeur] += [
            Contributeur(ficheaction_id=copie.pk, membre_id=m.pk)
            for m in source.contributeurs.all()
        ]
    for modele, objets in lignes.items():
        modele.objects.bulk_create(objets)


@transaction.atomic
def commentaire_ajouter(
    *, fiche: FicheAction, auteur, texte: str, jeton, lien: str = ""
) -> tuple[CommentaireFiche, bool, Mentions]:
    """Ajoute un message à la discussion de la fiche ; rend `(commentaire, créé, mentions)`.

    Chaque membre actif mentionné (voir `mentions`), hors l'auteur, reçoit un courriel, une
    fois, quand la transaction est validée. Un second envoi du même formulaire (même `jeton`)
    ne crée rien et ne prévient personne.
    """
    collectivite = fiche.version.feuille_de_route.collectivite
    if not peut_commenter(auteur) or auteur.collectivite_id != collectivite.pk:
        raise ValidationError("Votre rôle ne permet pas d'écrire dans la discussion des fiches.")
    texte = "\n".join(ligne.rstrip() for ligne in (texte or "").strip().splitlines())
    if not texte:
        raise ValidationError({"texte": "Écrivez votre commentaire avant de l'envoyer."})
    if len(texte) > COMMENTAIRE_LONGUEUR_MAX:
        raise ValidationError(
            {
                "texte": f"Un commentaire tient en {COMMENTAIRE_LONGUEUR_MAX} caractères au plus "
                f"(celui-ci en compte {len(texte)}) : raccourcissez-le ou découpez-le."
            }
        )
    deja = CommentaireFiche.objects.for_collectivite(collectivite).filter(jeton=jeton).first()
    if deja is not None:
        return deja, False, Mentions()
    membres = Membre.objects.for_collectivite(collectivite).actifs().select_related("utilisateur")
    mentions = mentions_trouver(texte, membres)
    commentaire = CommentaireFiche(
        collectivite=collectivite,
        lignee=fiche.lignee,
        fiche=fiche,
        version=fiche.version,
        auteur=auteur,
        texte=texte,
        jeton=jeton,
    )
    commentaire.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            commentaire.save()
    except IntegrityError:  # le même formulaire, envoyé deux fois en même temps
        return (
            CommentaireFiche.objects.for_collectivite(collectivite).get(jeton=jeton),
            False,
            Mentions(),
        )
    commentaire.mentions.set(mentions.membres)
    courriel_envoyer(
        sujet=f"{auteur.utilisateur} vous mentionne sur la fiche « {fiche.titre} » — "
        f"{collectivite}",
        gabarit="strategie_nr/fiches/emails/mention.txt",
        contexte={
            "auteur": auteur.utilisateur,
            "fiche": fiche,
            "version": fiche.version,
            "collectivite": collectivite,
            "texte": texte,
            "lien": lien,
        },
        destinataires=[m.utilisateur.email for m in mentions.membres if m.pk != auteur.pk],
    )
    return commentaire, True, mentions
