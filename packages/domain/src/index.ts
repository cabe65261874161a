export * from './dossier/fees';
export * from './dossier/state-machine';
export * from './siren';
