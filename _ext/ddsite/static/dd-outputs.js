// Bring notebook outputs to life as the reader reaches them (see _ext/ddsite/__init__.py).
// Charts: Vega-Lite specs embedded as JSON next to their container, drawn with the vega builds
// shipped in _static/vega; the libraries (800 KB) load only when the first chart comes near the
// viewport. Notebook scripts (the self-check quizzes build themselves with one) are kept as
// inert text and run when their output approaches. A reader who opens a page starts reading at
// once, on a phone too.
(function () {
  "use strict";
  var here = document.currentScript.src;
  var LIBRARIES = ["vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js"];
  var libraries = null;

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(path, here).href;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + path)); };
      document.head.appendChild(script);
    });
  }

  function loadLibraries() {
    // In order: vega-lite needs vega, vega-embed needs both.
    libraries = libraries || LIBRARIES.reduce(function (previous, path) {
      return previous.then(function () { return loadScript(path); });
    }, Promise.resolve());
    return libraries;
  }

  // A chart as wide as its container reads the container's width when the window fires
  // "resize", which can be before the page has finished its new layout (narrow, then wide
  // again): the chart is then drawn far wider than its column. Once a container has settled at
  // a new width, fire one more resize so every chart measures again.
  var widths = new WeakMap();
  var settled = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    var changed = entries.some(function (entry) {
      var width = Math.round(entry.contentRect.width);
      var before = widths.get(entry.target);
      widths.set(entry.target, width);
      return before !== undefined && before !== width;
    });
    if (changed) {
      requestAnimationFrame(function () { window.dispatchEvent(new Event("resize")); });
    }
  }) : null;

  function draw(figure) {
    var container = figure.querySelector(".dd-vega");
    var specNode = figure.querySelector("script.dd-vega-spec");
    if (!container || !specNode || container.dataset.drawn) return;
    container.dataset.drawn = "pending";
    loadLibraries().then(function () {
      return vegaEmbed(container, JSON.parse(specNode.textContent), {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
      });
    }).then(function () {
      // vega-embed's export menu is a <details> whose <summary> holds only an icon.
      container.querySelectorAll("summary").forEach(function (summary) {
        summary.setAttribute("aria-label", "Save this chart as an image");
      });
      container.dataset.drawn = "yes";
      if (settled) settled.observe(container);
    }).catch(function (error) {
      container.dataset.drawn = "failed";
      container.textContent = "This chart could not be drawn: " + error.message;
      console.error(error);
    });
  }

  // A notebook script runs as a <script> in its place, as it would have while the page loaded.
  function run(inert) {
    if (!inert.parentNode) return;
    var script = document.createElement("script");
    script.text = inert.textContent;
    inert.parentNode.replaceChild(script, inert);
    // A self-check (jupyterquiz) builds itself as its script runs; the <label> it puts before a
    // number field names no field, so screen readers announce the field unnamed: tie the two.
    document.querySelectorAll("label.InpLabel:not([for])").forEach(function (label) {
      var field = label.nextElementSibling;
      if (field && field.id) label.htmlFor = field.id;
    });
  }

  // Call `bring` on each of `nodes` as `where(node)` comes within a screen or so of the
  // viewport, and on all of them before the page is printed.
  function whenNear(nodes, where, bring) {
    if (!("IntersectionObserver" in window)) {
      nodes.forEach(bring);
      return;
    }
    var waiting = new Map();
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && waiting.has(entry.target)) {
          observer.unobserve(entry.target);
          waiting.get(entry.target).forEach(bring);
          waiting.delete(entry.target);
        }
      });
    }, { rootMargin: "600px 0px" });
    nodes.forEach(function (node) {
      var target = where(node);
      if (!waiting.has(target)) {
        waiting.set(target, []);
        observer.observe(target);
      }
      waiting.get(target).push(node);
    });
    window.addEventListener("beforeprint", function () { nodes.forEach(bring); });
  }

  function start() {
    var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
    whenNear(all("figure.dd-chart"), function (figure) { return figure; }, draw);
    whenNear(all('script[type="text/x-dd-notebook-script"]'), function (inert) {
      return inert.closest(".cell_output") || inert.parentNode;
    }, run);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
