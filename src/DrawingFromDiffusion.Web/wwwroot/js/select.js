// The results grid's curation keys and multi-select: ctrl/⌘-click or Space toggles, shift-click selects a range,
// 1–5 rate (0 clears), t tags, and the selection bar adds the selection to a collection or downloads it as a zip.
import { $, api, el, setStatus } from "./dom.js";

const selected = new Set();
let anchor = null;

const tiles = () => [...$("#grid").querySelectorAll(".tile")];
const json = (method, body) => ({ method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

// What a key acts on: the selection when the focused tile is part of it, else the focused tile alone.
function targets(tile) {
  const id = tile?.dataset.id;
  return id && selected.has(id) ? [...selected] : id ? [id] : [];
}

function mark(tile) {
  const on = selected.has(tile.dataset.id);
  tile.classList.toggle("selected", on);
  tile.setAttribute("aria-pressed", String(on));
}

function changed() {
  for (const tile of tiles()) mark(tile);
  const bar = $("#selection");
  bar.hidden = selected.size === 0;
  $("#selection-count").textContent = `${selected.size} selected`;
  $("#selection-zip").href = `/api/download?ids=${[...selected].join(",")}`;
}

export function toggle(tile) {
  const id = tile.dataset.id;
  if (selected.has(id)) selected.delete(id); else selected.add(id);
  anchor = tile;
  changed();
}

export function clearSelection() {
  selected.clear();
  anchor = null;
  changed();
}

// A tile's click: with ctrl/⌘ or shift it selects; plainly it opens the detail (the lightbox).
export function onTileClick(event, open) {
  const tile = event.currentTarget;
  if (event.ctrlKey || event.metaKey) { toggle(tile); return; }
  if (event.shiftKey) {
    const all = tiles();
    const from = anchor && all.includes(anchor) ? all.indexOf(anchor) : all.indexOf(tile);
    const to = all.indexOf(tile);
    for (const t of all.slice(Math.min(from, to), Math.max(from, to) + 1)) selected.add(t.dataset.id);
    changed();
    return;
  }
  open();
}

// A new result list: tiles still on screen keep their mark.
export function remark() { changed(); }

async function rate(tile, stars) {
  const ids = targets(tile);
  try {
    for (const id of ids) {
      if (stars === 0) await api(`/api/images/${id}/rating`, { method: "DELETE" });
      else await api(`/api/images/${id}/rating`, json("POST", { stars }));
      const t = $(`#grid .tile[data-id="${CSS.escape(id)}"]`);
      if (t) t.dataset.rating = String(stars);
    }
    setStatus("#status", stars === 0 ? `Rating cleared on ${ids.length} image(s)` : `Rated ${ids.length} image(s) ${"★".repeat(stars)}`);
  } catch (error) {
    setStatus("#status", error.message, true);
  }
}

function openTagBox(tile) {
  const box = $("#tag-box");
  box.dataset.ids = targets(tile).join(",");
  box.hidden = false;
  $("#tag-input").value = "";
  $("#tag-input").focus();
}

async function submitTags(event) {
  event.preventDefault();
  const box = $("#tag-box");
  const tags = $("#tag-input").value.split(",").map((t) => t.trim()).filter(Boolean);
  const ids = box.dataset.ids.split(",").filter(Boolean);
  box.hidden = true;
  if (tags.length === 0 || ids.length === 0) return;
  try {
    for (const id of ids) await api(`/api/images/${id}/tags`, json("POST", { tags }));
    setStatus("#status", `Tagged ${ids.length} image(s): ${tags.join(", ")}`);
  } catch (error) {
    setStatus("#status", error.message, true);
  }
  const back = $(`#grid .tile[data-id="${CSS.escape(ids[0])}"]`);
  if (back) back.focus();
}

async function addToCollection(event) {
  event.preventDefault();
  const name = $("#collection-name").value.trim();
  if (!name || selected.size === 0) return;
  try {
    await api(`/api/collections/${encodeURIComponent(name)}/images`, json("POST", { ids: [...selected].map(Number) }));
    setStatus("#status", `Added ${selected.size} image(s) to “${name}”`);
  } catch (error) {
    setStatus("#status", error.message, true);
  }
}

// Keys on a focused tile; returns true when handled.
export function onCurationKey(event) {
  const tile = document.activeElement?.closest?.(".tile");
  if (!tile || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (event.key === " ") { event.preventDefault(); toggle(tile); return true; }
  if (/^[0-5]$/.test(event.key)) { event.preventDefault(); rate(tile, Number(event.key)); return true; }
  if (event.key === "t") { event.preventDefault(); openTagBox(tile); return true; }
  return false;
}

export function wireSelection() {
  $("#tag-form").addEventListener("submit", submitTags);
  $("#tag-box").addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    $("#tag-box").hidden = true;
    const back = $(`#grid .tile[data-id="${CSS.escape($("#tag-box").dataset.ids.split(",")[0] || "")}"]`);
    if (back) back.focus();
  });
  $("#collection-form").addEventListener("submit", addToCollection);
  $("#selection-clear").addEventListener("click", clearSelection);
}
