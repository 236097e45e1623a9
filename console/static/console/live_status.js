// A call page whose analysis is in progress asks every few seconds where it stands, and
// reloads itself once nothing is in progress any more and what it would show changed.
(function () {
  "use strict";
  const box = document.getElementById("live-status");
  if (!box || !box.hasAttribute("data-in-progress")) { return; }
  const shown = box.dataset.version;
  const startedAt = Date.now();
  const GIVE_UP_MS = 30 * 60 * 1000;

  function delay() {
    // Every two seconds for the first minute, then every ten: a run that waits on a slow
    // model or a stopped worker does not keep the server busy.
    return Date.now() - startedAt < 60 * 1000 ? 2000 : 10000;
  }

  function stop(text) {
    box.removeAttribute("data-in-progress");
    box.textContent = text;
  }

  function poll() {
    if (Date.now() - startedAt > GIVE_UP_MS) {
      stop("Still in progress after 30 minutes: reload the page to check again.");
      return;
    }
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        if (!state.in_progress) {
          if (state.version !== shown) {
            box.textContent = "Finished: loading the new analysis…";
            window.location.reload();
          } else {
            stop("");
          }
          return;
        }
        window.setTimeout(poll, delay());
      })
      .catch(function (error) {
        stop("This page could not check for the analysis (" + error.message + "): reload it to see the latest.");
      });
  }
  window.setTimeout(poll, delay());
})();
