export * from './siren';
