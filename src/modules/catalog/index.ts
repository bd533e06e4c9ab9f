/**
 * The procedure catalogue (danh mục thủ tục hành chính): procedures and their immutable published versions, search,
 * administration, import/export and catalogue files. The only public face of the module: other modules, `main.ts`
 * and the seed use what is exported here. The model (schemas and types) lives in `src/shared/catalog` and the API
 * shapes in `src/shared/api/catalog`, shared with the web app.
 */
export { CatalogService } from './catalog.service';
export { registerCatalogRoutes } from './catalog.routes';
export { catalogErrors } from './catalog.errors';
export { readCatalogueFiles, seedCatalogue, seedDemoCatalogue, DEMO_CATALOGUE_DIR, type CatalogueFile } from './catalog.seed';
export type {
  ProcedureVersion,
  ProcedureVersionInput,
  ProcedureContent,
  ProcessingTime,
  ExtendedProcessingTime,
  FeeItem,
  RequiredDocument,
  WorkflowStep,
  WorkflowRole,
  ProcedureField,
  LifeEvent,
  AgencyKind,
  ImplementingLevel,
  ApplicantType,
  OnlineLevel,
  Channel,
  VersionStatus,
} from '../../shared/catalog';
export type { ProcedureSummary, ProcedureDetail } from '../../shared/api/catalog';
