// After a boosted navigation htmx swaps the new page into <body>: the link or button that had the focus
// is gone, the focus falls back to the top of the document and a screen reader says nothing about the
// new page. A real page load would announce its title; so here the focus moves to the new page's main
// heading (or to <main>), which makes screen readers read it out. Without JavaScript the pages load
// normally and none of this runs.
(function () {
  'use strict';

  /** target: the element the focus should land on in the new page, made focusable by script only. */
  function target() {
    // A link to a part of a page (/meetings/12#documents) lands there, as a page load would.
    var hash = window.location.hash.slice(1);
    var part = hash ? document.getElementById(hash) : null;
    var main = document.getElementById('main');
    var element = part || (main && main.querySelector('h1')) || main;
    if (element && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    return element;
  }

  document.addEventListener('htmx:afterSettle', function (event) {
    var detail = event.detail || {};
    // Only whole-page swaps: a boosted link or form replaces <body>. Fragment swaps (live replies,
    // member search, calendar months) keep the focus where the person is working.
    if (!detail.boosted || event.target !== document.body) return;
    // htmx already focused something in the new content (the error summary of a failed form, a field
    // with autofocus, the same control again): that is where the person should be.
    var active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    var element = target();
    // htmx has scrolled the page (to the top, or to the #part); the focus must not move it again.
    if (element) element.focus({ preventScroll: true });
  });
})();
