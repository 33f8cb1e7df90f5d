// dfd serve --watch: the server says when watched folders' arrivals are in the catalog; the results follow without a reload.
import { $ } from "./dom.js";
import { hasQueryImage, showSearch } from "./search.js";
import { readState } from "./state.js";

export function followCatalog(onChange) {
  if (!window.EventSource) return;
  let version = null;
  const source = new EventSource("/api/events");
  source.addEventListener("catalog", async (event) => {
    const next = JSON.parse(event.data).version;
    const changed = version !== null && next !== version;
    version = next;
    document.body.dataset.catalogVersion = String(next);
    if (!changed) return;
    onChange();
    const state = readState();
    // A search by an uploaded image or a detail panel open stays as it is; the listing and text results refresh.
    if (state.tab !== "search" || hasQueryImage() || !$("#detail").hidden) return;
    const focused = document.activeElement?.dataset?.id;
    await showSearch(state);
    const again = focused && $(`#grid .tile[data-id="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  });
}
