"""Analyse axe-core (WCAG 2.1 A et AA) d'une page ouverte dans le navigateur."""

from axe_playwright_python.sync_playwright import Axe

REGLES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    resultats = Axe().run(page, options={**REGLES, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}) : {v['help']} — "
        + " ; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in resultats.response["violations"]
    ]


def verifier(page) -> None:
    trouvees = violations(page)
    assert not trouvees, f"Accessibilité de {page.url} :\n" + "\n".join(trouvees)
