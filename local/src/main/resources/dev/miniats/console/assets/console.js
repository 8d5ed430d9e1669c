// Live updates: the server says "something changed" over server-sent events; every element with
// hx-trigger="ats-change from:body" then re-fetches itself with htmx. No data travels in the event.
(function () {
  var status = document.getElementById('live-status');
  function show(text, ok) {
    if (status) { status.textContent = text; status.className = 'live ' + (ok ? 'on' : 'off'); }
  }
  if (!window.EventSource) { show('no live updates', false); return; }
  var source = new EventSource('/console/stream');
  source.addEventListener('open', function () { show('live', true); });
  source.addEventListener('error', function () { show('reconnecting…', false); });
  source.addEventListener('ats-change', function () {
    // Do not replace a part the user is typing in.
    var active = document.activeElement;
    if (active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA') && active.closest('[hx-trigger]')) { return; }
    // Nor one where the user has expanded something to read (a function's log): it would fold up.
    // Parts open by default and safe to redraw (the pipeline's flow table) say so with data-live-refresh.
    if (document.querySelector('[hx-trigger*="ats-change"] details[open]:not([data-live-refresh])')) { return; }
    if (window.htmx) { htmx.trigger(document.body, 'ats-change'); }
  });
})();
