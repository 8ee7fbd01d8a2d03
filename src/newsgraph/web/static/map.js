// The interactive map over the vendored Leaflet: country borders from /geo/countries.json (no tiles, no
// network beyond this server), one marker per located event, grid clustering when markers crowd, popups
// built as text. A country click sets the country filter in the address. Without script, the SVG map stays.
(function () {
  "use strict";
  const el = document.getElementById("live-map");
  const dataEl = document.getElementById("map-data");
  if (!el || !dataEl || !window.L) return;
  const points = JSON.parse(dataEl.textContent || "[]");
  const CELL = 44; // pixels: markers closer than this on screen are drawn as one cluster

  function filterUrl(cc) {
    const params = new URLSearchParams(el.dataset.filterPath === location.pathname ? location.search : "");
    params.set("country", cc);
    params.delete("offset");
    return el.dataset.filterPath + "?" + params.toString();
  }

  function line(parent, tag, text, cls) {
    const n = document.createElement(tag);
    n.textContent = text;
    if (cls) n.className = cls;
    parent.appendChild(n);
    return n;
  }

  function popup(p) {
    const box = document.createElement("div");
    if (p.type) line(box, "b", p.type + (p.sub_type ? " · " + p.sub_type : ""));
    line(box, "div", [p.date, p.place, p.killed ? p.killed + " killed" : ""].filter(Boolean).join(" · "));
    const a = line(box, "a", p.title);
    a.href = p.href;
    if (p.country) {
      const f = line(box, "a", "Only events in " + p.country, "filter-country");
      f.href = filterUrl(p.country);
    }
    return box;
  }

  el.hidden = false;
  const map = L.map(el, { attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 12 });
  map.setView([20, 0], 2);

  fetch(el.dataset.borders).then((r) => r.json()).then((geo) => {
    const borders = L.geoJSON(geo, {
      style: { color: "#8a9a8a", weight: 0.7, fillColor: "#dfe6df", fillOpacity: 1 },
      onEachFeature: (f, layer) => {
        layer.bindTooltip(f.properties.name, { sticky: true });
        layer.on("click", () => { location.href = filterUrl(f.properties.cc); });
      },
    }).addTo(map);
    borders.bringToBack();
  }).catch(() => {});

  const layer = L.layerGroup().addTo(map);
  function draw() {
    layer.clearLayers();
    const cells = new Map();
    for (const p of points) {
      const xy = map.project([p.lat, p.lon], map.getZoom());
      const key = Math.floor(xy.x / CELL) + ":" + Math.floor(xy.y / CELL);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(p);
    }
    for (const group of cells.values()) {
      if (group.length === 1) {
        const p = group[0];
        L.circleMarker([p.lat, p.lon], { radius: p.r, color: "#fff", weight: 1, fillColor: p.colour, fillOpacity: 0.8 })
          .bindPopup(popup(p)).addTo(layer);
        continue;
      }
      const lat = group.reduce((s, p) => s + p.lat, 0) / group.length;
      const lon = group.reduce((s, p) => s + p.lon, 0) / group.length;
      const size = Math.round(Math.min(22 + 4 * Math.sqrt(group.length), 56));
      const icon = L.divIcon({ className: "cluster", html: String(group.length), iconSize: [size, size] });
      const m = L.marker([lat, lon], { icon: icon, title: group.length + " events" }).addTo(layer);
      m.on("click", () => {
        const bounds = L.latLngBounds(group.map((p) => [p.lat, p.lon]));
        if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
          const box = document.createElement("div");
          group.slice(0, 20).forEach((p) => box.appendChild(popup(p)));
          m.bindPopup(box).openPopup();
        } else {
          map.fitBounds(bounds.pad(0.3));
        }
      });
    }
  }
  map.on("zoomend", draw);
  draw();
})();
