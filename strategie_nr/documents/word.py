"""Versions Word (DOCX) des documents, modifiables, pour le rapport développement durable.

Le document Word est écrit depuis le HTML d'impression du PDF (mêmes sections, mêmes gabarits,
mêmes chiffres : aucun second calcul) : les titres deviennent des styles de titre de Word
(`h2` → Titre 1, `h3` → Titre 2, `h4` → Titre 3, d'où Word construit la table des matières
insérée à la place du sommaire), les tableaux de vrais tableaux à ligne d'en-tête répétée, les
graphiques SVG des images PNG (CairoSVG) dont le texte de remplacement reprend leur titre et
leur description. Propriétés du document : titre, auteur (la collectivité), langue fr-FR.
"""

import io
import re
from dataclasses import dataclass, field

from django.utils import timezone
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from lxml import etree
from lxml import html as lxml_html

TYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUE = "fr-FR"

# h1 est le titre de la page de garde ; les chapitres (h2) sont les titres de niveau 1.
STYLES_DE_TITRE = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
STYLES_DE_TITRE.update({"h5": "Heading 3", "h6": "Heading 3"})
NIVEAUX_DU_SOMMAIRE = 2  # comme le sommaire du PDF : chapitres et axes

BLOCS = {"p", "div", "section", "nav", "ul", "ol", "li", "dl", "dt", "dd", "table", "svg-word"}
BLOCS |= {"h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "article", "figure"}
BLOCS |= {"blockquote", "hr", "pre", "main", "aside", "figcaption"}
IGNORES = {"script", "style", "template", "head", "title", "meta", "link"}

# Largeur utile d'une page A4 avec les marges du PDF (18 mm de chaque côté).
LARGEUR_UTILE_CM = 17.0
PIXELS_PAR_CM = 96 / 2.54
CM_PAR_CARACTERE = 0.2  # DejaVu Sans 8,5 pt gras, en moyenne
MARGES_DE_CELLULE_CM = 0.45
ECHELLE_DES_IMAGES = 2  # PNG deux fois plus fin que l'écran : net à l'impression

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_BLANCS = re.compile(r"[ \t\n\r\f\v]+")  # sans les espaces insécables de la typographie
_NS_SVG = "{http://www.w3.org/2000/svg}"
# Caractères de contrôle qu'un fichier Word (XML 1.0) ne peut pas porter : un texte importé
# d'un tableur peut en contenir ; ils sont retirés plutôt que de faire échouer le document.
_HORS_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _propre(texte: str | None) -> str:
    """Un texte sur une ligne, blancs réduits (les espaces insécables restent), sans caractère
    interdit dans un fichier Word."""
    return _BLANCS.sub(" ", _HORS_XML.sub("", texte or "")).strip(" ")


# --- Graphiques ------------------------------------------------------------------------------


def _aucune_ressource(url, resource_type=None):
    raise ValueError(f"Ressource refusée dans un graphique : {str(url)[:200]}")


@dataclass(frozen=True)
class Graphique:
    png: bytes
    largeur_cm: float
    texte_de_remplacement: str


def graphique_depuis_svg(svg: str) -> Graphique:
    """Le PNG d'un graphique SVG de l'application et son texte de remplacement (son `<title>`
    et sa `<desc>`). Aucune ressource extérieure n'est lue (`url_fetcher` qui refuse tout)."""
    # Import tardif, comme WeasyPrint : CairoSVG charge la bibliothèque Cairo à l'import, ce
    # qu'aucune page ni aucun autre travail n'a besoin de payer.
    from cairosvg.surface import PNGSurface

    svg = _HORS_XML.sub("", svg)
    arbre = etree.fromstring(
        svg.encode(), parser=etree.XMLParser(resolve_entities=False, no_network=True)
    )
    titre = _propre(arbre.findtext(f"{_NS_SVG}title"))
    description = _propre(arbre.findtext(f"{_NS_SVG}desc"))
    texte = ". ".join(t.rstrip(".") for t in (titre, description) if t)
    largeur_px = _pixels(arbre.get("width")) or _largeur_de_la_vue(arbre.get("viewBox")) or 600
    png = PNGSurface.convert(
        bytestring=svg.encode(),
        scale=ECHELLE_DES_IMAGES,
        background_color="white",
        url_fetcher=_aucune_ressource,
    )
    largeur_cm = min(largeur_px / PIXELS_PAR_CM, LARGEUR_UTILE_CM)
    return Graphique(png=png, largeur_cm=largeur_cm, texte_de_remplacement=texte + ".")


def _pixels(valeur: str | None) -> float | None:
    try:
        return float(valeur.removesuffix("px")) if valeur else None
    except ValueError:
        return None


def _largeur_de_la_vue(vue: str | None) -> float | None:
    morceaux = (vue or "").replace(",", " ").split()
    return _pixels(morceaux[2]) if len(morceaux) == 4 else None


# --- Outils OOXML ----------------------------------------------------------------------------


def _champ(paragraphe, instruction: str, texte_provisoire: str = "") -> None:
    """Un champ Word simple (PAGE, NUMPAGES…) dans un paragraphe."""
    _debut_de_champ(paragraphe, instruction)
    if texte_provisoire:
        paragraphe.add_run(texte_provisoire)
    _fin_de_champ(paragraphe)


def _fldchar(paragraphe, type_: str, **attributs) -> None:
    run = paragraphe.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), type_)
    for nom, valeur in attributs.items():
        element.set(qn(f"w:{nom}"), valeur)
    run._r.append(element)


