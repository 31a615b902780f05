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

  /* Après un envoi refusé, le focus va au résumé des erreurs. */
  var resume = document.querySelector(".resume-erreurs, [role='alert'][tabindex='-1']");
  if (resume) { resume.focus(); }
})();
