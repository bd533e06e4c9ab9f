/** The API schemas of the National Public Service Portal sync (its sync rate, counted by Decision 766). */
import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Obj } from '../../api/schema';

export const SyncRateQuerySchema = Obj({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  agency: Type.Optional(Type.String({ maxLength: 20, description: 'One agency’s electronic identifier' })),
});
export type SyncRateQuery = Static<typeof SyncRateQuerySchema>;

const Counts = {
  total: Type.Integer({ description: 'Status changes to sync in the period' }),
  synced: Type.Integer({ description: 'Accepted by the portal' }),
  failed: Type.Integer({ description: 'Refused for good by the portal' }),
  pending: Type.Integer({ description: 'Not yet accepted (retrying)' }),
  rate: Type.Number({ description: 'synced / total (1 when there was nothing to sync)' }),
};

export const SyncRateSchema = Obj(
  {
    enabled: Type.Boolean({ description: 'Whether NATIONAL_PORTAL_URL is set' }),
    from: Nullable(IsoDate),
    to: Nullable(IsoDate),
    ...Counts,
    agencies: Type.Array(Obj({ agencyCode: Type.String(), agencyName: Nullable(Type.String()), ...Counts })),
  },
  { description: 'The sync rate of dossier status changes to the National Public Service Portal, per agency and period' },
);
export type SyncRate = Static<typeof SyncRateSchema>;
