// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function init() {
    // Menu button on narrow screens. Without JS the menu is simply always visible.
    var toggle = document.querySelector('.menu-toggle');
    var nav = document.getElementById('hoofdmenu');
    if (toggle && nav) {
      toggle.hidden = false;
      toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        nav.classList.toggle('is-open', open);
      });
      document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
          toggle.setAttribute('aria-expanded', 'false');
          nav.classList.remove('is-open');
          toggle.focus();
        }
      });
    }

    // Searchable transcript: marks the matches and opens the transcript.
    var box = document.querySelector('.transcript-search');
    var text = document.querySelector('.transcript-text');
    if (box && text) {
      box.hidden = false;
      var input = box.querySelector('input');
      var count = box.querySelector('.transcript-count');
      var original = text.innerHTML;
      input.addEventListener('input', function () {
        text.innerHTML = original;
        var q = input.value.trim().toLowerCase();
        if (q.length < 2) { count.textContent = ''; return; }
        var n = 0;
        var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        var nodes = [];
        while (walker.nextNode()) nodes.push(walker.currentNode);
        nodes.forEach(function (node) {
          var s = node.nodeValue, lower = s.toLowerCase(), i = lower.indexOf(q), last = 0;
          if (i < 0) return;
          var frag = document.createDocumentFragment();
          while (i >= 0) {
            frag.appendChild(document.createTextNode(s.slice(last, i)));
            var m = document.createElement('mark');
            m.textContent = s.slice(i, i + q.length);
            frag.appendChild(m);
            n++;
            last = i + q.length;
            i = lower.indexOf(q, last);
          }
          frag.appendChild(document.createTextNode(s.slice(last)));
          node.parentNode.replaceChild(frag, node);
        });
        count.textContent = n + ' ' + input.getAttribute('data-matches');
        var first = text.querySelector('mark');
        if (first) first.scrollIntoView({ block: 'nearest' });
      });
    }

    // On a phone the header's search field stays folded behind a button (CSS hides it while closed).
    var searchButton = document.querySelector('.search-toggle');
    var searchBar = document.getElementById('zoekbalk');
    if (searchButton && searchBar) {
      searchButton.addEventListener('click', function () {
        var open = searchButton.getAttribute('aria-expanded') !== 'true';
        searchButton.setAttribute('aria-expanded', open ? 'true' : 'false');
        searchBar.classList.toggle('open', open);
        if (open) searchBar.querySelector('input').focus();
      });
    }

    // Share: "copy the link" is a plain link to the page; with JS it copies the address instead.
    document.querySelectorAll('.copy-link').forEach(function (link) {
      link.addEventListener('click', function (e) {
        if (!navigator.clipboard || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        var status = link.closest('.share') && link.closest('.share').querySelector('.share-status');
        navigator.clipboard.writeText(link.href).then(function () {
          if (status) status.textContent = link.getAttribute('data-copied');
        }, function () { window.location.href = link.href; });
      });
    });

    // The contents list in the right-hand column marks the section being read.
    var tocLinks = document.querySelectorAll('.detail-side .toc a[href^="#"]');
    if (tocLinks.length && 'IntersectionObserver' in window) {
      var byId = {};
      tocLinks.forEach(function (a) { byId[decodeURIComponent(a.getAttribute('href').slice(1))] = a; });
      var current = null;
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) {
          if (!en.isIntersecting) return;
          var a = byId[en.target.id];
          if (!a || a === current) return;
          if (current) { current.classList.remove('is-current'); current.removeAttribute('aria-current'); }
          current = a;
          a.classList.add('is-current');
          a.setAttribute('aria-current', 'location');
        });
      }, { rootMargin: '0px 0px -70% 0px' });
      Object.keys(byId).forEach(function (id) { var h = document.getElementById(id); if (h) observer.observe(h); });
    }

    // Privacy-friendly video: the iframe (and thus YouTube) only loads after a click.
    document.querySelectorAll('.video-embed').forEach(function (fig) {
      var link = fig.querySelector('.video-load');
      if (!link) return;
      link.addEventListener('click', function (e) {
        e.preventDefault();
        var iframe = document.createElement('iframe');
        iframe.src = link.href;
        iframe.title = fig.getAttribute('data-title');
        iframe.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
        iframe.setAttribute('allowfullscreen', '');
        link.parentNode.replaceChild(iframe, link);
        iframe.focus();
      });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
