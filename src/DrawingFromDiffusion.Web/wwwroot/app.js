// dfd serve: the page. Plain JS, no build step, no network beyond this server.
// Data from the catalog is only ever put into the page as text (textContent), never as HTML.
"use strict";

const $ = (selector) => document.querySelector(selector);
const K = 60;
const FIELDS = ["generator", "checkpoint", "lora", "seed_min", "seed_max"];
const FIELD_INPUTS = { generator: "#f-generator", checkpoint: "#f-checkpoint", lora: "#f-lora", seed_min: "#f-seed-min", seed_max: "#f-seed-max" };

let lastFocus = null;
let queryImage = null; // the File being searched with, if any

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const message = body && (body.detail || body.title) ? (body.detail || body.title) : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

const thumb = (id) => `/api/images/${encodeURIComponent(id)}/thumb`;

function setStatus(selector, text, isError = false) {
  const node = $(selector);
  node.textContent = text;
  node.classList.toggle("error", isError);
}

function filterParams() {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = $(FIELD_INPUTS[name]).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

// ---- search -------------------------------------------------------------------------------

async function runSearch() {
  clearQueryImage(false);
  const params = filterParams();
  const q = $("#q").value.trim();
  if (q) params.set("q", q);
  params.set("mode", $("#mode").value || "auto");
  params.set("k", String(K));
  setStatus("#status", "Searching…");
  try {
    const result = await api(`/api/search?${params}`);
    render(result, q ? `for “${q}”` : "· newest first");
  } catch (error) {
    renderGrid([]);
    setStatus("#status", error.message, true);
  }
}

async function runSimilar(id) {
  closeDetail();
  clearQueryImage(false);
  setStatus("#status", "Looking for similar images…");
  location.hash = "#/";
  try {
    const result = await api(`/api/images/${id}/similar?k=${K}&${filterParams()}`);
    render(result, `like image ${id}`);
  } catch (error) {
    setStatus("#status", error.message, true);
  }
}

async function searchByImage(file) {
  if (!file) return;
  if (!file.type.startsWith("image/")) {
    setStatus("#status", `“${file.name}” is not an image.`, true);
    return;
  }
  if (file.size > 20 * 1024 * 1024) {
    setStatus("#status", `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; images up to 20 MB can be searched with.`, true);
    return;
  }
  location.hash = "#/";
  showQueryImage(file);
  setStatus("#status", `Searching with ${file.name}…`);
  const form = new FormData();
  form.append("image", file, file.name);
  try {
    const result = await api(`/api/search/image?k=${K}&${filterParams()}`, { method: "POST", body: form });
    render(result, `like ${file.name}`);
  } catch (error) {
    renderGrid([]);
    setStatus("#status", error.message, true);
  }
}

function showQueryImage(file) {
  const box = $("#query-image");
  const img = box.querySelector("img");
  if (img.src) URL.revokeObjectURL(img.src);
  img.src = URL.createObjectURL(file);
  box.querySelector("span").textContent = `Searching by image: ${file.name}`;
  box.hidden = false;
  queryImage = file;
}

function clearQueryImage(focusSearch = true) {
  const box = $("#query-image");
  if (box.hidden) return;
  const img = box.querySelector("img");
  if (img.src) URL.revokeObjectURL(img.src);
  img.removeAttribute("src");
  box.hidden = true;
  queryImage = null;
  $("#upload").value = "";
  if (focusSearch) $("#q").focus();
}

function render(result, what) {
  const hits = result.results || [];
  const modes = { prompt: "prompt words", text: "text (CLIP)", hybrid: "hybrid", phash: "pHash", similar: "vector similarity", image: "by image (vectors)" };
  const mode = result.mode_used && modes[result.mode_used] ? ` · ${modes[result.mode_used]}` : "";
  const count = hits.length === 0 ? "No results" : `${hits.length} result${hits.length === 1 ? "" : "s"}`;
  setStatus("#status", `${count} ${what}${mode}${result.note ? ` — ${result.note}` : ""}`);
  renderGrid(hits);
}

function renderGrid(hits) {
  const grid = $("#grid");
  grid.replaceChildren(...hits.map((hit, index) => {
    const caption = hit.prompt || [hit.generator, `${hit.width}×${hit.height}`].filter(Boolean).join(" · ");
    const label = `Image ${hit.id}: ${hit.prompt ? hit.prompt.slice(0, 120) : `${hit.width}×${hit.height} ${hit.format}`}`;
    return el("li", {},
      el("button", { type: "button", class: "tile", "data-id": hit.id, tabindex: index === 0 ? 0 : -1, "aria-label": label, title: hit.why, onclick: () => openDetail(hit.id) },
        el("img", { src: thumb(hit.id), alt: "", loading: "lazy", decoding: "async", width: hit.width, height: hit.height }),
        hit.kind === "image" || !hit.kind ? null : el("span", { class: "video-time", text: `▶ ${clock(hit.timestamp_ms || 0)}` }),
        el("span", { class: "caption" },
          el("span", { class: "prompt", text: caption }),
          el("span", { class: "meta", text: [hit.checkpoint, hit.score != null ? `${Math.round(hit.score * 100)}%` : null].filter(Boolean).join(" · ") }))));
  }));
}

// Arrow keys move through the grid (one tab stop for the whole grid); Enter or Space opens.
function onGridKey(event) {
  const tiles = [...document.querySelectorAll("#grid .tile")];
  const index = tiles.indexOf(document.activeElement);
  if (index < 0) return;
  const top = tiles[0].offsetTop;
  const columns = Math.max(1, tiles.findIndex((t) => t.offsetTop !== top) === -1 ? tiles.length : tiles.findIndex((t) => t.offsetTop !== top));
  const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -index, End: tiles.length - 1 - index };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const next = tiles[Math.min(tiles.length - 1, Math.max(0, index + moves[event.key]))];
  tiles[index].tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

// ---- detail panel -------------------------------------------------------------------------

async function openDetail(id) {
  if ($("#detail").hidden) lastFocus = document.activeElement;
  $("#detail-title").textContent = `Image ${id}`;
  $("#detail-body").replaceChildren(el("p", { class: "muted", text: "Loading…" }));
  $("#detail").hidden = false;
  $("#backdrop").hidden = false;
  $("#detail-close").focus();
  try {
    const image = await api(`/api/images/${id}`);
    renderDetail(image);
  } catch (error) {
    $("#detail-body").replaceChildren(el("p", { class: "error", text: error.message }));
  }
}

function closeDetail() {
  if ($("#detail").hidden) return;
  $("#detail").hidden = true;
  $("#backdrop").hidden = true;
  if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
}

function row(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return [el("dt", { text: label }), el("dd", { text: String(value) })];
}

// 75500 → "1:15.5"; video times are shown to the tenth of a second.
function clock(ms) {
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  const rest = (seconds - minutes * 60).toFixed(1).padStart(4, "0");
  return `${minutes}:${rest}`;
}

// A video, or a frame of one: the frame as poster, the video (served by id) playing from the frame's moment.
function videoPicture(image) {
  const v = image.video;
  const start = (v.timestamp_ms || 0) / 1000;
  return el("div", { class: "picture" },
    el("video", { src: `/api/images/${v.video_id}/file#t=${start}`, poster: thumb(image.id), controls: "", preload: "metadata", playsinline: "", "aria-label": `Video ${v.video_id} from ${clock(v.timestamp_ms || 0)}` }));
}

function renderDetail(image) {
  const g = image.generation || {};
  $("#detail-title").textContent = image.video
    ? `Video ${image.video.video_id}${image.video.timestamp_ms != null ? ` at ${clock(image.video.timestamp_ms)}` : ""}`
    : g.prompt ? `Image ${image.id}` : `Image ${image.id} (${image.format})`;
  const picture = image.video ? videoPicture(image) : el("a", { href: `/api/images/${image.id}/file`, target: "_blank", rel: "noopener", class: "picture", title: "Open the original" },
    el("img", { src: `/api/images/${image.id}/file`, alt: g.prompt ? g.prompt.slice(0, 200) : `Image ${image.id}`, onerror: (e) => { e.target.onerror = null; e.target.src = thumb(image.id); } }));
  const actions = el("div", { class: "actions" },
    el("button", { type: "button", class: "primary", id: "more-like-this", onclick: () => runSimilar(image.id), text: "More like this" }),
    el("a", { class: "button", href: `/api/images/${image.id}/file`, download: `${image.id}.${image.format === "jpeg" ? "jpg" : image.format}`, text: "Download original" }));

  const sections = [picture, actions];
  if (g.prompt) sections.push(el("h3", { text: "Prompt" }), el("p", { class: "prompt-text", id: "detail-prompt", text: g.prompt }));
  if (g.negative_prompt) sections.push(el("h3", { text: "Negative prompt" }), el("p", { class: "prompt-text negative", text: g.negative_prompt }));
  if (!image.generation) sections.push(el("p", { class: "muted", text: "No generation metadata was found in this file." }));

  const size = g.width && g.height ? `${g.width}×${g.height}` : null;
  sections.push(el("h3", { text: "Generation" }), el("dl", { class: "facts" },
    row("Generator", g.generator), row("Checkpoint", g.model), row("Checkpoint hash", g.model_hash),
    row("Seed", g.seed), row("Steps", g.steps), row("Sampler", g.sampler), row("Scheduler", g.scheduler),
    row("CFG scale", g.cfg_scale), row("Size", size), row("VAE", g.vae), row("Clip skip", g.clip_skip), row("Denoise", g.denoise)));
  if (image.loras && image.loras.length) {
    sections.push(el("h3", { text: "LoRAs" }), el("ul", { class: "loras" },
      image.loras.map((l) => el("li", {}, el("button", { type: "button", class: "chip", title: "Filter by this LoRA", onclick: () => filterBy("lora", l.name), text: l.name }), l.weight != null ? ` ${l.weight}` : ""))));
  }
  if (g.extra) sections.push(el("details", {}, el("summary", { text: "Other parameters" }), el("pre", { text: JSON.stringify(g.extra, null, 2) })));
  if (g.raw) sections.push(el("details", {}, el("summary", { text: "Raw metadata" }), el("pre", { text: g.raw })));

  sections.push(el("h3", { text: "Image" }), el("dl", { class: "facts" },
    row("Catalog id", image.id), row("Format", image.format), row("Pixels", `${image.width}×${image.height}`),
    row("Bytes", image.byte_size.toLocaleString()), row("Content hash", image.content_hash), row("pHash", image.phash),
    row("Added", new Date(image.added_at).toLocaleString())));
  if (image.video) {
    const v = image.video;
    sections.push(el("h3", { text: "Video" }), el("dl", { class: "facts" },
      row("Video id", v.video_id), row("Frame at", v.timestamp_ms != null ? clock(v.timestamp_ms) : null), row("Duration", clock(v.duration_ms)),
      row("Frame rate", v.fps ? `${Math.round(v.fps * 100) / 100} fps` : null), row("Frame size", `${v.width}×${v.height}`),
      row("Codec", v.codec), row("Frames", v.frame_count)));
  }
  sections.push(el("h3", { text: image.files.length === 1 ? "File" : `Files (${image.files.length})` }),
    el("ul", { class: "files" }, image.files.map((f) => el("li", {}, el("code", { text: f.path }), el("span", { class: "muted", text: ` ${f.size.toLocaleString()} bytes` })))));

  if (image.duplicate_group) {
    const group = image.duplicate_group;
    sections.push(el("h3", { text: `Duplicates (${group.kind})` }), el("p", { class: "muted", text: group.keeper_reason }),
      el("div", { class: "strip" }, group.members.map((m) => memberFigure(m, m.image_id === image.id))));
  }
  if (image.cluster) {
    sections.push(el("h3", { text: `Style cluster: ${image.cluster.label}` }), el("p", { class: "muted", text: image.cluster.terms.join(", ") }));
  }
  $("#detail-body").replaceChildren(...sections);
}

function filterBy(name, value) {
  const select = $(FIELD_INPUTS[name]);
  if (![...select.options].some((o) => o.value === value)) select.append(el("option", { value, text: value }));
  select.value = value;
  closeDetail();
  runSearch();
}

function memberFigure(member, current) {
  return el("figure", { class: `member${member.is_keeper ? " keeper" : ""}${current ? " current" : ""}` },
    el("button", { type: "button", class: "member-image", "aria-label": `Open image ${member.image_id}${member.is_keeper ? " (suggested keeper)" : ""}`, onclick: () => openDetail(member.image_id) },
      el("img", { src: thumb(member.image_id), alt: "", loading: "lazy" })),
    member.is_keeper ? el("span", { class: "badge", text: "Keep" }) : null,
    el("figcaption", {},
      el("span", { text: `${member.width}×${member.height} · ${(member.byte_size / 1024).toFixed(0)} KB${member.is_keeper ? "" : member.distance === 0 ? " · identical" : ` · distance ${member.distance}`}` }),
      member.path ? el("code", { text: member.path }) : null));
}

// ---- duplicates and clusters --------------------------------------------------------------

async function loadDupes() {
  setStatus("#dupes-status", "Finding duplicates…");
  try {
    const report = await api("/api/dupes");
    const groups = report.groups || [];
    setStatus("#dupes-status", `${groups.length === 0 ? "No duplicate groups" : `${groups.length} group${groups.length === 1 ? "" : "s"}`}. Nothing is ever deleted: the keeper is a suggestion.${report.note ? ` ${report.note}` : ""}`);
    $("#dupes").replaceChildren(...groups.map((group) => el("article", { class: "group", "aria-label": `${group.kind} duplicates, ${group.members.length} members` },
      el("header", {}, el("span", { class: `kind ${group.kind}`, text: group.kind }), el("span", { text: `${group.members.length} ${group.kind === "exact" ? "copies" : "images"}` }), el("span", { class: "muted", text: group.keeper_reason })),
      el("div", { class: "strip" }, group.members.map((m) => memberFigure(m, false))))));
  } catch (error) {
    setStatus("#dupes-status", error.message, true);
  }
}

async function loadClusters() {
  setStatus("#clusters-status", "Loading clusters…");
  try {
    const report = await api("/api/clusters");
    const clusters = report.clusters || [];
    setStatus("#clusters-status", clusters.length === 0 ? (report.note || "No clusters yet.") : `${clusters.length} clusters${report.note ? ` — ${report.note}` : ""}`);
    renderMap(report.map || []);
    $("#clusters").replaceChildren(...clusters.map((c) => el("article", { class: "sheet" },
      el("header", {}, el("h2", { text: c.label }), el("span", { class: "muted", text: `${c.size} images · ${c.terms.join(", ")}` })),
      el("div", { class: "sheet-grid" }, c.sample.map((id) => el("button", { type: "button", class: "sheet-cell", "aria-label": `Open image ${id}`, onclick: () => openDetail(id) },
        el("img", { src: thumb(id), alt: "", loading: "lazy" })))))));
  } catch (error) {
    setStatus("#clusters-status", error.message, true);
  }
}

function renderMap(points) {
  const box = $("#cluster-map");
  box.hidden = points.length === 0;
  if (points.length === 0) return;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 1000 600");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Map of ${points.length} images by style`);
  for (const p of points) {
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", String(20 + p.x * 960));
    dot.setAttribute("cy", String(20 + p.y * 560));
    dot.setAttribute("r", "5");
    dot.setAttribute("fill", `hsl(${(p.cluster * 137.5) % 360} 70% 60%)`);
    dot.addEventListener("click", () => openDetail(p.image_id));
    const title = document.createElementNS(ns, "title");
    title.textContent = `Image ${p.image_id}, cluster ${p.cluster}`;
    dot.append(title);
    svg.append(dot);
  }
  box.replaceChildren(svg);
}

// ---- facets, stats, routing ---------------------------------------------------------------

async function loadFacets() {
  try {
    const facets = await api("/api/facets");
    const mode = $("#mode");
    const names = { auto: "Auto", text: "Text (CLIP)", prompt: "Prompt words", hybrid: "Hybrid" };
    mode.replaceChildren(...facets.modes.map((m) => el("option", { value: m, text: names[m] || m })));
    for (const [name, values] of [["generator", facets.generators], ["checkpoint", facets.checkpoints], ["lora", facets.loras]]) {
      const select = $(FIELD_INPUTS[name]);
      select.replaceChildren(el("option", { value: "", text: "any" }), ...values.map((v) => el("option", { value: v.value, text: `${v.value} (${v.count})` })));
      select.disabled = values.length === 0;
    }
    if (facets.seed_min != null) { $("#f-seed-min").placeholder = String(facets.seed_min); $("#f-seed-max").placeholder = String(facets.seed_max); }
  } catch (error) {
    setStatus("#status", `Filters unavailable: ${error.message}`, true);
  }
}

async function loadStats() {
  try {
    const stats = await api("/api/stats");
    $("#stats").textContent = `${stats.images.toLocaleString()} images · ${stats.with_generation.toLocaleString()} with prompts`;
  } catch {
    $("#stats").textContent = "";
  }
}

function route() {
  const view = location.hash.startsWith("#/dupes") ? "dupes" : location.hash.startsWith("#/clusters") ? "clusters" : "search";
  for (const name of ["search", "dupes", "clusters"]) $(`#view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  if (view === "dupes") loadDupes();
  if (view === "clusters") loadClusters();
}

function setUpDrop() {
  let depth = 0;
  const overlay = $("#drop");
  const hasFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes("Files");
  window.addEventListener("dragenter", (event) => { if (hasFiles(event)) { depth++; overlay.hidden = false; } });
  window.addEventListener("dragleave", () => { depth = Math.max(0, depth - 1); if (depth === 0) overlay.hidden = true; });
  window.addEventListener("dragover", (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    searchByImage(event.dataTransfer.files[0]);
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  $("#search-form").addEventListener("submit", (event) => { event.preventDefault(); runSearch(); });
  for (const selector of ["#f-generator", "#f-checkpoint", "#f-lora", "#mode"]) $(selector).addEventListener("change", () => (queryImage ? searchByImage(queryImage) : runSearch()));
  $("#clear-filters").addEventListener("click", () => { for (const s of Object.values(FIELD_INPUTS)) $(s).value = ""; runSearch(); });
  $("#upload").addEventListener("change", (event) => searchByImage(event.target.files[0]));
  $("#upload-label").addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); $("#upload").click(); } });
  $("#clear-query-image").addEventListener("click", () => { clearQueryImage(); runSearch(); });
  $("#grid").addEventListener("keydown", onGridKey);
  $("#detail-close").addEventListener("click", closeDetail);
  $("#backdrop").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeDetail();
    // Keep Tab inside the open panel (it is modal).
    if (event.key === "Tab" && !$("#detail").hidden) {
      const focusable = [...$("#detail").querySelectorAll("button, a[href], summary, [tabindex='0']")].filter((n) => n.offsetParent !== null);
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });
  window.addEventListener("hashchange", route);
  setUpDrop();
  route();
  await Promise.all([loadFacets(), loadStats()]);
  if (!location.hash.startsWith("#/dupes") && !location.hash.startsWith("#/clusters")) runSearch();
  document.body.dataset.ready = "true";
});
