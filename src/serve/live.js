// kennis serve: reload on change, swap stylesheets without a reload, keep the scroll position.
(function () {
  var key = 'kennis-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) { sessionStorage.removeItem(key); window.addEventListener('load', function () { window.scrollTo(0, +saved); }); }
  var es = new EventSource('/__kennis/events');
  function reload() { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); }
  es.addEventListener('reload', reload);
  es.addEventListener('error', function (e) { if (e.data !== undefined) { reload(); } });
  es.addEventListener('css', function (e) {
    var changed = (e.data || '').split('\n');
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      if (changed.indexOf(url.pathname) >= 0) {
        url.searchParams.set('v', Date.now());
        link.href = url.toString();
      }
    });
  });
})();
