// The console's live updates: listens to /console/events and shows each verdict change at once. On the message list a
// known message's verdict cell changes in place and a new message reloads the list (at most every few seconds); on a
// message's page a change of that message reloads it. Without the stream the pages still reload periodically.
(function () {
  'use strict';
  var body = document.body;
  var item = body.getAttribute('data-live-item');
  var list = body.hasAttribute('data-live-list');
  var reloadTimer = null;

  function reloadSoon() {
    if (reloadTimer === null) {
      reloadTimer = window.setTimeout(function () { window.location.reload(); }, 1500);
    }
  }

  function showInRow(row, change) {
    var cell = row.querySelector('[data-verdict]');
    if (cell === null) {
      return;
    }
    var span = document.createElement('span');
    span.className = 'level ' + change.level;
    span.textContent = change.level + ' (' + change.score + ')';
    cell.replaceChildren(span);
    row.classList.add('changed');
  }

  var source = new EventSource('/console/events');
  source.addEventListener('verdict', function (event) {
    var change = JSON.parse(event.data);
    if (item !== null) {
      if (change.mailItemId === item) {
        reloadSoon();
      }
      return;
    }
    if (list) {
      var row = document.querySelector('tr[data-mail-item="' + change.mailItemId + '"]');
      if (row !== null) {
        showInRow(row, change);
      } else {
        reloadSoon();
      }
    }
  });
}());
