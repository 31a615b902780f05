"""Import du parc : dépôt, aperçu, correspondances et enregistrement, tout ou rien."""

import hashlib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from collectivites.models import Membre
from parc.enums import Destination, Origine, Statut
from parc.models import ANNEE_MIN, TypeEquipement
from parc.services import resume_import
from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import historique_enregistrer
from strategie_nr.plateforme.tableurs import Limites

from . import ecriture, selectors
from .lecture import (
    CHAMPS_PAR_CLE,
    Colonnes,
    DateLue,
    FichierRefuse,
    cle_valeur,
    extrait,
    lire_lignes,
    normaliser,
    ouvrir,
    reconnaitre_colonnes,
)
from .models import ChampCorrespondance, CorrespondanceImport, ImportEnAttente

DOSSIER_EXEMPLES = Path(__file__).resolve().parent / "exemples"
DUREE_ATTENTE = timedelta(hours=24)
ERREURS_MONTREES = 50
LIGNES_APERCU = 50
VERSION_APERCU = "1"  # à changer quand la forme de l'aperçu enregistré change


class ImportAnnule(Exception):
    """Annule la transaction d'un import refusé (ou d'un essai) : rien n'est écrit."""


class ImportDejaConfirme(Exception):
    """Le même import en attente a déjà été confirmé (double clic, deux onglets)."""

    message = (
        "Cet import a déjà été confirmé (ou abandonné) : il n'a pas été importé une seconde "
        "fois. Le parc ci-dessous en tient compte."
    )

    @staticmethod
    def message_pour(import_confirme: ImportEnAttente) -> str:
        """Le message d'un second clic arrivé après la fin du premier import."""
        nombre = import_confirme.lignes_importees or 0
        quand = timezone.localtime(import_confirme.confirme_le)
        return (
            f"Cet import a déjà été confirmé : {nombre} ligne{_s(nombre)} importée{_s(nombre)} "
            f"le {quand:%d/%m/%Y à %H:%M}. Il n'a pas été importé une seconde fois ; le parc "
            "ci-dessous en tient compte."
        )


@dataclass
class Options:
    """Les choix faits sur l'aperçu (ou en ligne de commande)."""

    type_par_defaut: str = ""  # code du type des lignes dont le type est vide
    service_depuis_entite: bool = True

    @classmethod
    def de(cls, en_attente: ImportEnAttente) -> "Options":
        return cls(
            type_par_defaut=en_attente.type_par_defaut.code if en_attente.type_par_defaut else "",
            service_depuis_entite=en_attente.service_depuis_entite,
        )


