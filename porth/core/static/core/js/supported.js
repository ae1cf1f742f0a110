// Tells GOV.UK Frontend's CSS that its JavaScript may run. An external file because our
// Content-Security-Policy allows no inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
