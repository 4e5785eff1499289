/**
 * The W3C csv2rdf tests our CSVW processor (src/csvw) does not pass yet, each with its reason
 * (issue 22, point 2). test/conformance/csvw.test.ts fails when one of these starts passing
 * (take it off the list) or when a test not listed fails.
 */
export const NOT_PASSED: Readonly<Record<string, string>> = {
  test282: 'LDML number patterns with several grouping separators (`#,##,##00`, `#0.0#,#`): src/csvw/datatypes.ts reads the grouping sizes strictly (primary group of the digits after the last separator), and refuses "1,234" and "12.24,5", which the suite takes as valid; the cells are kept as strings with a warning.',
  test284: 'The same grouping-size reading as test282 (integer grouping with primary and secondary sizes).',
  test285: 'The same grouping-size reading as test282 (grouping in the fraction part).',
};
