// Stripe's request encoding: form fields with bracket paths (`line_items[0][price_data][currency]`),
// produced by the SDK's stringifyRequestData. Decoded into nested objects; whether an object
// with keys 0, 1, … is a list is the reader's call (see params.ts), since `metadata[0]` is not.
import { invalidRequest } from './errors.ts';

export interface FormObject {
  [key: string]: FormValue;
}
export type FormValue = string | FormObject;

/** Splits `a[b][0]` into `['a', 'b', '0']`; `a[]` appends, as qs does. */
function splitPath(name: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return null;
  const [, head = '', rest = ''] = match;
  const segments = [head];
  for (const [, segment = ''] of rest.matchAll(/\[([^[\]]*)\]/g)) segments.push(segment);
  return segments;
}

// Null-prototype objects, so a field named `__proto__` is just a key, never the prototype.
function emptyObject(): FormObject {
  return Object.create(null) as FormObject;
}

export function decodeForm(fields: URLSearchParams): FormObject {
  const root = emptyObject();
  for (const [name, value] of fields) {
    const path = splitPath(name);
    if (!path) throw invalidRequest(`Invalid parameter name: ${name}`, name);
    let node = root;
    for (const [index, rawSegment] of path.entries()) {
      const segment = rawSegment === '' ? String(Object.keys(node).length) : rawSegment;
      if (index === path.length - 1) {
        if (typeof node[segment] === 'object') throw invalidRequest(`Invalid object: ${name}`, name);
        node[segment] = value;
        break;
      }
      const next = node[segment] ?? emptyObject();
      if (typeof next === 'string') throw invalidRequest(`Invalid string: ${name}`, name);
      node[segment] = next;
      node = next;
    }
  }
  return root;
}
