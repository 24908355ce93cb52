import { BRAND_COLORS } from '@autodoctor/ui/lib/brand-colors';

/** The apps' colours (one source: packages/ui's tokens) and type, as inline styles for email. */
export const colors = BRAND_COLORS;

export const fontFamily =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** The apps' corner radius (`--radius`: 0.625rem). */
export const radius = '10px';
