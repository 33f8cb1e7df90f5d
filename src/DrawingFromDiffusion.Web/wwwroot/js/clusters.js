// The Clusters tab: the map, a legend and a contact sheet per cluster; ?cluster=N shows all of one cluster's images.
import { $, api, el, picture, plural, setStatus } from "./dom.js";
import { openDetail } from "./detail.js";
import { colour, renderMap } from "./map.js";
import { navigate } from "./state.js";

const IMAGES_PER_PAGE = 120;
let latest = 0;

const openCluster = (id) => navigate({ tab: "clusters", cluster: String(id), page: 1 });

export async function showClusters(state) {
  const ticket = ++latest;
  const overview = !state.cluster;
  $("#clusters-overview").hidden = !overview;
  $("#cluster-images").hidden = overview;
  try {
    if (overview) await showOverview(ticket);
    else await showCluster(ticket, Number(state.cluster), state.page);
  } catch (error) {
    if (ticket === latest) setStatus("#clusters-status", error.message, true);
  }
}

async function showOverview(ticket) {
  setStatus("#clusters-status", "Loading clusters…");
  const report = await api("/api/clusters");
  if (ticket !== latest) return;
  const clusters = report.clusters || [];
  $("#clusters").replaceChildren(...clusters.map(sheet));
  if (clusters.length === 0) {
    $("#cluster-map").hidden = true;
    setStatus("#clusters-status", report.note || "No clusters yet.");
    return;
  }
  const summary = report.note || plural(clusters.length, "cluster");
  setStatus("#clusters-status", `${summary}. Loading the map…`);
  const points = await api("/api/clusters/points");
  if (ticket !== latest) return;
  await renderMap(points, clusters, {
    onStatus: (text) => { if (ticket === latest) setStatus("#clusters-status", `${summary}. ${text}`); },
    onOpenCluster: openCluster,
  });
  if (ticket !== latest) return;
  const sampled = points.points.length < points.total ? ` The map shows ${points.points.length.toLocaleString()} of ${points.total.toLocaleString()} images, taken evenly from every cluster.` : "";
  setStatus("#clusters-status", `${summary}. Map: UMAP of the images' vectors; hover a dot for its picture, click it or a legend entry for the cluster's images.${sampled}`);
}

function sheet(cluster) {
  const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
  swatch.style.background = colour(cluster.id);
  return el("article", { class: "sheet", "data-cluster": cluster.id },
    el("header", {},
      swatch,
      el("h2", {}, el("a", { href: `/?tab=clusters&cluster=${cluster.id}`, onclick: (e) => { e.preventDefault(); openCluster(cluster.id); }, text: `${cluster.id} · ${cluster.label}` })),
      el("span", { class: "muted", text: `${plural(cluster.size, "image")}${cluster.terms.length ? ` · ${cluster.terms.join(", ")}` : ""}` })),
    el("div", { class: "sheet-grid" }, cluster.sample.map(cell)));
}

function cell(image) {
  const name = image.name || `image ${image.image_id}`;
  return el("button", { type: "button", class: "sheet-cell", "aria-label": `Open ${name}`, title: name, onclick: () => openDetail(image.image_id) },
    picture(image.image_id),
    el("span", { class: "cell-name", text: name }));
}

async function showCluster(ticket, id, page) {
  setStatus("#clusters-status", `Loading cluster ${id}…`);
  const offset = (page - 1) * IMAGES_PER_PAGE;
  const result = await api(`/api/clusters/${id}?offset=${offset}&limit=${IMAGES_PER_PAGE}`);
  if (ticket !== latest) return;
  const c = result.cluster;
  const pages = Math.max(1, Math.ceil(result.total / IMAGES_PER_PAGE));
  const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
  swatch.style.background = colour(c.id);
  $("#cluster-head").replaceChildren(
    el("a", { href: "/?tab=clusters", class: "back", onclick: (e) => { e.preventDefault(); navigate({ tab: "clusters", cluster: "", page: 1 }); }, text: "← All clusters" }),
    el("h2", {}, swatch, `Cluster ${c.id}: ${c.label}`),
    el("p", { class: "muted", text: `${plural(result.total, "image")}${c.terms.length ? ` · ${c.terms.join(", ")}` : ""}` }));
  $("#cluster-grid").replaceChildren(...result.images.map((image, i) => el("li", {},
    el("button", { type: "button", class: "tile", "data-id": image.image_id, tabindex: i === 0 ? 0 : -1, "aria-label": `Open ${image.name || `image ${image.image_id}`}`, onclick: () => openDetail(image.image_id) },
      picture(image.image_id),
      el("span", { class: "caption" }, el("span", { class: "prompt", text: image.name || `image ${image.image_id}` }))))));
  const go = (to) => () => navigate({ tab: "clusters", cluster: String(id), page: to });
  $("#cluster-pager").replaceChildren(...(pages <= 1 ? [] : [
    el("button", { type: "button", class: "prev", disabled: page <= 1, onclick: go(page - 1), text: "← Previous" }),
    el("span", { class: "page-of", text: `Page ${page} of ${pages}` }),
    el("button", { type: "button", class: "next", disabled: page >= pages, onclick: go(page + 1), text: "Next →" })]));
  setStatus("#clusters-status", `Cluster ${c.id} of the stored clusters: images ${offset + 1}–${offset + result.images.length} of ${result.total.toLocaleString()}, nearest the centre first.`);
}
