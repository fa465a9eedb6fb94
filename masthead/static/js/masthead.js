/* Masthead reader pages: small vanilla enhancements. Each feature is its own IIFE that does
   nothing when its markup is absent; other features may add their own blocks (or files) alike. */

/* Lightbox: a figure's "Click to see full-size image" link opens the picture in a modal dialog.
   Without JavaScript (or without <dialog>) the link simply opens the image file. */
(() => {
  "use strict";
  var dialog = document.querySelector("[data-lightbox-dialog]");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var caption = dialog.querySelector(".lightbox__caption");
  // The <img> is made here, not in the markup: HTML allows no <img> without a src.
  var img = document.createElement("img");
  img.className = "lightbox__img";
  img.alt = "";
  dialog.insertBefore(img, caption);
  var closeButton = dialog.querySelector(".lightbox__close");
  var opener = null;

  function open(link) {
    var figure = link.closest("figure");
    var thumb = link.querySelector("img");
    var text = figure?.querySelector(".figure__text");
    var credit = figure?.querySelector(".figure__credit");
    img.src = link.href;
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = "";
    [text, credit].forEach((part) => {
      if (!part) return;
      var span = document.createElement("span");
      span.textContent = part.textContent;
      caption.appendChild(span);
    });
    opener = link;
    dialog.showModal();
    closeButton.focus();
  }

  document.addEventListener("click", (event) => {
    var link = event.target.closest?.("a[data-lightbox]");
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    open(link);
  });

  // Keep Tab inside the dialog: its only control is Close, so Tab and Shift+Tab stay on it.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    var controls = dialog.querySelectorAll("button, a[href], [tabindex]:not([tabindex='-1'])");
    var first = controls[0],
      last = controls[controls.length - 1];
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  });

  // Clicking the dark area around the picture closes it, as readers expect of a lightbox.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target === img) dialog.close();
  });

  // Escape (the dialog's cancel) and Close both end here: focus returns to the opening link.
  dialog.addEventListener("close", () => {
    img.removeAttribute("src");
    if (opener) opener.focus();
    opener = null;
  });
})();
