"""Mentions d'un membre dans un commentaire de fiche : `@` suivi de son pseudo.

Le pseudo d'un membre est la partie de son adresse e-mail avant l'arobase, en minuscules
(`marie.durand@ville.fr` → `@marie.durand`) : il ne change pas tant que l'adresse ne change
pas, et chacun le connaît. Quand deux membres actifs de la collectivité ont la même partie
avant l'arobase, chacun se mentionne par son adresse entière (`@marie.durand@ville.fr`) ;
l'adresse entière est d'ailleurs toujours acceptée. Un `@` collé à un mot (une adresse e-mail
écrite dans le texte) n'est pas une mention.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

MOTIF = re.compile(r"(?<![\w@.+-])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")


def _partie_locale(email: str) -> str:
    return email.lower().split("@", 1)[0]


def pseudos(membres) -> dict[str, object]:
    """Pseudo → membre, pour les membres donnés (les actifs d'une collectivité)."""
    par_locale = defaultdict(list)
    for membre in membres:
        par_locale[_partie_locale(membre.utilisateur.email)].append(membre)
    resultat = {}
    for locale, homonymes in par_locale.items():
        if len(homonymes) == 1:
            resultat[locale] = homonymes[0]
        else:
            for membre in homonymes:
                resultat[membre.utilisateur.email.lower()] = membre
    return resultat


@dataclass
class Mentions:
    membres: list = field(default_factory=list)
    inconnus: list[str] = field(default_factory=list)
    ambigus: list[str] = field(default_factory=list)


def mentions_trouver(texte: str, membres) -> Mentions:
    """Les membres mentionnés dans le texte (chacun une fois, dans l'ordre), et les pseudos
    écrits qui ne désignent personne, ou plusieurs personnes."""
    membres = list(membres)
    par_pseudo = pseudos(membres)
    par_adresse = {m.utilisateur.email.lower(): m for m in membres}
    par_locale = defaultdict(list)
    for membre in membres:
        par_locale[_partie_locale(membre.utilisateur.email)].append(membre)
    trouvees = Mentions()
    for brut in MOTIF.findall(texte or ""):
        ecrit = brut.rstrip(".-+").lower()
        membre = par_adresse.get(ecrit) if "@" in ecrit else par_pseudo.get(ecrit)
        if membre is not None:
            if membre not in trouvees.membres:
                trouvees.membres.append(membre)
        elif "@" not in ecrit and len(par_locale.get(ecrit, [])) > 1:
            if ecrit not in trouvees.ambigus:
                trouvees.ambigus.append(ecrit)
        elif ecrit and ecrit not in trouvees.inconnus:
            trouvees.inconnus.append(ecrit)
    return trouvees
