/**
 * SINP vocabulary values a protocol names in French only get ref.vocabulary's English, on PGlite and
 * (with DATABASE_URL) PostgreSQL; the protocol's own English is kept, and values without an English
 * name stay French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { openSetUpDatabase } from '../records/records.test-helpers.ts';
import { fieldTexts } from './form-texts.ts';
import { englishLabels, vocabularyTypes, withEnglish } from './vocabulary-english.ts';

describe.each(runtimeEngines())('vocabulary values in English on $name', (engine) => {
  let db: Database;
  let plan: ModulePlan;

  beforeAll(async () => {
    let modules: Map<string, ModulePlan>;
    ({ db, modules } = await openSetUpDatabase(engine));
    plan = modules.get('amphibiens_mares') as ModulePlan;
    await db.query("UPDATE ref.vocabulary SET label_en = 'Seen' WHERE type = 'METH_OBS' AND code = '0'");
    await db.query(
      "UPDATE ref.vocabulary SET label_en = 'Other' WHERE type = 'AMPHI_WATER_BODY' AND code = 'POND'",
    );
  });

  afterAll(async () => {
    await db?.close();
  });

  it('fills the English the protocol lacks from ref.vocabulary, never over the protocol’s own', async () => {
    const protocol = plan.protocol;
    for (const key of ['observation', 'site']) {
      const level = protocol.levels.find((l) => l.key === key);
      if (!level) throw new Error(`no level ${key}`);
      const types = vocabularyTypes(level.fields);
      const texts = withEnglish(
        level.fields,
        fieldTexts(protocol, level.fields),
        await englishLabels(db, types),
      );
      if (key === 'observation') {
        expect(types).toContain('METH_OBS');
        expect(texts.detection_method?.choices?.['0']).toEqual({ fr: 'Vu', en: 'Seen' });
        // No English in the table either: French it stays (the client shows the French).
        expect(texts.detection_method?.choices?.['1']).toEqual({ fr: 'Entendu' });
      } else {
        expect(texts.water_body_type?.choices?.POND).toEqual({ fr: 'Mare', en: 'Pond' });
      }
    }
  });

  it('asks nothing for a level without vocabularies', async () => {
    expect((await englishLabels(db, [])).size).toBe(0);
  });
});
