import { defaultProducts } from './products';
import { defaultQuestions } from './questions';
import type { Catalogue } from './types';

export { defaultProducts, defaultQuestions };

/**
 * The default catalogue: plain JSON-serialisable data, the same the database was seeded with
 * (migration 0003_simulator.sql). The database copy is the one admins edit and the API evaluates.
 */
export const defaultCatalogue: Catalogue = { questions: defaultQuestions, products: defaultProducts };
