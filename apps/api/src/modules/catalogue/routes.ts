import {
  addParameterPeriodSchema,
  adminProductListSchema,
  adminProductSchema,
  parameterListSchema,
  parameterPeriodSchema,
  productListSchema,
  questionListSchema,
  updateProductSchema,
} from '@ft/contracts';
import type { RuleNode } from '@ft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { CatalogueService } from './service';

export const catalogueRoutes =
  ({ catalogue }: { catalogue: CatalogueService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/products',
      {
        schema: {
          tags: ['simulator'],
          summary: 'The product catalogue',
          response: { 200: productListSchema },
        },
      },
      () => catalogue.publicProducts(),
    );

    app.get(
      '/api/simulator/questions',
      {
        schema: {
          tags: ['simulator'],
          summary: 'The eligibility questionnaire, in order',
          response: { 200: questionListSchema },
        },
      },
      () => catalogue.publicQuestions(),
    );

    app.get(
      '/api/admin/products',
      {
        schema: {
          tags: ['admin'],
          summary: 'Products with rules, parameters and checklists',
          response: { 200: adminProductListSchema },
        },
      },
      (request) => catalogue.adminProducts(requireActor(request, { roles: ['admin'] })),
    );

    app.get(
      '/api/admin/parameters',
      {
        schema: {
          tags: ['admin'],
          summary: 'Formula parameters with every dated value and its source',
          response: { 200: parameterListSchema },
        },
      },
      (request) => catalogue.adminParameters(requireActor(request, { roles: ['admin'] })),
    );

    app.post(
      '/api/admin/parameters/:code/periods',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a dated value (next year’s rate) with its source; an overlapping period is refused',
          params: z.object({ code: z.string().max(64) }),
          body: addParameterPeriodSchema,
          response: { 201: parameterPeriodSchema },
        },
      },
      async (request, reply) => {
        const period = await catalogue.addParameterPeriod(
          requireActor(request, { roles: ['admin'] }),
          request.params.code,
          request.body,
          requestMeta(request),
        );
        return reply.status(201).send(period);
      },
    );

    app.patch(
      '/api/admin/products/:code',
      {
        schema: {
          tags: ['admin'],
          summary: 'Edit a product (applies to new simulations)',
          params: z.object({ code: z.string().max(64) }),
          body: updateProductSchema,
          response: { 200: adminProductSchema },
        },
      },
      (request) =>
        catalogue.updateProduct(
          requireActor(request, { roles: ['admin'] }),
          request.params.code,
          { ...request.body, rule: request.body.rule as RuleNode | undefined },
          requestMeta(request),
        ),
    );
  };
