// The console's live updates: listens to /console/events and shows each verdict change at once, of mail items
// ('verdict' events) and of chat items ('chat-verdict'). On the message or chat list a known row's verdict cell changes
// in place and a new one reloads the list (at most every few seconds); on a message's or chat message's page a change
// of that item reloads it. Without the stream the pages still reload periodically.
(function () {
  'use strict';
  var body = document.body;
  var item = body.getAttribute('data-live-item');
  var list = body.hasAttribute('data-live-list');
  var chatItem = body.getAttribute('data-live-chat-item');
  var chatList = body.hasAttribute('data-live-chat-list');
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
    span.textContent = change.score === undefined ? change.level : change.level + ' (' + change.score + ')';
    cell.replaceChildren(span);
    row.classList.add('changed');
  }

  // On an item's page, reloads it when the change is of that item. On a list, returns the item's row to update in
  // place, or reloads a list that does not show the item yet. Returns null when there is no row to update.
  function rowFor(page, onList, rowAttribute, changedId) {
    if (page !== null) {
      if (changedId === page) {
        reloadSoon();
      }
      return null;
    }
    if (!onList) {
      return null;
    }
    var row = document.querySelector('tr[' + rowAttribute + '="' + changedId + '"]');
    if (row === null) {
      reloadSoon();
    }
    return row;
  }

  var source = new EventSource('/console/events');
  source.addEventListener('verdict', function (event) {
    var change = JSON.parse(event.data);
    var row = rowFor(item, list, 'data-mail-item', change.mailItemId);
    if (row !== null) {
      showInRow(row, change);
    }
  });
  source.addEventListener('chat-verdict', function (event) {
    var change = JSON.parse(event.data);
    var row = rowFor(chatItem, chatList, 'data-chat-item', change.chatItemId);
    if (row !== null) {
      showInRow(row, change);
    }
  });
}());
