// Page de suivi d'un travail en arrière-plan : se recharge tant que le document se prépare.
(function () {
  var suivi = document.querySelector("[data-actualiser]");
  if (suivi) {
    window.setTimeout(function () {
      window.location.reload();
    }, Number(suivi.getAttribute("data-actualiser")) * 1000);
  }
})();
