/**
 * A QuickPick settles its promise from several events (accept, a row button, hide); the first one wins
 * and the others must not resolve again or run the clean-up twice.
 */
export function settleOnce<T>(resolve: (value: T) => void, cleanUp: () => void): (value: T) => void {
  let done = false;
  return (value) => {
    if (done) return;
    done = true;
    resolve(value);
    cleanUp();
  };
}
