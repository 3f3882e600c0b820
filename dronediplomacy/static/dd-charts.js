// Draw every course chart on the page with the vega builds shipped in _static/vega.
// Specs are embedded as JSON next to their container (see dronediplomacy/site.py).
(function () {
  "use strict";
  function drawAll() {
    document.querySelectorAll("figure.dd-chart").forEach(function (figure) {
      var container = figure.querySelector(".dd-vega");
      var specNode = figure.querySelector("script.dd-vega-spec");
      if (!container || !specNode || container.dataset.drawn) return;
      container.dataset.drawn = "pending";
      var spec = JSON.parse(specNode.textContent);
      vegaEmbed(container, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
      }).then(function () {
        // vega-embed's export menu is a <details> whose <summary> holds only an icon.
        container.querySelectorAll("summary").forEach(function (summary) {
          summary.setAttribute("aria-label", "Save this chart as an image");
        });
        container.dataset.drawn = "yes";
      }).catch(function (error) {
        container.dataset.drawn = "failed";
        container.textContent = "This chart could not be drawn: " + error.message;
        console.error(error);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
