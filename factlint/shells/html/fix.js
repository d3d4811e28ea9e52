/* factlint: apply a fix suggestion to a textarea (the service page's editor).
 *
 * A button rendered with editable=True carries data-edits, a JSON list of
 * {start, end, replacement, original}, where start and end are code-point offsets into the
 * source that was checked. JavaScript strings index UTF-16 code units, so an emoji before a
 * date counts 2 there but 1 in the offsets: every offset is converted before slicing. Each
 * edit's `original` is compared with the text it would replace, so a textarea that was
 * edited since the check is left alone (the button says so) instead of being corrupted.
 */
function factlintUtf16Index(text, offset) {
  var index = 0;
  for (var count = 0; count < offset && index < text.length; count++) {
    var unit = text.charCodeAt(index);
    var next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
    index += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return index;
}

function factlintApplyFix(button, textarea) {
  var edits;
  try {
    edits = JSON.parse(button.getAttribute("data-edits") || "[]");
  } catch (error) {
    return false;
  }
  var value = textarea.value;
  var ranges = edits.map(function (edit) {
    return { from: factlintUtf16Index(value, edit.start), to: factlintUtf16Index(value, edit.end), edit: edit };
  });
  var stale = ranges.some(function (r) {
    return typeof r.edit.original === "string" && value.slice(r.from, r.to) !== r.edit.original;
  });
  if (stale) {
    button.classList.add("fl-failed");
    button.title = "The text changed since it was checked: check it again first.";
    return false;
  }
  ranges.sort(function (a, b) { return b.from - a.from; }); /* end to start: earlier offsets stay valid */
  ranges.forEach(function (r) {
    value = value.slice(0, r.from) + r.edit.replacement + value.slice(r.to);
  });
  textarea.value = value;
  button.disabled = true;
  var article = button.closest("[data-factlint-article]");
  if (article) article.classList.add("fl-stale"); /* the other buttons' offsets may be stale now */
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

/* One listener on a container that survives re-rendering the fragments inside it. */
function factlintWireFixes(container, textarea) {
  container.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.fl-apply") : null;
    if (button && container.contains(button)) factlintApplyFix(button, textarea);
  });
}