@dataclass
class LigneApercu:
    """Une ligne telle qu'elle sera enregistrée : valeurs lues (champ, valeur, colonne)."""

    numero: int
    action: str  # « créée », « mise à jour », « inchangée », « rejetée »
    valeurs: list[tuple[str, str, str]] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Analyse:
    """Ce que donnerait (ou qu'a donné) l'import d'un fichier."""

    nom_fichier: str
    refus: str = ""
    format: str = ""
    feuille: str = ""
    colonnes: Colonnes | None = None
    lignes_lues: int = 0
    a_creer: int = 0
    a_mettre_a_jour: int = 0
    inchangees: int = 0
    rejetees: int = 0
    erreurs: list[str] = field(default_factory=list)
    nombre_erreurs: int = 0
    avertissements: list[str] = field(default_factory=list)
    # Valeurs non reconnues à faire correspondre : champ → {texte lu → nombre de lignes}.
    inconnues: dict[str, dict[str, int]] = field(default_factory=dict)
    lignes: list[LigneApercu] = field(default_factory=list)
    sans_type: int = 0  # lignes dont la colonne Type est vide
    type_par_defaut: str = ""  # libellé du type donné à ces lignes
    sans_statut: int = 0  # lignes sans statut : importées « En service »
    reformes_a_completer: int = 0  # réformées sans destination ou sans date de fin
    prix_inconnus: int = 0  # « 0,00 » lus comme prix inconnus
    service_depuis_entite: bool = False  # la colonne Entité donne le service
    entite_disponible: bool = False  # le fichier a une colonne Entité et pas de Service
    enregistre: bool = False
    essai: bool = False

    @property
    def importable(self) -> bool:
        return not self.refus and self.a_creer + self.a_mettre_a_jour > 0

    @property
    def a_importer(self) -> int:
        return self.a_creer + self.a_mettre_a_jour

    @property
    def colonnes_ignorees(self) -> list[str]:
        return self.colonnes.ignorees if self.colonnes else []

    @property
    def colonnes_reconnues(self) -> list[tuple[str, str]]:
        if not self.colonnes:
            return []
        return [(entete, CHAMPS_PAR_CLE[cle].libelle) for _, cle, entete in self.colonnes.reconnues]

    def resume(self) -> str:
        if self.refus:
            return f"Fichier refusé : {self.refus}"
        pluriel = self.a_creer > 1
        if self.essai or not self.enregistre:
            verbe = "seraient" if pluriel else "serait"
        else:
            verbe = "ont été" if pluriel else "a été"
        return (
            f"{self.a_creer} équipement{_s(self.a_creer)} {verbe} créé{_s(self.a_creer)}, "
            f"{self.a_mettre_a_jour} mis à jour, {self.inchangees} inchangé{_s(self.inchangees)}, "
            f"{self.rejetees} ligne{_s(self.rejetees)} rejetée{_s(self.rejetees)}."
        )

    def bouton(self) -> str:
        """Ce que fera exactement le bouton de confirmation."""
        texte = f"Importer {self.a_importer} ligne{_s(self.a_importer)}"
        if self.rejetees:
            texte += (
                f" ; {self.rejetees} ligne{_s(self.rejetees)} en erreur ne "
                f"{'seront' if self.rejetees > 1 else 'sera'} pas importée{_s(self.rejetees)}"
            )
        return texte

    def _erreur(self, message: str) -> None:
        self.nombre_erreurs += 1
        if len(self.erreurs) < ERREURS_MONTREES:
            self.erreurs.append(message)

    def vers_json(self) -> dict:
        donnees = asdict(self)
        donnees["colonnes"] = asdict(self.colonnes) if self.colonnes else None
        return donnees

    @classmethod
    def depuis_json(cls, donnees: dict) -> "Analyse":
        donnees = dict(donnees)
        colonnes = donnees.pop("colonnes")
        lignes = donnees.pop("lignes")
        analyse = cls(**donnees)
        if colonnes:
            analyse.colonnes = Colonnes(
                [tuple(c) for c in colonnes["reconnues"]], colonnes["ignorees"]
            )
        analyse.lignes = [
            LigneApercu(**{**ligne, "valeurs": [tuple(v) for v in ligne["valeurs"]]})
            for ligne in lignes
        ]
        return analyse


def _s(nombre: int) -> str:
    return "s" if nombre > 1 else ""


def import_deposer(*, collectivite, auteur, nom_fichier: str, flux) -> ImportEnAttente:
    """Garde le fichier en base pour l'aperçu puis la confirmation (lève `FichierRefuse`).

    Les limites du fichier (taille, lignes, cellules) sont vérifiées avant toute lecture.
    """
    contenu = flux.read(Limites.reglages().taille + 1)
    tableau = ouvrir(nom_fichier, contenu)
    _verifier_colonnes(reconnaitre_colonnes(tableau.entetes))
    maintenant = timezone.now()
    with transaction.atomic():
        # Un seul import en attente par personne et par collectivité ; les expirés disparaissent.
        ImportEnAttente.objects.expires().delete()
        ImportEnAttente.objects.for_collectivite(collectivite).filter(
            auteur=auteur
        ).valides().delete()
        en_attente = ImportEnAttente(
            collectivite=collectivite,
            auteur=auteur,
            nom_fichier=Path(nom_fichier).name[:255],
            contenu=contenu,
            taille=len(contenu),
            empreinte=hashlib.sha256(contenu).hexdigest(),
            cree_le=maintenant,
            expire_le=maintenant + DUREE_ATTENTE,
        )
        en_attente.full_clean()
        en_attente.save()
    return en_attente


