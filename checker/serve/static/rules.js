/* The rules page: each rule explained (when it applies, what it looks for, the law, the
   examples), and a form that tries an example text against it or against a draft rule. */
(function () {
  "use strict";
  var c = window.checker;
  var el = c.el;
  var $ = function (id) { return document.getElementById(id); };
  var current = null;
  var rules = [];

  /* Lines as `checker rules show` writes them: "- " starts a bullet, other lines are paragraphs. */
  function section(title, lines) {
    if (!lines || !lines.length) { return null; }
    var box = el("div", {"class": "section"}, [el("h3", {text: title})]);
    var list = null;
    lines.forEach(function (line) {
      if (line.indexOf("- ") === 0) {
        if (!list) { list = box.appendChild(el("ul")); }
        list.appendChild(el("li", {text: line.slice(2)}));
      } else {
        list = null;
        box.appendChild(el("p", {text: line}));
      }
    });
    return box;
  }

  function lawList(law) {
    return el("ul", {"class": "law"}, law.map(function (citation) {
      var item = el("li");
      if (citation.url && /^https?:\/\//i.test(citation.url)) {
        item.appendChild(el("a", {href: citation.url, target: "_blank", rel: "noopener noreferrer",
                                  text: citation.title}));
      } else {
        item.appendChild(document.createTextNode(citation.title));
      }
      if (citation.note) { item.appendChild(el("span", {"class": "note", text: citation.note})); }
      return item;
    }));
  }

  function fillTry(example) {
    $("try-text").value = example.text;
    $("try-format").value = example.format;
    var context = example.context || {};
    $("try-publisher").value = context.publisher || "";
    $("try-regions").value = (context.regions || []).join(", ");
    $("try-jurisdictions").value = (context.jurisdictions || []).join(", ");
    $("try-as_of").value = context.as_of || "";
    $("try-lang").value = context.lang || "";
    $("try-form").scrollIntoView({block: "start"});
  }

  function exampleItem(example) {
    var button = el("button", {type: "button", "class": "try-example", text: "Try this example"});
    button.addEventListener("click", function () { fillTry(example); });
    return el("li", {"class": "example"}, [
      el("p", {}, [el("b", {text: example.name}), " expects " + example.expect_words + " (" + example.context_words + ")"]),
      el("pre", {text: example.text}), button
    ]);
  }

  function show(rule) {
    current = rule;
    $("try-target").textContent = rule.id;
    var box = $("rule");
    box.textContent = "";
    box.appendChild(el("h2", {}, [el("code", {text: rule.id}), " " + rule.title]));
    box.appendChild(el("p", {"class": "meta", text: rule.heading.join(" · ")}));
    if (rule.description) { box.appendChild(el("p", {"class": "description", text: rule.description})); }
    [["When it applies", rule.applies], ["What it looks for", rule.looks_for], ["Review", rule.review]]
      .forEach(function (part) {
        var node = section(part[0], part[1]);
        if (node) { box.appendChild(node); }
      });
    box.appendChild(el("div", {"class": "section"}, [el("h3", {text: "The law"}), lawList(rule.law)]));
    var examples = el("ol", {"class": "examples"}, rule.examples.map(exampleItem));
    box.appendChild(el("div", {"class": "section"}, [el("h3", {text: "Examples"}), examples]));
    var start = el("button", {type: "button", id: "start-draft", text: "Start a draft from this rule"});
    start.addEventListener("click", function () {
      $("draft").value = rule.yaml;
      $("draft-box").open = true;
      $("draft-box").scrollIntoView({block: "start"});
    });
    box.appendChild(start);
    document.querySelectorAll("#rule-list button").forEach(function (b) {
      b.classList.toggle("selected", b.getAttribute("data-id") === rule.id);
    });
  }

  function open(id) {
    c.api("/rules/" + encodeURIComponent(id)).then(function (answer) {
      if (answer.ok) { show(answer.data); history.replaceState(null, "", "#" + id); }
    });
  }

  function listRules() {
    var list = $("rule-list");
    var words = $("filter").value.toLowerCase();
    list.textContent = "";
    rules.filter(function (rule) {
      return !words || (rule.id + " " + rule.title).toLowerCase().indexOf(words) >= 0;
    }).forEach(function (rule) {
      var button = el("button", {type: "button", "data-id": rule.id}, [el("code", {text: rule.id}), el("span", {text: rule.title})]);
      button.addEventListener("click", function () { open(rule.id); });
      list.appendChild(el("li", {}, [button]));
    });
  }

  function load() {
    c.api("/rules").then(function (answer) {
      if (!answer.ok) {
        $("rule").textContent = (answer.data && answer.data.error) || ("The service answered " + answer.status);
        return;
      }
      rules = answer.data;
      listRules();
      var wanted = decodeURIComponent(location.hash.slice(1));
      if (wanted) { open(wanted); }
    });
  }

  function resultItem(result) {
    var where = "line " + result.location.line + ", column " + result.location.column;
    var item = el("li", {"class": "item s-" + result.status}, [
      el("span", {"class": "badge", text: result.status}), " " + where,
      el("p", {"class": "msg", text: result.message})
    ]);
    if (result.text) { item.appendChild(el("p", {"class": "found"}, ["found: ", el("q", {text: result.text})])); }
    return item;
  }

  function showTry(data) {
    var out = $("try-result");
    out.textContent = "";
    if (!data.valid) {
      out.appendChild(el("p", {"class": "error", text: "The draft is not valid:"}));
      out.appendChild(el("ul", {"class": "problems"}, data.problems.map(function (p) { return el("li", {}, [el("code", {text: p})]); })));
      return;
    }
    var head = "Rule " + data.rule + ": " + (data.outcome || "valid");
    out.appendChild(el("p", {"class": "outcome outcome-" + (data.outcome || "valid"), text: head}));
    if (data.not_applied) { out.appendChild(el("p", {"class": "hint", text: "It did not apply: " + data.not_applied})); }
    if (data.results && data.results.length) {
      out.appendChild(el("ol", {"class": "results"}, data.results.map(resultItem)));
    }
    if (data.examples && data.examples.length) {
      var failed = data.examples.filter(function (e) { return !e.passed; });
      out.appendChild(el("p", {"class": "examples-summary", text: "The draft's examples: " +
        (data.examples.length - failed.length) + " passed, " + failed.length + " failed"}));
      out.appendChild(el("ul", {"class": "example-failures"}, failed.map(function (e) {
        return el("li", {}, [el("code", {text: e.where}), " " + e.name, el("pre", {text: e.failure.join("\n")})]);
      })));
    }
  }

  $("try-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var draft = $("draft").value.trim();
    var body = {text: $("try-text").value};
    if ($("draft-box").open && draft) { body.yaml = draft; } else if (current) { body.rule = current.id; }
    ["format", "publisher", "as_of", "lang"].forEach(function (key) {
      var value = $("try-" + key).value.trim();
      if (value) { body[key] = value; }
    });
    ["regions", "jurisdictions"].forEach(function (key) {
      var list = c.codes($("try-" + key).value);
      if (list.length) { body[key] = list; }
    });
    var out = $("try-result");
    out.textContent = "Trying…";
    c.api("/rules/try", body).then(function (answer) {
      if (!answer.ok) {
        out.textContent = "";
        out.appendChild(el("p", {"class": "error", text: (answer.data && answer.data.error) || ("The service answered " + answer.status)}));
        return;
      }
      showTry(answer.data);
    });
  });

  $("filter").addEventListener("input", listRules);
  $("reload").addEventListener("click", load);
  c.setUpToken().then(load);
})();
