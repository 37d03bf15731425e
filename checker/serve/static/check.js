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

  function request() {
    var body = {text: $("text").value};
    ["format", "publisher", "as_of", "lang", "name"].forEach(function (key) {
      var value = $(key).value.trim();
      if (value) { body[key] = value; }
    });
    ["regions", "jurisdictions"].forEach(function (key) {
      var list = c.codes($(key).value);
      if (list.length) { body[key] = list; }
    });
    return body;
  }

  function failed(answer) {
    var status = $("status");
    status.className = "error";
    status.textContent = (answer.data && answer.data.error) || ("The service answered " + answer.status);
  }

  var fixed = null;

  $("fix").addEventListener("click", function () {
    var status = $("status");
    status.className = "";
    status.textContent = "Fixing…";
    c.api("/fix", request()).then(function (answer) {
      if (!answer.ok) { failed(answer); return; }
      var data = answer.data;
      fixed = data.fixed;
      status.textContent = "";
      $("fix-result").hidden = false;
      $("fix-summary").textContent = data.error ? "Could not be fixed: " + data.error :
        data.fixes.length + " insertion(s); " + data.unfixable.length + " left to fix by hand" +
        (data.changed ? "; the fixed article would exit with code " + data.exit_code : "");
      $("fix-diff").textContent = data.diff || "Nothing to insert.";
      $("fix-left").textContent = "";
      data.unfixable.forEach(function (left) {
        $("fix-left").appendChild(c.el("li", {text: "line " + left.location.line + ": " + left.rule +
          (left.text ? " (" + left.text + ")" : "") + ": " + left.reason}));
      });
      $("use-fixed").hidden = !data.changed;
    });
  });

  $("use-fixed").addEventListener("click", function () {
    if (fixed !== null) { $("text").value = fixed; }
    $("fix-result").hidden = true;
    $("check").click();
  });

  $("check-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = request();
    var status = $("status");
    status.className = "";
    status.textContent = "Checking…";
    c.api("/check?report=html", body).then(function (answer) {
      if (!answer.ok) { failed(answer); return; }
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
