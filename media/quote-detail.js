// The quote detail page's only script: posts the clicked button's action. It reads nothing from the
// page's data, so no quote value can reach it (the host validates the message: quotes/detail/messages.ts).
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (target) vscode.postMessage({ type: 'action', action: target.getAttribute('data-action') });
  });
})();
