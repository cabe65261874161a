// Types only: the SPA names request and response types by their schema without bundling zod.
export type { input as SchemaInput, output as SchemaOutput } from 'zod';
export * from './admin';
export * from './appointments';
export * from './auth';
export * from './dashboards';
export * from './documents';
export * from './dossier-statuses';
export * from './dossiers';
export * from './errors';
export * from './health';
export * from './messaging';
export * from './notifications';
export * from './paperwork';
export * from './products';
export * from './security';
export * from './simulator';
export * from './spa-routes';
