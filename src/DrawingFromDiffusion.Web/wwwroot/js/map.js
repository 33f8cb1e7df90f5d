// The clusters' map: the clustered images' vectors laid out in two dimensions by UMAP (umap-js, vendored) in the
// page, one dot per image coloured by cluster, each cluster's number at its centre, a legend, a thumbnail on hover,
// and a click through to the cluster's images.
import { $, el, loadScript, svg, thumb } from "./dom.js";

const WIDTH = 1000;
const HEIGHT = 600;
const MARGIN = 24;
let cached = null; // { key, layout }: the layout of the last points, kept while the page stays open

// Twenty colours told apart at a glance (Tableau 20, lightened for the dark page), then golden-angle hues.
const PALETTE = ["#4e9be0", "#ffa04d", "#5cc45a", "#f0605e", "#b38be0", "#c79a7f", "#f08fd0", "#a8a8a8", "#d9d94a", "#3fd0e0",
  "#a7cdf2", "#ffc98f", "#a3e39a", "#ffa8a5", "#d8c4ef", "#e4c2b3", "#fbc6e6", "#dedede", "#eeee9e", "#a6e8f0"];
export const colour = (cluster) => (cluster >= 1 && cluster <= PALETTE.length ? PALETTE[cluster - 1] : `hsl(${(cluster * 137.508) % 360} 72% 62%)`);

// mulberry32: UMAP's random choices from a fixed seed, so the same points give the same map.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decode(points) {
  const bytes = Uint8Array.from(atob(points.vectors), (c) => c.charCodeAt(0));
  const signed = new Int8Array(bytes.buffer);
  const dims = points.dimensions;
  return points.points.map((_, i) => {
    const v = Array.from(signed.subarray(i * dims, (i + 1) * dims));
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  });
}

// Two coordinates per point. Fewer than four points need no layout: they go on a circle.
async function layout(points, onEpoch) {
  const n = points.points.length;
  if (n < 4) return points.points.map((_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
  await loadScript("/vendor/umap-js.min.js");
  const umap = new window.UMAP.UMAP({
    nComponents: 2,
    nNeighbors: Math.min(15, Math.max(2, Math.floor(n / 5))),
    minDist: 0.15,
    nEpochs: n > 1500 ? 200 : 350,
    random: seeded(42),
  });
  return umap.fitAsync(decode(points), (epoch) => { onEpoch(epoch, umap.getNEpochs()); return true; });
}

export async function renderMap(points, clusters, { onStatus, onOpenCluster }) {
  const box = $("#cluster-map");
  box.hidden = points.points.length === 0;
  if (points.points.length === 0) return;
  const key = `${points.model_id}|${points.points.map((p) => p.image_id).join(",")}`;
  let coordinates = cached && cached.key === key ? cached.layout : null;
  if (!coordinates) {
    box.replaceChildren(el("p", { class: "map-wait muted", text: `Laying out ${points.points.length.toLocaleString()} images with UMAP…` }));
    coordinates = await layout(points, (epoch, epochs) => onStatus(`Laying out ${points.points.length.toLocaleString()} images with UMAP: step ${epoch} of ${epochs}…`));
    cached = { key, layout: coordinates };
  }
  draw(box, points, coordinates, clusters, onOpenCluster);
}

function draw(box, points, coordinates, clusters, onOpenCluster) {
  const xs = coordinates.map((c) => c[0]);
  const ys = coordinates.map((c) => c[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x) => MARGIN + ((x - minX) / (maxX - minX || 1)) * (WIDTH - 2 * MARGIN);
  const sy = (y) => MARGIN + ((y - minY) / (maxY - minY || 1)) * (HEIGHT - 2 * MARGIN);
  const byCluster = new Map();
  const dots = points.points.map((p, i) => {
    const x = sx(coordinates[i][0]);
    const y = sy(coordinates[i][1]);
    if (!byCluster.has(p.cluster)) byCluster.set(p.cluster, []);
    byCluster.get(p.cluster).push([x, y]);
    return svg("circle", { class: "dot", cx: x.toFixed(1), cy: y.toFixed(1), r: points.points.length > 2000 ? 3 : 4.5, fill: colour(p.cluster), "data-index": i, "data-cluster": p.cluster });
  });
  // Each cluster's number at the median of its dots.
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const numbers = [...byCluster].map(([cluster, xy]) => svg("text", {
    class: "cluster-number", x: median(xy.map((p) => p[0])).toFixed(1), y: median(xy.map((p) => p[1])).toFixed(1), "data-cluster": cluster, text: String(cluster),
  }));
  const plot = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": `Map of ${points.points.length} images in ${byCluster.size} clusters (UMAP of their vectors)` }, dots, numbers);
  const tip = el("div", { class: "map-tip", id: "map-tip", hidden: true }, el("span", { class: "pic" }, el("img", { alt: "" })), el("span", { class: "tip-name" }), el("span", { class: "tip-cluster muted" }));
  const labels = new Map(clusters.map((c) => [c.id, c]));
  const legend = el("ul", { class: "legend", id: "map-legend", "aria-label": "Clusters" }, clusters.map((c) => el("li", {},
    el("button", { type: "button", class: "legend-item", "data-cluster": c.id, onclick: () => onOpenCluster(c.id) },
      el("span", { class: "swatch", style: null }), el("strong", { text: String(c.id) }), el("span", { class: "legend-label", text: c.label }), el("span", { class: "muted", text: c.size.toLocaleString() })))));
  // Colours set through the CSSOM (the page's CSP allows no inline style attributes).
  legend.querySelectorAll(".swatch").forEach((swatch, i) => { swatch.style.background = colour(clusters[i].id); });

  plot.addEventListener("pointerover", (event) => {
    const dot = event.target.closest("circle.dot");
    if (!dot) return;
    const p = points.points[Number(dot.dataset.index)];
    tip.querySelector("img").src = thumb(p.image_id);
    tip.querySelector(".tip-name").textContent = p.name || `image ${p.image_id}`;
    const info = labels.get(p.cluster);
    tip.querySelector(".tip-cluster").textContent = `cluster ${p.cluster}${info ? ` · ${info.label}` : ""}`;
    const frame = box.getBoundingClientRect();
    const spot = dot.getBoundingClientRect();
    const left = spot.left - frame.left + 14;
    tip.style.left = `${Math.min(left, frame.width - 200)}px`;
    tip.style.top = `${Math.max(0, spot.top - frame.top - 60)}px`;
    tip.hidden = false;
  });
  plot.addEventListener("pointerleave", () => { tip.hidden = true; });
  plot.addEventListener("click", (event) => {
    const dot = event.target.closest("circle.dot, text.cluster-number");
    if (dot) onOpenCluster(Number(dot.dataset.cluster));
  });
  box.replaceChildren(el("div", { class: "map-frame" }, plot, tip), legend);
}
