import { z } from 'zod';
import { productCodes } from './product-codes';

export { productCodes };

export const productCodeSchema = z.enum(productCodes, { error: 'Produit inconnu.' });
export type ProductCode = z.infer<typeof productCodeSchema>;
