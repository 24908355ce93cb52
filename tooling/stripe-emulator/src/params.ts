// Typed, path-aware access to decoded request fields, with Stripe's error messages.
// Every field must be asked for: rejectUnknown() turns anything else into Stripe's
// "Received unknown parameter", so a Stripe feature the emulator lacks fails loudly.
import { invalidRequest, missingParam } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';
import type { Metadata } from './stripe-objects.ts';

export class ParamReader {
  private readonly asked = new Set<string>();
  private readonly children: ParamReader[] = [];

  constructor(
    private readonly fields: FormObject,
    private readonly prefix = '',
  ) {}

  /** The parameter's name as Stripe reports it in `error.param`, e.g. `line_items[0][quantity]`. */
  pathOf(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}[${name}]`;
  }

  private raw(name: string): FormValue | undefined {
    this.asked.add(name);
    return Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
  }

  /** Stripe reads an empty string as "not given". */
  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string')
      throw invalidRequest(`Invalid string: ${this.pathOf(name)}`, this.pathOf(name));
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw missingParam(this.pathOf(name));
    return value;
  }

  integer(name: string, min: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number)) {
      throw invalidRequest(`Invalid integer: ${value}`, this.pathOf(name), 'parameter_invalid_integer');
    }
    if (number < min) {
      throw invalidRequest(
        `Invalid ${this.pathOf(name)}: must be greater than or equal to ${min}`,
        this.pathOf(name),
        'parameter_invalid_integer',
      );
    }
    return number;
  }

  requiredInteger(name: string, min: number): number {
    const value = this.integer(name, min);
    if (value === undefined) throw missingParam(this.pathOf(name));
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      throw invalidRequest(
        `Invalid ${this.pathOf(name)}: must be one of ${allowed.join(', ')}`,
        this.pathOf(name),
      );
    }
    return match;
  }

  object(name: string): ParamReader | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string')
      throw invalidRequest(`Invalid object: ${this.pathOf(name)}`, this.pathOf(name));
    const child = new ParamReader(value, this.pathOf(name));
    this.children.push(child);
    return child;
  }

  /** A list arrives as `name[0]…name[n]`; its items are readers of their own fields. */
  list(name: string): ParamReader[] | undefined {
    return this.listValues(name)?.map((value, index) => {
      const path = `${this.pathOf(name)}[${index}]`;
      if (typeof value === 'string') throw invalidRequest(`Invalid object: ${path}`, path);
      const child = new ParamReader(value, path);
      this.children.push(child);
      return child;
    });
  }

  stringList(name: string): string[] | undefined {
    return this.listValues(name)?.map((value, index) => {
      const path = `${this.pathOf(name)}[${index}]`;
      if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${path}`, path);
      return value;
    });
  }

  private listValues(name: string): FormValue[] | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return undefined;
    const path = this.pathOf(name);
    if (typeof value === 'string') throw invalidRequest(`Invalid array: ${path}`, path);
    const keys = Object.keys(value);
    // Indexes must be 0…n-1 (in any order), as the SDK sends them.
    if (!keys.every((key) => /^\d+$/.test(key) && Number(key) < keys.length)) {
      throw invalidRequest(`Invalid array: ${path}`, path);
    }
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => value[String(index)] ?? '');
  }

  /** Stripe's limits: up to 50 keys, keys up to 40 characters, values up to 500; empty values unset a key. */
  metadata(name: string): Metadata {
    const value = this.raw(name);
    if (value === undefined || value === '') return {};
    const path = this.pathOf(name);
    if (typeof value === 'string') throw invalidRequest(`Invalid object: ${path}`, path);
    const entries: [string, string][] = [];
    for (const [key, item] of Object.entries(value)) {
      const itemPath = `${path}[${key}]`;
      if (typeof item !== 'string') throw invalidRequest(`Invalid string: ${itemPath}`, itemPath);
      if (key.length > 40)
        throw invalidRequest(`Metadata keys can have up to 40 characters: ${key}`, itemPath);
      if (item.length > 500) throw invalidRequest(`Metadata values can have up to 500 characters`, itemPath);
      if (item !== '') entries.push([key, item]);
    }
    if (entries.length > 50) throw invalidRequest('Metadata can have up to 50 keys', path);
    return Object.fromEntries(entries);
  }

  rejectUnknown(): void {
    for (const key of Object.keys(this.fields)) {
      if (!this.asked.has(key)) {
        throw invalidRequest(
          `Received unknown parameter: ${this.pathOf(key)} (the AutoDoctor Stripe emulator does not support it)`,
          this.pathOf(key),
          'parameter_unknown',
        );
      }
    }
    for (const child of this.children) child.rejectUnknown();
  }
}
