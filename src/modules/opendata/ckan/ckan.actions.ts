/**
 * The catalogue's CKAN actions (status_show, package_*, resource_*, organization_*, group_*, tag_list, the activity
 * stream), over the open-data service. Parameters arrive as CKAN sends them (strings from a query string, JSON
 * values from a POST body).
 */
import type { Db } from '../../../platform/db/client';
import type { Actor } from '../../../platform/auth/actor';
import { orgNameOfCode } from '../../../shared/opendata/licences';
import { CkanError, type CkanActionContext, type CkanActionDef } from './action';
import { intParam, publisherOfCaller, type OpendataService } from '../opendata.service';

const bool = (v: unknown) => v === true || v === 'true' || v === 'True' || v === '1';
const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const required = (params: Record<string, unknown>, key: string): string => {
  const v = text(params[key]).trim();
  if (!v) throw new CkanError('Validation Error', 'Thiếu tham số / Missing value', { [key]: ['Missing value'] });
  return v;
};
const publisher = (ctx: CkanActionContext) => (ctx.caller ? publisherOfCaller(ctx.caller) : null);
const actorOf = (ctx: CkanActionContext): Actor => ({ accountId: ctx.caller?.accountId ?? null, kind: 'officer', role: null, agencyId: null, requestId: 'ckan-api' });

