// Routes that set a campaign up: the campaign, its unit tree and members, deadline extensions, and who
// the caller is in it.
import { z } from 'zod';
import { E, P, route, type RouteDef } from '../route';
import { RoleSchema } from '../enums';
import { CampaignBodySchema, CampaignViewSchema, DaySchema, ExtensionBodySchema, IdSchema, UnitsBodySchema } from '../schemas';

export const setupRoutes = {
  putCampaign: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}',
    params: P.campaign,
    body: CampaignBodySchema,
    auth: ['office'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E },
  }),
  getCampaign: route({
    method: 'GET',
    path: '/campaigns/{campaignId}',
    params: P.campaign,
    auth: ['member'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E, 404: E },
  }),
  putUnits: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units',
    params: P.campaign,
    body: UnitsBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ units: z.number().int(), members: z.number().int() }), 401: E, 403: E, 404: E },
  }),
  putExtension: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units/{unitId}/extension',
    params: P.unit,
    body: ExtensionBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ unitId: IdSchema, milestoneId: IdSchema, due: DaySchema }), 401: E, 403: E, 404: E },
  }),
  /** Who am I in this campaign: the add-in uses it to pick the unit and the actions to show. */
  getMe: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/me',
    params: P.campaign,
    auth: ['member'],
    responses: {
      200: z.strictObject({
        userId: z.string(),
        name: z.string(),
        office: z.boolean(),
        memberships: z.array(z.strictObject({ unitId: IdSchema.nullable(), unitName: z.string(), role: RoleSchema })),
      }),
      401: E,
      403: E,
      404: E,
    },
  }),
} as const satisfies Record<string, RouteDef>;