def _debut_de_champ(paragraphe, instruction: str) -> None:
    _fldchar(paragraphe, "begin", dirty="true")
    run = paragraphe.add_run()
    texte = OxmlElement("w:instrText")
    texte.set(qn("xml:space"), "preserve")
    texte.text = f" {instruction} "
    run._r.append(texte)
    _fldchar(paragraphe, "separate")


def _fin_de_champ(paragraphe) -> None:
    _fldchar(paragraphe, "end")


def _propriete(parent, balise: str, *, avant: tuple[str, ...] = (), **attributs):
    """L'élément `balise` de `parent`, créé s'il manque à sa place dans l'ordre du schéma
    OOXML (avant le premier de ses suivants `avant` présent : Word refuse un ordre faux)."""
    element = parent.find(qn(balise))
    if element is None:
        element = OxmlElement(balise)
        suivants = {qn(b) for b in avant}
        suivant = next((e for e in parent if e.tag in suivants), None)
        if suivant is None:
            parent.append(element)
        else:
            suivant.addprevious(element)
    for nom, valeur in attributs.items():
        element.set(qn(f"w:{nom}"), valeur)
    return element


def _langue_par_defaut(document) -> None:
    """fr-FR pour tout le texte (correcteur, césure, lecteurs d'écran)."""
    styles = document.styles.element
    defauts = styles.find(qn("w:docDefaults"))
    if defauts is None:
        defauts = OxmlElement("w:docDefaults")
        styles.insert(0, defauts)
    rpr_defaut = _propriete(defauts, "w:rPrDefault", avant=("w:pPrDefault",))
    rpr = _propriete(rpr_defaut, "w:rPr")
    suivants = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
    _propriete(rpr, "w:lang", avant=suivants, val=LANGUE, eastAsia=LANGUE, bidi="ar-SA")


def _mettre_a_jour_les_champs_a_l_ouverture(document) -> None:
    """Word recalcule la table des matières et les numéros de page en ouvrant le fichier."""
    _propriete(
        document.settings.element, "w:updateFields", avant=_SUIVANTS_DE_UPDATEFIELDS, val="true"
    )


# Ce qui suit `w:updateFields` dans les réglages (schéma OOXML), préfixe `w:` seulement.
_SUIVANTS_DE_UPDATEFIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _en_tete_de_tableau(ligne) -> None:
    """La ligne est l'en-tête du tableau : répétée en haut de chaque page, lue comme telle."""
    trpr = ligne._tr.get_or_add_trPr()
    suivants = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
    _propriete(trpr, "w:tblHeader", avant=suivants, val="true")


