// The page's state lives in the URL (?q=, mode, filters, tab, page, cluster, similar): every change is pushed to
// the history, Back and Forward restore it, and a reloaded or shared link shows the same view.

export const FILTERS = ["generator", "checkpoint", "lora", "seed_min", "seed_max"];
const TABS = ["search", "dupes", "clusters"];

export function readState(url = location) {
  const params = new URLSearchParams(url.search);
  // Links of the page before the URL held its state: #/dupes, #/clusters.
  const legacy = url.hash.startsWith("#/dupes") ? "dupes" : url.hash.startsWith("#/clusters") ? "clusters" : null;
  const tab = TABS.includes(params.get("tab")) ? params.get("tab") : legacy || "search";
  const filters = {};
  for (const name of FILTERS) filters[name] = (params.get(name) || "").trim();
  return {
    tab,
    q: (params.get("q") || "").trim(),
    mode: params.get("mode") || "",
    filters,
    similar: /^\d+$/.test(params.get("similar") || "") ? params.get("similar") : "",
    page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
    cluster: /^\d+$/.test(params.get("cluster") || "") ? params.get("cluster") : "",
  };
}

export function urlOf(state) {
  const params = new URLSearchParams();
  if (state.tab && state.tab !== "search") params.set("tab", state.tab);
  if (state.tab === "search" || !state.tab) {
    if (state.similar) params.set("similar", state.similar);
    else if (state.q) params.set("q", state.q);
    if (state.mode && state.mode !== "auto") params.set("mode", state.mode);
    for (const name of FILTERS) if (state.filters && state.filters[name]) params.set(name, state.filters[name]);
  }
  if (state.tab === "clusters" && state.cluster) params.set("cluster", state.cluster);
  if (state.tab !== "search" && state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

let show = () => {};

// main.js registers how a state is shown.
export function onNavigate(handler) { show = handler; }

// Moves to a new state: one history entry per change (none when the URL stays the same), then shows it.
export function navigate(state, { replace = false } = {}) {
  const url = urlOf(state);
  if (url !== location.pathname + location.search || location.hash) {
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  }
  return show(readState());
}

export function withState(patch) { return { ...readState(), ...patch }; }
