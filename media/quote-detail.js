// The quote detail page's only script: posts the clicked button's action (the host validates the
// message: quotes/detail/messages.ts), and keeps the quote's and site's ids in the webview state for
// the panel serializer after a reload. It reads nothing else of the page.
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.querySelector('main[data-quote]');
  if (main) vscode.setState({ quoteId: main.getAttribute('data-quote'), siteId: main.getAttribute('data-site') });
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (target) vscode.postMessage({ type: 'action', action: target.getAttribute('data-action') });
  });
})();
