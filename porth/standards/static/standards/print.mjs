// "Print this page" on the self-assessment summary: hidden until this script shows it, so the
// page never offers a button that does nothing without JavaScript.
for (const button of document.querySelectorAll(".porth-print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
