// The home page counts again every few seconds by fetching its lines alone and putting
// them in place: the page neither reloads nor moves. A hidden tab asks nothing.
(function () {
  "use strict";
  const box = document.getElementById("home-lines");
  if (!box) { return; }
  const every = Number(box.dataset.refreshSeconds || "30") * 1000;

  function refresh() {
    if (document.hidden) { window.setTimeout(refresh, every); return; }
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (response) {
        if (response.redirected) { throw new Error("you were logged out"); }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        box.innerHTML = html;
        window.setTimeout(refresh, every);
      })
      .catch(function (error) {
        const note = box.querySelector(".home-counted");
        if (note) {
          note.textContent = "These counts could not be refreshed (" + error.message + "): reload the page to see the latest.";
        }
      });
  }
  window.setTimeout(refresh, every);
})();
