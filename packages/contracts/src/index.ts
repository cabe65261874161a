export * from './admin';
export * from './auth';
export * from './dossiers';
export * from './errors';
export * from './health';
export * from './notifications';
export * from './products';
export * from './simulator';
