/** The words of a level's form in both languages, read from the resolved protocols of the examples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { EXAMPLES_ROOT } from '../modules/folders.ts';
import { fieldTexts } from './form-texts.ts';

const protocolOf = (code: string): ResolvedProtocol =>
  JSON.parse(readFileSync(join(EXAMPLES_ROOT, code, 'generated', 'ir', 'protocol.resolved.json'), 'utf8'))
    .protocol;

const textsOf = (code: string, level: string) => {
  const protocol = protocolOf(code);
  const fields = protocol.levels.find((l) => l.key === level)?.fields ?? [];
  return fieldTexts(protocol, fields);
};

describe('form texts', () => {
  it('gives labels, help, choice labels and vocabulary values in both languages', () => {
    const visit = textsOf('amphibiens_mares', 'visit');
    expect(visit.expertise?.label).toEqual({ fr: 'Expertise', en: 'Expertise' });
    expect(visit.expertise?.choices?.beginner).toEqual({ fr: 'Débutant', en: 'Beginner' });
    expect(visit.end_time?.help?.en).toBe('May be after midnight for a night survey.');
    expect(visit.survey_methods?.choices?.LISTENING).toEqual({
      fr: 'Écoute des chants',
      en: 'Listening for calls',
    });
    // A section heading has its title in both languages, and no choices.
    expect(visit.section_survey).toEqual({ label: { fr: 'Prospection', en: 'Survey' } });
  });

  it('gives a group its sub-fields’ texts', () => {
    const group = textsOf('flore_quadrats', 'visit').strata_cover;
    expect(group?.label.en).toBe('Cover by layer');
    expect(group?.fields?.stratum?.label).toEqual({ fr: 'Strate', en: 'Layer' });
    expect(group?.fields?.stratum?.choices?.shrub).toEqual({ fr: 'Arbustive (> 1 m)', en: 'Shrub (> 1 m)' });
  });

  it('lists only the codes a vocabulary field offers', () => {
    const protocol = protocolOf('amphibiens_mares');
    for (const level of protocol.levels) {
      const texts = fieldTexts(protocol, level.fields);
      for (const field of level.fields) {
        if (field.kind !== 'vocabulary') continue;
        expect(Object.keys(texts[field.key]?.choices ?? {}).sort()).toEqual(
          field.codes
            .filter((c) => protocol.vocabularies.some((v) => v.values.some((x) => x.code === c)))
            .sort(),
        );
      }
    }
  });
});
