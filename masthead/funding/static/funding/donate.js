// The donate form, enhanced: typing an amount selects "Other amount"; choosing a preset clears it.
(() => {
  const form = document.querySelector(".donate__form");
  if (!form) return;
  const custom = form.querySelector("#id_custom_amount");
  const other = form.querySelector('input[name="amount"][value="custom"]');
  custom.addEventListener("input", () => {
    if (custom.value) other.checked = true;
  });
  form.querySelectorAll('input[name="amount"]').forEach((radio) => {
    radio.addEventListener("change", () => {
      if (radio !== other) custom.value = "";
    });
  });
  const errors = form.querySelector(".donate__errors");
  if (errors) errors.focus();
})();
