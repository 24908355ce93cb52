import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names (clsx). Conflicting Tailwind classes are not resolved: a
 * component's `className` adds to its classes rather than overriding them. That
 * keeps tailwind-merge (9 KB gzip) out of every first load.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
