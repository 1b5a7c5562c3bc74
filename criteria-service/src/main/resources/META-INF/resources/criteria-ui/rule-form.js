// The rule form (EditPages/rule.html) shows only the fieldset of the selected rule type. Without this script every
// fieldset stays visible and the server still reads only the selected type's fields. A file of its own, not an
// inline script, so that a Content-Security-Policy without 'unsafe-inline' allows it.
"use strict";
(function () {
  var form = document.querySelector("form[data-rule-form]");
  if (!form) { return; }
  var type = form.querySelector("select[name=type]");
  var fieldsets = form.querySelectorAll("fieldset[data-rule-type]");
  function show() {
    for (var i = 0; i < fieldsets.length; i++) {
      fieldsets[i].hidden = fieldsets[i].getAttribute("data-rule-type") !== type.value;
    }
  }
  type.addEventListener("change", show);
  show();
})();