export function catalogueActions(db: Db, svc: OpendataService, site: { title: string; version: string }): CkanActionDef[] {
  const write = <T>(ctx: CkanActionContext, fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) => db.transaction(fn);
  return [
    {
      name: 'status_show',
      write: false,
      help: 'Return a dictionary with information about the site’s configuration.',
      async handler(_p, ctx) {
        return { site_title: site.title, site_description: 'Cổng dữ liệu mở MotCua / MotCua open-data portal', site_url: ctx.baseUrl, ckan_version: '2.11.0', motcua_version: site.version, error_emails_to: null, locale_default: 'vi', extensions: ['datastore', 'dcat'] };
      },
    },
    {
      name: 'package_list',
      write: false,
      help: 'Return a list of the names of the site’s datasets (packages).',
      async handler(p) {
        return svc.packageList(p.limit === undefined ? undefined : intParam(p.limit, 'limit', 0), intParam(p.offset, 'offset', 0));
      },
    },
    {
      name: 'package_search',
      write: false,
      help: 'Searches for packages satisfying a given search criteria (q, fq, rows, start, sort, facet.field, include_private).',
      handler: (p, ctx) => svc.search(p, publisher(ctx)),
    },
    {
      name: 'package_show',
      write: false,
      help: 'Return the metadata of a dataset (package) and its resources.',
      handler: (p, ctx) => svc.packageShow(required(p, 'id'), publisher(ctx)),
    },
    {
      name: 'resource_show',
      write: false,
      help: 'Return the metadata of a resource.',
      handler: (p, ctx) => svc.resourceShow(required(p, 'id'), publisher(ctx)),
    },
    {
      name: 'organization_list',
      write: false,
      help: 'Return a list of the names of the site’s organizations (all_fields for full dictionaries).',
      async handler(p) {
        const counts = await svc.countsByAgency();
        const all = (await agenciesSorted(svc)).filter((a) => a.active);
        const allFields = bool(p.all_fields);
        const limit = p.limit === undefined ? all.length : intParam(p.limit, 'limit', 0);
        const page = all.slice(intParam(p.offset, 'offset', 0)).slice(0, limit);
        return allFields ? page.map((a) => ({ ...svc.orgDict(a), package_count: counts.get(a.id) ?? 0, display_name: a.name })) : page.map((a) => orgNameOfCode(a.code));
      },
    },
    {
      name: 'organization_show',
      write: false,
      help: 'Return the details of an organization (include_datasets for its public datasets).',
      async handler(p, ctx) {
        const org = await svc.orgOf(required(p, 'id'));
        if (!org) throw new CkanError('Not Found Error', 'Không tìm thấy tổ chức / Organization not found');
        const counts = await svc.countsByAgency();
        const out: Record<string, unknown> = { ...svc.orgDict(org), display_name: org.name, package_count: counts.get(org.id) ?? 0, users: [], extras: [], tags: [], groups: [] };
        if (bool(p.include_datasets)) out.packages = (await svc.search({ fq: `owner_org:${org.id}`, rows: 1000, sort: 'name asc' }, publisher(ctx))).results;
        return out;
      },
    },
    {
      name: 'group_list',
      write: false,
      help: 'Return a list of the names of the site’s groups (all_fields for full dictionaries).',
      async handler(p) {
        const groups = await svc.groups();
        const counts = await svc.countsByGroup();
        return bool(p.all_fields) ? groups.map((g) => svc.groupDict(g, counts.get(g.name) ?? 0)) : groups.map((g) => g.name);
      },
    },
    {
      name: 'group_show',
      write: false,
      help: 'Return the details of a group (include_datasets for its public datasets).',
      async handler(p, ctx) {
        const id = required(p, 'id');
        const g = (await svc.groups()).find((x) => x.id === id || x.name === id);
        if (!g) throw new CkanError('Not Found Error', 'Không tìm thấy nhóm / Group not found');
        const counts = await svc.countsByGroup();
        const out: Record<string, unknown> = { ...svc.groupDict(g, counts.get(g.name) ?? 0), users: [], extras: [], tags: [], groups: [] };
        if (bool(p.include_datasets)) out.packages = (await svc.search({ fq: `groups:${g.name}`, rows: 1000, sort: 'name asc' }, publisher(ctx))).results;
        return out;
      },
    },
    {
      name: 'tag_list',
      write: false,
      help: 'Return a list of the site’s tags (query filters them, without diacritics).',
      async handler(p) {
        const tags = await svc.tagList(text(p.query) || undefined);
        return bool(p.all_fields) ? tags.map((name) => ({ id: name, name, display_name: name, vocabulary_id: null })) : tags;
      },
    },
    {
      name: 'recently_changed_packages_activity_list',
      write: false,
      help: 'Return the activity stream of all recently added or changed packages (limit, offset).',
      async handler(p) {
        const limit = Math.min(intParam(p.limit, 'limit', 31), 100);
        return svc.activity(limit, intParam(p.offset, 'offset', 0));
      },
    },
    {
      name: 'package_create',
      write: true,
      help: 'Create a new dataset (package): name, title, owner_org, notes, license_id, tags, groups, resources, … A draft unless state=active is asked by a publisher of the organization.',
      async handler(p, ctx) {
        const row = await write(ctx, (tx) => svc.create(tx, publisher(ctx)!, actorOf(ctx), p, ctx.now));
        return svc.packageShow(row.id, publisher(ctx));
      },
    },
    {
      name: 'package_patch',
      write: true,
      help: 'Patch a dataset (package): the given fields change, the others are kept (id or name required).',
      async handler(p, ctx) {
        const row = await write(ctx, (tx) => svc.patch(tx, publisher(ctx)!, actorOf(ctx), p, ctx.now));
        return svc.packageShow(row.id, publisher(ctx));
      },
    },
    {
      name: 'resource_create',
      write: true,
      help: 'Append a resource (a link: url, name, format, description) to a dataset (package_id).',
      async handler(p, ctx) {
        const { resource } = await write(ctx, (tx) => svc.addResource(tx, publisher(ctx)!, actorOf(ctx), p, ctx.now));
        return svc.resourceShow(resource.id, publisher(ctx));
      },
    },
  ];
}

async function agenciesSorted(svc: OpendataService) {
  const all = await svc.allAgencies();
  return all.sort((a, b) => orgNameOfCode(a.code).localeCompare(orgNameOfCode(b.code)));
}
