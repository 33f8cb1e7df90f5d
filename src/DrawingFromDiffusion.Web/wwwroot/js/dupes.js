// The Duplicates tab: every group, a page at a time, with the total; tier words as `dfd dupes` prints them,
// tentative look-alikes marked. A first computation can take minutes on a large catalog: the page says what it does.
import { $, api, el, plural, setStatus } from "./dom.js";
import { memberFigure } from "./detail.js";
import { navigate } from "./state.js";

export const GROUPS_PER_PAGE = 20;
const POLL_MS = 1500;
let latest = 0;

export async function showDupes(state) {
  const ticket = ++latest;
  const offset = (state.page - 1) * GROUPS_PER_PAGE;
  const request = api(`/api/dupes?offset=${offset}&limit=${GROUPS_PER_PAGE}`);
  watchProgress(ticket, request);
  try {
    const report = await request;
    if (ticket !== latest) return;
    renderDupes(report, state.page);
  } catch (error) {
    if (ticket === latest) setStatus("#dupes-status", error.message, true);
  }
}

// While the groups are computed, says what is happening and how far it is (polling /api/dupes/progress).
async function watchProgress(ticket, request) {
  let done = false;
  request.then(() => { done = true; }, () => { done = true; });
  setStatus("#dupes-status", "Loading duplicate groups…");
  $("#dupes").setAttribute("aria-busy", "true");
  while (!done && ticket === latest) {
    try {
      const progress = await api("/api/dupes/progress");
      if (done || ticket !== latest) break;
      if (!progress.ready) setStatus("#dupes-status", computingText(progress));
    } catch {
      // The groups' own request reports errors.
    }
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
  }
  $("#dupes").removeAttribute("aria-busy");
}

function computingText(progress) {
  const seconds = Math.round(progress.seconds || 0);
  const checks = progress.pixel_checks_total > 0
    ? ` ${progress.pixel_checks.toLocaleString()} of ${progress.pixel_checks_total.toLocaleString()} close pairs compared pixel by pixel.`
    : " Comparing the pictures' hashes and vectors to pick the pairs worth a pixel check.";
  return `Finding duplicates for the first time since the catalog last changed (${seconds} s so far): on a large catalog this takes minutes.${checks} `
    + "The groups are kept: later visits, `dfd dupes` and `dfd export` reuse them until the next scan.";
}

function pager(page, pages) {
  if (pages <= 1) return null;
  const go = (to) => () => navigate({ tab: "dupes", page: to });
  return el("nav", { class: "pager", "aria-label": "Pages of groups" },
    el("button", { type: "button", class: "prev", disabled: page <= 1, onclick: go(page - 1), text: "← Previous" }),
    el("span", { class: "page-of", text: `Page ${page} of ${pages}` }),
    el("button", { type: "button", class: "next", disabled: page >= pages, onclick: go(page + 1), text: "Next →" }));
}

function renderDupes(report, page) {
  const groups = report.groups || [];
  const pages = Math.max(1, Math.ceil(report.total / GROUPS_PER_PAGE));
  const first = report.offset + 1;
  const range = groups.length === 0 ? "" : ` Groups ${first.toLocaleString()}–${(report.offset + groups.length).toLocaleString()} shown.`;
  const summary = report.total === 0
    ? "No duplicate groups."
    : `${plural(report.total, "group")} in all, ${plural(report.files, "file")} (keepers included).${range}`;
  setStatus("#dupes-status", `${summary} Nothing is ever deleted: the keeper is a suggestion.${report.note ? ` ${report.note}` : ""}`);
  $("#dupes-total").textContent = report.total.toLocaleString();
  if (groups.length === 0 && report.total > 0 && page > 1) {
    navigate({ tab: "dupes", page: pages }, { replace: true });
    return;
  }
  $("#dupes").replaceChildren(
    ...groups.map((group) => groupView(group)),
    pager(page, pages) || []);
}

function groupView(group) {
  const number = group.id.replace(/^g/, "");
  const tentative = group.members.filter((m) => m.tentative).length;
  return el("article", { class: "group", "data-kind": group.kind, "aria-label": `Group ${number}: ${group.members.length} files, ${group.tiers.join(", ")}` },
    el("header", {},
      el("h2", { text: `Group ${number}` }),
      el("span", { text: `${group.members.length} files` }),
      el("span", { class: "tiers" }, group.tiers.map((t) => el("span", { class: `kind ${t}`, text: t }))),
      tentative ? el("span", { class: "tentative-count", text: `${tentative} tentative` }) : null,
      el("span", { class: "muted", text: `keep: ${group.keeper_reason}` })),
    el("div", { class: "strip" }, group.members.map((m) => memberFigure(m, false))));
}