def _legende_de_tableau(table, legende: str) -> None:
    """Titre du tableau (texte de remplacement des tableaux de Word)."""
    suivants = ("w:tblDescription", "w:tblPrChange")
    _propriete(table._tbl.tblPr, "w:tblCaption", avant=suivants, val=legende[:250])


def _fond(cellule, couleur: str) -> None:
    tcpr = cellule._tc.get_or_add_tcPr()
    suivants = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
    _propriete(tcpr, "w:shd", avant=suivants, val="clear", color="auto", fill=couleur)


# --- Styles ----------------------------------------------------------------------------------

BLEU = RGBColor(0x0A, 0x4C, 0xA0)
GRIS = RGBColor(0x44, 0x44, 0x44)


def _style(document, nom: str, *, base: str = "Normal", taille=None, couleur=None, **options):
    styles = document.styles
    style = styles[nom] if nom in [s.name for s in styles] else None
    if style is None:
        style = styles.add_style(nom, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    if taille:
        style.font.size = Pt(taille)
    if couleur is not None:
        style.font.color.rgb = couleur
    if options.get("italique"):
        style.font.italic = True
    if options.get("gras"):
        style.font.bold = True
    if "apres" in options:
        style.paragraph_format.space_after = Pt(options["apres"])
    if "avant" in options:
        style.paragraph_format.space_before = Pt(options["avant"])
    return style


def _preparer_les_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(4)
    for nom, taille in (("Heading 1", 15), ("Heading 2", 11.5), ("Heading 3", 10)):
        titre = document.styles[nom]
        titre.font.size = Pt(taille)
        titre.font.color.rgb = BLEU if nom == "Heading 1" else RGBColor(0x1A, 0x1A, 0x1A)
        titre.font.name = "DejaVu Sans"
        titre.paragraph_format.keep_with_next = True
    document.styles["Title"].font.color.rgb = BLEU
    document.styles["Title"].font.name = "DejaVu Sans"
    _style(document, "Petit", taille=8, couleur=GRIS)
    _style(document, "Non renseigné", italique=True, couleur=GRIS)
    _style(document, "Tableau", taille=8.5, apres=0)
    _style(document, "Caption", taille=8.5, couleur=RGBColor(0x1A, 0x1A, 0x1A), gras=True)
    document.styles["Caption"].paragraph_format.keep_with_next = True
    _style(document, "Sommaire", taille=15, couleur=BLEU, apres=8)
    for niveau in range(1, NIVEAUX_DU_SOMMAIRE + 1):
        style = _style(document, f"TOC {niveau}", apres=2)
        style.paragraph_format.left_indent = Cm(0.6 * (niveau - 1))


def _mise_en_page(document, *, en_tete: str, filigrane: str) -> None:
    """A4, marges du PDF ; en-tête (collectivité, document, filigrane) et « page n / N »."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.left_margin = section.right_margin = Mm(18)
    haut = section.header.paragraphs[0]
    haut.style = document.styles["Petit"]
    haut.add_run(en_tete)
    if filigrane:
        haut.add_run(" — ")
        haut.add_run(filigrane).bold = True
    bas = section.footer.paragraphs[0]
    bas.style = document.styles["Petit"]
    bas.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    bas.add_run("page ")
    _champ(bas, "PAGE", "1")
    bas.add_run(" / ")
    _champ(bas, "NUMPAGES", "1")


# --- Écriture ---------------------------------------------------------------------------------


@dataclass
class _Format:
    gras: bool = False
    italique: bool = False
    exposant: bool = False
    indice: bool = False

    def avec(self, balise: str) -> "_Format":
        return _Format(
            gras=self.gras or balise in ("strong", "b", "th"),
            italique=self.italique or balise in ("em", "i", "cite"),
            exposant=self.exposant or balise == "sup",
            indice=self.indice or balise == "sub",
        )


@dataclass
class _Paragraphe:
    """Un paragraphe en cours : ses morceaux (texte, format) ou sauts de ligne, écrits d'un
    coup à la fermeture, blancs du HTML réduits comme le ferait un navigateur."""

    style: str | None = None
    morceaux: list = field(default_factory=list)


class _Conteneur:
    """Le corps du document ou une cellule de tableau : on y ajoute paragraphes et tableaux."""

    def __init__(self, cible, *, cellule: bool = False):
        self.cible = cible
        self.premier_libre = cible.paragraphs[0] if cellule else None

    def paragraphe(self, style=None):
        if self.premier_libre is not None:
            paragraphe, self.premier_libre = self.premier_libre, None
            if style:
                paragraphe.style = style
            return paragraphe
        return self.cible.add_paragraph(style=style)

    def tableau(self, lignes: int, colonnes: int):
        self.premier_libre = None
        return self.cible.add_table(lignes, colonnes)


class _Redacteur:
    def __init__(self, document, graphiques: list[str], titres: list[tuple[int, str]]):
        self.document = document
        self.graphiques = graphiques
        self.titres = titres
        self.saut_de_page = False
        self.filigrane = ""
        self.mention_de_garde = ""

    # Blocs

    def blocs(self, conteneur: _Conteneur, element, style_par_defaut=None) -> None:
        """Écrit le contenu d'un élément : ses textes et éléments en ligne dans des
        paragraphes, ses blocs chacun selon sa nature."""
        courant = None

        def fermer():
            nonlocal courant
            if courant is not None:
                self.ecrire(conteneur, courant)
                courant = None

        def ouvrir():
            nonlocal courant
            if courant is None:
                courant = _Paragraphe(style=style_par_defaut)
            return courant

        if element.text and element.text.strip():
            ouvrir().morceaux.append((element.text, _Format()))
        for enfant in element:
            if not isinstance(enfant.tag, str) or enfant.tag in IGNORES:
                pass
            elif enfant.get("aria-hidden") == "true":
                self.filigrane = _propre(enfant.text_content())
            elif enfant.tag in BLOCS:
                fermer()
                self.bloc(conteneur, enfant)
            else:
                self.en_ligne(ouvrir(), enfant, _Format())
            if enfant.tail and (enfant.tail.strip() or courant is not None):
                ouvrir().morceaux.append((enfant.tail, _Format()))
        fermer()

    def bloc(self, conteneur: _Conteneur, element) -> None:
        balise, classes = element.tag, set(element.get("class", "").split())
        if balise in STYLES_DE_TITRE:
            self.ecrire(
                conteneur,
                self.paragraphe_de(element, style=STYLES_DE_TITRE[balise]),
            )
        elif balise == "nav" and "sommaire" in classes:
            self.saut_de_page = True
            self.table_des_matieres(conteneur)
        elif balise == "p":
            style = None
            if "petit" in classes or "mention" in classes:
                style = "Petit"
            elif "non-renseigne" in classes:
                style = "Non renseigné"
            elif "collectivite" in classes:
                style = "Subtitle"
            self.blocs(conteneur, element, style)
        elif balise in ("ul", "ol"):
            self.liste(conteneur, element, numerotee=balise == "ol")
        elif balise == "dl":
            self.definitions(conteneur, element)
        elif balise == "table":
            self.tableau(conteneur, element)
        elif balise == "svg-word":
            self.image(conteneur, self.graphiques[int(element.get("data-rang"))])
        elif balise == "hr":
            pass
        else:
            if "chapitre" in classes or "synthese" in classes:
                self.saut_de_page = True
            self.blocs(conteneur, element)
            if "garde" in classes:
                if self.mention_de_garde:
                    self.ecrire(
                        conteneur,
                        _Paragraphe(style="Petit", morceaux=[(self.mention_de_garde, _Format())]),
                    )
                self.saut_de_page = True

    def paragraphe_de(self, element, *, style=None) -> _Paragraphe:
        paragraphe = _Paragraphe(style=style)
        if element.text:
            paragraphe.morceaux.append((element.text, _Format()))
        for enfant in element:
            if isinstance(enfant.tag, str):
                self.en_ligne(paragraphe, enfant, _Format())
            if enfant.tail:
                paragraphe.morceaux.append((enfant.tail, _Format()))
        return paragraphe

    def en_ligne(self, paragraphe: _Paragraphe, element, format_: _Format) -> None:
        if not isinstance(element.tag, str) or element.tag in IGNORES:
            return
        if element.tag == "br":
            paragraphe.morceaux.append(("\n", None))
            return
        format_ = format_.avec(element.tag)
        if element.text:
            paragraphe.morceaux.append((element.text, format_))
        for enfant in element:
            self.en_ligne(paragraphe, enfant, format_)
            if enfant.tail:
                paragraphe.morceaux.append((enfant.tail, format_))

    def ecrire(self, conteneur: _Conteneur, modele: _Paragraphe):
        morceaux = _reduire_les_blancs(modele.morceaux)
        if not morceaux:
            return None
        paragraphe = conteneur.paragraphe(style=modele.style)
        self._saut_si_demande(paragraphe)
        for texte, format_ in morceaux:
            if format_ is None:
                paragraphe.add_run().add_break()
                continue
            run = paragraphe.add_run(texte)
            run.bold = format_.gras or None
            run.italic = format_.italique or None
            if format_.exposant:
                run.font.superscript = True
            if format_.indice:
                run.font.subscript = True
        return paragraphe

    def _saut_si_demande(self, paragraphe) -> None:
        if self.saut_de_page:
            paragraphe.paragraph_format.page_break_before = True
            self.saut_de_page = False

    def liste(self, conteneur, element, *, numerotee: bool, niveau: int = 1) -> None:
        style = ("List Number" if numerotee else "List Bullet") + (
            f" {niveau}" if niveau > 1 else ""
        )
        for item in element:
            if not isinstance(item.tag, str) or item.tag != "li":
                continue
            modele = _Paragraphe(style=style)
            sous_listes = []
            if item.text:
                modele.morceaux.append((item.text, _Format()))
            for enfant in item:
                if isinstance(enfant.tag, str) and enfant.tag in ("ul", "ol"):
                    sous_listes.append(enfant)
                elif isinstance(enfant.tag, str):
                    self.en_ligne(modele, enfant, _Format())
                if enfant.tail:
                    modele.morceaux.append((enfant.tail, _Format()))
            self.ecrire(conteneur, modele)
            for sous in sous_listes:
                self.liste(conteneur, sous, numerotee=sous.tag == "ol", niveau=min(niveau + 1, 3))

    def definitions(self, conteneur, element) -> None:
        """Une liste de définitions : « Terme : définition », terme en gras, une par ligne."""
        modele = None
        for enfant in element:
            if not isinstance(enfant.tag, str):
                continue
            if enfant.tag == "dt":
                if modele is not None:
                    self.ecrire(conteneur, modele)
                modele = self.paragraphe_de(enfant)
                modele.morceaux = [(t, f and f.avec("strong")) for t, f in modele.morceaux]
                modele.morceaux.append((" : ", _Format()))
            elif enfant.tag == "dd":
                modele = modele or _Paragraphe()
                modele.morceaux.extend(self.paragraphe_de(enfant).morceaux)
                self.ecrire(conteneur, modele)
                modele = None
        if modele is not None:
            self.ecrire(conteneur, modele)

    def tableau(self, conteneur, element) -> None:
        legende = element.find("caption")
        if legende is not None:
            self.ecrire(conteneur, self.paragraphe_de(legende, style="Caption"))
        elif self.saut_de_page:
            self._saut_si_demande(conteneur.paragraphe(style="Tableau"))
        lignes = []  # (élément tr, est_en_tete)
        for partie in element:
            if not isinstance(partie.tag, str):
                continue
            if partie.tag == "tr":
                lignes.append((partie, False))
            elif partie.tag in ("thead", "tbody", "tfoot"):
                lignes.extend((tr, partie.tag == "thead") for tr in partie if tr.tag == "tr")
        if not lignes:
            return
        colonnes = max(
            sum(int(c.get("colspan", 1) or 1) for c in tr if c.tag in ("td", "th"))
            for tr, _ in lignes
        )
        table = conteneur.tableau(len(lignes), max(colonnes, 1))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        largeurs = _largeurs_de_colonnes([tr for tr, _ in lignes], colonnes)
        for colonne, largeur in zip(table.columns, largeurs, strict=True):
            colonne.width = largeur
        if legende is not None:
            _legende_de_tableau(table, _propre(legende.text_content()))
        for rang, (tr, en_tete) in enumerate(lignes):
            ligne = table.rows[rang]
            if en_tete:
                _en_tete_de_tableau(ligne)
            colonne = 0
            for cellule_html in tr:
                if cellule_html.tag not in ("td", "th"):
                    continue
                etendue = min(int(cellule_html.get("colspan", 1) or 1), colonnes - colonne)
                cellule = ligne.cells[colonne]
                if etendue > 1:
                    cellule = cellule.merge(ligne.cells[colonne + etendue - 1])
                cellule.width = sum(largeurs[colonne : colonne + etendue])
                self.cellule(cellule, cellule_html, en_tete=en_tete)
                colonne += etendue
        # Un paragraphe vide sépare deux tableaux qui se suivent (sinon Word les colle).
        conteneur.paragraphe(style="Tableau")

    def cellule(self, cellule, element, *, en_tete: bool) -> None:
        classes = set(element.get("class", "").split())
        conteneur = _Conteneur(cellule, cellule=True)
        if element.tag == "th":
            # Le gras de la cellule d'en-tête, sauf « fw-normal » (en-tête de ligne discret).
            gras = "fw-normal" not in classes
            modele = self.paragraphe_de(element, style="Tableau")
            if gras:
                modele.morceaux = [(t, f and f.avec("strong")) for t, f in modele.morceaux]
            if any(isinstance(e.tag, str) and e.tag in BLOCS for e in element):
                self.blocs(conteneur, element, "Tableau")
            else:
                self.ecrire(conteneur, modele)
        else:
            self.blocs(conteneur, element, "Tableau")
        if en_tete:
            _fond(cellule, "E8EEF7")
        if "nombre" in classes:
            for paragraphe in cellule.paragraphs:
                paragraphe.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def image(self, conteneur, svg: str) -> None:
        graphique = graphique_depuis_svg(svg)
        paragraphe = conteneur.paragraphe()
        self._saut_si_demande(paragraphe)
        run = paragraphe.add_run()
        forme = run.add_picture(io.BytesIO(graphique.png), width=Cm(graphique.largeur_cm))
        proprietes = forme._inline.docPr
        proprietes.set("descr", graphique.texte_de_remplacement)
        proprietes.set("title", graphique.texte_de_remplacement.split(". ")[0][:250])

    def table_des_matieres(self, conteneur) -> None:
        """Titre « Sommaire » puis un champ TOC que Word remplit depuis les styles de titre ;
        son contenu provisoire liste déjà les titres, lisible avant toute mise à jour."""
        titre = conteneur.paragraphe(style="Sommaire")
        self._saut_si_demande(titre)
        titre.add_run("Sommaire")
        entrees = [(n, t) for n, t in self.titres if n <= NIVEAUX_DU_SOMMAIRE]
        instruction = f'TOC \\o "1-{NIVEAUX_DU_SOMMAIRE}" \\h \\z \\u'
        if not entrees:
            _champ(conteneur.paragraphe(), instruction, "Mettez à jour le champ (F9).")
            return
        for rang, (niveau, texte) in enumerate(entrees):
            paragraphe = conteneur.paragraphe(style=f"TOC {niveau}")
            if rang == 0:
                _debut_de_champ(paragraphe, instruction)
            paragraphe.add_run(texte)
            if rang == len(entrees) - 1:
                _fin_de_champ(paragraphe)
        self.saut_de_page = True


def _largeurs_de_colonnes(lignes, colonnes: int) -> list:
    """Largeurs des colonnes : chacune au moins celle de son plus long mot (un en-tête ou un
    nombre ne se coupe pas), le reste de la largeur utile partagé selon la longueur des textes
    (bornée) : une colonne de libellés prend la place, une colonne de nombres reste étroite."""
    mots, textes = [1] * colonnes, [1] * colonnes
    for tr in lignes:
        rang = 0
        for cellule in tr:
            if cellule.tag not in ("td", "th"):
                continue
            etendue = int(cellule.get("colspan", 1) or 1)
            if etendue == 1 and rang < colonnes:
                texte = _BLANCS.sub(" ", cellule.text_content()).strip()
                mot = max((len(m) for m in texte.split(" ")), default=0)
                mots[rang] = max(mots[rang], min(mot, 25))
                textes[rang] = max(textes[rang], min(len(texte), 45))
            rang += etendue
    minimums = [CM_PAR_CARACTERE * m + MARGES_DE_CELLULE_CM for m in mots]
    reste = LARGEUR_UTILE_CM - sum(minimums)
    if reste <= 0:
        return [Cm(LARGEUR_UTILE_CM * m / sum(minimums)) for m in minimums]
    return [Cm(m + reste * t / sum(textes)) for m, t in zip(minimums, textes, strict=True)]


def _reduire_les_blancs(morceaux: list) -> list:
    """Blancs du HTML réduits à une espace, ni en tête ni en fin de paragraphe."""
    resultat = []
    blanc_precedent = True  # en début de paragraphe, un blanc ne compte pas
    for texte, format_ in morceaux:
        if format_ is None:
            resultat.append(("\n", None))
            blanc_precedent = True
            continue
        texte = _BLANCS.sub(" ", _HORS_XML.sub("", texte))
        if blanc_precedent:
            texte = texte.lstrip(" ")
        if texte:
            resultat.append((texte, format_))
            blanc_precedent = texte.endswith(" ")
    while resultat and resultat[-1][1] is not None:
        texte, format_ = resultat[-1]
        if texte.rstrip(" "):
            resultat[-1] = (texte.rstrip(" "), format_)
            break
        resultat.pop()
    while resultat and resultat[-1][1] is None:
        resultat.pop()
    return resultat


def _titres(racine) -> list[tuple[int, str]]:
    niveaux = {"h2": 1, "h3": 2, "h4": 3}
    return [
        (niveaux[e.tag], _propre(e.text_content()))
        for e in racine.iter("h2", "h3", "h4")
        if not e.xpath("ancestor::nav")
    ]


def docx_depuis_html(html: str, *, mention: str = "") -> bytes:
    """Le document Word d'un HTML d'impression (`strategie_html`, `bilan_html`).

    `mention` s'ajoute à la page de garde (d'où vient une version Word d'un document officiel).
    """
    graphiques: list[str] = []

    def mettre_de_cote(correspondance) -> str:
        graphiques.append(correspondance.group(0))
        return f'<svg-word data-rang="{len(graphiques) - 1}"></svg-word>'

    racine = lxml_html.document_fromstring(_SVG.sub(mettre_de_cote, html))
    document = Document()
    _preparer_les_styles(document)
    _langue_par_defaut(document)
    _mettre_a_jour_les_champs_a_l_ouverture(document)

    titre = _propre(racine.findtext(".//title"))
    auteur = ""
    for meta in racine.iter("meta"):
        if meta.get("name") == "author":
            auteur = meta.get("content", "")
    proprietes = document.core_properties
    proprietes.title = titre
    proprietes.author = auteur
    proprietes.last_modified_by = auteur
    proprietes.language = LANGUE
    proprietes.subject = "Stratégie numérique responsable"
    proprietes.keywords = "numérique responsable; REEN; art. L. 2311-1-1 CGCT"
    proprietes.created = proprietes.modified = timezone.now()
    proprietes.revision = 1

    redacteur = _Redacteur(document, graphiques, _titres(racine))
    redacteur.mention_de_garde = mention
    corps = racine.find("body")
    # Le filigrane (aria-hidden) se lit avant le reste : il va dans l'en-tête de chaque page.
    for element in corps.iter():
        if isinstance(element.tag, str) and element.get("aria-hidden") == "true":
            redacteur.filigrane = _propre(element.text_content())
    _mise_en_page(document, en_tete=titre, filigrane=redacteur.filigrane)
    redacteur.blocs(_Conteneur(document), corps)
    sortie = io.BytesIO()
    document.save(sortie)
    return sortie.getvalue()
