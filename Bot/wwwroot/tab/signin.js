// Teams single sign-on: ask the Teams client for the user's token, post it with the page's antiforgery token, and go on
// to the tab once the server has set its session cookie. Outside Teams there is no host to ask.
(function () {
  "use strict";
  var status = document.getElementById("sso-status");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var header = document.querySelector('meta[name="csrf-header"]').content;
  function fail(message) { status.textContent = message; status.className = "warning"; }
  // Outside a Teams frame there is no host to answer, and initialize() would wait for ever.
  if (!window.microsoftTeams || window.parent === window) { fail(status.dataset.outside); return; }
  microsoftTeams.app.initialize()
    .then(function () { return microsoftTeams.authentication.getAuthToken(); })
    .then(function (token) {
      var headers = { "Authorization": "Bearer " + token };
      headers[header] = csrf;
      return fetch("/tab/signin/sso", { method: "POST", headers: headers, credentials: "same-origin" });
    })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (body) { window.location.assign(body.redirect); })
    .catch(function () { fail(status.dataset.failed); });
})();
