/** What the focus manager needs of a router (TanStack Router's `subscribe`). */
export interface NavigationEvents {
  subscribe: (
    eventType: 'onResolved',
    listener: (event: { fromLocation?: unknown; pathChanged: boolean }) => void,
  ) => () => void;
}

/** How long a new screen may take to show its heading (its data loading) before focus goes to `main`. */
const HEADING_WAIT_MS = 10_000;

/**
 * After every change of screen, focus goes to the new screen's main heading, as a screen-reader
 * user expects (their reader announces it, and Tab continues from there), instead of being left on
 * the page body when the control they used is gone. Not on the first load (the reader starts at the
 * top), nor when only the search or the hash changed (the same screen). A screen still loading gets
 * its heading focused once it shows, unless the person moved focus into it meanwhile. Returns the
 * unsubscribe.
 */
export function focusScreenOnNavigation(router: NavigationEvents): () => void {
  let stopWaiting: (() => void) | undefined;
  const unsubscribe = router.subscribe('onResolved', ({ fromLocation, pathChanged }) => {
    if (!fromLocation || !pathChanged) return;
    stopWaiting?.();
    stopWaiting = focusHeadingWhenShown();
  });
  return () => {
    stopWaiting?.();
    unsubscribe();
  };
}

function focusHeadingWhenShown(): () => void {
  let done = false;
  const observer = new MutationObserver(() => attempt());
  const timer = window.setTimeout(() => {
    const main = document.querySelector<HTMLElement>('main');
    if (!done && main && main.tabIndex === -1 && !focusIsIn(main)) main.focus({ preventScroll: true });
    stop();
  }, HEADING_WAIT_MS);

  function stop() {
    done = true;
    observer.disconnect();
    window.clearTimeout(timer);
  }

  function attempt() {
    if (done) return;
    const main = document.querySelector<HTMLElement>('main');
    // The new screen (or the person) has put focus on one of its own controls: leave it there.
    if (main && focusIsIn(main) && document.activeElement !== main) return stop();
    const heading = main?.querySelector<HTMLElement>('h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) {
      heading.tabIndex = -1;
      heading.classList.add('outline-none');
    }
    heading.focus({ preventScroll: true });
    stop();
  }

  attempt();
  if (!done) observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

function focusIsIn(element: HTMLElement): boolean {
  return element.contains(document.activeElement);
}
