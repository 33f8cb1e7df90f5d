// dfd serve: the page. ES modules, no build step, no network beyond this server.
import { $, api, el, setStatus } from "./dom.js";
import { closeDetail, trapFocus } from "./detail.js";
import { showClusters } from "./clusters.js";
import { showDupes } from "./dupes.js";
import { FIELD_INPUTS, clearQueryImage, formState, hasQueryImage, onGridKey, rerunQueryImage, searchByImage, showSearch } from "./search.js";
import { ensureSignedIn } from "./session.js";
import { navigate, onNavigate, readState, urlOf } from "./state.js";
import { followCatalog } from "./live.js";
import { wireSelection } from "./select.js";

const VIEWS = ["search", "dupes", "clusters"];

function show(state) {
  closeDetail();
  for (const name of VIEWS) $(`#view-${name}`).hidden = name !== state.tab;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.view === state.tab) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  const titles = { search: state.q ? `${state.q} — dfd` : "dfd — image search", dupes: "Duplicates — dfd", clusters: "Clusters — dfd" };
  document.title = titles[state.tab];
  if (state.tab === "dupes") return showDupes(state);
  if (state.tab === "clusters") return showClusters(state);
  return showSearch(state);
}

async function loadFacets() {
  try {
    const facets = await api("/api/facets");
    const names = { auto: "Auto", text: "Text (CLIP)", prompt: "Prompt words", hybrid: "Hybrid" };
    $("#mode").replaceChildren(...facets.modes.map((m) => el("option", { value: m, text: names[m] || m })));
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
    uploadSearch(event.dataTransfer.files[0]);
  });
}

// A search by image has no URL of its own: it shows on the Search tab as it is.
function uploadSearch(file) {
  if (readState().tab !== "search") {
    history.pushState(null, "", urlOf({ tab: "search" }));
    for (const name of VIEWS) $(`#view-${name}`).hidden = name !== "search";
  }
  searchByImage(file);
}

function wire() {
  onNavigate(show);
  $("#search-form").addEventListener("submit", (event) => { event.preventDefault(); navigate(formState()); });
  for (const selector of ["#f-generator", "#f-checkpoint", "#f-lora", "#mode"]) {
    $(selector).addEventListener("change", () => (hasQueryImage() ? rerunQueryImage() : navigate(formState())));
  }
  $("#clear-filters").addEventListener("click", () => {
    for (const s of Object.values(FIELD_INPUTS)) $(s).value = "";
    navigate(formState());
  });
  $("#upload").addEventListener("change", (event) => uploadSearch(event.target.files[0]));
  $("#upload-label").addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); $("#upload").click(); } });
  $("#clear-query-image").addEventListener("click", () => { clearQueryImage(); navigate(formState()); });
  $("#grid").addEventListener("keydown", onGridKey);
  $("#cluster-grid").addEventListener("keydown", onGridKey);
  $("#detail-close").addEventListener("click", closeDetail);
  $("#backdrop").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeDetail();
    trapFocus(event);
  });
  // Links inside the page (the tabs, the brand) move through the history instead of reloading it.
  for (const link of document.querySelectorAll("a[data-view]")) {
    link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      const view = link.dataset.view;
      if (view === "home") navigate({ tab: "search" });
      else if (view === "search") navigate({ ...readState(), tab: "search", page: 1, cluster: "" });
      else navigate({ tab: view, page: 1 });
    });
  }
  window.addEventListener("popstate", () => show(readState()));
  setUpDrop();
  wireSelection();
}

document.addEventListener("DOMContentLoaded", async () => {
  wire();
  await ensureSignedIn();
  await Promise.all([loadFacets(), loadStats()]);
  // An old #/dupes link becomes ?tab=dupes; then the URL's state is shown.
  const state = readState();
  if (location.hash) history.replaceState(null, "", urlOf(state));
  document.body.dataset.ready = "true";
  followCatalog(loadStats);
  await show(state);
});
