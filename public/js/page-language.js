// A boosted navigation swaps only <body>: <html lang> and <html dir> would stay those of the page before
// (an Arabic, right-to-left public page followed by a German members' page). So the new page's own
// attributes are copied from the response. Without JavaScript pages load whole and none of this runs.
(function () {
  'use strict';

  function attribute(tag, name) {
    var match = new RegExp('\\s' + name + '="([^"]*)"').exec(tag);
    return match ? match[1] : null;
  }

  document.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail || {};
    if (!detail.boosted || !detail.xhr) return;
    var tag = /<html(\s[^>]*)?>/i.exec(detail.xhr.responseText || '');
    if (!tag) return;
    var root = document.documentElement;
    var lang = attribute(tag[0], 'lang');
    var dir = attribute(tag[0], 'dir');
    if (lang) root.setAttribute('lang', lang);
    if (dir) root.setAttribute('dir', dir);
    else root.removeAttribute('dir');
  });
})();
