// Draws every Plotly figure of a page: the compass radar and the dashboard's charts. Each
// figure is built on the server (assessments.charts, assessments.dashboard_charts) and travels
// as JSON in <script id="ID" type="application/json"> (Django's json_script); each chart is a
// <div data-figure="ID">. Every chart has a data table beside it, so the page is complete
// without JavaScript.
(function () {
  "use strict";
  if (typeof Plotly === "undefined") { return; }
  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
  document.querySelectorAll("[data-figure]").forEach(function (element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    Plotly.newPlot(element, figure.data, figure.layout, config);
  });
})();
