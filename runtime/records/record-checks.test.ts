/**
 * Record checks and parent-valued defaults through the record API, on PGlite and (with DATABASE_URL)
 * PostgreSQL (oiseaux_points_ecoute v2): a failed check is a 422 `check` at its first field with its id
 * and its message in the request's language; a check reading an ancestor is the server's; one reading
 * only the record is also the table's CHECK constraint, which holds for SQL written by hand.
 */
import { describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { problems, seededApi } from './seeded-api.test-helpers.ts';

const BIRDS = '/api/modules/oiseaux_points_ecoute';

describe.each(runtimeEngines())('record checks on $name', (engine) => {
  const api = seededApi(engine);
  const { call, like, find } = api;

  /** A new listening point whose known habitat is `habitat`, and a first passage body under it. */
  async function pointWithHabitat(habitat: string | null, number: number) {
    const point = find('site', (b) => b.point_number);
    const site = await call(
      'POST',
      `${BIRDS}/site`,
      like(point.id, { point_number: number, point_habitat: habitat }),
    );
    expect(site.status, site.text).toBe(201);
    const passage = find('visit', (b) => b.habitat_primary);
    const { habitat_primary: _h, ...body } = like(passage.id, { site_id: site.json.id });
    return body;
  }

  it('fills a field from the parent on create, when absent or sent empty, never on update', async () => {
    const body = await pointWithHabitat('B', 5);
    const absent = await call('POST', `${BIRDS}/visit`, body);
    expect(absent.status, absent.text).toBe(201);
    expect(absent.json.habitat_primary).toBe('B');
    const empty = await call('POST', `${BIRDS}/visit`, { ...body, habitat_primary: null });
    expect(empty.json.habitat_primary).toBe('B');
    const own = await call('POST', `${BIRDS}/visit`, { ...body, habitat_primary: 'B' });
    expect(own.json.habitat_primary).toBe('B');
    // An update keeps what is sent: emptied, it is required (the first passage describes its habitat).
    const put = await call('PUT', `${BIRDS}/visit/${absent.json.id}`, {
      ...absent.json,
      habitat_primary: null,
    });
    expect(problems(put)).toEqual(['/habitat_primary required']);
  });

  it('refuses a record failing a check that reads its parent, at the listed field, in both languages', async () => {
    const body = await pointWithHabitat('B', 6);
    const res = await call('POST', `${BIRDS}/visit`, { ...body, habitat_primary: 'C' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual([
      {
        path: '/habitat_changed',
        code: 'check',
        check_id: 'habitat_change_ticked',
        message:
          "L'habitat principal diffère de celui du point : cochez « Habitat modifié depuis l'an dernier ».",
        messages: {
          fr: "L'habitat principal diffère de celui du point : cochez « Habitat modifié depuis l'an dernier ».",
          en: "The main habitat differs from the point's: tick “Habitat changed since last year”.",
        },
      },
    ]);
    const english = await api.app.request(`${BIRDS}/visit`, {
      method: 'POST',
      body: JSON.stringify({ ...body, habitat_primary: 'C' }),
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
    });
    const [problem] = (await english.json()) as Array<{ message: string }>;
    expect(problem?.message).toBe(
      "The main habitat differs from the point's: tick “Habitat changed since last year”.",
    );
    const ticked = await call('POST', `${BIRDS}/visit`, {
      ...body,
      habitat_primary: 'C',
      habitat_changed: true,
      habitat_notes: 'Prairie retournée',
    });
    expect(ticked.status, ticked.text).toBe(201);
    // No known habitat on the point: nothing to differ from.
    const unknown = await pointWithHabitat(null, 8);
    expect((await call('POST', `${BIRDS}/visit`, { ...unknown, habitat_primary: 'C' })).status).toBe(201);
  });

  it('reports a check on the record as a whole at path "", and several checks at once', async () => {
    const robin = find('observation', (b) => b.detection);
    const none = { count_lt25: 0, count_25_100: 0, count_gt100: 0, count_flying: 0 };
    const res = await call('POST', `${BIRDS}/observation`, like(robin.id, { ...none, juveniles_seen: true }));
    expect(problems(res)).toEqual([' check']);
    expect(res.json[0]).toMatchObject({ check_id: 'juveniles_counted' });
    const body = await pointWithHabitat('B', 9);
    const both = await call('POST', `${BIRDS}/visit`, {
      ...body,
      habitat_primary: 'C',
      habitat_changed: false,
      habitat_notes: null,
    });
    expect(problems(both)).toEqual(['/habitat_changed check']);
    const notes = await call('POST', `${BIRDS}/visit`, {
      ...body,
      habitat_primary: 'B',
      habitat_changed: true,
      habitat_notes: 'haie TODO',
    });
    expect(notes.json).toMatchObject([{ path: '/habitat_notes', code: 'check', check_id: 'notes_finished' }]);
  });

  it('holds a check that reads only the record in the database too, for SQL written by hand', async () => {
    const body = await pointWithHabitat('B', 10);
    const created = await call('POST', `${BIRDS}/visit`, {
      ...body,
      habitat_changed: true,
      habitat_notes: 'Haie arrachée',
    });
    expect(created.status, created.text).toBe(201);
    const update = (notes: string) =>
      api.db.query('UPDATE oiseaux_points_ecoute.visit SET habitat_notes = $1 WHERE id = $2', [
        notes,
        created.json.id,
      ]);
    await expect(update('TODO')).rejects.toThrow(/ck_visit_notes_finished/);
    // strpos is case-sensitive, as includes() is.
    await expect(update('todo')).resolves.toBeDefined();
  });
});
