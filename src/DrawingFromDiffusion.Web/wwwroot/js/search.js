// The Search tab: prompt/text search, filters alone, "more like this" and search by an uploaded image.
import { $, api, el, picture, setStatus } from "./dom.js";
import { FILTERS } from "./state.js";
import { openDetail } from "./detail.js";
import { onCurationKey, onTileClick, remark } from "./select.js";

const K = 60;
export const FIELD_INPUTS = { generator: "#f-generator", checkpoint: "#f-checkpoint", lora: "#f-lora", seed_min: "#f-seed-min", seed_max: "#f-seed-max" };

let queryImage = null; // the File being searched with, if any
let latest = 0; // only the newest request may render

export const hasQueryImage = () => queryImage !== null;

// The form as a state (what a submit or a filter change navigates to).
export function formState() {
  const filters = {};
  for (const name of FILTERS) filters[name] = $(FIELD_INPUTS[name]).value.trim();
  return { tab: "search", q: $("#q").value.trim(), mode: $("#mode").value || "", filters, similar: "", page: 1, cluster: "" };
}

// Puts a state into the form (a reload, a link, Back).
export function fillForm(state) {
  $("#q").value = state.q;
  if (state.mode) {
    const mode = $("#mode");
    if (![...mode.options].some((o) => o.value === state.mode)) mode.append(el("option", { value: state.mode, text: state.mode }));
    mode.value = state.mode;
  }
  for (const name of FILTERS) {
    const input = $(FIELD_INPUTS[name]);
    const value = state.filters[name];
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) input.append(el("option", { value, text: value }));
    input.value = value;
  }
}

function filterParams(filters) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  return params;
}

export async function showSearch(state) {
  clearQueryImage(false);
  fillForm(state);
  if (state.similar) return runSimilar(state.similar, state.filters);
  const params = filterParams(state.filters);
  if (state.q) params.set("q", state.q);
  params.set("mode", state.mode || "auto");
  params.set("k", String(K));
  const ticket = ++latest;
  setStatus("#status", "Searching…");
  try {
    const result = await api(`/api/search?${params}`);
    if (ticket === latest) render(result, state.q ? `for “${state.q}”` : "· newest first");
  } catch (error) {
    if (ticket !== latest) return;
    renderGrid([]);
    setStatus("#status", error.message, true);
  }
}

async function runSimilar(id, filters) {
  const ticket = ++latest;
  setStatus("#status", "Looking for similar images…");
  try {
    const params = filterParams(filters);
    params.set("k", String(K));
    const result = await api(`/api/images/${encodeURIComponent(id)}/similar?${params}`);
    if (ticket === latest) render(result, `like image ${id}`);
  } catch (error) {
    if (ticket !== latest) return;
    renderGrid([]);
    setStatus("#status", error.message, true);
  }
}

export async function searchByImage(file) {
  if (!file) return;
  if (!file.type.startsWith("image/")) {
    setStatus("#status", `“${file.name}” is not an image.`, true);
    return;
  }
  if (file.size > 20 * 1024 * 1024) {
    setStatus("#status", `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; images up to 20 MB can be searched with.`, true);
    return;
  }
  showQueryImage(file);
  const ticket = ++latest;
  setStatus("#status", `Searching with ${file.name}…`);
  const form = new FormData();
  form.append("image", file, file.name);
  try {
    const params = filterParams(formState().filters);
    params.set("k", String(K));
    const result = await api(`/api/search/image?${params}`, { method: "POST", body: form });
    if (ticket === latest) render(result, `like ${file.name}`);
  } catch (error) {
    if (ticket !== latest) return;
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

export function rerunQueryImage() { return searchByImage(queryImage); }

export function clearQueryImage(focusSearch = true) {
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

function clock(ms) {
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, "0")}`;
}

// A result tile: the whole picture, then its caption (the prompt, or the file name when there is none).
export function tile(hit, index) {
  const caption = hit.prompt || hit.name || `${hit.width}×${hit.height} ${hit.format}`;
  const meta = [hit.prompt ? hit.name : null, hit.checkpoint || hit.generator, `${hit.width}×${hit.height}`, hit.score != null ? `${Math.round(hit.score * 100)}%` : null].filter(Boolean).join(" · ");
  return el("li", {},
    el("button", { type: "button", class: "tile", "data-id": hit.id, tabindex: index === 0 ? 0 : -1, "aria-label": `Image ${hit.id}: ${caption.slice(0, 120)}`, title: hit.why, "aria-pressed": "false", onclick: (event) => onTileClick(event, () => openDetail(hit.id)) },
      picture(hit.id),
      hit.kind === "image" || !hit.kind ? null : el("span", { class: "video-time", text: `▶ ${clock(hit.timestamp_ms || 0)}` }),
      el("span", { class: "caption" },
        el("span", { class: "prompt", text: caption }),
        meta ? el("span", { class: "meta", text: meta }) : null)));
}

export function renderGrid(hits) {
  $("#grid").replaceChildren(...hits.map(tile));
  remark();
}

// Arrow keys move through a grid of tiles (one tab stop for the whole grid); Enter or Space opens.
export function onGridKey(event) {
  if (event.currentTarget.id === "grid" && onCurationKey(event)) return;
  const tiles = [...event.currentTarget.querySelectorAll(".tile")];
  const index = tiles.indexOf(document.activeElement);
  if (index < 0) return;
  const top = tiles[0].offsetTop;
  const firstBelow = tiles.findIndex((t) => t.offsetTop !== top);
  const columns = Math.max(1, firstBelow === -1 ? tiles.length : firstBelow);
  const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -index, End: tiles.length - 1 - index };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const next = tiles[Math.min(tiles.length - 1, Math.max(0, index + moves[event.key]))];
  tiles[index].tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
