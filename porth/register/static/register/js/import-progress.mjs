// Keeps an import's progress bar up to date without reloading, then shows the result.
// Without JavaScript the page has a "Check progress" button that reloads it.
const box = document.querySelector('[data-module="porth-import-progress"]');

if (box) {
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  const url = box.dataset.progressUrl;

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const progress = await response.json();
        if (!progress.in_progress) {
          window.location.reload();
          return;
        }
        if (progress.status !== "applying") {
          bar.value = progress.percent;
          bar.textContent = `${progress.percent}%`;
          text.textContent = progress.text;
        }
      }
    } catch {
      // A missed poll is not worth telling anyone about: the next one will try again.
    }
    window.setTimeout(poll, 2000);
  };

  window.setTimeout(poll, 1000);
}
