/* The article page: paste or open an article, set the context, see the HTML report. */
(function () {
  "use strict";
  var c = window.checker;
  var $ = function (id) { return document.getElementById(id); };
  var formats = {html: "html", htm: "html", xhtml: "html", md: "markdown", markdown: "markdown", txt: "text"};
  var meaning = {
    0: "nothing of the failing severity is missing, malformed or flagged",
    1: "something is missing, malformed or flagged",
    2: "the article could not be checked"
  };

  c.setUpToken();

  $("file").addEventListener("change", function () {
    var file = $("file").files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      $("text").value = reader.result;
      var ext = file.name.split(".").pop().toLowerCase();
      if (formats[ext]) { $("format").value = formats[ext]; }
      $("name").value = file.name;
    };
    reader.readAsText(file);
  });

  $("check-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = {text: $("text").value};
    ["format", "publisher", "as_of", "lang", "name"].forEach(function (key) {
      var value = $(key).value.trim();
      if (value) { body[key] = value; }
    });
    ["regions", "jurisdictions"].forEach(function (key) {
      var list = c.codes($(key).value);
      if (list.length) { body[key] = list; }
    });
    var status = $("status");
    status.className = "";
    status.textContent = "Checking…";
    c.api("/check?report=html", body).then(function (answer) {
      if (!answer.ok) {
        status.className = "error";
        status.textContent = (answer.data && answer.data.error) || ("The service answered " + answer.status);
        return;
      }
      var code = answer.response.headers.get("X-Checker-Exit-Code");
      status.className = "exit-" + code;
      status.textContent = "Exit code " + code + ": " + (meaning[code] || "");
      $("report").srcdoc = answer.data;
    }, function (error) {
      status.className = "error";
      status.textContent = "The service could not be reached: " + error;
    });
  });
})();
