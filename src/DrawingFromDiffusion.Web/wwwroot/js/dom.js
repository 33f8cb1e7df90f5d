// Small DOM and fetch helpers. Data from the catalog is only ever put into the page as text (textContent), never as HTML.

export const $ = (selector) => document.querySelector(selector);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  node.append(...children.flat().filter(Boolean));
  return node;
}

// The CSRF token of this session (GET /api/session); every request that changes something sends it.
let csrfToken = null;
export function setCsrfToken(token) { csrfToken = token; }

export async function api(path, options = {}) {
  const method = (options.method || "GET").toUpperCase();
  const headers = new Headers(options.headers || {});
  if (csrfToken && !["GET", "HEAD"].includes(method)) headers.set("X-CSRF-Token", csrfToken);
  const response = await fetch(path, { ...options, headers });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const message = body && (body.detail || body.title) ? (body.detail || body.title) : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

export const thumb = (id) => `/api/images/${encodeURIComponent(id)}/thumb`;

export function setStatus(selector, text, isError = false) {
  const node = $(selector);
  node.textContent = text;
  node.classList.toggle("error", isError);
}

export const plural = (n, one, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

// A picture box: the whole picture (contain) on a light checkerboard, so transparent line art stays visible.
export function picture(id, label = "", extraClass = "") {
  return el("span", { class: `pic ${extraClass}`.trim() },
    el("img", { src: thumb(id), alt: label, loading: "lazy", decoding: "async" }));
}

// A classic script (the vendored UMAP bundle) loaded once, on first use.
const scripts = new Map();
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const node = el("script", { src });
      node.addEventListener("load", resolve, { once: true });
      node.addEventListener("error", () => reject(new Error(`${src} did not load`)), { once: true });
      document.head.append(node);
    }));
  }
  return scripts.get(src);
}
