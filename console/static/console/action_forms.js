/* The agent page's action rows as forms: a condition builder and one form per action
 * kind. The row's JSON boxes (condition, config) stay the one thing the page saves:
 * every form input writes them at once, and "Edit as JSON" shows them, so both views
 * always say the same thing. A JSON the forms cannot show exactly stays in the JSON
 * view, saying why, and the server's checks report what is wrong on the row. */
(function () {
  "use strict";

  const context = JSON.parse(document.getElementById("action-forms-context").textContent);
  const changeForm = document.getElementById(context.form_id);
  if (!changeForm) { return; }

  // ---- small DOM helpers -------------------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([key, value]) {
      if (value === undefined || value === null || value === false) { return; }
      if (key === "text") { node.textContent = value; }
      else if (key.startsWith("on")) { node.addEventListener(key.slice(2), value); }
      else if (key in node && typeof value !== "string") { node[key] = value; }
      else { node.setAttribute(key, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }
  function select(options, chosen, attrs) {
    const node = el("select", attrs || {});
    options.forEach(function ([value, label]) {
      const option = el("option", {value: value, text: label});
      if (value === chosen) { option.selected = true; }
      node.appendChild(option);
    });
    return node;
  }
  function button(label, onclick, className) {
    return el("button", {type: "button", class: className || "button", text: label, onclick: onclick});
  }
  function csrf() { return changeForm.querySelector("[name=csrfmiddlewaretoken]").value; }
  function post(url, body) {
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin", headers: {"X-CSRFToken": csrf()}
    }).then(function (response) {
      if (!response.ok) { throw new Error("the server answered " + response.status); }
      return response.json();
    });
  }
  function stable(value) {
    // JSON with sorted keys: two configs say the same thing when these are equal.
    if (Array.isArray(value)) { return "[" + value.map(stable).join(",") + "]"; }
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + stable(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }
  function parseBox(text, empty) {
    return text.trim() === "" ? empty : JSON.parse(text);
  }

  // ---- the agent's fields, as typed on the page now ---------------------------------
  function pageFields() {
    const fields = [];
    document.querySelectorAll("#fields-group tr.form-row:not(.empty-form)").forEach(function (row) {
      const value = function (suffix) {
        const input = row.querySelector("[name$='-" + suffix + "']");
        return input ? input.value.trim() : "";
      };
      const deleted = row.querySelector("input[name$='-DELETE']");
      if (!value("name") || (deleted && deleted.checked)) { return; }
      fields.push({
        name: value("name"),
        type: value("type"),
        itemType: value("item_type") || "string",
        format: value("format"),
        choices: value("choices").split(",").map(function (c) { return c.trim(); }).filter(Boolean),
      });
    });
    return fields;
  }
  function isDate(field) { return field.type === "string" && (field.format === "date" || field.format === "date-time"); }

  // ---- conditions --------------------------------------------------------------------
  const PRESENCE = ["is_set", "is_not_set", "is_empty"];
  const LISTS = ["in", "not_in", "contains_any", "contains_all"];
  // A list field's operators and their words come from the server (agents/conditions.py).
  const LIST_OPERATORS = context.list_operators || [];
  function isList(field) { return field.type === "list"; }
  /* One item of a list field, typed as a field of the item's type. */
  function itemOf(field) {
    return {name: field.name, type: field.itemType || "string", format: field.format, choices: field.choices};
  }
  function operatorsFor(field) {
    if (isList(field)) { return LIST_OPERATORS; }
    const dated = isDate(field);
    const ordering = field.type === "number" || dated;
    const words = dated
      ? {">": "is after", ">=": "is on or after", "<": "is before", "<=": "is on or before"}
      : {">": "is more than", ">=": "is at least", "<": "is less than", "<=": "is at most"};
    const operators = [["==", "is"], ["!=", "is not"]];
    if (ordering) { [">", ">=", "<", "<="].forEach(function (op) { operators.push([op, words[op]]); }); }
    if (field.type !== "boolean") { operators.push(["in", "is one of"], ["not_in", "is none of"]); }
    if ((field.type === "string" && !dated) || field.type === "enum") { operators.push(["contains", "contains"]); }
    operators.push(["is_set", "has a value"], ["is_not_set", "has no value"]);
    return operators;
  }
  function defaultValue(field, operator) {
    if (PRESENCE.includes(operator)) { return undefined; }
    if (LISTS.includes(operator)) { return []; }
    if (isList(field)) { return operator === "has_more_than" ? 0 : defaultValue(itemOf(field), "=="); }
    if (field.type === "boolean") { return true; }
    if (field.type === "enum" && operator !== "contains") { return field.choices[0] || ""; }
    return "";
  }
  function valueFits(field, operator, value) {
    if (PRESENCE.includes(operator)) { return value === undefined; }
    if (isList(field)) { return listValueFits(field, operator, value); }
    if (LISTS.includes(operator)) {
      return Array.isArray(value) && value.every(function (item) { return scalarFits(field, item, true); });
    }
    if (operator === "contains") { return typeof value === "string"; }
    if (value === null) { return ["boolean", "enum"].includes(field.type) && ["==", "!="].includes(operator); }
    return scalarFits(field, value, false);
  }
  function listValueFits(field, operator, value) {
    const item = itemOf(field);
    if (operator === "has_more_than") { return Number.isInteger(value) && value >= 0; }
    if (LISTS.includes(operator)) {
      return Array.isArray(value) && value.every(function (each) { return scalarFits(item, each, true); });
    }
    return value !== null && scalarFits(item, value, false);
  }
  function scalarFits(field, value, inList) {
    if (field.type === "boolean") { return typeof value === "boolean"; }
    // A number not typed yet, or mistyped, is shown as typed; the save says what is wrong.
    if (field.type === "number") { return typeof value === "number" || typeof value === "string"; }
    if (field.format === "date" && !inList) { return typeof value === "string" && /^(\d{4}-\d{2}-\d{2})?$/.test(value); }
    return typeof value === "string";
  }

  /* Why a condition cannot be shown by the builder exactly, or "" when it can. */
  function conditionProblem(condition, fields) {
    if (condition === null || (typeof condition === "object" && !Array.isArray(condition) && Object.keys(condition).length === 0)) { return ""; }
    if (typeof condition !== "object" || Array.isArray(condition)) { return "a condition is an object"; }
    const group = ["all", "any"].find(function (key) { return key in condition; });
    if (group) {
      if (Object.keys(condition).length !== 1 || !Array.isArray(condition[group]) || !condition[group].length) {
        return "a group holds only its non-empty '" + group + "' list";
      }
      for (const member of condition[group]) {
        const problem = member === null ? "a group member is null" : conditionProblem(member, fields);
        if (problem) { return problem; }
      }
      return "";
    }
    const unknown = Object.keys(condition).filter(function (key) { return !["field", "operator", "value"].includes(key); });
    if (unknown.length) { return "unknown key(s) " + unknown.join(", "); }
    const field = fields.find(function (f) { return f.name === condition.field; });
    if (!field) { return "field " + JSON.stringify(condition.field) + " is not on this page"; }
    if (!operatorsFor(field).some(function ([op]) { return op === condition.operator; })) {
      return "operator " + JSON.stringify(condition.operator) + " does not fit " + field.name;
    }
    if (!valueFits(field, condition.operator, condition.value)) {
      return "the value " + JSON.stringify(condition.value) + " does not fit " + field.name;
    }
    return "";
  }

  function newComparison(fields) {
    const field = fields[0] || {name: "", type: "string", format: "", choices: []};
    const operator = operatorsFor(field)[0][0];
    return {field: field.name, operator: operator, value: defaultValue(field, operator)};
  }

  /* The builder of one row's condition; `row.condition` is the state, `changed` writes it. */
  function conditionEditor(row) {
    const box = el("div", {class: "condition-builder"});
    function render() {
      box.replaceChildren();
      const fields = pageFields();
      const condition = row.condition;
      const mode = condition === null ? "always" : ("all" in condition ? "all" : ("any" in condition ? "any" : "when"));
      const modes = select([
        ["always", "Always"], ["when", "Only when"],
        ["all", "When all of these hold"], ["any", "When any of these holds"],
      ], mode, {class: "condition-mode", "aria-label": "When the action runs"});
      modes.addEventListener("change", function () {
        const members = mode === "when" ? [condition] : (mode === "all" || mode === "any" ? condition[mode] : []);
        const chosen = modes.value;
        if (chosen === "always") { row.condition = null; }
        else if (chosen === "when") { row.condition = members[0] && !("all" in members[0] || "any" in members[0]) ? members[0] : newComparison(fields); }
        else { row.condition = {[chosen]: members.length ? members : [newComparison(fields)]}; }
        row.changed(); render();
      });
      box.appendChild(el("div", {class: "condition-head"}, [modes]));
      if (!fields.length && mode !== "always") {
        box.appendChild(el("p", {class: "help", text: "Add a field above to test it here."}));
      }
      if (mode === "when") { box.appendChild(comparisonEditor(condition, fields, render, null)); }
      if (mode === "all" || mode === "any") { box.appendChild(groupMembers(condition, mode, fields, render)); }
    }
    function groupMembers(group, key, fields, rerender) {
      const list = el("div", {class: "condition-group"});
      group[key].forEach(function (member, index) {
        const remove = function () {
          group[key].splice(index, 1);
          if (!group[key].length) { group[key].push(newComparison(fields)); }
          row.changed(); rerender();
        };
        const nested = ["all", "any"].find(function (k) { return k in member; });
        if (nested) {
          const kind = select([["all", "all of"], ["any", "any of"]], nested, {class: "group-mode", "aria-label": "Group"});
          kind.addEventListener("change", function () {
            group[key][index] = {[kind.value]: member[nested]};
            row.changed(); rerender();
          });
          list.appendChild(el("div", {class: "condition-subgroup"}, [
            el("div", {class: "condition-head"}, [el("span", {text: "Group: "}), kind, button("Remove group", remove, "button condition-remove")]),
            groupMembers(member, nested, fields, rerender),
          ]));
        } else {
          list.appendChild(comparisonEditor(member, fields, rerender, remove));
        }
      });
      list.appendChild(el("div", {class: "condition-add"}, [
        button("+ condition", function () { group[key].push(newComparison(fields)); row.changed(); rerender(); }, "button condition-add-one"),
        button("+ group", function () {
          group[key].push({[key === "all" ? "any" : "all"]: [newComparison(fields)]}); row.changed(); rerender();
        }, "button condition-add-group"),
      ]));
      return list;
    }
    function comparisonEditor(comparison, fields, rerender, remove) {
      const field = fields.find(function (f) { return f.name === comparison.field; }) || fields[0] || {name: "", type: "string", format: "", choices: []};
      const fieldPick = select(fields.map(function (f) { return [f.name, f.name]; }), field.name, {class: "condition-field", "aria-label": "Field"});
      fieldPick.addEventListener("change", function () {
        const picked = fields.find(function (f) { return f.name === fieldPick.value; });
        comparison.field = picked.name;
        if (!operatorsFor(picked).some(function ([op]) { return op === comparison.operator; })) { comparison.operator = operatorsFor(picked)[0][0]; }
        setValue(comparison, defaultValue(picked, comparison.operator));
        row.changed(); rerender();
      });
      const operatorPick = select(operatorsFor(field), comparison.operator, {class: "condition-operator", "aria-label": "Operator"});
      operatorPick.addEventListener("change", function () {
        comparison.operator = operatorPick.value;
        if (!valueFits(field, comparison.operator, comparison.value)) { setValue(comparison, defaultValue(field, comparison.operator)); }
        row.changed(); rerender();
      });
      return el("div", {class: "condition-row"}, [
        fieldPick, operatorPick, valueEditor(comparison, field),
        remove ? button("×", remove, "button condition-remove") : null,
      ]);
    }
    function setValue(comparison, value) {
      if (value === undefined) { delete comparison.value; } else { comparison.value = value; }
    }
    function valueEditor(comparison, field) {
      const operator = comparison.operator;
      const set = function (value) { setValue(comparison, value); row.changed(); };
      if (PRESENCE.includes(operator)) { return el("span"); }
      if (isList(field) && operator === "has_more_than") {
        const count = el("input", {type: "number", min: "0", step: "1", class: "condition-value", value: String(comparison.value === undefined ? 0 : comparison.value), "aria-label": "Number of items"});
        count.addEventListener("input", function () {
          const number = Number(count.value);
          set(count.value.trim() !== "" && Number.isInteger(number) ? number : count.value);
        });
        return el("span", {}, [count, " items"]);
      }
      // An item of a list is edited as a value of a field of the item's type.
      const listed = isList(field);
      if (listed) { field = itemOf(field); }
      if (listed && operator === "contains" && field.type === "enum") {
        const items = field.choices.slice();
        if (typeof comparison.value === "string" && !items.includes(comparison.value)) { items.push(comparison.value); }
        const pick = select(items.map(function (c) { return [JSON.stringify(c), c]; }), JSON.stringify(comparison.value), {class: "condition-value", "aria-label": "Item"});
        pick.addEventListener("change", function () { set(JSON.parse(pick.value)); });
        return pick;
      }
      if (LISTS.includes(operator) && field.type === "enum") {
        const chosen = comparison.value || [];
        const boxes = el("span", {class: "condition-choices"});
        const choices = field.choices.concat(chosen.filter(function (c) { return !field.choices.includes(c); }));
        choices.forEach(function (choice) {
          const tick = el("input", {type: "checkbox", value: choice, checked: chosen.includes(choice)});
          tick.addEventListener("change", function () {
            set(Array.from(boxes.querySelectorAll("input:checked")).map(function (input) { return input.value; }));
          });
          boxes.appendChild(el("label", {}, [tick, " " + choice]));
        });
        return boxes;
      }
      if (LISTS.includes(operator)) {
        const text = el("input", {type: "text", class: "condition-value", value: (comparison.value || []).join(", "), placeholder: "one, another", "aria-label": "Values"});
        text.addEventListener("input", function () {
          set(text.value.split(",").map(function (item) { return item.trim(); }).filter(Boolean).map(function (item) {
            return field.type === "number" && item !== "" && !isNaN(Number(item)) ? Number(item) : item;
          }));
        });
        return text;
      }
      if (field.type === "boolean") {
        const options = [["true", "yes"], ["false", "no"], ["null", "(no value)"]];
        const pick = select(options, JSON.stringify(comparison.value), {class: "condition-value", "aria-label": "Value"});
        pick.addEventListener("change", function () { set(JSON.parse(pick.value)); });
        return pick;
      }
      if (field.type === "enum" && operator !== "contains") {
        const choices = field.choices.slice();
        if (typeof comparison.value === "string" && !choices.includes(comparison.value)) { choices.push(comparison.value); }
        const options = choices.map(function (c) { return [JSON.stringify(c), c]; });
        if (["==", "!="].includes(operator)) { options.push(["null", "(no value)"]); }
        const pick = select(options, JSON.stringify(comparison.value), {class: "condition-value", "aria-label": "Value"});
        pick.addEventListener("change", function () { set(JSON.parse(pick.value)); });
        return pick;
      }
      const type = field.format === "date" ? "date" : "text";
      const input = el("input", {type: type, class: "condition-value", value: comparison.value === undefined ? "" : String(comparison.value),
        "aria-label": "Value", inputmode: field.type === "number" ? "decimal" : null, placeholder: field.type === "number" ? "a number" : null});
      if (field.format === "date-time") { input.placeholder = "2026-03-10T14:00:00+03:00"; }
      input.addEventListener("input", function () {
        const number = Number(input.value);
        set(field.type === "number" && input.value.trim() !== "" && !isNaN(number) ? number : input.value);
      });
      return input;
    }
    render();
    return {node: box, render: render};
  }

  // ---- one form per action kind ------------------------------------------------------
  const KIND_KEYS = {
    webhook: ["url", "headers", "timeout_seconds", "secret", "method", "query", "template", "content_type"],
    schedule_call: ["use_field", "fallback_delay_minutes", "from_number"],
    transfer_call: ["to_number"],
    slack_message: ["webhook_url", "title", "fields"],
    hubspot_contact: ["token", "properties", "email_field", "phone_field", "summary_field", "log_call"],
    salesforce_lead: ["instance_url", "object", "properties", "external_id_field", "phone_field", "log_task",
      "task_key_field", "client_id", "client_secret", "session_id"],
  };
  function setKey(config, key, value) {
    if (value === undefined || value === "") { delete config[key]; } else { config[key] = value; }
  }
  function labelled(label, input, help) {
    return el("div", {class: "action-form-row"}, [
      el("label", {text: label}), input, help ? el("span", {class: "help", text: help}) : null,
    ]);
  }
  function textInput(config, key, attrs, row) {
    const input = el("input", Object.assign({type: "text", value: config[key] === undefined ? "" : String(config[key])}, attrs));
    input.addEventListener("input", function () { setKey(config, key, input.value.trim()); row.changed(); });
    return input;
  }
  function numberOrText(text) {
    const number = Number(text);
    return text.trim() !== "" && !isNaN(number) ? number : text.trim();
  }

  /* Why a config cannot be shown by its kind's form exactly, or "" when it can. */
  function configProblem(type, config) {
    if (!config || typeof config !== "object" || Array.isArray(config)) { return "the config is an object"; }
    if (type === "webhook") {
      const textObject = function (value) {
        return value === undefined || (typeof value === "object" && !Array.isArray(value) && value !== null &&
          Object.values(value).every(function (v) { return typeof v === "string"; }));
      };
      if (!textObject(config.headers)) { return "headers are an object of text values"; }
      if (!textObject(config.query)) { return "query is an object of text values"; }
      if (config.template !== undefined && (typeof config.template !== "object" || config.template === null)) {
        return "template is an object or a list";
      }
      if (config.timeout_seconds !== undefined && typeof config.timeout_seconds !== "number") {
        return "timeout_seconds is a number";
      }
    }
    if (type === "schedule_call" && config.fallback_delay_minutes !== undefined) {
      const delay = config.fallback_delay_minutes;
      if (!Number.isInteger(delay) || delay < 0) { return "fallback_delay_minutes is a whole number of minutes"; }
    }
    if (config.properties !== undefined && (typeof config.properties !== "object" || Array.isArray(config.properties) ||
        config.properties === null || Object.values(config.properties).some(function (v) { return typeof v !== "string"; }))) {
      return "properties are an object of field → property names";
    }
    if (config.fields !== undefined && (!Array.isArray(config.fields) || config.fields.some(function (v) { return typeof v !== "string"; }))) {
      return "fields is a list of field names";
    }
    const flags = ["log_call", "log_task"].find(function (key) { return config[key] !== undefined && typeof config[key] !== "boolean"; });
    if (flags) { return flags + " is true or false"; }
    const scalars = ["url", "secret", "method", "content_type", "use_field", "from_number", "to_number", "webhook_url", "title", "token",
      "email_field", "phone_field", "summary_field", "instance_url", "object", "external_id_field", "task_key_field",
      "client_id", "client_secret", "session_id"];
    const wrong = scalars.find(function (key) { return config[key] !== undefined && typeof config[key] !== "string"; });
    return wrong ? wrong + " is text" : "";
  }

  function title(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  /* Name / value rows writing an object of text values under `key` (headers, query). */
  function pairEditor(row, config, key, kind, example) {
    const lines = el("div", {class: "webhook-" + key});
    function write() {
      const pairs = {};
      lines.querySelectorAll("." + kind + "-row").forEach(function (line) {
        const [name, value] = line.querySelectorAll("input");
        if (name.value.trim() || value.value) { pairs[name.value.trim()] = value.value; }
      });
      setKey(config, key, Object.keys(pairs).length ? pairs : undefined);
      row.changed();
    }
    function add(name, value) {
      const line = el("div", {class: kind + "-row"}, [
        el("input", {type: "text", class: kind + "-name", value: name, placeholder: example, "aria-label": title(kind) + " name", oninput: write}),
        el("input", {type: "text", class: kind + "-value", value: value, placeholder: "value", "aria-label": title(kind) + " value", oninput: write}),
      ]);
      line.appendChild(button("×", function () { line.remove(); write(); }, "button " + kind + "-remove"));
      lines.appendChild(line);
    }
    Object.entries(config[key] || {}).forEach(function ([name, value]) { add(name, value); });
    return el("div", {}, [lines, button("+ " + kind, function () { add("", ""); }, "button " + kind + "-add")]);
  }

  /* Where a JSON text stops being JSON, as "line 3, column 7": a small scanner, since the
   * browsers' own messages do not all say where. */
  function jsonPlace(text) {
    let at = 0;
    const fail = function () { throw at; };
    const space = function () { while (at < text.length && " \t\n\r".includes(text[at])) { at++; } };
    function string() {
      at++;
      while (at < text.length && text[at] !== '"') {
        if (text[at] < " ") { fail(); }
        at += text[at] === "\\" ? 2 : 1;
      }
      if (at >= text.length) { fail(); }
      at++;
    }
    function items(close, item) {
      at++;
      space();
      if (text[at] === close) { at++; return; }
      for (;;) {
        item();
        space();
        if (text[at] === close) { at++; return; }
        if (text[at] !== ",") { fail(); }
        at++;
      }
    }
    function value() {
      space();
      if (text[at] === "{") {
        items("}", function () {
          space();
          if (text[at] !== '"') { fail(); }
          string();
          space();
          if (text[at] !== ":") { fail(); }
          at++;
          value();
        });
        return;
      }
      if (text[at] === "[") { items("]", value); return; }
      if (text[at] === '"') { string(); return; }
      const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at));
      if (!literal) { fail(); }
      at += literal[0].length;
    }
    try {
      value();
      space();
      if (at < text.length) { fail(); }
      return "";
    } catch (where) {
      const before = text.slice(0, where).split("\n");
      return "line " + before.length + ", column " + (before[before.length - 1].length + 1);
    }
  }

  /* The body: the signed Postcall event, or a template, ready-made or the user's own. */
  function webhookBody(row, config, redraw) {
    const ready = context.webhook_templates || [];
    const own = ready.find(function (entry) { return stable(entry.config.template) === stable(config.template); });
    const chosen = config.template === undefined ? "" : (own ? own.key : "custom");
    const options = [["", "The Postcall event (signed JSON)"]]
      .concat(ready.map(function (entry) { return [entry.key, entry.label]; }))
      .concat([["custom", "A template of your own"]]);
    const pick = select(options, chosen, {class: "webhook-template-pick", "aria-label": "Body"});
    pick.addEventListener("change", function () {
      ["method", "query", "template", "content_type"].forEach(function (key) { delete config[key]; });
      const entry = ready.find(function (candidate) { return candidate.key === pick.value; });
      if (entry) {
        delete config.headers;
        Object.assign(config, JSON.parse(JSON.stringify(entry.config)));
      } else if (pick.value === "custom") {
        config.template = {};
      }
      row.changed();
      redraw();
    });
    const parts = [labelled("Body", pick, own ? null : "The Postcall event, signed; or a body in the shape the receiver wants.")];
    if (own) {
      parts.push(el("p", {class: "help webhook-template-help"}, [
        own.paste + " ", el("a", {href: own.docs, target: "_blank", rel: "noopener", text: "The receiver's documentation"}),
      ]));
    }
    if (chosen === "") { return parts; }
    const method = select([["POST", "POST"], ["PUT", "PUT"], ["PATCH", "PATCH"]], config.method || "POST", {class: "webhook-method", "aria-label": "Method"});
    method.addEventListener("change", function () { setKey(config, "method", method.value === "POST" ? undefined : method.value); row.changed(); });
    const encoding = select([["", "JSON"], ["application/x-www-form-urlencoded", "A form (application/x-www-form-urlencoded)"]],
      config.content_type === "application/x-www-form-urlencoded" ? config.content_type : "", {class: "webhook-content-type", "aria-label": "Sent as"});
    encoding.addEventListener("change", function () { setKey(config, "content_type", encoding.value); row.changed(); });
    const template = el("textarea", {class: "vLargeTextField webhook-template", rows: "14", "aria-label": "Body template", spellcheck: "false"});
    template.value = JSON.stringify(config.template, null, 2);
    const problem = el("span", {class: "help webhook-template-problem"});
    template.addEventListener("input", function () {
      try {
        const parsed = JSON.parse(template.value);
        if (typeof parsed !== "object" || parsed === null) { throw new Error("the body is an object or a list"); }
        config.template = parsed;
        problem.textContent = "";
        const same = ready.find(function (entry) { return stable(entry.config.template) === stable(parsed); });
        pick.value = same ? same.key : "custom";
        row.changed();
      } catch (error) {
        problem.textContent = "Not JSON yet (" + (jsonPlace(template.value) || error.message) + "); the row keeps the last valid template.";
      }
    });
    parts.push(
      labelled("Method", method),
      labelled("Query", pairEditor(row, config, "query", "parameter", "idProperty"), "Added to the URL."),
      labelled("Sent as", encoding),
      labelled("Template", el("div", {}, [template, problem]),
        "JSON; each text may insert {{ values.field }}, {{ call.from_number }}, {{ call.analysis_url }} with filters (docs/webhooks.md)."),
    );
    return parts;
  }

  function webhookForm(row, config) {
    const box = el("div", {class: "action-form webhook-form"});
    const url = textInput(config, "url", {type: "url", class: "vURLField webhook-url", placeholder: "https://crm.example.com/hooks/postcall", "aria-label": "URL"}, row);
    const result = el("span", {class: "webhook-result"});
    const secrets = el("div", {class: "webhook-secrets"});
    box.appendChild(labelled("URL", el("span", {class: "webhook-url-line"}, [
      url, button("Use an inbox", function () { useInbox(row, config, url, result); }, "button webhook-inbox"),
    ])));
    webhookBody(row, config, function () { box.replaceWith(webhookForm(row, config)); }).forEach(function (part) { box.appendChild(part); });
    box.appendChild(labelled("Headers", pairEditor(row, config, "headers", "header", "X-Api-Key"),
      "Sent with every delivery, e.g. an API key of the receiver's."));

    const timeout = el("input", {type: "number", class: "webhook-timeout", min: "1", max: "30", step: "any", placeholder: "10",
      value: config.timeout_seconds === undefined ? "" : String(config.timeout_seconds), "aria-label": "Timeout"});
    timeout.addEventListener("input", function () { setKey(config, "timeout_seconds", numberOrText(timeout.value)); row.changed(); });
    box.appendChild(labelled("Timeout", el("span", {}, [timeout, " seconds"]), "At most 30; empty means 10."));

    if (config.secret) { showSecret(secrets, config.secret, "Signing secret of this row, stored when you save:"); }
    const tools = el("div", {class: "form-row webhook-tools"}, [
      button(config.template === undefined ? "Send test event" : "Send test request", function () { sendTest(row, config, result, secrets); }, "button webhook-test"),
      row.savedId() ? button("Rotate secret", function () { rotateSecret(row, result, secrets); }, "button webhook-rotate") : null,
      result,
    ]);
    box.appendChild(tools);
    box.appendChild(secrets);
    return box;
  }

  function followUpForm(row, config) {
    const box = el("div", {class: "action-form followup-form"});
    const dates = pageFields().filter(isDate).map(function (f) { return [f.name, f.name + " (" + f.format + ")"]; });
    const options = [["", "(none: always wait the delay)"]].concat(dates);
    if (config.use_field && !dates.some(function ([name]) { return name === config.use_field; })) {
      options.push([config.use_field, config.use_field + " (not a date field)"]);
    }
    const useField = select(options, config.use_field || "", {class: "followup-use-field", "aria-label": "Date field"});
    useField.addEventListener("change", function () { setKey(config, "use_field", useField.value); row.changed(); });
    box.appendChild(labelled("Call at the date in", useField, "A string field with format date or date-time."));

    const delay = config.fallback_delay_minutes;
    const hours = el("input", {type: "number", min: "0", step: "1", class: "followup-hours", "aria-label": "Hours", value: delay === undefined ? "" : String(Math.floor(delay / 60))});
    const minutes = el("input", {type: "number", min: "0", max: "59", step: "1", class: "followup-minutes", "aria-label": "Minutes", value: delay === undefined ? "" : String(delay % 60)});
    function writeDelay() {
      if (hours.value.trim() === "" && minutes.value.trim() === "") { setKey(config, "fallback_delay_minutes", undefined); }
      else {
        const total = Number(hours.value || 0) * 60 + Number(minutes.value || 0);
        setKey(config, "fallback_delay_minutes", isNaN(total) ? hours.value + ":" + minutes.value : total);
      }
      row.changed();
    }
    hours.addEventListener("input", writeDelay);
    minutes.addEventListener("input", writeDelay);
    box.appendChild(labelled("Otherwise after", el("span", {}, [hours, " hours ", minutes, " minutes"]),
      "When the date field is empty or not chosen; counted from the end of the call."));
    box.appendChild(labelled("Call from", textInput(config, "from_number", {type: "tel", class: "followup-from", placeholder: "+908501234567", "aria-label": "Calling number"}, row),
      "The agent's line, in E.164 form. The follow-up calls the extracted callback number when there is one, else the caller."));
    return box;
  }

  function transferForm(row, config) {
    return el("div", {class: "action-form transfer-form"}, [
      labelled("Transfer to", textInput(config, "to_number", {type: "tel", class: "transfer-to", placeholder: "+14155550100", "aria-label": "Transfer to"}, row),
        "The human's number, in E.164 form; decided during the call."),
    ]);
  }
  // ---- the native actions: Slack, HubSpot, Salesforce ---------------------------------
  /* A credential: written into the row's config, moved out of it when saved and never
   * shown again, so a saved row's input starts empty and keeps the stored one. */
  function secretInput(row, config, key, label, help) {
    const input = el("input", {type: "password", class: "native-secret native-" + key.replace(/_/g, "-"), autocomplete: "off",
      value: config[key] || "", "aria-label": label,
      placeholder: row.savedId() ? "Stored; paste a new one to replace it" : "Paste it here; stored apart when you save"});
    input.addEventListener("input", function () { setKey(config, key, input.value.trim()); row.changed(); });
    return labelled(label, input, help);
  }
  /* A select of the page's fields (those `fits`), with `none` as its empty choice. */
  function fieldPick(row, config, key, label, none, fits, help) {
    const fields = pageFields().filter(fits || function () { return true; });
    const options = [["", none]].concat(fields.map(function (f) { return [f.name, f.name]; }));
    if (config[key] && !fields.some(function (f) { return f.name === config[key]; })) {
      options.push([config[key], config[key] + " (not a field on this page)"]);
    }
    const pick = select(options, config[key] || "", {class: "native-" + key.replace(/_/g, "-"), "aria-label": label});
    pick.addEventListener("change", function () { setKey(config, key, pick.value); row.changed(); });
    return labelled(label, pick, help);
  }
  function flag(row, config, key, label, help) {
    const tick = el("input", {type: "checkbox", class: "native-" + key.replace(/_/g, "-"), checked: config[key] !== false});
    tick.addEventListener("change", function () { setKey(config, key, tick.checked ? undefined : false); row.changed(); });
    return labelled(label, el("label", {}, [tick, " yes"]), help);
  }
  /* Extracted field → the receiver's property: a field picked from the page, the property
   * picked from the receiver's common ones or typed (a custom property). */
  function mappingEditor(row, config, kind, what, heading) {
    const listId = "property-choices-" + kind;
    if (!document.getElementById(listId)) {
      const list = el("datalist", {id: listId});
      (context.property_choices[kind] || []).forEach(function (name) { list.appendChild(el("option", {value: name})); });
      document.body.appendChild(list);
    }
    const lines = el("div", {class: "property-map"});
    function write() {
      const mapped = {};
      lines.querySelectorAll(".property-row").forEach(function (line) {
        const field = line.querySelector("select").value;
        const name = line.querySelector("input").value.trim();
        if (field && name) { mapped[field] = name; }
      });
      setKey(config, "properties", Object.keys(mapped).length ? mapped : undefined);
      row.changed();
    }
    function add(field, name) {
      const fields = pageFields().map(function (f) { return [f.name, f.name]; });
      if (field && !fields.some(function ([n]) { return n === field; })) { fields.push([field, field + " (not a field on this page)"]); }
      const pick = select([["", "(pick a field)"]].concat(fields), field, {class: "property-field", "aria-label": "Extracted field", onchange: write});
      const input = el("input", {type: "text", class: "property-name", list: listId, value: name, oninput: write,
        placeholder: (context.property_choices[kind] || [])[0] || "property", "aria-label": what});
      const line = el("div", {class: "property-row"}, [pick, el("span", {text: " → "}), input]);
      line.appendChild(button("×", function () { line.remove(); write(); }, "button property-remove"));
      lines.appendChild(line);
    }
    Object.entries(config.properties || {}).forEach(function ([field, name]) { add(field, name); });
    if (!lines.children.length) { add("", ""); }
    return labelled(heading, el("div", {}, [lines, button("+ " + what.toLowerCase(), function () { add("", ""); }, "button property-add")]),
      "Each extracted field on the left sets the " + what.toLowerCase() + " on the right: pick a common one or type a custom one's internal name. An empty value leaves the " + what.toLowerCase() + " as it is.");
  }
  function nativeTools(row, label) {
    const result = el("span", {class: "webhook-result native-result"});
    const shown = el("details", {class: "native-requests", hidden: true}, [el("summary", {text: "The requests sent"}), el("pre")]);
    const send = function () {
      result.textContent = "Sending…";
      result.classList.remove("webhook-failed");
      post(context.try_native_url, pageData({row: row.prefix})).then(function (data) {
        say(result, data);
        if (data.requests) { shown.querySelector("pre").textContent = data.requests; shown.hidden = false; }
      }).catch(failed(result));
    };
    return el("div", {}, [el("div", {class: "form-row webhook-tools"}, [button(label, send, "button native-test"), result]), shown]);
  }
  function slackForm(row, config) {
    const box = el("div", {class: "action-form slack-form"});
    box.appendChild(secretInput(row, config, "webhook_url", "Incoming webhook URL",
      "Your Slack app → Incoming Webhooks → the channel's URL (https://hooks.slack.com/services/…). Kept apart when saved, never shown again."));
    box.appendChild(labelled("Title", textInput(config, "title", {class: "slack-title", placeholder: "(the agent's name: the action's name)", "aria-label": "Title"}, row),
      "The message's first line, and its notification."));
    const ticks = el("span", {class: "slack-fields"});
    const chosen = config.fields || [];
    pageFields().map(function (f) { return f.name; }).concat(chosen).filter(function (name, i, all) { return all.indexOf(name) === i; }).forEach(function (name) {
      const tick = el("input", {type: "checkbox", value: name, checked: chosen.includes(name)});
      tick.addEventListener("change", function () {
        const picked = Array.from(ticks.querySelectorAll("input:checked")).map(function (input) { return input.value; });
        setKey(config, "fields", picked.length ? picked : undefined);
        row.changed();
      });
      ticks.appendChild(el("label", {}, [tick, " " + name]));
    });
    box.appendChild(labelled("Values shown", ticks, "None ticked: every field. The message also links to the call's AI Analysis."));
    box.appendChild(nativeTools(row, "Send test message"));
    return box;
  }
  function hubspotForm(row, config) {
    const box = el("div", {class: "action-form hubspot-form"});
    box.appendChild(secretInput(row, config, "token", "Private app token",
      "HubSpot → Settings → Integrations → Private Apps → your app → Access token (pat-…). Kept apart when saved, never shown again."));
    box.appendChild(mappingEditor(row, config, "hubspot_contact", "Property", "Properties"));
    const text = function (f) { return f.type === "string"; };
    box.appendChild(fieldPick(row, config, "email_field", "Find the contact by the email in", "(no email: by phone)", text,
      "One contact per email address, created or updated."));
    box.appendChild(fieldPick(row, config, "phone_field", "Else by the phone number in", "(the caller's number)", text,
      "Used when there is no email; searched before a contact is created."));
    box.appendChild(flag(row, config, "log_call", "Log the call on the contact", "A call on the contact's timeline, with the values and a link to the AI Analysis; logged once however often it is retried."));
    box.appendChild(fieldPick(row, config, "summary_field", "Call summary in", "(none: the values only)", text, "Written first in the logged call's notes."));
    box.appendChild(nativeTools(row, "Send test record"));
    return box;
  }
  function salesforceForm(row, config) {
    const box = el("div", {class: "action-form salesforce-form"});
    box.appendChild(labelled("My Domain URL", textInput(config, "instance_url", {type: "url", class: "vURLField salesforce-instance",
      placeholder: "https://acme.my.salesforce.com", "aria-label": "My Domain URL"}, row), "Setup → My Domain → Current My Domain URL."));
    const record = select([["Lead", "Lead"], ["Contact", "Contact"]], config.object || "Lead", {class: "salesforce-object", "aria-label": "Record"});
    record.addEventListener("change", function () { setKey(config, "object", record.value === "Lead" ? undefined : record.value); row.changed(); });
    box.appendChild(labelled("Create or update a", record, "A Lead needs LastName and Company mapped."));
    box.appendChild(secretInput(row, config, "client_id", "Consumer key", "The connected app's client id (OAuth client credentials flow). Kept apart when saved."));
    box.appendChild(secretInput(row, config, "client_secret", "Consumer secret", "Kept apart when saved, never shown again."));
    box.appendChild(secretInput(row, config, "session_id", "Or a session id", "Instead of a connected app; it cannot be refreshed when it expires."));
    box.appendChild(mappingEditor(row, config, "salesforce_lead", "Field", "Fields"));
    box.appendChild(labelled("External ID field", textInput(config, "external_id_field", {class: "salesforce-external-id", placeholder: "Postcall_Phone__c", "aria-label": "External ID field"}, row),
      "Optional: a text field marked External ID and Unique; the record is upserted on it with the phone number. Empty: found by Phone before it is created."));
    const text = function (f) { return f.type === "string"; };
    box.appendChild(fieldPick(row, config, "phone_field", "Phone number in", "(the caller's number)", text));
    box.appendChild(flag(row, config, "log_task", "Log the call as a Task", "A completed call Task on the record, keyed on the delivery's message id."));
    box.appendChild(labelled("Task's message id field", textInput(config, "task_key_field", {class: "salesforce-task-key", placeholder: "Postcall_Message_Id__c", "aria-label": "Task's message id field"}, row),
      "A text field on Activity that holds the delivery's message id, so a retry finds the Task it logged."));
    box.appendChild(nativeTools(row, "Send test record"));
    return box;
  }
  const KIND_FORMS = {
    webhook: webhookForm, schedule_call: followUpForm, transfer_call: transferForm,
    slack_message: slackForm, hubspot_contact: hubspotForm, salesforce_lead: salesforceForm,
  };

  // ---- secrets and the webhook buttons -------------------------------------------------
  function copyText(text, control) {
    const done = function () { control.textContent = "Copied"; };
    const byHand = function () {
      // Where the clipboard API is missing or refused (plain HTTP on another host).
      const scratch = el("textarea", {class: "copy-scratch"});
      scratch.value = text;
      document.body.appendChild(scratch);
      scratch.select();
      const copied = document.execCommand("copy");
      scratch.remove();
      control.textContent = copied ? "Copied" : "Select it and copy";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  }
  function copyTools(node, text) {
    const copy = button("Copy", function () { copyText(text, copy); }, "button secret-copy");
    return [copy, button("Dismiss", function () { node.remove(); }, "button secret-dismiss")];
  }
  /* A secret shown once: it stays, with a copy button, until dismissed. */
  function showSecret(where, secret, label) {
    const box = el("div", {class: "secret-box"}, [el("span", {text: label + " "}), el("code", {class: "secret-value", text: secret})]);
    copyTools(box, secret).forEach(function (control) { box.appendChild(control); });
    where.replaceChildren(box);
  }
  function say(result, data) {
    result.textContent = data.summary + (data.response_excerpt ? " — " + data.response_excerpt : "");
    result.classList.toggle("webhook-failed", data.ok === false);
  }
  function failed(result) {
    return function (error) { result.textContent = "Not sent: " + error.message; result.classList.add("webhook-failed"); };
  }
  function pageData(extra) {
    const data = new FormData(changeForm);
    Object.entries(extra).forEach(function ([key, value]) { data.append(key, value); });
    return data;
  }
  function sendTest(row, config, result, secrets) {
    result.textContent = "Sending…";
    result.classList.remove("webhook-failed");
    const request = row.unchanged()
      ? post(context.action_base + row.savedId() + "/test-webhook/", new FormData())
      : post(context.try_webhook_url, pageData({row: row.prefix}));
    request.then(function (data) {
      say(result, data);
      if (data.secret) {
        config.secret = data.secret;
        row.changed();
        showSecret(secrets, data.secret, "Signed with a new secret, put in this row and stored when you save:");
      }
    }).catch(failed(result));
  }
  function useInbox(row, config, url, result) {
    result.textContent = "…";
    const data = new FormData();
    data.append("name", row.name());
    const agentName = changeForm.querySelector("input[name=name]");
    data.append("agent_name", agentName ? agentName.value : "");
    if (row.savedId()) { data.append("action", row.savedId()); }
    post(context.new_inbox_url, data).then(function (answer) {
      config.url = answer.url;
      url.value = answer.url;
      row.changed();
      result.textContent = answer.summary + " ";
      result.appendChild(el("a", {href: answer.inbox, class: "inbox-link", target: "_blank", text: "Open the inbox"}));
    }).catch(failed(result));
  }
  function rotateSecret(row, result, secrets) {
    result.textContent = "…";
    post(context.action_base + row.savedId() + "/rotate-secret/", new FormData()).then(function (data) {
      result.textContent = data.summary.split(". ").slice(1).join(". ");
      showSecret(secrets, data.secret, "New signing secret (shown once):");
    }).catch(failed(result));
  }

  // ---- one action row -----------------------------------------------------------------
  const rows = [];
  function setUp(node) {
    const conditionBox = node.querySelector("textarea[name$='-condition']");
    const configBox = node.querySelector("textarea[name$='-config']");
    const typePick = node.querySelector("select[name$='-type']");
    if (!conditionBox || !configBox || !typePick || node.dataset.actionForms) { return; }
    node.dataset.actionForms = "on";
    const jsonRows = [conditionBox.closest(".form-row"), configBox.closest(".form-row")];
    const row = {
      prefix: node.id,
      condition: null,
      config: {},
      savedId: function () { const id = node.querySelector("input[name$='-id']"); return id && id.value; },
      name: function () { const name = node.querySelector("input[name$='-name']"); return name ? name.value : ""; },
      changed: function () {
        conditionBox.value = JSON.stringify(row.condition);
        configBox.value = JSON.stringify(row.config);
      },
      unchanged: function () {
        // A saved row as stored: its own test event is recorded with its deliveries.
        try {
          return Boolean(row.savedId()) &&
            stable(parseBox(conditionBox.value, null)) === stable(parseBox(conditionBox.defaultValue, null)) &&
            stable(parseBox(configBox.value, {})) === stable(parseBox(configBox.defaultValue, {})) &&
            node.querySelector("input[name$='-name']").defaultValue === row.name() &&
            typePick.querySelector("option[selected]") === typePick.selectedOptions[0];
        } catch (error) { return false; }
      },
    };
    const editor = el("div", {class: "action-editor"});
    const note = el("p", {class: "action-json-note"});
    const toggle = button("Edit as JSON", function () { showJson(node.classList.contains("action-form-view")); }, "button action-view-toggle");
    const bar = el("div", {class: "form-row action-editor-bar"}, [toggle, note]);
    const conditionHolder = el("div", {class: "form-row action-condition"}, [el("label", {text: "Condition"})]);
    const configHolder = el("div", {class: "form-row action-config"});
    editor.append(conditionHolder, configHolder);
    typePick.closest(".form-row").after(bar, editor);
    let builder = null;

    function renderForms() {
      const fields = pageFields();
      const problem = conditionProblem(row.condition, fields) || configProblem(typePick.value, row.config);
      if (problem) { return problem; }
      if (row.condition && Object.keys(row.condition).length === 0) { row.condition = null; }
      builder = conditionEditor(row);
      conditionHolder.replaceChildren(el("label", {text: "Condition"}), builder.node);
      const form = KIND_FORMS[typePick.value];
      const missing = typePick.value ? "This kind has no form: edit its config as JSON." : "Pick the action's type above to fill in its settings.";
      configHolder.replaceChildren(form ? form(row, row.config) : el("p", {class: "help", text: missing}));
      return "";
    }
    function readBoxes() {
      try {
        row.condition = parseBox(conditionBox.value, null);
        row.config = parseBox(configBox.value, {});
      } catch (error) { return "the JSON is not valid: " + error.message; }
      return "";
    }
    /* Show the JSON boxes, or go back to the forms when the JSON can be shown as forms. */
    function showJson(wanted) {
      let problem = "";
      if (!wanted) { problem = readBoxes() || renderForms(); }
      const json = wanted || Boolean(problem);
      node.classList.toggle("action-form-view", !json);
      node.classList.toggle("action-json-view", json);
      jsonRows.forEach(function (part) { part.hidden = !json; });
      editor.hidden = json;
      toggle.textContent = json ? "Edit with the form" : "Edit as JSON";
      note.textContent = problem ? "Shown as JSON because " + problem + "." : "";
    }
    typePick.addEventListener("change", function () {
      if (!node.classList.contains("action-form-view")) { return; }
      const keep = KIND_KEYS[typePick.value] || [];
      Object.keys(row.config).forEach(function (key) { if (!keep.includes(key)) { delete row.config[key]; } });
      row.changed();
      showJson(false);
    });
    const hasErrors = jsonRows.some(function (part) { return part.querySelector(".errorlist"); });
    showJson(hasErrors);
    rows.push({node: node, refresh: function () { if (node.classList.contains("action-form-view")) { showJson(false); } }});
  }

  document.querySelectorAll("#actions-group .inline-related:not(.empty-form)").forEach(setUp);
  document.addEventListener("formset:added", function (event) {
    if (event.detail && event.detail.formsetName === "actions") { setUp(event.target); }
  });
  // A field renamed, retyped or removed changes what the conditions and follow-ups offer.
  const fieldsGroup = document.getElementById("fields-group");
  if (fieldsGroup) {
    fieldsGroup.addEventListener("change", function () {
      rows.forEach(function (row) { if (document.body.contains(row.node)) { row.refresh(); } });
    });
  }
  // The signing secrets a save shows once get the same copy and dismiss buttons.
  document.querySelectorAll(".messagelist .secret-value").forEach(function (code) {
    const message = code.closest("li");
    copyTools(message, code.textContent).forEach(function (control) { message.appendChild(control); });
  });
})();
