// The detail panel: one image's picture, metadata, tags, files, duplicate group and cluster. A heading is shown
// only above something: a file without generation metadata gets no Generation heading.
import { $, api, el, picture, thumb } from "./dom.js";
import { navigate, withState } from "./state.js";

let lastFocus = null;

export async function openDetail(id) {
  if ($("#detail").hidden) lastFocus = document.activeElement;
  $("#detail-title").textContent = `Image ${id}`;
  $("#detail-body").replaceChildren(el("p", { class: "muted", text: "Loading…" }));
  $("#detail").hidden = false;
  $("#backdrop").hidden = false;
  $("#detail-close").focus();
  try {
    renderDetail(await api(`/api/images/${encodeURIComponent(id)}`));
  } catch (error) {
    $("#detail-body").replaceChildren(el("p", { class: "error", text: error.message }));
  }
}

export function closeDetail() {
  if ($("#detail").hidden) return;
  $("#detail").hidden = true;
  $("#backdrop").hidden = true;
  if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
}

// Keeps Tab inside the open panel (it is modal).
export function trapFocus(event) {
  if (event.key !== "Tab" || $("#detail").hidden) return;
  const focusable = [...$("#detail").querySelectorAll("button, a[href], summary, [tabindex='0']")].filter((n) => n.offsetParent !== null);
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
  else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
}

function row(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return [el("dt", { text: label }), el("dd", { text: String(value) })];
}

// A heading and a list of facts, or nothing when none of the facts is there.
function facts(title, rows) {
  const present = rows.filter(Boolean);
  return present.length === 0 ? [] : [el("h3", { text: title }), el("dl", { class: "facts" }, present)];
}

function clock(ms) {
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, "0")}`;
}

function videoPicture(image) {
  const v = image.video;
  return el("div", { class: "picture" },
    el("video", { src: `/api/images/${v.video_id}/file#t=${(v.timestamp_ms || 0) / 1000}`, poster: thumb(image.id), controls: "", preload: "metadata", playsinline: "", "aria-label": `Video ${v.video_id} from ${clock(v.timestamp_ms || 0)}` }));
}

function tagList(tags) {
  if (!tags || tags.length === 0) return [];
  const order = { rating: 2, character: 0, general: 1 };
  const sorted = [...tags].sort((a, b) => (order[a.category] ?? 1) - (order[b.category] ?? 1) || b.score - a.score);
  return [el("h3", { text: "Tags" }), el("ul", { class: "tags", id: "detail-tags" },
    sorted.map((t) => el("li", { class: `tag ${t.category}`, title: `${t.category}, score ${t.score.toFixed(2)}` }, el("span", { class: "tag-name", text: t.name.replaceAll("_", " ") }), el("span", { class: "tag-score", text: ` ${Math.round(t.score * 100)}%` }))))];
}

