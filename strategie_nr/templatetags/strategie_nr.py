import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

LIEN_MARKDOWN = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
LIEN_NU = re.compile(r"(?<![\"=])\((https?://[^)\s]+)\)")


@register.filter
def liens(texte: str) -> str:
    """Affiche un texte du référentiel en rendant cliquables ses liens [texte](adresse)."""
    html = escape(texte or "")
    html = LIEN_MARKDOWN.sub(r'<a href="\2" rel="noopener">\1</a>', html)
    html = LIEN_NU.sub(r'(<a href="\1" rel="noopener">\1</a>)', html)
    return mark_safe(html)


@register.filter
def points(niveau) -> str:
    """Niveau 1 à 3 affiché comme dans la fiche action : ●●○."""
    try:
        niveau = int(niveau)
    except (TypeError, ValueError):
        return ""
    niveau = max(0, min(3, niveau))
    return "●" * niveau + "○" * (3 - niveau)
