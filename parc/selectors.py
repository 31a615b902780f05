"""Lectures du parc : liste filtrée, synthèse pour le tableau de bord, le PDF et le programme."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Max, Q
from django.utils import timezone

from indicateurs.nombres import afficher

from . import conformite, mesures
from .enums import Destination, Statut
from .indicateurs import INDICATEURS
from .models import Equipement

TRIS = {
    "type": ("type__ordre", "pk"),
    "-type": ("-type__ordre", "-pk"),
    "annee": ("annee_acquisition", "pk"),
    "-annee": ("-annee_acquisition", "-pk"),
    "marque": ("marque", "modele", "pk"),
    "-marque": ("-marque", "-modele", "-pk"),
    "service": ("service", "pk"),
    "-service": ("-service", "-pk"),
    "statut": ("statut", "pk"),
    "-statut": ("-statut", "-pk"),
}
AGES = {
    "0-2": (0, 2),
    "3-5": (3, 5),
    "6-8": (6, 8),
    "9+": (9, None),
}


def equipements_filtres(
    collectivite,
    *,
    type="",
    statut="",
    origine="",
    service="",
    age="",
    q="",
    tri="type",
    a_completer=False,
):
    equipements = Equipement.objects.for_collectivite(collectivite).select_related("type")
    if a_completer:
        equipements = equipements.a_completer()
    if type:
        equipements = equipements.filter(type__code=type)
    if statut:
        equipements = equipements.filter(statut=statut)
    if origine:
        equipements = equipements.filter(origine=origine)
    if service:
        equipements = equipements.filter(service=service)
    if age in AGES:
        annee = timezone.localdate().year
        minimum, maximum = AGES[age]
        equipements = equipements.filter(annee_acquisition__lte=annee - minimum)
        if maximum is not None:
            equipements = equipements.filter(annee_acquisition__gte=annee - maximum)
    if q:
        for mot in q.split()[:5]:
            equipements = equipements.filter(
                Q(nom__icontains=mot)
                | Q(marque__icontains=mot)
                | Q(modele__icontains=mot)
                | Q(numero_serie__icontains=mot)
                | Q(numero_inventaire__icontains=mot)
                | Q(service__icontains=mot)
                | Q(site__icontains=mot)
                | Q(beneficiaire__icontains=mot)
            )
    return equipements.order_by(*TRIS.get(tri, TRIS["type"]))


def a_completer_compter(collectivite) -> int:
    """Réformés importés sans destination ou sans date de fin d'usage : les indicateurs de fin
    d'usage ne peuvent pas les compter tant qu'ils ne sont pas complétés."""
    return Equipement.objects.for_collectivite(collectivite).a_completer().count()


def services_de(collectivite) -> list[str]:
    return list(
        Equipement.objects.for_collectivite(collectivite)
        .exclude(service="")
        .order_by("service")
        .values_list("service", flat=True)
        .distinct()[:200]
    )


TRANCHES_AGE = [
    (0, 1, "moins de 2 ans"),
    (2, 3, "2 à 3 ans"),
    (4, 5, "4 à 5 ans"),
    (6, 7, "6 à 7 ans"),
    (8, 9, "8 à 9 ans"),
    (10, None, "10 ans et plus"),
]
ANNEES_ACHATS = 6


@dataclass
class SyntheseParc:
    annee: int
    quantite: int  # présents au 31/12 (ou aujourd'hui pour l'année en cours)
    par_statut: list
    par_type: list
    pyramide: list
    achats: list  # (année, dict des achats)
    destinations: list
    indicateurs: list  # IndicateurParc : code, libellé, valeur, unité, précision, méthode
    empreinte: mesures.Empreinte
    empreinte_par_agent_kg: Decimal | None
    agec: dict  # achats de l'année (reconditionné à part)
    durees_par_type: list  # (type, durée de vie moyenne des sorties de l'année, âge moyen)
    collectivite: object = field(repr=False)  # pour les contrôles légaux, calculés à la demande

    @property
    def vide(self) -> bool:
        return self.quantite == 0 and not any(a["quantite"] for _, a in self.achats)

    # Contrôles légaux (parc/conformite.py) : leurs requêtes ne sont faites que par les pages
    # qui les montrent (pas par le programme de travail, qui ne cite que les chiffres clés).

    @cached_property
    def _agec_annees(self) -> dict:
        return conformite.agec_des_annees(
            self.collectivite, range(self.annee - ANNEES_ACHATS + 1, self.annee + 1)
        )

    @cached_property
    def agec_parts(self) -> list:
        """conformite.PartAgec par catégorie (décret n° 2024-134)."""
        return self._agec_annees[self.annee]

    @cached_property
    def agec_serie(self) -> list:
        """(année, PartAgec de la catégorie informatique ou None), sur six ans."""
        return [
            (a, next((p for p in parts if p.categorie.code == conformite.CATEGORIE_SERIE), None))
            for a, parts in self._agec_annees.items()
        ]

    @cached_property
    def reen(self) -> conformite.TauxReen:
        """Taux de réemploi des réformés (décret n° 2023-266) ; l'année précédente est calculée
        avec, la stratégie citant la dernière année close."""
        annees = [self.annee - 1, self.annee]
        return conformite.reen_des_annees(self.collectivite, annees)[self.annee]

    def chiffres_cles(self) -> list[tuple[str, str]]:
        """Les chiffres à citer (programme de travail, document de stratégie)."""
        lignes = [
            (f"Équipements présents fin {self.annee}", afficher(Decimal(self.quantite), "nombre")),
            (
                f"Empreinte carbone estimée ({', '.join(self.empreinte.versions) or '—'})",
                afficher(self.empreinte.total_t, "tco2e", 1) + " par an",
            ),
        ]
        part = self.agec["part_montant"]
        if part is not None:
            lignes.append(
                (
                    f"Part des achats {self.annee} en reconditionné (montant)",
                    afficher(part, "pourcentage", 1),
                )
            )
        for i in self.indicateurs:
            if (
                i.code in ("parc.duree_vie_moyenne", "parc.dons", "parc.poids_deee")
                and i.valeur is not None
            ):
                lignes.append((f"{i.libelle} ({self.annee})", i.afficher()))
        return lignes


@dataclass(frozen=True)
class IndicateurParc:
    code: str
    libelle: str
    valeur: Decimal | None
    unite: str  # code d'unité des indicateurs (« pourcentage », « annees »…)
    precision: int
    methode: str

    def afficher(self) -> str:
        return afficher(self.valeur, self.unite, self.precision)


def _unite(unite: str) -> str:
    return {
        "%": "pourcentage",
        "€": "euros",
        "années": "annees",
        "oui/non": "oui_non",
        "tCO2e": "tco2e",
    }.get(unite, unite)


def parc_synthese(collectivite, annee: int | None = None) -> SyntheseParc:
    """Tout ce que montre le tableau de bord, en un nombre fixe de requêtes (cinq)."""
    annee = annee or timezone.localdate().year
    g = mesures.groupes(collectivite, annee, annees_achats=ANNEES_ACHATS)
    par_statut: dict = {}
    par_type: dict = {}
    pyramide = [0] * len(TRANCHES_AGE)
    inconnu = 0
    for (type_id, annee_acq, statut, _m), q in g.presents.items():
        par_statut[statut] = par_statut.get(statut, 0) + q
        par_type[type_id] = par_type.get(type_id, 0) + q
        if annee_acq is None:
            inconnu += q
            continue
        # Au 31 décembre, l'âge exact d'un équipement acquis l'année A est entre N − A et
        # N − A + 1 : sa tranche d'âge en années révolues est N − A.
        age = annee - annee_acq
        for rang, (debut, fin, _libelle) in enumerate(TRANCHES_AGE):
            if age >= debut and (fin is None or age <= fin):
                pyramide[rang] += q
                break
    destinations: dict = {}
    for (_type, destination), (q, *_r) in g.sorties.items():
        destinations[destination] = destinations.get(destination, 0) + q
    indicateurs = [
        IndicateurParc(i.code, i.libelle, i.calcul(g), _unite(i.unite), i.precision, i.methode)
        for i in INDICATEURS
    ]
    trace = mesures.empreinte(g)
    types_vus = {t for t, *_ in g.presents} | {t for t, _d in g.sorties}
    durees_par_type = [
        (type_, mesures.duree_vie_moyenne(g, type_.code), mesures.age_moyen(g, type_.code))
        for type_ in sorted(g.types.values(), key=lambda t: t.ordre)
        if type_.pk in types_vus
    ]
    achats_annee = mesures.achats(g, annee)
    return SyntheseParc(
        annee=annee,
        quantite=sum(par_statut.values()),
        par_statut=[(s.label, par_statut[s]) for s in Statut if par_statut.get(s)],
        par_type=sorted(
            ((g.types[t].libelle, q) for t, q in par_type.items()), key=lambda x: -x[1]
        ),
        pyramide=[(libelle, pyramide[r]) for r, (_d, _f, libelle) in enumerate(TRANCHES_AGE)]
        + ([("année inconnue", inconnu)] if inconnu else []),
        achats=[(a, mesures.achats(g, a)) for a in range(annee - ANNEES_ACHATS + 1, annee + 1)],
        destinations=[(d.label, destinations[d]) for d in Destination if destinations.get(d)],
        indicateurs=indicateurs,
        empreinte=trace,
        empreinte_par_agent_kg=mesures._ratio(trace.total_kg, g.agents),
        durees_par_type=durees_par_type,
        agec=achats_annee,
        collectivite=collectivite,
    )


def chiffres_cles(collectivite) -> list[tuple[str, str]] | None:
    """Les chiffres clés de la dernière année close."""
    synthese = parc_synthese(collectivite, timezone.localdate().year - 1)
    return None if synthese.vide else synthese.chiffres_cles()


def annees_disponibles() -> list[int]:
    courante = timezone.localdate().year
    return list(range(courante, courante - 10, -1))


def annee_par_defaut(collectivite) -> int:
    """La dernière année close si le parc y a bougé (achat ou sortie), sinon la dernière qui a
    bougé avant : jamais l'année en cours, dont les chiffres sont provisoires."""
    courante = timezone.localdate().year - 1
    dernieres = Equipement.objects.for_collectivite(collectivite).aggregate(
        achat=Max("annee_acquisition", filter=Q(annee_acquisition__lte=courante)),
        sortie=Max("date_fin_usage", filter=Q(date_fin_usage__year__lte=courante)),
    )
    annees = [dernieres["achat"], dernieres["sortie"] and dernieres["sortie"].year]
    derniere = max((a for a in annees if a), default=courante)
    return derniere if derniere in annees_disponibles() else courante