@transaction.atomic
def import_en_attente_regler(
    *, import_en_attente: ImportEnAttente, type_par_defaut, service_depuis_entite: bool
) -> ImportEnAttente:
    """Les choix de l'aperçu : type des lignes sans type, service tiré de l'entité."""
    import_en_attente.type_par_defaut = type_par_defaut
    import_en_attente.service_depuis_entite = service_depuis_entite
    import_en_attente.full_clean()
    import_en_attente.save(update_fields=["type_par_defaut", "service_depuis_entite"])
    return import_en_attente


@transaction.atomic
def import_en_attente_abandonner(*, import_en_attente: ImportEnAttente) -> None:
    """Oublie le fichier déposé et son aperçu : rien ne change dans le parc."""
    import_en_attente.delete()


def type_par_libelle(libelle: str) -> TypeEquipement | None:
    """Le type dont le libellé (ou le code) est `libelle`, sans égard à la casse ni aux accents."""
    cle = normaliser(libelle)
    for type_ in TypeEquipement.objects.all():
        if cle in (normaliser(type_.libelle), normaliser(type_.code)):
            return type_
    return None


def _verifier_colonnes(colonnes: Colonnes) -> None:
    if "type" not in colonnes.champs:
        raise FichierRefuse(
            "La colonne du type d'équipement est absente (en-tête « Type » ou « Matériel ») : "
            "elle est obligatoire. Colonnes lues : "
            + ", ".join(entete for _, _, entete in colonnes.reconnues)
            + "."
        )


def import_analyser(
    *, collectivite, nom_fichier: str, contenu: bytes, options: Options | None = None
) -> Analyse:
    """L'aperçu : ce que ferait l'import, sans rien écrire. Ne lève jamais `FichierRefuse`."""
    return _parcourir(collectivite, nom_fichier, contenu, ecrivain=None, options=options)


def _cle_apercu(en_attente: ImportEnAttente, options: Options) -> str:
    """L'aperçu est calculé une fois par fichier (empreinte SHA-256), par choix et par état des
    correspondances de la collectivité ; ensuite il est relu (une requête d'agrégat au lieu de
    relire le fichier). La confirmation, elle, refait tout : ce qu'elle écrit ne dépend jamais
    d'un aperçu enregistré."""
    correspondances = CorrespondanceImport.objects.for_collectivite(
        en_attente.collectivite
    ).aggregate(nombre=Count("pk"), modifie=Max("modifie_le"))
    empreinte = "|".join(
        str(partie)
        for partie in (
            VERSION_APERCU,
            en_attente.empreinte,
            options.type_par_defaut,
            options.service_depuis_entite,
            correspondances["nombre"],
            correspondances["modifie"],
        )
    )
    return hashlib.sha256(empreinte.encode()).hexdigest()


def import_en_attente_analyser(*, import_en_attente: ImportEnAttente) -> Analyse:
    """L'aperçu d'un import en attente, calculé une fois par état (fichier, choix, parc)."""
    options = Options.de(import_en_attente)
    cle = _cle_apercu(import_en_attente, options)
    if import_en_attente.apercu_cle == cle and import_en_attente.apercu:
        return Analyse.depuis_json(import_en_attente.apercu)
    analyse = import_analyser(
        collectivite=import_en_attente.collectivite,
        nom_fichier=import_en_attente.nom_fichier,
        contenu=bytes(import_en_attente.contenu),
        options=options,
    )
    ImportEnAttente.objects.filter(pk=import_en_attente.pk).update(
        apercu=analyse.vers_json(), apercu_cle=cle
    )
    import_en_attente.apercu, import_en_attente.apercu_cle = analyse.vers_json(), cle
    return analyse


