/** The small guessers behind the suggestions: folding, dates, decimals, coordinates, taxa, value maps. */
import { describe, expect, it } from 'vitest';
import { guessDateFormat, guessDecimalSeparator, guessNullValues } from './conventions.ts';
import { fold } from './fold.ts';
import { guessSrid, guessWktSrid } from './geometry.ts';
import { guessTaxonBy } from './taxon.ts';
import { codeForText, suggestBooleanMap } from './value-maps.ts';

describe('suggestion guessers', () => {
  it('folds accents, case, spaces and underscores away', () => {
    expect(fold(' Date_Début ')).toBe('datedebut');
    expect(fold('NOM-GÎTE')).toBe(fold('nom gite'));
    expect(fold('Œuf')).toBe('oeuf');
  });

  it('reads the date format from the values, day first when nothing settles it', () => {
    expect(guessDateFormat(['2025-03-02', '2025-03-09T10:00:00Z'])).toBe('yyyy-mm-dd');
    expect(guessDateFormat(['02/03/2025', '13/03/2025'])).toBe('dd/mm/yyyy');
    expect(guessDateFormat(['03/13/2025', '03/02/2025'])).toBe('mm/dd/yyyy');
    expect(guessDateFormat(['02/03/2025'])).toBe('dd/mm/yyyy');
    expect(guessDateFormat(['2.3.2025', '45712'])).toBe('dd.mm.yyyy');
    expect(guessDateFormat(['45712'])).toBeUndefined();
    expect(guessDateFormat(['hier'])).toBeUndefined();
  });

  it('reads the decimal separator and the "no value" words', () => {
    expect(guessDecimalSeparator(['12', '3,5'])).toBe(',');
    expect(guessDecimalSeparator(['12', '3.5'])).toBe('.');
    expect(guessDecimalSeparator(['12'])).toBeUndefined();
    expect(guessNullValues(['NA', 'x', '-', ''])).toEqual(['NA', '-']);
  });

  it('tells Lambert-93 from degrees, and says when neither fits', () => {
    expect(guessSrid([['857000,5', '6390000']])).toEqual({ srid: 2154, recognised: true });
    expect(
      guessSrid([
        ['857000', '6390000'],
        ['', ''],
        [' ', '6390000'],
      ]),
    ).toEqual({ srid: 2154, recognised: true });
    expect(guessSrid([['5.21', '45.93']])).toEqual({ srid: 4326, recognised: true });
    expect(guessSrid([['500', '500000']])).toEqual({ srid: 4326, recognised: false });
    expect(guessWktSrid(['POINT(857000 6390000)'])).toEqual({ srid: 2154, recognised: true });
    expect(guessWktSrid(['SRID=3857;POINT(1 2)'])).toEqual({ srid: 3857, recognised: true });
  });

  it('tells taxon codes, scientific and vernacular names apart', () => {
    expect(guessTaxonBy('Espèce', ['60479', '79303'])).toBe('cd_nom');
    expect(guessTaxonBy('cd_nom', [])).toBe('cd_nom');
    expect(guessTaxonBy('taxon', ['Myotis myotis (Borkhausen, 1797)', 'Bufo bufo'])).toBe('scientific_name');
    expect(guessTaxonBy('taxon', ['Grand murin', 'Crapaud commun'])).toBe('vernacular_name');
    expect(guessTaxonBy('nom_vern', ['Grand murin'])).toBe('vernacular_name');
    expect(guessTaxonBy('taxon', ['Bufo bufo', '60479'])).toBe('auto');
  });

  it('maps provider texts to codes only when exactly one code fits', () => {
    const sex = [
      { code: '2', label: { fr: 'Femelle' } },
      { code: '3', label: { fr: 'Mâle' } },
      { code: '5', label: { fr: 'Mixte' } },
    ];
    expect(codeForText('m', sex)).toBe('3');
    expect(codeForText('FEMELLE', sex)).toBe('2');
    expect(codeForText('mix', sex)).toBe('5');
    expect(codeForText('?', sex)).toBeUndefined();
    expect(suggestBooleanMap(['Oui', 'non', 'peut-être', 'true'])).toEqual({
      values: { Oui: 'true', non: 'false' },
      unmapped: ['peut-être'],
    });
  });
});
