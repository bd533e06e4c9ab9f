import type { LeafSource } from './modules/tlog';
import { vaultLeafSources } from './modules/vault';
import { exchangeLeafSource } from './modules/exchange';
import { supervisionLeafSource } from './modules/supervision';
import { meetingLeafSource } from './modules/meeting';
import { inspectionLeafSources } from './modules/inspection';

/** The modules' logged records, which `motcua log verify` re-derives leaf by leaf (the audit log's source is the tlog module's own). */
export const logSources: LeafSource[] = [...vaultLeafSources, exchangeLeafSource, supervisionLeafSource, meetingLeafSource, ...inspectionLeafSources];
