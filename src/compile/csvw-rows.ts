/**
 * CSVW standard mode in the streaming plan (csv2rdf §4.2): the table group and the table,
 * described before the rows; each row as a csvw:Row that says its number, its place in the
 * file, its titles and what it describes; the file's comment lines and skipped rows as the
 * table's comments. Blank nodes are labelled by their order, so a rerun writes the same bytes.
 */
import type { BlankNode, Literal, NamedNode, Quad } from '@rdfjs/types';
import type { Quad as N3Quad } from 'n3';
import { N3Factory } from '../rdf/n3-factory.js';
import { CSVW } from '../csvw/context.js';
import { describeGroup, describeTable } from '../csvw/to-rdf.js';
import type { CsvwCells } from '../mapping/model.js';
import { NS } from '../rdf/ns.js';
import { blankNode, iri, literal } from '../rdf/term.js';
import type { CsvwCellReader } from './csvw-cells.js';

const C = (local: string): NamedNode => iri(`${CSVW}${local}`);
const TYPE = iri(`${NS.rdf}type`);
const INTEGER = iri(`${NS.xsd}integer`);
const [ROW, ROW_CLASS, ROWNUM, URL_, TITLE, DESCRIBES] = [C('row'), C('Row'), C('rownum'), C('url'), C('title'), C('describes')];

export class StandardRows {
  private readonly table: NamedNode | BlankNode;
  private count = 0;

  constructor(private readonly cells: CsvwCellReader, private readonly csvw: CsvwCells) {
    this.table = csvw.table.id ? iri(csvw.table.id) : blankNode('table');
  }

  headerQuads(): Quad[] {
    const { group } = this.csvw.standard!;
    const { table } = this.csvw;
    const out: N3Quad[] = [];
    const g = group.id ? N3Factory.namedNode(group.id) : N3Factory.blankNode('group');
    const t = this.table.termType === 'NamedNode' ? N3Factory.namedNode(this.table.value) : N3Factory.blankNode(this.table.value);
    describeGroup(out, g, group);
    describeTable(out, g, t, table, group);
    return out as unknown as Quad[];
  }

  private readonly comments: string[] = [];

  /** A comment line or skipped row of the file; empty ones say nothing. */
  comment(text: string): void {
    if (text !== '') this.comments.push(text);
  }

  /** The file's comments about the table (rdfs:comment), written after the rows. */
  commentQuads(): Quad[] {
    const comment = iri(`${NS.rdfs}comment`);
    return this.comments.map((c) => N3Factory.quad(this.table as never, comment as never, literal(c) as never) as unknown as Quad);
  }

  /** Describes one row (`line`: 0-based, where its record starts); returns the triples written. */
  describe(emit: (s: NamedNode | BlankNode, p: NamedNode, o: NamedNode | BlankNode | Literal) => void, line: number, cells: readonly string[], described: readonly (NamedNode | BlankNode)[]): number {
    const n = ++this.count;
    const row = blankNode(`row${n}`);
    emit(this.table, ROW, row);
    emit(row, TYPE, ROW_CLASS);
    emit(row, ROWNUM, literal(String(n), INTEGER));
    emit(row, URL_, iri(`${this.csvw.table.url}#row=${line + 1}`));
    let written = 4;
    for (const title of this.cells.titles(cells)) {
      emit(row, TITLE, title);
      written++;
    }
    for (const d of described) emit(row, DESCRIBES, d);
    return written + described.length;
  }
}
