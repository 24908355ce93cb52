import { describe, expect, it } from 'vitest';
import { panelToCsv } from './csv.ts';

describe('panelToCsv', () => {
  it('writes RFC 4180: header of labels with units, CRLF, quoting only where needed', () => {
    const csv = panelToCsv({
      columns: [
        { key: 'name', label: 'Mechanic, name' },
        { key: 'n', label: 'Sessions', unit: 'count' },
      ],
      rows: [
        { name: 'Plain', n: 3 },
        { name: 'Says "hi"', n: 0 },
        { name: 'Two\nlines', n: 12 },
      ],
    });
    expect(csv).toBe(
      '"Mechanic, name",Sessions (count)\r\nPlain,3\r\n"Says ""hi""",0\r\n"Two\nlines",12\r\n',
    );
  });

  it('defuses texts a spreadsheet would run as formulas, never numbers', () => {
    const csv = panelToCsv({
      columns: [
        { key: 'text', label: 'Text' },
        { key: 'amount', label: 'Amount', unit: 'cents' },
      ],
      rows: [
        { text: '=HYPERLINK("http://evil.example","x")', amount: -300 },
        { text: '+1+2', amount: 1 },
        { text: '-2+3', amount: 2 },
        { text: '@SUM(A1)', amount: 3 },
        { text: '\t=1', amount: 4 },
        { text: 'a=b', amount: 5 },
      ],
    });
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""x"")",-300`,
      "'+1+2,1",
      "'-2+3,2",
      "'@SUM(A1),3",
      "'\t=1,4",
      'a=b,5',
    ]);
  });

  it('an empty panel is its header alone', () => {
    expect(panelToCsv({ columns: [{ key: 'a', label: 'A' }], rows: [] })).toBe('A\r\n');
  });
});
