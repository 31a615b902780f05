/* Quelques compléments, sans dépendance. Sans JavaScript, tout fonctionne aussi. */
(function () {
  "use strict";

  /* Saisie non enregistrée : quitter un long formulaire modifié demande confirmation. */
  var formulaires = Array.prototype.slice.call(document.querySelectorAll("form[data-garder-saisie]"));
  var envoi = false;
  function etat(formulaire) {
    return new URLSearchParams(new FormData(formulaire)).toString();
  }
  formulaires.forEach(function (formulaire) {
    // Un formulaire renvoyé avec des erreurs contient une saisie qui n'est pas enregistrée.
    formulaire.initial = document.querySelector(".resume-erreurs") ? null : etat(formulaire);
    formulaire.addEventListener("submit", function () { envoi = true; });
  });
  window.addEventListener("beforeunload", function (evenement) {
    if (envoi) { return; }
    var modifie = formulaires.some(function (f) { return f.initial !== etat(f); });
    if (modifie) {
      evenement.preventDefault();
      evenement.returnValue = "";
    }
  });
  window.addEventListener("pageshow", function () { envoi = false; });

  /* Sur un petit écran, le menu se replie derrière un bouton (sans JavaScript, il reste ouvert). */
  var bouton = document.querySelector(".bouton-menu");
  if (bouton) {
    var entete = bouton.closest("header");
    entete.classList.add("menu-repliable");
    bouton.hidden = false;
    bouton.addEventListener("click", function () {
      var ouvert = entete.classList.toggle("menu-ouvert");
      bouton.setAttribute("aria-expanded", ouvert ? "true" : "false");
    });
  }

  /* Lignes d'un tableau de saisie (sous-actions, budget, indicateurs) : ajouter et retirer sur
     place. Une ligne vidée est ignorée à l'enregistrement : « Retirer » la vide et la masque. */
  function boutonRetirer(ligne, ajouter) {
    var cellule = document.createElement("td");
    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "btn btn-sm btn-outline-secondary";
    bouton.textContent = "Retirer";
    bouton.addEventListener("click", function () {
      ligne.querySelectorAll("input, select, textarea").forEach(function (champ) {
        if (champ.type === "checkbox") { champ.checked = false; }
        else if (champ.tagName === "SELECT") { champ.selectedIndex = 0; }
        else { champ.value = ""; }
      });
      ligne.hidden = true;
      ajouter.focus();
    });
    cellule.appendChild(bouton);
    ligne.appendChild(cellule);
  }
  document.querySelectorAll("fieldset[data-lignes]").forEach(function (bloc) {
    var prefixe = bloc.getAttribute("data-lignes");
    var total = bloc.querySelector("input[name='" + prefixe + "-TOTAL_FORMS']");
    var modele = bloc.querySelector("template[data-modele]");
    var ajouter = bloc.querySelector("[data-ajouter]");
    var corps = bloc.querySelector("tbody");
    if (!total || !modele || !ajouter || !corps) { return; }
    var entete = bloc.querySelector("thead tr");
    var colonne = document.createElement("th");
    colonne.scope = "col";
    colonne.innerHTML = "<span class=\"visually-hidden\">Retirer la ligne</span>";
    entete.appendChild(colonne);
    corps.querySelectorAll("tr").forEach(function (ligne) { boutonRetirer(ligne, ajouter); });
    ajouter.type = "button";
    ajouter.addEventListener("click", function () {
      var rang = parseInt(total.value, 10);
      var conteneur = document.createElement("tbody");
      conteneur.innerHTML = modele.innerHTML.replace(/__prefix__/g, String(rang));
      var ligne = conteneur.firstElementChild;
      corps.appendChild(ligne);
      boutonRetirer(ligne, ajouter);
      total.value = String(rang + 1);
      var premier = ligne.querySelector("input, select, textarea");
      if (premier) { premier.focus(); }
    });
  });

  /* « Imprimer » : le bouton n'apparaît qu'avec JavaScript (sinon, le menu du navigateur). */
  document.querySelectorAll("[data-imprimer]").forEach(function (bouton) {
    bouton.hidden = false;
    bouton.addEventListener("click", function () { window.print(); });
  });

  /* Après un envoi refusé, le focus va au résumé des erreurs. */
  var resume = document.querySelector(".resume-erreurs, [role='alert'][tabindex='-1']");
  if (resume) { resume.focus(); }
})();
