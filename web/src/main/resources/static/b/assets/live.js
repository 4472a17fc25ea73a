// The banner live page: follows the message's state over server-sent events and sends the recipient's feedback.
// Text only goes in through textContent, never as HTML.
(function () {
  'use strict';

  function start() {
    var main = document.getElementById('live');
    if (!main) {
      return;
    }
    var shown = Number(main.getAttribute('data-sequence')) || 0;
    listen(main, function (view) {
      if (view.sequence < shown) {
        return; // an older update that arrived late
      }
      shown = view.sequence;
      show(main, view);
    });
    document.querySelectorAll('form[data-feedback]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        send(form);
      });
    });
  }

  function listen(main, onState) {
    var connection = document.getElementById('connection');
    var source = new EventSource(main.getAttribute('data-events'));
    source.addEventListener('state', function (event) {
      connection.hidden = true;
      onState(JSON.parse(event.data));
    });
    source.addEventListener('open', function () {
      connection.hidden = true;
    });
    // EventSource reconnects by itself; the server sends the current state on every connection.
    source.addEventListener('error', function () {
      connection.hidden = false;
    });
  }

  function show(main, view) {
    main.className = main.className.replace(/\blevel-[A-Z]+\b/, 'level-' + view.level);
    main.setAttribute('data-level', view.level);
    document.documentElement.lang = view.lang;
    document.documentElement.dir = view.dir;
    document.getElementById('label').textContent = view.label;
    document.getElementById('headline').textContent = view.headline;
    var list = document.getElementById('reasons');
    list.replaceChildren();
    var reasons = view.reasons.length ? view.reasons : [list.getAttribute('data-none')];
    reasons.forEach(function (reason) {
      var item = document.createElement('li');
      item.textContent = reason;
      list.appendChild(item);
    });
    var updated = document.getElementById('updated');
    updated.setAttribute('datetime', view.decidedAt);
    updated.textContent = view.updatedText;
  }

  function send(form) {
    var button = form.querySelector('button');
    var status = document.getElementById('feedback');
    var header = document.querySelector('meta[name="csrf-header"]').getAttribute('content');
    var token = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
    var headers = { 'Accept': 'application/json' };
    headers[header] = token;
    button.disabled = true;
    fetch(form.action, { method: 'POST', headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (body) {
          status.textContent = body.message;
          button.disabled = response.ok;
        });
      })
      .catch(function () {
        button.disabled = false;
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