def import_executer(
    *,
    collectivite,
    auteur,
    nom_fichier: str,
    contenu: bytes,
    seulement_valides: bool = False,
    essai: bool = False,
    options: Options | None = None,
    avant_ecriture=None,
) -> Analyse:
    """Importe le fichier, tout ou rien.

    Une seule ligne en erreur, ou une valeur à faire correspondre, et rien n'est écrit, sauf si
    `seulement_valides` : seules les lignes valides sont alors enregistrées. Les équipements
    déjà connus (même numéro de série, sinon d'inventaire, sinon même nom) sont mis à jour, sans
    doublon ; ceux qui n'ont pas changé ne sont pas réécrits.
    `essai` : tout est fait puis annulé (la commande `--dry-run`).
    `avant_ecriture` : appelé en premier dans la transaction (verrou de la confirmation) ; ce
    qu'il lève traverse et annule tout.
    """
    analyse = Analyse(nom_fichier)
    try:
        with transaction.atomic():
            if avant_ecriture is not None:
                avant_ecriture()
            ecrivain = ecriture.Ecrivain(collectivite=collectivite, auteur=auteur)
            analyse = _parcourir(
                collectivite, nom_fichier, contenu, ecrivain=ecrivain, options=options
            )
            ecrivain.terminer()
            if analyse.refus or (analyse.rejetees and not seulement_valides) or essai:
                raise ImportAnnule
            analyse.enregistre = analyse.importable
            _historique_import(collectivite, auteur, nom_fichier, ecrivain)
    except ImportAnnule:
        analyse.enregistre = False
    analyse.essai = essai
    return analyse


def _historique_import(collectivite, utilisateur, nom_fichier: str, ecrivain) -> None:
    """Une seule entrée d'historique pour tout l'import, pas une par équipement : un import de
    50 000 lignes ne noie pas l'historique (ni la base) ; chaque modification faite ensuite à
    la main sur un équipement garde son entrée détaillée, champ par champ."""
    if not (ecrivain.crees or ecrivain.modifies):
        return
    membre = (
        Membre.objects.for_collectivite(collectivite)
        .filter(utilisateur=utilisateur)
        .select_related("utilisateur")
        .first()
        if utilisateur is not None
        else None
    )
    historique_enregistrer(
        collectivite=collectivite,
        auteur=membre,
        action=ActionHistorique.IMPORT,
        objet_type="parc.equipement",
        resume=resume_import(
            crees=ecrivain.crees, modifies=ecrivain.modifies, nom_fichier=nom_fichier
        ),
    )


@transaction.atomic
def import_en_attente_confirmer(
    *, import_en_attente: ImportEnAttente, auteur, seulement_valides: bool = False
) -> Analyse:
    """Confirme un import en attente, une seule fois.

    L'import en attente est marqué confirmé en premier, dans la transaction de l'import, par
    une mise à jour conditionnelle : une seconde confirmation simultanée (double clic) attend
    la première, ne trouve plus d'import à confirmer et lève `ImportDejaConfirme` sans rien
    écrire ; une confirmation tardive aussi. L'import confirmé reste en base (sans son fichier)
    jusqu'à son expiration, pour que ce second clic reçoive un message et non une page
    introuvable. Un import refusé remet tout en l'état, import en attente compris. Fonction
    ordinaire, appelable depuis une tâche de fond.
    """
    pk = import_en_attente.pk

    def reserver():
        reserves = (
            ImportEnAttente.objects.valides()
            .filter(pk=pk)
            .update(confirme_le=timezone.now(), lignes_importees=0, contenu=b"", apercu=None)
        )
        if not reserves:
            raise ImportDejaConfirme(ImportDejaConfirme.message)

    analyse = import_executer(
        collectivite=import_en_attente.collectivite,
        auteur=auteur,
        nom_fichier=import_en_attente.nom_fichier,
        contenu=bytes(import_en_attente.contenu),
        seulement_valides=seulement_valides,
        options=Options.de(import_en_attente),
        avant_ecriture=reserver,
    )
    if analyse.enregistre:
        ImportEnAttente.objects.filter(pk=pk).update(lignes_importees=analyse.a_importer)
    return analyse


def correspondances_enregistrer(*, collectivite, auteur, choix: list[tuple[str, str, str]]) -> int:
    """Mémorise, pour la collectivité, ce que veulent dire des valeurs de ses fichiers."""
    listes = selectors.listes_de_correspondance()
    nombre = 0
    with transaction.atomic():
        for champ, texte, valeur in choix:
            if champ not in ChampCorrespondance.values or valeur not in listes[champ]:
                continue
            cle = cle_valeur(texte)
            if not cle:
                continue
            correspondance, _ = CorrespondanceImport.objects.update_or_create(
                collectivite=collectivite,
                champ=champ,
                cle=cle,
                defaults={"texte": texte[:200], "valeur": valeur, "cree_par": auteur},
            )
            correspondance.full_clean()
            nombre += 1
    return nombre


