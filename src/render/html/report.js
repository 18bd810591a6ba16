// claimdiff HTML report: filters and print support. The page reads fully without this
// script; it only hides what the reader unticks. It reads no article text: it works on
// the data-* attributes the renderer wrote.
(function () {
  'use strict';
  var root = document.documentElement;
  var form = document.getElementById('filters');
  var status = document.getElementById('filter-status');

  function ticked(name) {
    var set = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { set[box.value] = true; }
    });
    return set;
  }

  function apply() {
    var sources = ticked('source');
    var kinds = ticked('kind');
    var taggedOnly = form.querySelector('input[name="tagged-only"]').checked;

    document.querySelectorAll('.tag-item').forEach(function (item) {
      item.hidden = !kinds[item.getAttribute('data-kind')];
    });
    document.querySelectorAll('.sentence .tagged').forEach(function (span) {
      var on = (span.getAttribute('data-kinds') || '').split(' ').some(function (k) { return kinds[k]; });
      span.classList.toggle('tag-off', !on);
    });
    document.querySelectorAll('.member, .only-here, .source-row').forEach(function (el) {
      el.hidden = !sources[el.getAttribute('data-source')];
    });
    document.querySelectorAll('.tags, .group-tags').forEach(function (list) {
      list.hidden = !list.querySelector('.tag-item:not([hidden])');
    });

    var shown = 0;
    var claims = document.querySelectorAll('.claim');
    claims.forEach(function (claim) {
      var members = claim.querySelectorAll('.member:not([hidden])');
      var tags = 0;
      members.forEach(function (m) { tags += m.querySelectorAll('.tag-item:not([hidden])').length; });
      claim.querySelectorAll('.group-tags .tag-item:not([hidden])').forEach(function () { tags += 1; });
      var hide = members.length === 0 || (taggedOnly && tags === 0);
      claim.hidden = hide;
      if (!hide) { shown += 1; }
    });
    status.textContent = shown + ' of ' + claims.length + ' claims shown';
  }

  // The filter state lives in the address (#filter?hide=s2,omission&tagged-only), so a
  // filtered view can be bookmarked or sent.
  var PREFIX = '#filter?';

  function readAddress() {
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) !== 0) { return; }
    hash.slice(PREFIX.length).split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      var key = eq < 0 ? pair : pair.slice(0, eq);
      var values = eq < 0 ? [] : pair.slice(eq + 1).split(',').map(decodeURIComponent);
      if (key === 'hide') {
        form.querySelectorAll('input[name="source"], input[name="kind"]').forEach(function (box) {
          if (values.indexOf(box.value) >= 0) { box.checked = false; }
        });
      } else if (key === 'tagged-only') {
        form.querySelector('input[name="tagged-only"]').checked = true;
      }
    });
  }

  function writeAddress() {
    var hidden = [];
    form.querySelectorAll('input[name="source"], input[name="kind"]').forEach(function (box) {
      if (!box.checked) { hidden.push(encodeURIComponent(box.value)); }
    });
    var parts = [];
    if (hidden.length) { parts.push('hide=' + hidden.join(',')); }
    if (form.querySelector('input[name="tagged-only"]').checked) { parts.push('tagged-only'); }
    var hash = parts.length ? PREFIX + parts.join('&') : '';
    var current = window.location.hash;
    if (hash === current || (!hash && current.indexOf(PREFIX) !== 0)) { return; }
    try {
      window.history.replaceState(null, '', hash || window.location.pathname + window.location.search);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the filters still work.
    }
  }

  form.addEventListener('change', function () { apply(); writeAddress(); });
  form.querySelectorAll('button[data-set]').forEach(function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('data-set') === 'all';
      form.querySelectorAll('input[name="' + button.getAttribute('data-for') + '"]').forEach(function (box) {
        box.checked = on;
      });
      apply();
      writeAddress();
    });
  });

  // Print everything: open the "why grouped" notes, then restore them.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  readAddress();
  apply();
  root.classList.add('js');
  document.body.setAttribute('data-ready', '1');
})();
