/**
 * The closed table of diagnostic codes. Every user-facing problem has one entry here: its
 * default severity, a short title and a fix hint. The README table and `justice-lod explain`
 * are generated from this table, so wording lives in one place.
 *
 * Ranges: JL1xx mapping file, JL2xx CSV reading, JL3xx cell values, JL4xx run and output,
 * JL5xx validation, JL6xx triple stores (query, publish), JL7xx releases and their diffs,
 * JL8xx disclosure control and additivity.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
  readonly hint: string;
}

export const CODES = {
  JL100: { severity: 'error', title: 'mapping or release file cannot be read', hint: 'Check the path and that the file is readable.' },
  JL101: { severity: 'error', title: 'YAML syntax error', hint: 'Fix the YAML at the position shown; indentation and unclosed quotes are the usual causes.' },
  JL102: { severity: 'error', title: 'unknown key', hint: 'Remove the key or correct its spelling; the allowed keys are listed in schema/mapping.schema.json (mappings) and schema/release.schema.json (releases).' },
  JL103: { severity: 'error', title: 'wrong type', hint: 'Give the value the type the file format expects (see the README mapping and release references).' },
  JL104: { severity: 'error', title: 'required key missing', hint: 'Add the key shown; the README full examples have every required key.' },
  JL105: { severity: 'error', title: 'value not allowed', hint: 'Use one of the allowed values listed in the message.' },
  JL106: { severity: 'error', title: 'unsupported mapping version', hint: 'Set `version: 1`; this tool reads mapping format version 1.' },
  JL107: { severity: 'error', title: 'column not in the CSV header', hint: 'Use the column name exactly as the CSV header spells it (matching ignores case and surrounding spaces).' },
  JL108: { severity: 'error', title: 'bad IRI template', hint: 'Close every `{`, name a column, dimension or built-in (base, dataset, measure) inside braces, and use a known filter (slug, lower, upper, raw, code).' },
  JL109: { severity: 'error', title: 'undefined prefix', hint: 'Declare the prefix under `prefixes:` or write the full IRI.' },
  JL110: { severity: 'error', title: 'invalid IRI', hint: 'An IRI must be absolute (scheme:...) and contain no spaces or any of <>"{}|^`\\.' },
  JL111: { severity: 'error', title: 'component defined twice or conflicting', hint: 'Give each component exactly one of `column`, `columns`, `firstOf` or `value`.' },
  JL112: { severity: 'error', title: 'dimension not bound for a measure', hint: 'Bind the dimension from a column, or give its value under the measure\'s `dimensions:`.' },
  JL113: { severity: 'error', title: 'invalid regular expression', hint: 'Fix the regular expression (JavaScript syntax).' },
  JL114: { severity: 'error', title: 'CSV source cannot be read', hint: 'Check `source.path` (relative to the mapping file) or pass --input.' },
  JL116: { severity: 'warning', title: 'column referenced by name differs in case or spacing', hint: 'Spell the column as the header does to silence this warning.' },
  JL117: { severity: 'error', title: 'unknown code list', hint: 'Use the id of a shipped code list (see `vocab/`), or `generated` to mint the code list from the data.' },
  JL118: { severity: 'warning', title: 'measure without a unit', hint: 'Give the measure a `unit:` (for example unit:NUM, unit:DAY, unit:FRACTION, unit:GBP): a complete cube has sdmx-attribute:unitMeasure on every observation.' },
  JL119: { severity: 'error', title: 'term not in the justice vocabulary', hint: 'Use a term that vocab/justice.ttl or a code list in vocab/ defines (the message suggests the nearest), or a namespace of your own declared under `prefixes:`.' },
  JL120: { severity: 'error', title: 'measure cannot be combined that way', hint: 'Rows with the same key combine by sum, first, min, max or mean (`duplicates:` and each measure\'s `combine:`); a mean needs a decimal measure, and `weight:` names another measure.' },
  JL121: { severity: 'error', title: 'code list file cannot be read', hint: 'Give a CSV with a `label` column (and optionally notation, parent, sort order, description) or a YAML list of concepts, next to the mapping; each label once, each parent a label or notation of the list.' },
  JL122: { severity: 'error', title: 'disclosure rule names an unknown component', hint: 'Under `disclosure:`, `counts:` and `rates:` name measures and `totals:` names dimensions, by their keys in the mapping.' },
  JL201: { severity: 'error', title: 'row has the wrong number of cells', hint: 'Check for an unquoted delimiter or a missing cell in this row; quote cells that contain the delimiter.' },
  JL202: { severity: 'info', title: 'decoded as Windows-1252', hint: 'The file is not valid UTF-8; set `encoding: windows-1252` to make this explicit, or re-save the file as UTF-8.' },
  JL203: { severity: 'error', title: 'CSV syntax error', hint: 'Close the quoted field, or double any quote inside a quoted field ("").' },
  JL204: { severity: 'error', title: 'header row not found', hint: 'Check `source.skipRows` and `source.headerRows` against the file.' },
  JL205: { severity: 'warning', title: 'duplicate column name', hint: 'Refer to the second column as `Name (2)`, the third as `Name (3)`, and so on.' },
  JL206: { severity: 'error', title: 'invalid UTF-8', hint: 'The file is not UTF-8; set `encoding: windows-1252` or `encoding: auto`.' },
  JL301: { severity: 'error', title: 'not a number', hint: 'Use digits with an optional sign, decimal point and thousands separators (1,234.5), or a marker such as [c] or [x].' },
  JL302: { severity: 'error', title: 'empty value cell', hint: 'Put a marker in the cell ([x] not available, [z] not applicable) or map blank cells with `markers: {"": x}`.' },
  JL303: { severity: 'error', title: 'unknown marker', hint: 'Use a GSS shorthand marker ([c] [x] [z] [low] [u] [w] [e] [f] [p] [r] [b]) or add the token to `markers:`.' },
  JL304: { severity: 'error', title: 'period label not recognised', hint: 'Use a label such as 2010, 2010 Q2 (Apr-Jun), 2019-Q3, 2019/20, Apr 2009-Mar 2010 or Jan - Mar 2020, or map it under `values:`.' },
  JL305: { severity: 'error', title: 'police force area not recognised', hint: 'Use one of the 43 police force area names or its GSS code, or map the label under `missing:` or `values:`.' },
  JL306: { severity: 'error', title: 'invalid GSS code', hint: 'A GSS code is a letter and 8 digits, such as E23000001; check the entity type the column expects.' },
  JL307: { severity: 'error', title: 'label not in the value map', hint: 'Add the label under `values:`, or give an `iri:` template to mint an IRI for unmapped labels.' },
  JL308: { severity: 'error', title: 'missing value', hint: 'Map the token under `missing:` to a code IRI, or to `omit` to leave the triple out (counted in the summary).' },
  JL309: { severity: 'error', title: 'percentage sign in a non-percentage column', hint: 'Set `percent: true` on the measure to store the value as a fraction, or remove the % sign.' },
  JL310: { severity: 'warning', title: 'marker without a value', hint: 'Markers such as [p] or [r] annotate a value; put the value before the marker, or use [x] when it is not available.' },
  JL311: { severity: 'error', title: 'not an integer', hint: 'The measure is declared xsd:integer; use a whole number or declare `datatype: xsd:decimal`.' },
  JL312: { severity: 'error', title: 'label not in the code list', hint: 'Check the spelling, add the label under `values:` or `missing:`, or use `codeList: generated`; the nearest labels are listed.' },
  JL313: { severity: 'error', title: 'shortened label matches several codes', hint: 'The label looks cut short and fits more than one code; map it under `values:`.' },
  JL314: { severity: 'error', title: 'measure label not in the mapping', hint: 'Add the label to the `when:` of the measure it stands for, or drop such rows with `filter:`.' },
  JL315: { severity: 'error', title: 'cell does not match the pattern', hint: 'The component reads part of the cell with `pattern:`; widen the pattern, or map such cells under `missing:` on a component without one.' },
  JL316: { severity: 'error', title: 'generated code list has too many distinct labels', hint: 'A `codeList: generated` column holds every distinct label as a concept until the end of the run, so the run stops at the limit (10,000 by default) rather than run out of memory. A column with that many distinct values is usually a free-text or number column: map it as a measure, an attribute or `datatype:`; if the code list really is that large, raise the limit with --max-codes.' },
  JL501: { severity: 'error', title: 'observation lacks a dimension (IC-11)', hint: 'Map the token to a code under `missing:` instead of `omit`, so every observation has every dimension, or convert with --no-validate.' },
  JL502: { severity: 'error', title: 'observation has neither a value nor a suppression marker (IC-15)', hint: 'Give the cell a value, or a marker that says why it has none: [c] [x] [z] or [low].' },
  JL503: { severity: 'error', title: 'duplicate observation (IC-12)', hint: 'The row has the dimension values of an earlier row, so it was rejected and nothing of it written. Either a dimension is missing (add the column that tells the rows apart), or the rows are parts of one figure: say how they combine with `duplicates: {combine: sum}` (or first, min, max, mean).' },
  JL504: { severity: 'error', title: 'value out of range', hint: 'Counts and durations cannot be negative, and proportions lie between 0 and 1; check the cell and the measure\'s `percent:` setting.' },
  JL505: { severity: 'error', title: 'measures of a row contradict each other', hint: 'Check the cells named: for example reoffenders cannot exceed offenders, nor sentenced exceed convicted.' },
  JL506: { severity: 'error', title: 'Data Cube integrity constraint violated', hint: 'The message names the constraint (IC-1 … IC-21) and the node; see the README section on validation.' },
  JL507: { severity: 'error', title: 'metadata does not conform to the metadata shapes', hint: 'The message names the node and the rule (shapes/metadata.ttl); check the mapping\'s `publication:` section and the --issued and --download-base options.' },
  JL601: { severity: 'error', title: 'SPARQL query cannot be run', hint: 'Fix the query at the position the message gives; `justice-lod query --help` lists the example queries to start from.' },
  JL602: { severity: 'error', title: 'release too large for the embedded store', hint: 'Name the datasets the query needs with --dataset (or mention their IRIs in the query), or publish the release to a SPARQL server with `justice-lod publish` and query it there.' },
  JL603: { severity: 'error', title: 'no RDF dumps to load', hint: 'Give dump files (.nt .ttl .nq .trig .jsonld, optionally .gz) or a release folder written by `justice-lod convert`.' },
  JL604: { severity: 'error', title: 'output format does not fit the query form', hint: 'SELECT and ASK print as table, csv, tsv or json; CONSTRUCT and DESCRIBE as table, nt or ttl.' },
  JL611: { severity: 'error', title: 'Graph Store endpoint unreachable', hint: 'Check the --endpoint URL and that the server is running; the upload was retried with backoff. The published graphs were not changed.' },
  JL612: { severity: 'error', title: 'Graph Store request refused', hint: 'The server answered with an error (shown); check the dump and the server log. The published graphs were not changed.' },
  JL613: { severity: 'error', title: 'published triple count differs from the release metadata', hint: 'The staging graph did not hold the VoID triple count, so it was not swapped in; check the server log for rejected triples.' },
  JL614: { severity: 'error', title: 'credentials missing or rejected', hint: 'Set the user and password in the environment variables named by --user-env and --password-env (default JLOD_USER, JLOD_PASSWORD).' },
  JL615: { severity: 'warning', title: 'the triple store altered literals', hint: 'The store rewrote values it was given (Virtuoso, for one, drops the trailing zeros of xsd:decimal and writes xsd:boolean as 1 or 0), so its answers show other lexical forms than the dumps hold. Use a store that keeps lexical forms (Fuseki, Oxigraph, GraphDB), or tell its users; --strict refuses such a publish and leaves the graph as it was.' },
  JL616: { severity: 'error', title: 'the SPARQL endpoint answered with something else than results', hint: 'A query answer was not SPARQL JSON results (often an HTML error page from a proxy or a login page, or XML from a server that ignored Accept). Check --query-endpoint and any proxy on the way; the staging graph was dropped and the published graphs were not changed.' },
  JL621: { severity: 'error', title: 'the server cannot start', hint: 'The message says why: choose a free port with --port (or 0 for any), bind to an address this machine has with --host, or, for a release larger than the embedded store holds, publish it with `justice-lod publish` and serve it with --sparql-endpoint.' },
  JL622: { severity: 'error', title: 'an IRI of the release does not dereference', hint: 'The IRI did not answer 303 See Other and then RDF that describes it. Check the release\'s base (the IRIs must be under it or under the vocabulary\'s space) and that the dump holding the resource is in the release folder.' },
  JL401: { severity: 'error', title: 'too many errors: conversion stopped', hint: 'Fix the first errors and run again, or raise --max-errors.' },
  JL402: { severity: 'error', title: 'output cannot be written', hint: 'Check that the output directory is writable and has space.' },
  JL403: { severity: 'error', title: 'unknown output format', hint: 'Use one of the formats listed in `justice-lod convert --help`.' },
  JL404: { severity: 'info', title: 'outputs not written because the run failed', hint: 'Fix the errors, or pass --fail-on none to write the rows that converted.' },
  JL701: { severity: 'error', title: 'dataset listed twice in the release', hint: 'Each mapping id may appear once in `datasets:`; remove the repeated entry or give the mapping its own id.' },
  JL702: { severity: 'error', title: 'release folder not found or not a release', hint: 'Give a folder written by `justice-lod release` or `convert` (it holds metadata.ttl and the dumps); for `previous:` in a release file, run the previous release first or correct the path.' },
  JL703: { severity: 'error', title: 'release would overwrite its previous release', hint: 'Give the release a new `id`: the output folder out/<id>/ must differ from the previous release\'s folder.' },
  JL704: { severity: 'warning', title: 'mapping base IRI differs from the release base', hint: 'Give the mapping the release\'s `base:` so that every dataset lives under the catalogue\'s IRI space.' },
  JL705: { severity: 'error', title: 'dump cannot be compared', hint: 'Diffs read N-Triples, N-Quads, Turtle or TriG dumps (optionally .gz); convert with one of those formats, or fix the file named.' },
  JL706: { severity: 'info', title: 'release not published because it failed', hint: 'Fix the errors shown; `--publish` only runs after a release with no errors.' },
  JL707: { severity: 'error', title: 'convert would overwrite a release', hint: 'The output folder holds a release written by `justice-lod release`: its catalogue, version links and checksums would no longer match. Run `justice-lod release` with the release file to remake it, or convert into another folder (--out).' },
  JL708: { severity: 'error', title: 'release folder holds something else', hint: 'A release replaces <out>/<id> as a whole, so it only replaces a folder a previous release wrote (it holds .justice-lod-release). Check `out:` and `id:` in the release file, or move the folder away yourself.' },
  JL709: { severity: 'error', title: 'output folder is being written by another run', hint: 'Two runs writing one folder at once would mix their files, so the second is refused. Wait for the other run (its pid is named) to finish, or write to another folder. A lock left by a killed run is taken over by itself.' },
  JL710: { severity: 'error', title: 'release refused: disclosure findings not acknowledged', hint: 'Suppress the cells the warnings name (as [c] in the CSV) and run again, or, where the release may stand with them, add to the release file `acknowledge: [{dataset: <id>, code: <JL8xx>, reason: <why>}]`; the reason is recorded in the metadata.' },
  JL711: { severity: 'warning', title: 'acknowledgement matches no disclosure finding', hint: 'The release file acknowledges a finding that this run did not find (it was fixed, or the dataset id or code is misspelt): remove the entry from `acknowledge:`, or correct it.' },
  JL801: { severity: 'warning', title: 'small count published (primary disclosure)', hint: 'A count from 1 to the threshold − 1 can identify people: publish it as [c] (suppressed) in the CSV, or, where the mapping is wrong about which measures count people, correct `disclosure: counts:`.' },
  JL802: { severity: 'warning', title: 'suppressed cell can be worked out (secondary disclosure)', hint: 'The published totals and cells pin the suppressed cell to an interval narrower than the protection level: suppress one more cell in each total that reveals it, or lower `disclosure: protection:` if the interval is safe.' },
  JL803: { severity: 'warning', title: 'cells do not add up to their total', hint: 'The total differs from the sum of the cells under it by more than `disclosure: tolerance:`: correct the figures, give the tolerance that rounding allows, or check that `disclosure: totals:` names the total code.' },
  JL804: { severity: 'warning', title: 'rate does not agree with its numerator and denominator', hint: 'The published rate differs from numerator ÷ denominator × scale by more than its rounding: correct the figures, or the `disclosure: rates:` entry (scale 100 for percentages).' },
  JL805: { severity: 'info', title: 'cell to suppress (suggested suppression)', hint: 'The cell named should be published as [c]: an unsafe count, or a cell whose publication lets a suppressed cell be worked out. `convert --apply-suppression` writes the dumps with these cells suppressed and records why in the metadata; the CSV is never changed.' },
  JL806: { severity: 'warning', title: 'combination of quasi-identifiers held by fewer than k people', hint: 'In a record-level extract, so few people sharing these characteristics can be singled out: band or merge a quasi-identifier (age bands, regions instead of areas), or leave these rows out of the extract.' },
  JL807: { severity: 'warning', title: 'amount dominated by its largest rows (dominance rule)', hint: 'A total of amounts (fines, compensation) that one or two rows make almost all of tells each of them about the other: publish it as [c] (suppressed) in the CSV, or merge it with a neighbouring cell; where the rule is stricter than your policy, change `disclosure: dominance:`.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export const isCode = (s: string): s is Code => Object.hasOwn(CODES, s);
