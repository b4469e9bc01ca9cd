/** Buttons are @vscode-elements buttons: themed, focusable, and activated by Enter and Space. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';

export function button(label: string, onClick: () => void, opts: { testId: string; secondary?: boolean; ariaLabel?: string }): VscodeButton {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  b.secondary = opts.secondary === true;
  b.dataset['testid'] = opts.testId;
  if (opts.ariaLabel !== undefined) b.setAttribute('aria-label', opts.ariaLabel);
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}
