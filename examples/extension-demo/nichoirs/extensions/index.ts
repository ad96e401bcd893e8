/**
 * The extension of the nichoirs_demo module (docs/generators.md#extension-points), loaded because it
 * sits in `extensions/` beside the module's `generated/` folder:
 * - `GET /api/modules/nichoirs_demo/x/site-summary`: per bat box, its visit count, last visit and first
 *   occupation, for the boxes the actor may read (R grant, within its scope), from the summary table the
 *   custom generator `site_summary` adds (../../generators/site-summary.ts);
 * - hooks on `visit`: before a create, a check no rule can make (a visit before the box was put up
 *   cannot be, and the box is another record); after it, the first occupation noted in the summary.
 */
import { defineExtension, HookRefusal, type SuiviExtension } from '../../../../runtime/extensions/index.ts';
import type { NichoirsDemoDatabase, Records } from '../generated/types/nichoirs_demo.ts';

/** The table the custom generator adds (site_summary/001-table.sql), beside the generated ones. */
interface SiteSummaryRow {
  site_id: string;
  visit_count: number;
  last_visit_date: string | null;
  first_occupied_on: string | null;
  first_occupied_by: string | null;
}

export type Database = NichoirsDemoDatabase & { 'nichoirs_demo.site_summary': SiteSummaryRow };

const extension: SuiviExtension<Database, Records> = defineExtension<Database, Records>({
  routes(x) {
    x.app.get('/site-summary', async (c) => {
      const grant = x.requireAction(c, 'R');
      const sites = await x.db
        .selectFrom('nichoirs_demo.site as s')
        .leftJoin('nichoirs_demo.site_summary as m', 'm.site_id', 's.id')
        .select([
          's.id as site_id',
          's.base_site_name as name',
          'm.visit_count',
          'm.last_visit_date',
          'm.first_occupied_on',
        ])
        .where(grant.where('s'))
        .orderBy('s.base_site_name')
        .orderBy('s.id')
        .execute();
      return c.json({ sites: sites.map((s) => ({ ...s, visit_count: s.visit_count ?? 0 })) });
    });
  },
  hooks: {
    visit: {
      async beforeCreate({ tx, data }) {
        const site = await tx
          .selectFrom('nichoirs_demo.site')
          .select('first_use_date')
          .where('id', '=', data.site_id)
          .executeTakeFirst();
        // Dates are 'YYYY-MM-DD' text (runtime/db/value-parsers.ts): their order is the calendar's.
        if (site?.first_use_date && data.visit_date_min < site.first_use_date)
          throw new HookRefusal('/visit_date_min', 'before_first_use', {
            fr: `Le contrôle ne peut pas précéder la pose du gîte (${site.first_use_date}).`,
            en: `The check cannot come before the box was put up (${site.first_use_date}).`,
          });
      },
      async afterCreate({ tx, record, actor }) {
        if (record.bats_count === 0) return;
        // The trigger has already counted this visit in the same transaction: the row exists.
        await tx
          .updateTable('nichoirs_demo.site_summary')
          .set({ first_occupied_on: record.visit_date_min, first_occupied_by: actor.userId })
          .where('site_id', '=', record.site_id)
          .where('first_occupied_on', 'is', null)
          .execute();
      },
    },
  },
});

export default extension;