function renderDetail(image) {
  const g = image.generation || {};
  const name = image.files.length ? image.files[0].path.split(/[\\/]/).pop() : null;
  $("#detail-title").textContent = image.video
    ? `Video ${image.video.video_id}${image.video.timestamp_ms != null ? ` at ${clock(image.video.timestamp_ms)}` : ""}`
    : name || `Image ${image.id}`;
  const original = `/api/images/${image.id}/file`;
  const pictureBox = image.video ? videoPicture(image) : el("a", { href: original, target: "_blank", rel: "noopener", class: "picture pic", title: "Open the original" },
    el("img", { src: original, alt: g.prompt ? g.prompt.slice(0, 200) : name || `Image ${image.id}`, onerror: (e) => { e.target.onerror = null; e.target.src = thumb(image.id); } }));
  const actions = el("div", { class: "actions" },
    el("button", { type: "button", class: "primary", id: "more-like-this", onclick: () => { closeDetail(); navigate({ ...withState({ tab: "search", similar: String(image.id), q: "", page: 1, cluster: "" }) }); }, text: "More like this" }),
    el("a", { class: "button", href: original, download: name || `${image.id}.${image.format === "jpeg" ? "jpg" : image.format}`, text: "Download original" }));

  const sections = [pictureBox, actions];
  if (g.prompt) sections.push(el("h3", { text: "Prompt" }), el("p", { class: "prompt-text", id: "detail-prompt", text: g.prompt }));
  if (g.negative_prompt) sections.push(el("h3", { text: "Negative prompt" }), el("p", { class: "prompt-text negative", text: g.negative_prompt }));
  sections.push(...tagList(image.tags));
  if (!image.generation) sections.push(el("p", { class: "muted", id: "no-generation", text: "No generation metadata was found in this file." }));

  const size = g.width && g.height ? `${g.width}×${g.height}` : null;
  sections.push(...facts("Generation", [
    row("Generator", g.generator), row("Checkpoint", g.model), row("Checkpoint hash", g.model_hash),
    row("Seed", g.seed), row("Steps", g.steps), row("Sampler", g.sampler), row("Scheduler", g.scheduler),
    row("CFG scale", g.cfg_scale), row("Size", size), row("VAE", g.vae), row("Clip skip", g.clip_skip), row("Denoise", g.denoise)]));
  if (image.loras && image.loras.length) {
    sections.push(el("h3", { text: "LoRAs" }), el("ul", { class: "loras" },
      image.loras.map((l) => el("li", {}, el("button", { type: "button", class: "chip", title: "Filter by this LoRA", onclick: () => filterBy("lora", l.name), text: l.name }), l.weight != null ? ` ${l.weight}` : ""))));
  }
  if (g.extra) sections.push(el("details", {}, el("summary", { text: "Other parameters" }), el("pre", { text: JSON.stringify(g.extra, null, 2) })));
  if (g.raw) sections.push(el("details", {}, el("summary", { text: "Raw metadata" }), el("pre", { text: g.raw })));

  sections.push(...facts("Image", [
    row("Catalog id", image.id), row("Format", image.format), row("Pixels", `${image.width}×${image.height}`),
    row("Bytes", image.byte_size.toLocaleString()), row("Content hash", image.content_hash), row("pHash", image.phash),
    row("Added", new Date(image.added_at).toLocaleString())]));
  if (image.video) {
    const v = image.video;
    sections.push(...facts("Video", [
      row("Video id", v.video_id), row("Frame at", v.timestamp_ms != null ? clock(v.timestamp_ms) : null), row("Duration", clock(v.duration_ms)),
      row("Frame rate", v.fps ? `${Math.round(v.fps * 100) / 100} fps` : null), row("Frame size", `${v.width}×${v.height}`),
      row("Codec", v.codec), row("Frames", v.frame_count)]));
  }
  if (image.files.length) {
    sections.push(el("h3", { text: image.files.length === 1 ? "File" : `Files (${image.files.length})` }),
      el("ul", { class: "files" }, image.files.map((f) => el("li", {}, el("code", { text: f.path }), el("span", { class: "muted", text: ` ${f.size.toLocaleString()} bytes` })))));
  }
  if (image.duplicate_group) {
    const group = image.duplicate_group;
    sections.push(el("h3", { text: `Duplicates (${(group.tiers || [group.kind]).join(", ")})` }), el("p", { class: "muted", text: group.keeper_reason }),
      el("div", { class: "strip" }, group.members.map((m) => memberFigure(m, m.image_id === image.id))));
  }
  if (image.cluster) {
    const c = image.cluster;
    sections.push(el("h3", { text: `Style cluster ${c.id}` }),
      el("p", {}, el("a", { href: `/?tab=clusters&cluster=${c.id}`, class: "cluster-link", onclick: (e) => { e.preventDefault(); closeDetail(); navigate({ tab: "clusters", cluster: String(c.id), page: 1 }); }, text: c.label }),
        c.terms.length ? el("span", { class: "muted", text: ` · ${c.terms.join(", ")}` }) : null));
  }
  $("#detail-body").replaceChildren(...sections);
}

function filterBy(name, value) {
  const state = withState({ tab: "search", similar: "", page: 1 });
  closeDetail();
  navigate({ ...state, filters: { ...state.filters, [name]: value } });
}

// A member of a duplicate group: the picture, then how it is linked (the tier words of `dfd dupes`).
export function memberFigure(member, current) {
  const file = member.path ? member.path.split(/[\\/]/).pop() : `image ${member.image_id}`;
  const how = member.is_keeper ? "keep" : [member.tier, member.detail || (member.distance ? `distance ${member.distance}` : null)].filter(Boolean).join(" · ");
  return el("figure", { class: `member${member.is_keeper ? " keeper" : ""}${member.tentative ? " tentative" : ""}${current ? " current" : ""}` },
    el("button", { type: "button", class: "member-image", "aria-label": `Open ${file}${member.is_keeper ? " (suggested keeper)" : ""}${member.tentative ? " (tentative look-alike)" : ""}`, onclick: () => openDetail(member.image_id) },
      picture(member.image_id)),
    member.is_keeper ? el("span", { class: "badge", text: "Keep" }) : null,
    member.tentative ? el("span", { class: "badge tentative-mark", title: "A tentative link lies between the keeper and this file: a look-alike, maybe not a copy. `dfd dupes --move-to` never moves it.", text: "Tentative" }) : null,
    el("figcaption", {},
      el("span", { class: "link-how", text: how }),
      el("span", { text: `${member.width}×${member.height} · ${Math.max(1, Math.round(member.byte_size / 1024))} KB` }),
      member.path ? el("code", { title: member.path, text: file }) : null));
}
