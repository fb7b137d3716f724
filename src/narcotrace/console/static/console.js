// narcotrace console: keyboard shortcuts and image reveal. No framework, no requests of its own.
(function () {
  "use strict";

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // --- queue: j/k move between items, o or Enter opens one
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-row]")); }

  function moveRow(step) {
    var list = rows();
    if (!list.length) return false;
    var at = list.indexOf(document.activeElement && document.activeElement.closest("[data-row]"));
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    list[next].focus();
    list[next].scrollIntoView({ block: "nearest" });
    return true;
  }

  // --- item: a letter picks a decision; with a reason typed it submits, otherwise it asks for the reason
  var form = document.getElementById("decide-form");
  var reason = document.getElementById("reason");
  var hint = document.getElementById("decide-hint");
  var chosen = null;

  function choose(btn) {
    if (!form) return;
    Array.prototype.forEach.call(form.querySelectorAll(".nt-act-btn"), function (b) { b.classList.remove("nt-chosen"); });
    chosen = btn;
    btn.classList.add("nt-chosen");
    if (reason.value.trim()) {
      form.requestSubmit(btn);
    } else {
      hint.textContent = "Type the reason, then press Enter to " + btn.value + ".";
      reason.focus();
    }
  }

  if (form) {
    reason.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      // Never let Enter fall through to the form's first button (that would be "allow").
      e.preventDefault();
      if (!reason.value.trim()) { hint.textContent = "A reason is required."; return; }
      if (chosen) form.requestSubmit(chosen);
      else hint.textContent = "Now press a decision key (listed on the buttons), or Esc then the key.";
    });
    var sent = false;
    form.addEventListener("submit", function (e) {
      // One decision per page: a second key press while the first is in flight must not post again. (Disabling
      // the buttons here instead would drop the submitter's action from the form data.)
      if (sent) { e.preventDefault(); return; }
      sent = true;
    });
  }

  // --- images: not fetched until asked; then blurred and greyscale; then shown plainly
  function stepImage(btn) {
    var img = btn.querySelector("img");
    var label = btn.querySelector(".nt-img-label");
    var state = btn.getAttribute("data-state");
    if (state === "unloaded") {
      img.src = btn.getAttribute("data-src");
      img.hidden = false;
      btn.setAttribute("data-state", "blurred");
      label.textContent = "Blurred: activate again to show";
    } else if (state === "blurred") {
      btn.setAttribute("data-state", "revealed");
      btn.setAttribute("aria-pressed", "true");
      label.textContent = "Shown: activate to blur again";
    } else {
      btn.setAttribute("data-state", "blurred");
      btn.setAttribute("aria-pressed", "false");
      label.textContent = "Blurred: activate again to show";
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".nt-img"), function (btn) {
    btn.addEventListener("click", function () { stepImage(btn); });
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var el = document.activeElement;
    if (typing(el)) {
      if (e.key === "Escape") el.blur();
      return;
    }
    if (e.key === "j" || e.key === "k") {
      if (moveRow(e.key === "j" ? 1 : -1)) e.preventDefault();
      return;
    }
    var row = el && el.closest ? el.closest("[data-row]") : null;
    // Enter on the row itself opens it (on a link inside, the link does); o opens from anywhere in the row.
    if (row && (e.key === "o" || (e.key === "Enter" && el === row))) {
      e.preventDefault();
      window.location.href = row.getAttribute("data-href");
      return;
    }
    if (e.key === "u") {
      var back = document.querySelector("[data-back]");
      if (back) { e.preventDefault(); window.location.href = back.getAttribute("href"); }
      return;
    }
    if (e.key === "i") {
      var imgs = document.querySelectorAll(".nt-img:not([data-state='revealed'])");
      if (imgs.length) { e.preventDefault(); imgs[0].focus(); stepImage(imgs[0]); }
      return;
    }
    if (form && e.key.length === 1) {
      var btn = form.querySelector('[data-key="' + e.key + '"]');
      if (btn) { e.preventDefault(); choose(btn); }
    }
  });
})();
