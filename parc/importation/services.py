"""Import du parc : dépôt, aperçu, correspondances et enregistrement, tout ou rien."""

import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from parc.enums import Statut
from parc.models import ANNEE_MIN, TypeEquipement

from . import ecriture, selectors
from .lecture import (
    CHAMPS_PAR_CLE,
    TAILLE_MAX_DEFAUT,
    Colonnes,
    DateLue,
    FichierRefuse,
    cle_valeur,
    extrait,
    lire_lignes,
    ouvrir,
    reconnaitre_colonnes,
)
from .models import ChampCorrespondance, CorrespondanceImport, ImportEnAttente

DOSSIER_EXEMPLES = Path(__file__).resolve().parent / "exemples"
DUREE_ATTENTE = timedelta(hours=24)
ERREURS_MONTREES = 50


class ImportAnnule(Exception):
    """Annule la transaction d'un import refusé (ou d'un essai) : rien n'est écrit."""


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
    rejetees: int = 0
    erreurs: list[str] = field(default_factory=list)
    nombre_erreurs: int = 0
    avertissements: list[str] = field(default_factory=list)
    # Valeurs non reconnues à faire correspondre : champ → {texte lu → nombre de lignes}.
    inconnues: dict[str, dict[str, int]] = field(default_factory=dict)
    enregistre: bool = False
    essai: bool = False

    @property
    def importable(self) -> bool:
        return not self.refus and self.a_creer + self.a_mettre_a_jour > 0

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
        verbe = "seraient" if self.essai or not self.enregistre else "ont été"
        return (
            f"{self.a_creer} équipement{_s(self.a_creer)} {verbe} créé{_s(self.a_creer)}, "
            f"{self.a_mettre_a_jour} mis à jour, {self.rejetees} ligne{_s(self.rejetees)} "
            f"rejetée{_s(self.rejetees)}."
        )

    def _erreur(self, message: str) -> None:
        self.nombre_erreurs += 1
        if len(self.erreurs) < ERREURS_MONTREES:
            self.erreurs.append(message)


def _s(nombre: int) -> str:
    return "s" if nombre > 1 else ""


def import_deposer(
    *, collectivite, auteur, nom_fichier: str, flux, taille_max: int = TAILLE_MAX_DEFAUT
) -> ImportEnAttente:
    """Garde le fichier en base pour l'aperçu puis la confirmation (lève `FichierRefuse`)."""
    contenu = flux.read(taille_max + 1)
    tableau = ouvrir(nom_fichier, io.BytesIO(contenu), taille_max=taille_max)
    _verifier_colonnes(reconnaitre_colonnes(tableau.entetes))
    maintenant = timezone.now()
    with transaction.atomic():
        # Un seul import en attente par personne et par collectivité ; les expirés disparaissent.
        ImportEnAttente.objects.expires().delete()
        ImportEnAttente.objects.for_collectivite(collectivite).filter(auteur=auteur).delete()
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


def _verifier_colonnes(colonnes: Colonnes) -> None:
    if "type" not in colonnes.champs:
        raise FichierRefuse(
            "La colonne du type d'équipement est absente (en-tête « Type » ou « Matériel ») : "
            "elle est obligatoire. Colonnes lues : "
            + ", ".join(entete for _, _, entete in colonnes.reconnues)
            + "."
        )


def import_analyser(*, collectivite, nom_fichier: str, contenu: bytes) -> Analyse:
    """L'aperçu : ce que ferait l'import, sans rien écrire. Ne lève jamais `FichierRefuse`."""
    return _parcourir(collectivite, nom_fichier, contenu, ecrivain=None)


def import_executer(
    *,
    collectivite,
    auteur,
    nom_fichier: str,
    contenu: bytes,
    seulement_valides: bool = False,
    essai: bool = False,
) -> Analyse:
    """Importe le fichier, tout ou rien.

    Une seule ligne en erreur, ou une valeur à faire correspondre, et rien n'est écrit, sauf si
    `seulement_valides` : seules les lignes valides sont alors enregistrées. Les équipements
    déjà connus (même numéro de série ou d'inventaire) sont mis à jour, sans doublon.
    `essai` : tout est fait puis annulé (la commande `--dry-run`).
    """
    analyse = Analyse(nom_fichier)
    try:
        with transaction.atomic():
            ecrivain = ecriture.Ecrivain(collectivite=collectivite, auteur=auteur)
            analyse = _parcourir(collectivite, nom_fichier, contenu, ecrivain=ecrivain)
            ecrivain.terminer()
            if analyse.refus or (analyse.rejetees and not seulement_valides) or essai:
                raise ImportAnnule
            analyse.enregistre = analyse.importable
    except ImportAnnule:
        analyse.enregistre = False
    analyse.essai = essai
    return analyse


