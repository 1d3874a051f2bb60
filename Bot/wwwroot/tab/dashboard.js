// Draws the dashboard's trend charts from the numbers the page's tables show (#chart-data); a click on a bar or a point
// opens the people behind it. Without Chart.js (or JavaScript) the tables alone carry everything.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var palette = ["#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457"];
  function draw(id, series, type) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var chart = new Chart(canvas, {
      type: type,
      data: {
        labels: data.labels,
        datasets: series.map(function (s, i) {
          var color = palette[i % palette.length];
          return { label: s.label, data: s.data, links: s.links, backgroundColor: color, borderColor: color, spanGaps: true, tension: 0.2 };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { position: "bottom" } },
        onClick: function (event, elements) {
          if (elements.length === 0) return;
          var e = elements[0];
          var link = chart.data.datasets[e.datasetIndex].links[e.index];
          if (link) window.location.assign(link);
        }
      }
    });
    canvas.dataset.drawn = "true";
  }
  draw("chart-groups", data.groups, "bar");
  draw("chart-kinds", data.kinds, "line");
})();
