// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  var sw = document.querySelector('.lang-switch[data-notice]');
  if (sw) { sw.setAttribute('title', sw.getAttribute('data-notice')); }
});
