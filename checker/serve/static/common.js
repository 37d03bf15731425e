/* What both pages share: the API call (with the access token when the service asks for one),
   and building elements from text, never from markup. */
(function () {
  "use strict";
  var tokenKey = "checker-serve-token";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function headers(extra) {
    var all = Object.assign({}, extra || {});
    var token = sessionStorage.getItem(tokenKey);
    if (token) { all.Authorization = "Bearer " + token; }
    return all;
  }

  function codes(value) {
    return value.split(/[\s,;]+/).filter(function (code) { return code; });
  }

  /* Show the token field when the service wants one; remember what is typed for this tab. */
  function setUpToken() {
    var box = document.getElementById("token-box");
    var input = document.getElementById("token");
    input.value = sessionStorage.getItem(tokenKey) || "";
    input.addEventListener("change", function () { sessionStorage.setItem(tokenKey, input.value.trim()); });
    return fetch("/health").then(function (r) { return r.json(); }).then(function (health) {
      box.hidden = !health.token_required;
      return health;
    });
  }

  /* POST or GET JSON; resolves to {ok, status, data, response}; an error body's message in data.error. */
  function api(path, body, accept) {
    var init = {method: body === undefined ? "GET" : "POST", headers: headers({})};
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var read = type.indexOf("application/json") === 0 ? response.json() : response.text();
      return read.then(function (data) {
        return {ok: response.ok, status: response.status, data: data, response: response};
      });
    });
  }

  window.checker = {el: el, api: api, codes: codes, setUpToken: setUpToken};
})();