# --- Parcours du fichier ------------------------------------------------------------------------


def _parcourir(collectivite, nom_fichier: str, contenu: bytes, *, ecrivain, options) -> Analyse:
    options = options or Options()
    analyse = Analyse(nom_fichier)
    try:
        tableau = ouvrir(nom_fichier, contenu)
        analyse.format, analyse.feuille = tableau.format, tableau.feuille
        analyse.colonnes = colonnes = reconnaitre_colonnes(tableau.entetes)
        _verifier_colonnes(colonnes)
        entetes = {cle: entete for _, cle, entete in colonnes.reconnues}
        analyse.entite_disponible = "entite" in entetes and "service" not in entetes
        analyse.service_depuis_entite = analyse.entite_disponible and options.service_depuis_entite
        listes = selectors.listes_de_correspondance()
        choix = selectors.choix_pour(collectivite, listes)
        types = dict(TypeEquipement.objects.values_list("code", "pk"))
        defaut = options.type_par_defaut if options.type_par_defaut in types else ""
        analyse.type_par_defaut = listes[ChampCorrespondance.TYPE].get(defaut, "")
        existants = ecriture.Existants(collectivite)
        if ecrivain is not None:
            ecrivain.existants = existants
        inconnues = defaultdict(lambda: defaultdict(int))
        vus = {"numero_serie": {}, "numero_inventaire": {}, "nom": {}, "equipement": {}}
        for ligne in lire_lignes(tableau, colonnes, choix):
            analyse.lignes_lues += 1
            erreurs = list(ligne.erreurs)
            notes = list(ligne.notes)
            analyse.prix_inconnus += len(notes)
            valeurs = ligne.valeurs
            for champ, texte in ligne.inconnues.items():
                inconnues[champ][texte] += 1
                erreurs.append(
                    f"Ligne {ligne.numero}, colonne « {entetes[champ]} » : « {extrait(texte)} » "
                    f"n'est pas un{'e' if champ == 'statut' else ''} "
                    f"{'statut' if champ == 'statut' else 'type'} connu : choisissez sa "
                    "correspondance dans l'aperçu."
                )
            if "type" not in valeurs and "type" not in ligne.inconnues:
                analyse.sans_type += 1
                if defaut:
                    valeurs["type"] = defaut
                    notes.append(f"type vide : « {analyse.type_par_defaut} »")
                else:
                    erreurs.append(
                        f"Ligne {ligne.numero}, colonne « {entetes['type']} » : le type est "
                        "vide ; choisissez dans l'aperçu le type des lignes sans type."
                    )
            entite = valeurs.pop("entite", None)
            if analyse.service_depuis_entite and entite:
                valeurs["service"] = entite
            if "statut" not in valeurs and "statut" not in ligne.inconnues:
                analyse.sans_statut += 1
            pk = None
            if not erreurs:
                pk, conflits = _retrouver(ligne.numero, valeurs, entetes, existants, vus)
                erreurs += conflits
            etat = existants.etat(pk)
            if not erreurs:
                erreurs += _verifier_coherence(ligne.numero, valeurs, entetes, etat)
            analyse.avertissements += ligne.avertissements[:ERREURS_MONTREES]
            action = "rejetée"
            if erreurs:
                analyse.rejetees += 1
                for erreur in erreurs:
                    analyse._erreur(erreur)
            else:
                if (
                    valeurs.get("statut", Statut.REFORME) != Statut.REFORME
                    and (etat or {}).get("destination") == Destination.NON_RENSEIGNEE
                ):
                    # Réformé sans fin d'usage connue, remis en service dans l'inventaire.
                    valeurs["destination_fin"] = ""
                if _reforme(valeurs, etat) and not (
                    valeurs.get("destination_fin") or (etat or {}).get("destination")
                ):
                    valeurs["destination_fin"] = Destination.NON_RENSEIGNEE
                    notes.append("réformé sans destination : « Non renseignée », à compléter")
                champs = _vers_champs(valeurs, types)
                if _reforme(valeurs, etat) and (
                    champs.get("destination", (etat or {}).get("destination"))
                    == Destination.NON_RENSEIGNEE
                    or not champs.get("date_fin_usage", (etat or {}).get("date_fin_usage"))
                ):
                    analyse.reformes_a_completer += 1
                if pk is None:
                    analyse.a_creer += 1
                    action = "créée"
                elif existants.change(pk, champs):
                    analyse.a_mettre_a_jour += 1
                    action = "mise à jour"
                else:
                    analyse.inchangees += 1
                    action = "inchangée"
                if ecrivain is not None and action != "inchangée":
                    ecrivain.ajouter(ligne.numero, champs, pk)
            if len(analyse.lignes) < LIGNES_APERCU:
                analyse.lignes.append(
                    _ligne_apercu(ligne.numero, action, valeurs, erreurs, notes, entetes, listes)
                )
        analyse.avertissements = analyse.avertissements[:ERREURS_MONTREES]
        analyse.inconnues = {
            champ: dict(sorted(textes.items())) for champ, textes in sorted(inconnues.items())
        }
    except FichierRefuse as refus:
        analyse.refus = refus.message
    if not analyse.refus and not analyse.lignes_lues:
        analyse.refus = "Le fichier ne contient aucune ligne d'équipement sous ses en-têtes."
    return analyse


