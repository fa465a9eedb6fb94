// Enhances the "Subscribe" box in place: posts it with fetch and shows the answer beside it.
// Without JavaScript the form posts and a page shows the same answer.
for (const form of document.querySelectorAll("form[data-subscribe]")) {
  const status = form.querySelector("[data-subscribe-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      const errors = Object.values(answer.errors || {}).flat();
      status.textContent = errors.length ? errors.join(" ") : answer.message;
      status.setAttribute("role", response.ok ? "status" : "alert");
      if (response.ok) form.reset();
    } catch {
      form.submit(); // the network or the answer failed: fall back to the plain post
    } finally {
      button.disabled = false;
    }
  });
}
