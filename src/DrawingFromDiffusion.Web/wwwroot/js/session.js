// Accounts: who is signed in, the login form when the server requires one, and logout.
import { $, api, setCsrfToken, setStatus } from "./dom.js";

// Resolves with the session once someone may use the page: at once without accounts or when signed in,
// else after the login form succeeds.
export async function ensureSignedIn() {
  const session = await api("/api/session");
  setCsrfToken(session.csrf_token);
  if (!session.accounts || session.user) return showUser(session);
  $("main").hidden = true;
  $("#login").hidden = false;
  $("#login-name").focus();
  return new Promise((resolve) => {
    $("#login-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      setStatus("#login-status", "Signing in…");
      try {
        const signedIn = await api("/api/login", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name: $("#login-name").value, password: $("#login-password").value }),
        });
        setCsrfToken(signedIn.csrf_token);
        $("#login-password").value = "";
        $("#login").hidden = true;
        $("main").hidden = false;
        setStatus("#login-status", "");
        resolve(showUser(signedIn));
      } catch (error) {
        setStatus("#login-status", error.message, true);
      }
    });
  });
}

function showUser(session) {
  if (session.accounts && session.user) {
    $("#user-name").textContent = `${session.user} (${session.role})`;
    $("#user").hidden = false;
    $("#logout").addEventListener("click", async () => {
      try { await api("/api/logout", { method: "POST" }); } finally { location.reload(); }
    }, { once: true });
  }
  document.body.dataset.role = session.role || "";
  return session;
}
