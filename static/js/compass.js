// Draws the compass radar. The figure is built on the server by assessments.charts.radar_figure
// and travels as JSON in <script id="…" type="application/json"> (Django's json_script); each
// chart is a <div data-compass-figure="ID">. The data table beside it carries every number, so
// the page is complete without JavaScript.
(function () {
  "use strict";
  if (typeof Plotly === "undefined") { return; }
  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
  document.querySelectorAll("[data-compass-figure]").forEach(function (element) {
    var source = document.getElementById(element.dataset.compassFigure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    Plotly.newPlot(element, figure.data, figure.layout, config);
  });
})();
