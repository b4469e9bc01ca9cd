/**
 * Request headers: building the header record from site settings and per-form overrides, the
 * -origin-user / -origin-user-encoded choice, IP validation, the form group and the stored settings.
 */
import assert from 'node:assert/strict';
import { getEndpoint } from '../../src/chargebee/catalog';
import { encodeParams } from '../../src/chargebee/form-encoding';
import { buildFormModel } from '../../src/forms/model';
import { validateForm } from '../../src/forms/validate-form';
import { emptyValues } from '../../src/forms/values';
import type { RequestHeaderSettings } from '../../src/request-headers/settings';
import { buildRequestHeaders, headerProblem, isIpAddress, parseSettings } from '../../src/request-headers/settings';
import { FLAG_OFF, headerFieldPath, HEADERS_GROUP, requestHeaderErrors, splitRequestHeaders, withRequestHeaderGroup } from '../../src/request-headers/form-group';
import { RequestHeaderStore, type SettingsMemento } from '../../src/request-headers/store';

/** An independent base64 of UTF-8 (TextEncoder + btoa), to check the implementation against. */
function base64Utf8(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

describe('buildRequestHeaders', () => {
  it('sends every setting under its documented header name', () => {
    const headers = buildRequestHeaders({
      eventEmail: true,
      eventWebhook: true,
      eventActions: true,
      businessEntityId: 'be_eu',
      originIp: '203.0.113.7',
      originUser: 'ops@example.com',
      originDevice: 'Android',
    });
    assert.deepEqual(headers, {
      'chargebee-event-email': 'all-disabled',
      'chargebee-event-webhook': 'all-disabled',
      'chargebee-event-actions': 'all-disabled',
      'chargebee-business-entity-id': 'be_eu',
      'chargebee-request-origin-ip': '203.0.113.7',
      'chargebee-request-origin-user': 'ops@example.com',
      'chargebee-request-origin-device': 'Android',
    });
  });

  it('sends a non-ASCII email as base64 of its UTF-8 bytes, under -user-encoded only', () => {
    for (const email of ['jörg@exämple.de', '用户@例子.公司', 'zoë@example.com']) {
      const headers = buildRequestHeaders({ originUser: email });
      assert.equal(headers['chargebee-request-origin-user-encoded'], base64Utf8(email), email);
      assert.equal(Buffer.from(headers['chargebee-request-origin-user-encoded'] ?? '', 'base64').toString('utf8'), email);
      assert.equal(headers['chargebee-request-origin-user'], undefined, `${email} is not also sent plain`);
    }
  });

  it('sends an ASCII email plain, under -user only', () => {
    const headers = buildRequestHeaders({ originUser: '  a.b+c@example.org ' });
    assert.equal(headers['chargebee-request-origin-user'], 'a.b+c@example.org');
    assert.equal(headers['chargebee-request-origin-user-encoded'], undefined);
  });

  it('lets overrides beat site settings, field by field', () => {
    const site: RequestHeaderSettings = { originIp: '198.51.100.1', originDevice: 'web', eventEmail: true, businessEntityId: 'be_us' };
    const headers = buildRequestHeaders(site, { originIp: '2001:db8::1', eventEmail: false, eventWebhook: true });
    assert.equal(headers['chargebee-request-origin-ip'], '2001:db8::1');
    assert.equal(headers['chargebee-request-origin-device'], 'web', 'an unset override keeps the site value');
    assert.equal(headers['chargebee-business-entity-id'], 'be_us');
    // Empty means "unset the site's header": the client drops it (request-headers-client.test.ts checks the wire).
    assert.equal(headers['chargebee-event-email'], '', 'a flag overridden to false is not sent');
    assert.equal(headers['chargebee-event-webhook'], 'all-disabled');
  });

  it('drops empty and blank values, and blank overrides keep the site value', () => {
    assert.deepEqual(buildRequestHeaders({ originIp: '', originDevice: '   ', businessEntityId: '' }), {});
    assert.deepEqual(buildRequestHeaders({}, {}), {});
    assert.deepEqual(buildRequestHeaders({ originDevice: 'iOS' }, { originDevice: '  ' }), { 'chargebee-request-origin-device': 'iOS' });
  });
});

describe('header value checks', () => {
  it('accepts IPv4 and IPv6 addresses', () => {
    for (const ip of ['0.0.0.0', '203.0.113.7', '255.255.255.255', '::', '::1', '2001:db8::1', 'fe80::1:2:3:4', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1', '1:2:3:4:5:6:7::']) {
      assert.ok(isIpAddress(ip), ip);
      assert.equal(headerProblem('originIp', ip), undefined, ip);
    }
  });

  it('refuses what is not an IP address', () => {
    for (const ip of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', 'example.com', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', '12345::', ':::', '::ffff:999.0.2.1', '1::2::3']) {
      assert.ok(!isIpAddress(ip), ip);
      assert.match(headerProblem('originIp', ip) ?? '', /IPv4/, ip);
    }
  });

  it('bounds the business entity id at 50 characters and wants an email for the user', () => {
    assert.equal(headerProblem('businessEntityId', 'x'.repeat(50)), undefined);
    assert.match(headerProblem('businessEntityId', 'x'.repeat(51)) ?? '', /at most 50/);
    assert.match(headerProblem('originUser', 'not an email') ?? '', /email/);
    assert.equal(headerProblem('originUser', 'jörg@exämple.de'), undefined);
    assert.equal(headerProblem('originIp', ''), undefined, 'blank is always allowed');
  });

  it('reads stored settings defensively', () => {
    assert.deepEqual(parseSettings({ eventEmail: 'yes', originIp: 7, originDevice: 'web', junk: true }), { originDevice: 'web' });
    assert.deepEqual(parseSettings(null), {});
  });
});

describe('request headers in a form', () => {
  const spec = withRequestHeaderGroup(getEndpoint('subscriptions.import_unbilled_charges'), { originDevice: 'web', eventEmail: true });
  const model = buildFormModel(spec, { catalogVersion: 2, multiDecimal: false });

  it('adds a "Request headers" section whose fields show the site settings as defaults', () => {
    const section = model.sections.find((s) => s.title === 'Request headers');
    assert.ok(section, 'the section exists');
    const group = section.items[0];
    assert.ok(group?.kind === 'object');
    assert.match(group.fields.find((f) => f.name === 'request_origin_device')?.defaultHint ?? '', /web/);
    assert.match(group.fields.find((f) => f.name === 'event_email')?.defaultHint ?? '', /all-disabled/);
  });

  it('splits the overrides off the body and merges them over the site settings', () => {
    const values = {
      ...emptyValues(),
      path: { subscription_id: 'sub_1' },
      fields: { [headerFieldPath('originIp')]: '192.0.2.10', [headerFieldPath('eventEmail')]: FLAG_OFF, [headerFieldPath('eventWebhook')]: 'all-disabled' },
      rows: { unbilled_charges: [{ date_from: '2024-03-01', date_to: '2024-03-31', entity_type: 'adhoc', amount: '5.00' }] },
    };
    const checked = validateForm(model, values, { currency: 'USD' });
    assert.deepEqual(checked.errors, []);
    const split = splitRequestHeaders(checked.conversion.tree, { originDevice: 'web', eventEmail: true });
    assert.equal(split.body[HEADERS_GROUP], undefined);
    assert.ok(encodeParams(split.body).every(([name]) => !name.startsWith(HEADERS_GROUP)), 'no header reaches the body');
    assert.deepEqual(split.headers, {
      'chargebee-event-email': '',
      'chargebee-event-webhook': 'all-disabled',
      'chargebee-request-origin-ip': '192.0.2.10',
      'chargebee-request-origin-device': 'web',
    });
  });

  it('places header problems on their fields', () => {
    const values = { ...emptyValues(), fields: { [headerFieldPath('originIp')]: '300.1.1.1', [headerFieldPath('originUser')]: 'nobody' } };
    const errors = requestHeaderErrors(validateForm(model, values, { currency: 'USD' }).conversion.tree);
    assert.deepEqual(errors.map((e) => e.field).sort(), [headerFieldPath('originIp'), headerFieldPath('originUser')].sort());
  });
});

describe('RequestHeaderStore', () => {
  class MapMemento implements SettingsMemento {
    readonly data = new Map<string, unknown>();
    get<T>(key: string): T | undefined {
      return this.data.get(key) as T | undefined;
    }
    update(key: string, value: unknown): Thenable<void> {
      this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    }
  }

  it('keeps settings per site, drops blanks and tells listeners', async () => {
    const memento = new MapMemento();
    const store = new RequestHeaderStore(memento);
    const changed: string[] = [];
    store.onDidChange((id) => changed.push(id));
    await store.set('a', { originIp: '192.0.2.1', originDevice: '' });
    await store.set('b', { eventActions: true });
    assert.deepEqual(store.forSite('a'), { originIp: '192.0.2.1' });
    assert.deepEqual(store.forSite('b'), { eventActions: true });
    assert.deepEqual(store.forSite('c'), {});
    await store.set('a', { eventEmail: false });
    assert.deepEqual(store.forSite('a'), {}, 'nothing meaningful left: the entry goes');
    assert.deepEqual(changed, ['a', 'b', 'a']);
    // A second store on the same memento (a reload) sees the same data.
    assert.deepEqual(new RequestHeaderStore(memento).forSite('b'), { eventActions: true });
  });
});
