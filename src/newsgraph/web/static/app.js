// The only script: filter lists submit their form when changed, so a pick takes one click.
// Everything works without it.
document.addEventListener("change", (ev) => {
  const el = ev.target;
  if (el instanceof HTMLSelectElement && el.form && el.form.classList.contains("filters")) el.form.submit();
});
