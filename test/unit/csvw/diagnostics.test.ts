/**
 * Issue 22, point 3: CSVW problems are reported as the YAML ones are — a metadata problem at
 * file:line:column of the JSON (through JSON objects' places), a cell at its CSV line with its
 * column and value — each with its code and hint.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/diagnostics/render.js';
import { runCsvw } from '../../../src/csvw/process.js';
import { toDiagnostics } from '../../../src/csvw/problems.js';

const BASE = 'file:///data/';

async function run(files: Record<string, string>, start = 'tables.json') {
  const fetch = async (url: string) => {
    const text = url.startsWith(BASE) ? files[url.slice(BASE.length)] : undefined;
    return text === undefined ? undefined : { text, contentType: url.endsWith('.json') ? 'application/json' : 'text/csv' };
  };
  const result = await runCsvw({ url: BASE + start, fetch });
  return { result, text: toDiagnostics(result, result.places, (u) => u.slice(BASE.length)).map((d) => renderText(d)) };
}

const CSV = 'Year,Count\n2019,10\n2020,ten\n2021,\n';

describe('CSVW diagnostics', () => {
  it('puts a bad @context at its key in the JSON, as an error with a hint', async () => {
    const { result, text } = await run({ 'tables.json': '{\n  "@context": "http://example.org/not-csvw",\n  "url": "data.csv"\n}\n', 'data.csv': CSV });
    expect(result.quads).toEqual([]);
    expect(text[0]).toMatch(/^tables\.json:2:3: error JL901: @context must be/);
    expect(text[0]).toMatch(/hint: .*Metadata Vocabulary/);
  });

  it('puts an ignored property at its key, as a warning, and converts', async () => {
    const meta = `{
  "@context": "http://www.w3.org/ns/csvw",
  "url": "data.csv",
  "tableSchema": {
    "columns": [
      { "titles": "Year", "datatype": "gYear", "lang": "not a tag" },
      { "titles": "Count", "datatype": "integer", "required": "yes" }
    ]
  }
}
`;
    const { result, text } = await run({ 'tables.json': meta, 'data.csv': CSV });
    expect(result.errors).toEqual([]);
    expect(text).toContainEqual(expect.stringMatching(/^tables\.json:6:48: warning JL902: lang "not a tag" is not a language tag/));
    expect(text).toContainEqual(expect.stringMatching(/^tables\.json:7:51: warning JL902: required must be true or false/));
    // A cell that is not an integer: its CSV line, column and value; kept as a string.
    expect(text).toContainEqual(expect.stringMatching(/^data\.csv:3: warning JL903: 'ten' is not a valid integer\n {2}column "Count", value "ten"/));
    const ten = result.quads.find((q) => q.object.value === 'ten');
    expect(ten?.object.termType).toBe('Literal');
    expect((ten?.object as { datatype: { value: string } }).datatype.value).toBe('http://www.w3.org/2001/XMLSchema#string');
  });

  it('puts a JSON syntax error at its line and column', async () => {
    const { text } = await run({ 'tables.json': '{\n  "@context": "http://www.w3.org/ns/csvw",\n  "url": "data.csv",,\n}\n', 'data.csv': CSV });
    expect(text[0]).toMatch(/^tables\.json:3:\d+: error JL901: .* is not JSON/);
  });

  it('puts a foreign key that reaches no table at the foreign key, and a missing table at its URL', async () => {
    const meta = `{
  "@context": "http://www.w3.org/ns/csvw",
  "tables": [{
    "url": "data.csv",
    "tableSchema": {
      "columns": [{ "name": "year", "titles": "Year" }, { "name": "count", "titles": "Count" }],
      "foreignKeys": [
        { "columnReference": "year", "reference": { "resource": "years.csv", "columnReference": "id" } }
      ]
    }
  }]
}
`;
    const fk = await run({ 'tables.json': meta, 'data.csv': CSV });
    expect(fk.text[0]).toMatch(/^tables\.json:8:9: error JL905: a foreign key of .*data\.csv refers to .*years\.csv, which is not a table of the group/);
    const missing = await run({ 'tables.json': '{ "@context": "http://www.w3.org/ns/csvw", "url": "nowhere.csv" }' });
    expect(missing.text[0]).toMatch(/^nowhere\.csv:1: error JL906: the table .*nowhere\.csv cannot be read/);
  });
});
