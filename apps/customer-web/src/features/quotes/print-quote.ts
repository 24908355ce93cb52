/**
 * Prints one quote: it and the page are marked for the print stylesheet (styles.css), which then
 * leaves out everything but that quote; the marks go once the print dialog closes.
 */
export function printQuote(quote: HTMLElement): void {
  const root = document.documentElement;
  root.dataset.printing = 'quote';
  quote.dataset.printTarget = '';
  window.addEventListener(
    'afterprint',
    () => {
      delete root.dataset.printing;
      delete quote.dataset.printTarget;
    },
    { once: true },
  );
  window.print();
}