def _reforme(valeurs: dict, etat: dict | None) -> bool:
    return (valeurs.get("statut") or (etat or {}).get("statut")) == Statut.REFORME


def _affichage(cle: str, valeur, libelles: dict) -> str:
    if isinstance(valeur, DateLue):
        return str(valeur.date.year) if valeur.annee_seule else f"{valeur.date:%d/%m/%Y}"
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if cle in libelles:
        return str(libelles[cle].get(valeur, valeur))
    if cle in ("prix_achat_ht", "poids_kg"):
        return f"{valeur:f}".replace(".", ",")
    return str(valeur)


def _ligne_apercu(numero, action, valeurs, erreurs, notes, entetes, listes) -> LigneApercu:
    libelles = {
        "type": listes[ChampCorrespondance.TYPE],
        "statut": listes[ChampCorrespondance.STATUT],
        "destination_fin": dict(Destination.choices),
        "origine": dict(Origine.choices),
    }
    sources = {**entetes, "service": entetes.get("service") or entetes.get("entite", "")}
    if "type" in valeurs and "type" not in entetes:
        sources["type"] = "type par défaut"
    return LigneApercu(
        numero=numero,
        action=action,
        valeurs=[
            (CHAMPS_PAR_CLE[cle].libelle, _affichage(cle, valeur, libelles), sources.get(cle, ""))
            for cle, valeur in valeurs.items()
        ],
        erreurs=erreurs,
        notes=notes,
    )


def _entete(entetes: dict, cle: str) -> str:
    return entetes.get(cle) or CHAMPS_PAR_CLE[cle].libelle


