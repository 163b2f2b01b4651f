// The live board's connection, shared by the board and the mobile screen: one WebSocket to /tableau/direct that
// reconnects with a growing delay (1 s to 10 s) and hands every board message to `onBoard`.
window.RelaisLive = {
  connect: function (onBoard, onState) {
    "use strict";
    var delay = 1000;
    function open() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var socket = new WebSocket(scheme + location.host + "/tableau/direct");
      socket.onopen = function () { delay = 1000; if (onState) { onState("live"); } };
      socket.onmessage = function (event) {
        var message = JSON.parse(event.data);
        if (message.type === "board") { onBoard(message.board, message.sequence); }
      };
      socket.onclose = function () {
        if (onState) { onState("offline"); }
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    open();
  }
};
