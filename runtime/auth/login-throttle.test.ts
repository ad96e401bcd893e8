/**
 * Login throttling through the server's app, on both engines: five failures of one login from one
 * address, or twenty from one address, bring 429 + Retry-After until the window passes, while the
 * owner signs in from elsewhere; many failures of one login from many addresses only slow it down; a
 * success clears that login's counter from that address; the counters live in the database, so a new
 * app on the same database (a restart) still throttles.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { createApp } from '../server/app.ts';
import { request, serverApp } from './auth.test-helpers.ts';
import { clientAddress, parseTrustProxy } from './client-address.ts';
import { LOGIN_THROTTLE, slowDownMs } from './login-throttle.ts';

const login = (app: Hono, name: string, password: string, address: string) =>
  request(app, 'POST', '/api/auth/login', { login: name, password }, { 'x-forwarded-for': address });

/** `n` failed logins in parallel (a burst must be counted like a sequence). */
const fail = (app: Hono, name: string | ((i: number) => string), n: number, address: (i: number) => string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      login(app, typeof name === 'string' ? name : name(i), 'wrong password', address(i)),
    ),
  );

describe.each(runtimeEngines())('login throttling on $name', (engine) => {
  let db: Database;
  let app: Hono;

  beforeAll(async () => {
    // One proxy of ours in front: the tests choose each request's address through X-Forwarded-For.
    process.env.TRUST_PROXY = '1';
    try {
      ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
  afterAll(async () => db?.close());

  it('refuses the sixth attempt on one login from one address with 429 and Retry-After, even across a restart', async () => {
    const attacker = '10.0.1.66';
    const answers = await fail(app, 'partenaire.cen', 5, () => attacker);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const refused = await login(app, 'partenaire.cen', 'suivi-cen', attacker);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(LOGIN_THROTTLE.windowSeconds - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.windowSeconds);
    expect(refused.json).toMatchObject([{ code: 'too_many_attempts', retry_after: retryAfter }]);
    expect(refused.json[0]?.message).toMatch(/réessayez dans 15 min/);
    // Another spelling of the login shares the counter.
    expect((await login(app, 'Partenaire.CEN', 'x', attacker)).status).toBe(429);

    process.env.TRUST_PROXY = '1';
    try {
      const restarted = createApp({ db, modules: [], logError: () => {} });
      expect((await login(restarted, 'partenaire.cen', 'suivi-cen', attacker)).status).toBe(429);
    } finally {
      delete process.env.TRUST_PROXY;
    }

    // The owner, from another address, still signs in, and that does not reset the attacker's lockout.
    expect((await login(app, 'partenaire.cen', 'suivi-cen', '10.0.1.10')).status).toBe(200);
    expect((await login(app, 'partenaire.cen', 'suivi-cen', attacker)).status).toBe(429);

    // Refused attempts are not counted: once the failures are 15 minutes old, the login works again.
    await db.query(
      `UPDATE suivi.login_attempt SET attempted_at = attempted_at - interval '15 minutes'
        WHERE login = 'partenaire.cen'`,
    );
    expect((await login(app, 'partenaire.cen', 'suivi-cen', attacker)).status).toBe(200);
  });

  it('clears the counter of that login from that address on success', async () => {
    const address = '10.0.2.1';
    await fail(app, 'partenaire.chiro', 4, () => address);
    expect((await login(app, 'partenaire.chiro', 'suivi-chiro', address)).status).toBe(200);
    const again = await fail(app, 'partenaire.chiro', 5, () => address);
    expect(again.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect((await login(app, 'partenaire.chiro', 'suivi-chiro', address)).status).toBe(429);
    await db.query(`DELETE FROM suivi.login_attempt WHERE login = 'partenaire.chiro'`);
  });

  it('limits one address trying many logins, whatever the logins', async () => {
    const spraying = '192.0.2.7';
    await fail(
      app,
      (i) => `nobody.${i}`,
      LOGIN_THROTTLE.perAddress - 1,
      () => spraying,
    );
    // Below the address limit, its own failures (none for admin) are all that count.
    expect((await login(app, 'admin', 'suivi-admin', spraying)).status).toBe(200);
    await fail(app, 'nobody.last', 1, () => spraying);
    const sameAddress = await login(app, 'admin', 'suivi-admin', spraying);
    expect(sameAddress.status).toBe(429);
    expect(Number(sameAddress.headers.get('retry-after'))).toBeGreaterThan(0);
    // The proxy appends the address it saw: what the client wrote further left is ignored.
    expect((await login(app, 'admin', 'suivi-admin', `${spraying}, 192.0.2.8`)).status).toBe(200);
  });

  it('slows down, never locks out, a login guessed from many addresses', async () => {
    const n = LOGIN_THROTTLE.slowLoginAfter + 2;
    const answers = await fail(app, 'admin', n, (i) => `198.18.0.${i + 1}`);
    expect(answers.every((a) => a.status === 401)).toBe(true);
    const expected = slowDownMs(n, LOGIN_THROTTLE);
    expect(expected).toBe(3 * LOGIN_THROTTLE.slowStepMs);
    const started = Date.now();
    const owner = await login(app, 'admin', 'suivi-admin', '198.18.1.1');
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(expected - 50);
    await db.query(`DELETE FROM suivi.login_attempt WHERE login = 'admin'`);
  });

  it('keeps the table to the window: older rows go with the next attempt', async () => {
    await db.query(
      `INSERT INTO suivi.login_attempt (login, address, attempted_at)
       VALUES ('old.one', '198.51.100.1', now() - interval '1 day')`,
    );
    await login(app, 'someone', 'wrong', '198.51.100.2');
    const { rows } = await db.query(`SELECT 1 FROM suivi.login_attempt WHERE login = 'old.one'`);
    expect(rows).toHaveLength(0);
  });

  it('uses the socket’s address on the Node server, ignoring X-Forwarded-For without TRUST_PROXY', async () => {
    const direct = createApp({ db, modules: [], logError: () => {} });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: direct.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const post = (name: string, password: string, spoofed: string) =>
        fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': spoofed },
          body: JSON.stringify({ login: name, password }),
        });
      // Each spoofed X-Forwarded-For names another address: ignored, the socket's is the one counted.
      const statuses = await Promise.all(
        Array.from({ length: 5 }, (_, i) => post('admin', 'x', `203.0.113.${i}`).then((r) => r.status)),
      );
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const refused = await post('admin', 'suivi-admin', '203.0.113.200');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await db.query(`DELETE FROM suivi.login_attempt WHERE address = '127.0.0.1' OR login = 'admin'`);
    }
  });
});

describe('TRUST_PROXY', () => {
  it('reads false, true and a number of proxies, and refuses anything else', () => {
    expect([undefined, '', '0', 'false'].map(parseTrustProxy)).toEqual([0, 0, 0, 0]);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(() => parseTrustProxy('yes')).toThrow(/TRUST_PROXY=yes/);
  });

  it('takes the n-th X-Forwarded-For entry from the right, and none when not trusted', async () => {
    const app = new Hono();
    app.get('/:n', (c) => c.text(clientAddress(c, Number(c.req.param('n'))) ?? '(none)'));
    const seen = async (n: number) =>
      (await app.request(`/${n}`, { headers: { 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 3.3.3.3' } })).text();
    expect(await seen(0)).toBe('(none)');
    expect(await seen(1)).toBe('3.3.3.3');
    expect(await seen(2)).toBe('2.2.2.2');
    expect(await seen(9)).toBe('1.1.1.1');
  });
});