def import_en_attente_confirmer(
    *, import_en_attente: ImportEnAttente, auteur, seulement_valides: bool = False
) -> Analyse:
    analyse = import_executer(
        collectivite=import_en_attente.collectivite,
        auteur=auteur,
        nom_fichier=import_en_attente.nom_fichier,
        contenu=bytes(import_en_attente.contenu),
        seulement_valides=seulement_valides,
    )
    if analyse.enregistre:
        import_en_attente.delete()
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


def _parcourir(collectivite, nom_fichier: str, contenu: bytes, *, ecrivain) -> Analyse:
    analyse = Analyse(nom_fichier)
    try:
        tableau = ouvrir(nom_fichier, io.BytesIO(contenu))
        analyse.format, analyse.feuille = tableau.format, tableau.feuille
        analyse.colonnes = colonnes = reconnaitre_colonnes(tableau.entetes)
        _verifier_colonnes(colonnes)
        entetes = {cle: entete for _, cle, entete in colonnes.reconnues}
        listes = selectors.listes_de_correspondance()
        choix = selectors.choix_pour(collectivite, listes)
        types = dict(TypeEquipement.objects.values_list("code", "pk"))
        cles = ecriture.cles_existantes(collectivite)
        inconnues = defaultdict(lambda: defaultdict(int))
        vus = {"numero_serie": {}, "numero_inventaire": {}, "equipement": {}}
        for ligne in lire_lignes(tableau, colonnes, choix):
            analyse.lignes_lues += 1
            erreurs = list(ligne.erreurs)
            for champ, texte in ligne.inconnues.items():
                inconnues[champ][texte] += 1
                erreurs.append(
                    f"Ligne {ligne.numero}, colonne « {entetes[champ]} » : « {extrait(texte)} » "
                    f"n'est pas un{'e' if champ == 'statut' else ''} "
                    f"{'statut' if champ == 'statut' else 'type'} connu : choisissez sa "
                    "correspondance dans l'aperçu."
                )
            valeurs = ligne.valeurs
            if "type" not in valeurs and "type" not in ligne.inconnues:
                erreurs.append(
                    f"Ligne {ligne.numero}, colonne « {entetes['type']} » : le type est vide, "
                    "il est obligatoire."
                )
            pk = None
            if not erreurs:
                pk, conflits = _retrouver(ligne.numero, valeurs, entetes, cles, vus)
                erreurs += conflits
            if not erreurs:
                etat = cles["etats"].get(pk) if pk is not None else None
                erreurs += _verifier_coherence(ligne.numero, valeurs, entetes, etat)
            analyse.avertissements += ligne.avertissements[:ERREURS_MONTREES]
            if erreurs:
                analyse.rejetees += 1
                for erreur in erreurs:
                    analyse._erreur(erreur)
                continue
            if pk is None:
                analyse.a_creer += 1
            else:
                analyse.a_mettre_a_jour += 1
            if ecrivain is not None:
                ecrivain.ajouter(ligne.numero, _vers_champs(valeurs, types), pk)
        analyse.avertissements = analyse.avertissements[:ERREURS_MONTREES]
        analyse.inconnues = {
            champ: dict(sorted(textes.items())) for champ, textes in sorted(inconnues.items())
        }
    except FichierRefuse as refus:
        analyse.refus = refus.message
    if not analyse.refus and not analyse.lignes_lues:
        analyse.refus = "Le fichier ne contient aucune ligne d'équipement sous ses en-têtes."
    return analyse


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
    destination = valeurs.get("destination_fin") or etat.get("destination")
    if statut == Statut.REFORME:
        if not (destination and date_fin):
            erreurs.append(
                f"Ligne {numero}, colonne « {_entete(entetes, 'statut')} » : un équipement réformé "
                "a une date de fin d'usage et une destination (colonnes « "
                f"{_entete(entetes, 'date_fin_usage')} » et « "
                f"{_entete(entetes, 'destination_fin')} »)."
            )
    else:
        for cle in ("destination_fin", "date_fin_usage"):
            if valeurs.get(cle):
                erreurs.append(
                    f"Ligne {numero}, colonne « {_entete(entetes, cle)} » : une fin d'usage "
                    "n'est possible que pour un équipement au statut « Réformé »."
                )
        if (
            not valeurs.get("destination_fin")
            and not valeurs.get("date_fin_usage")
            and (etat.get("destination") or etat.get("date_fin_usage"))
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


def _retrouver(numero: int, valeurs: dict, entetes: dict, cles: dict, vus: dict):
    """L'équipement existant que désigne la ligne (par n° de série, sinon d'inventaire)."""
    erreurs, trouves = [], []
    for champ in ("numero_serie", "numero_inventaire"):
        numero_lu = valeurs.get(champ)
        if not numero_lu:
            continue
        deja = vus[champ].get(numero_lu)
        if deja is not None:
            erreurs.append(
                f"Ligne {numero}, colonne « {entetes[champ]} » : « {extrait(numero_lu)} » "
                f"figure déjà ligne {deja} du fichier."
            )
            continue
        vus[champ][numero_lu] = numero
        if (pk := cles[champ].get(numero_lu)) is not None:
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
