/** Where a violation is: `<node> path = value`, as every report prints it. */
export const violationAt = (v: Violation): string => `<${v.focus}>${v.path ? ` ${v.path}` : ''}${v.value ? ` = ${v.value}` : ''}`;

/** One broken rule at one node: what the reports (text, JSON, SARIF, sh:ValidationReport) show. */
export interface Violation {
  /** IC-1 … IC-21, or a shape or business-rule id such as `rule:reoffenders-le-offenders`. */
  readonly rule: string;
  readonly title: string;
  readonly severity: 'error' | 'warning';
  /** The node the rule is about, usually an observation IRI. */
  readonly focus: string;
  readonly path?: string;
  readonly value?: string;
  readonly message: string;
  /** Where an observation came from in the CSV, when known (line 1-based). */
  readonly source?: { readonly file: string; readonly line: number; readonly column?: string };
  /** Why a finding on an observation could not be traced to its CSV line, when it could not. */
  readonly untraced?: string;
}

/** Each broken rule once per node and path (two constraints of one rule may both fail). */
export function once(violations: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const id = `${v.rule}\u0001${v.focus}\u0001${v.path ?? ''}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}
