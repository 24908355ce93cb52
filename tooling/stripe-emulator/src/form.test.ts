import { describe, expect, it } from 'vitest';
import { decodeForm } from './form.ts';
import { formatAmount } from './money.ts';
import { ParamReader } from './params.ts';

function reader(query: string): ParamReader {
  return new ParamReader(decodeForm(new URLSearchParams(query)));
}

describe('decodeForm', () => {
  it('nests bracket paths as the stripe SDK writes them', () => {
    const fields = decodeForm(
      new URLSearchParams(
        'mode=payment&line_items[0][price_data][currency]=usd&line_items[0][quantity]=1&metadata[sessionType]=paid',
      ),
    );
    expect(JSON.parse(JSON.stringify(fields))).toEqual({
      mode: 'payment',
      line_items: { '0': { price_data: { currency: 'usd' }, quantity: '1' } },
      metadata: { sessionType: 'paid' },
    });
  });

  it('appends for empty brackets, as qs does', () => {
    expect(reader('expand[]=a&expand[]=b').stringList('expand')).toEqual(['a', 'b']);
  });

  it('treats __proto__ as an ordinary key', () => {
    const metadata = reader('metadata[__proto__][polluted]=1').object('metadata');
    expect(metadata).toBeDefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a field that is both a value and an object', () => {
    expect(() => decodeForm(new URLSearchParams('a=1&a[b]=2'))).toThrow(/Invalid/);
    expect(() => decodeForm(new URLSearchParams('a[b]=2&a=1'))).toThrow(/Invalid/);
  });
});

describe('ParamReader', () => {
  it('reads lists in index order and reports nested paths', () => {
    const items = reader('items[1][n]=2&items[0][n]=1').list('items');
    expect(items?.map((item) => item.requiredInteger('n', 0))).toEqual([1, 2]);
    expect(() => reader('items[0][n]=x').list('items')?.[0]?.requiredInteger('n', 0)).toThrow(
      'Invalid integer: x',
    );
    expect(() => reader('items[1][n]=2').list('items')).toThrow('Invalid array: items');
  });

  it('treats an empty string as absent and names what is missing', () => {
    expect(reader('a=').string('a')).toBeUndefined();
    expect(() => reader('').requiredString('a')).toThrow('Missing required param: a.');
  });

  it('drops empty metadata values and enforces Stripe’s limits', () => {
    expect(reader('metadata[a]=1&metadata[b]=').metadata('metadata')).toEqual({ a: '1' });
    expect(() => reader(`metadata[${'k'.repeat(41)}]=1`).metadata('metadata')).toThrow(/40 characters/);
  });

  it('names unknown parameters, nested ones included', () => {
    const params = reader('known=1&outer[inner]=1&outer[extra]=2');
    params.string('known');
    params.object('outer')?.string('inner');
    expect(() => params.rejectUnknown()).toThrow('Received unknown parameter: outer[extra]');
  });
});

describe('formatAmount', () => {
  it('formats minor units in the currency’s own decimals', () => {
    expect(formatAmount(2900, 'usd')).toBe('$29.00');
    expect(formatAmount(1999, 'eur')).toBe('€19.99');
    expect(formatAmount(500, 'jpy')).toBe('¥500');
  });
});
