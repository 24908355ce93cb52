/**
 * The design tokens of `styles.css` as sRGB hex, for places that cannot read CSS variables or
 * OKLCH (email clients). `packages/emails` checks that each value is its token's colour, so a
 * change of the brand in `styles.css` fails a test until this table follows.
 */
export const BRAND_COLORS = {
  background: '#f9fafb',
  foreground: '#111826',
  card: '#ffffff',
  primary: '#12479d',
  'primary-foreground': '#fcfcfc',
  muted: '#eaeff5',
  'muted-foreground': '#4c5666',
  border: '#d6dbe1',
  success: '#00682a',
} as const;
export type BrandColorToken = keyof typeof BRAND_COLORS;
