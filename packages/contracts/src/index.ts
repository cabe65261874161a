export * from './admin';
export * from './auth';
export * from './documents';
export * from './dossiers';
export * from './errors';
export * from './health';
export * from './products';
export * from './simulator';
