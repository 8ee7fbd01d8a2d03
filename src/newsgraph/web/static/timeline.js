// Brushing on the timeline: drag across bars to set date_from and date_to in the address, keeping the other
// filters, so the list and the map follow. A click (no drag) follows the bar's own link.
(function () {
  "use strict";
  const svg = document.getElementById("timeline-svg");
  const brush = document.getElementById("timeline-brush");
  if (!svg || !brush) return;
  const bars = Array.from(svg.querySelectorAll("rect.bar"));
  let start = null;
  let dragged = false;

  function toSvgX(ev) {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  }

  function show(a, b) {
    brush.setAttribute("x", String(Math.min(a, b)));
    brush.setAttribute("width", String(Math.abs(b - a)));
  }

  // Pointer events with capture: the bars sit inside links, and a mouse drag that starts on a link becomes the
  // browser's own link drag-and-drop, which swallows mousemove and mouseup.
  svg.addEventListener("dragstart", (ev) => ev.preventDefault());
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    start = toSvgX(ev);
    dragged = false;
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (start === null) return;
    const x = toSvgX(ev);
    if (Math.abs(x - start) > 3) dragged = true;
    if (dragged) show(start, x);
  });
  svg.addEventListener("pointerup", (ev) => {
    if (start === null) return;
    const a = start;
    const b = toSvgX(ev);
    start = null;
    svg.releasePointerCapture(ev.pointerId);
    if (!dragged) { show(0, 0); return; }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const hit = bars.filter((r) => {
      const x = parseFloat(r.getAttribute("x"));
      return x + parseFloat(r.getAttribute("width")) >= lo && x <= hi;
    });
    if (!hit.length) { show(0, 0); return; }
    const params = new URLSearchParams(location.search);
    params.set("date_from", hit[0].dataset.from);
    params.set("date_to", hit[hit.length - 1].dataset.to);
    params.delete("offset");
    location.href = location.pathname + "?" + params.toString();
  });
  // A drag that ends over a bar must not also follow that bar's link.
  svg.addEventListener("click", (ev) => { if (dragged) { ev.preventDefault(); dragged = false; } }, true);
})();