def _verifier_coherence(numero: int, valeurs: dict, entetes: dict, etat: dict | None) -> list[str]:
    """Les règles du parc (modèle et base), dites ligne par ligne avant d'écrire.

    `etat` : l'équipement existant que la ligne met à jour ; les cellules vides le gardent.
    """
    etat = etat or {}
    erreurs = []
    acquisition, fin = valeurs.get("date_acquisition"), valeurs.get("date_fin_usage")
    if acquisition and acquisition.date.year < ANNEE_MIN:
        erreurs.append(
            f"Ligne {numero}, colonne « {_entete(entetes, 'date_acquisition')} » : l'année "
            f"{acquisition.date.year} est antérieure à {ANNEE_MIN}."
        )
    debut = (
        (acquisition.date.year if acquisition.annee_seule else acquisition.date)
        if acquisition
        else etat.get("date_acquisition") or etat.get("annee_acquisition")
    )
    date_fin = fin.date if fin else etat.get("date_fin_usage")
    if (
        debut
        and date_fin
        and (date_fin.year < debut if isinstance(debut, int) else date_fin < debut)
    ):
        erreurs.append(
            f"Ligne {numero}, colonne « {_entete(entetes, 'date_fin_usage')} » : la fin d'usage "
            f"({date_fin:%d/%m/%Y}) précède l'acquisition "
            f"({debut if isinstance(debut, int) else f'{debut:%d/%m/%Y}'})."
        )
    statut = valeurs.get("statut") or etat.get("statut") or Statut.EN_SERVICE
    if statut != Statut.REFORME:
        for cle in ("destination_fin", "date_fin_usage"):
            if valeurs.get(cle):
                erreurs.append(
                    f"Ligne {numero}, colonne « {_entete(entetes, cle)} » : une fin d'usage "
                    "n'est possible que pour un équipement au statut « Réformé »."
                )
        if (
            not valeurs.get("destination_fin")
            and not valeurs.get("date_fin_usage")
            and (
                etat.get("date_fin_usage")
                or etat.get("destination") not in ("", None, Destination.NON_RENSEIGNEE)
            )
        ):
            erreurs.append(
                f"Ligne {numero}, colonne « {_entete(entetes, 'statut')} » : cet équipement est "
                "réformé (fin d'usage enregistrée) ; l'import ne peut pas le remettre en service."
            )
    if valeurs.get("numero_serie") and valeurs.get("quantite", 1) > 1:
        erreurs.append(
            f"Ligne {numero}, colonne « {_entete(entetes, 'quantite')} » : une ligne avec un "
            "numéro de série désigne un seul équipement (quantité 1)."
        )
    return erreurs


def _retrouver(numero: int, valeurs: dict, entetes: dict, existants, vus: dict):
    """L'équipement existant que désigne la ligne : par numéro de série, sinon d'inventaire,
    sinon par son nom (quand la ligne n'a aucun des deux numéros), dans la collectivité."""
    erreurs, trouves = [], []
    identifiants = [c for c in ("numero_serie", "numero_inventaire") if valeurs.get(c)]
    if not identifiants and valeurs.get("nom"):
        identifiants = ["nom"]
    for champ in identifiants:
        numero_lu = valeurs[champ]
        deja = vus[champ].get(numero_lu)
        if deja is not None:
            quoi = "le nom" if champ == "nom" else "ce numéro"
            erreurs.append(
                f"Ligne {numero}, colonne « {entetes[champ]} » : « {extrait(numero_lu)} » "
                f"figure déjà ligne {deja} du fichier ({quoi} identifie un seul équipement)."
            )
            continue
        vus[champ][numero_lu] = numero
        pk = existants.cles[champ].get(numero_lu)
        if pk == existants.AMBIGU:
            erreurs.append(
                f"Ligne {numero}, colonne « {entetes[champ]} » : plusieurs équipements du parc "
                f"s'appellent « {extrait(numero_lu)} » ; ajoutez un numéro de série ou "
                "d'inventaire pour dire lequel."
            )
        elif pk is not None:
            trouves.append(pk)
    if len(set(trouves)) > 1:
        erreurs.append(
            f"Ligne {numero} : le numéro de série « {extrait(valeurs['numero_serie'])} » et le "
            f"numéro d'inventaire « {extrait(valeurs['numero_inventaire'])} » désignent deux "
            "équipements différents du parc."
        )
    pk = trouves[0] if trouves else None
    if pk is not None and not erreurs:
        if (deja := vus["equipement"].get(pk)) is not None:
            erreurs.append(
                f"Ligne {numero} : désigne le même équipement du parc que la ligne {deja}."
            )
        vus["equipement"][pk] = numero
    return pk, erreurs


def _vers_champs(valeurs: dict, types: dict) -> dict:
    """Valeurs lues → champs de l'équipement (seulement ceux que le fichier renseigne)."""
    champs = {}
    for cle, valeur in valeurs.items():
        if cle == "type":
            champs["type_id"] = types[valeur]
        elif isinstance(valeur, DateLue):
            champs.update(ecriture.champs_de_date(cle, valeur))
        elif cle in ecriture.CHAMPS_EQUIPEMENT:
            champs[ecriture.CHAMPS_EQUIPEMENT[cle]] = valeur
    return champs
