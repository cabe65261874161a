import { defaultParameters } from './default-parameters';
import { defaultProducts } from './products';
import { defaultQuestions } from './questions';
import type { Catalogue } from './types';

export { defaultParameters, defaultProducts, defaultQuestions };

/**
 * The default catalogue: plain JSON-serialisable data, the same the database was seeded with
 * (migrations 0003_simulator.sql, then 0030_simulator_v2.sql). The database copy is the one
 * admins edit and the API evaluates.
 */
export const defaultCatalogue: Catalogue = {
  questions: defaultQuestions,
  products: defaultProducts,
  parameters: defaultParameters,
};
