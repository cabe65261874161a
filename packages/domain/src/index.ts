export * from './appointments';
export * from './dossier/fees';
export * from './dossier/state-machine';
export * from './money';
export * from './simulator';
export * from './siren';
