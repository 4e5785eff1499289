import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/compile/period.js';

const R = 'http://reference.data.gov.uk/id/';

describe('parsePeriod', () => {
  it.each([
    ['2010', 'year/2010'],
    ['2010 Q2 (Apr-Jun)', 'quarter/2010-Q2'],
    ['2017 Q4', 'quarter/2017-Q4'],
    ['2019-Q3', 'quarter/2019-Q3'],
    ['2019Q3', 'quarter/2019-Q3'],
    ['2019-3', 'quarter/2019-Q3'],
    ['2011 1', 'quarter/2011-Q1'],
    ['Q1 2020', 'quarter/2020-Q1'],
    ['2019/20', 'government-year/2019-2020'],
    ['2016-17', 'government-year/2016-2017'],
    ['2010-2011', 'government-year/2010-2011'],
    ['1999/00', 'government-year/1999-2000'],
    ['Apr 2009-Mar 2010', 'government-year/2009-2010'],
    ['Apr 2019-Mar 2020(1)', 'government-year/2019-2020'],
    ['April 2013 to March 2014', 'government-year/2013-2014'],
    ['Jan - Mar 2020', 'quarter/2020-Q1'],
    ['Apr - Jun 2019', 'quarter/2019-Q2'],
    ['Oct-Dec 2015', 'quarter/2015-Q4'],
    ['Jan-Dec 2016', 'year/2016'],
    ['Jan-Jun 2016', 'half/2016-H1'],
    ['Oct 2015-Sep 2016', 'gregorian-interval/2015-10-01T00:00:00/P1Y'],
    ['year ending June 2023', 'gregorian-interval/2022-07-01T00:00:00/P1Y'],
    ['Year ending March 2023', 'government-year/2022-2023'],
    ['year ending December 2022', 'year/2022'],
    ['1 January 2011 – 31 December 2011', 'year/2011'],
    ['1 July 2009 - 30 June 2010', 'gregorian-interval/2009-07-01T00:00:00/P1Y'],
    ['Jan 2020', 'month/2020-01'],
    ['2020-02-29', 'day/2020-02-29'],
  ])('%s → %s', (label, path) => {
    expect(parsePeriod(label)?.iri).toBe(`${R}${path}`);
  });

  it.each(['', 'Someday', '2019 Q5', '2019/22', 'Mar-Jan', '13 months ending', '1 January 2011 - 30 December 2011'])('rejects %j', (label) => {
    expect(parsePeriod(label)).toBeUndefined();
  });

  it('keeps keys short and distinct per interval kind', () => {
    expect(parsePeriod('2010')?.key).toBe('2010');
    expect(parsePeriod('2010 Q2')?.key).toBe('2010-Q2');
    expect(parsePeriod('2019/20')?.key).toBe('2019-2020');
    expect(parsePeriod('year ending June 2023')?.key).toBe('2022-07-01P1Y');
  });

  it('enforces a requested style', () => {
    expect(parsePeriod('2010 Q2', 'year')).toBeUndefined();
    expect(parsePeriod('2019/20', 'quarter')).toBeUndefined();
    expect(parsePeriod('2019/20', 'government-year')?.iri).toBe(`${R}government-year/2019-2020`);
    expect(parsePeriod('Apr 2009-Mar 2010', 'interval')?.kind).toBe('government-year');
  });

  it.each([
    ['2019-04-01 quarter', 'quarter/2019-Q2'], ['2019-04-01 Quarterly', 'quarter/2019-Q2'], ['2019-01-01 annual', 'year/2019'],
    ['2019-04-01 year', 'government-year/2019-2020'], ['2019-07-01 year', 'gregorian-interval/2019-07-01T00:00:00/P1Y'],
    ['2019-04-06 week', 'gregorian-interval/2019-04-06T00:00:00/P7D'], ['2019-04-01 18 months', 'gregorian-interval/2019-04-01T00:00:00/P18M'],
    ['01/04/2019', 'day/2019-04-01'], ['1/4/2019 month', 'month/2019-04'],
  ])('reads a start date and a unit: %j → %s', (label, path) => expect(parsePeriod(label)?.iri).toBe(`${R}${path}`));

  it.each(['31/02/2019', '2019-04-02 month', '2019-13-01', '2019-04-01 fortnight'])('refuses %j (no such date, or no whole months from it)', (label) =>
    expect(parsePeriod(label)).toBeUndefined());

  it('reads a bare year as the 12 months to the month it ends in', () => {
    expect(parsePeriod('2019', 'year', 3)?.iri).toBe(`${R}government-year/2018-2019`);
    expect(parsePeriod('2019', 'auto', 6)?.iri).toBe(`${R}gregorian-interval/2018-07-01T00:00:00/P1Y`);
    expect(parsePeriod('2019', 'year', 12)?.iri).toBe(`${R}year/2019`);
    // A label that says its own span keeps it.
    expect(parsePeriod('2019/20', 'year', 3)?.iri).toBe(`${R}government-year/2019-2020`);
  });
});
