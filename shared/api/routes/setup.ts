// Routes that set a campaign up: the campaign, its unit tree and members, deadline extensions, and who
// the caller is in it.
import { z } from 'zod';
import { E, route, type RouteDef, read } from '../route';
import { RoleSchema } from '../enums';
import { CampaignBodySchema, CampaignViewSchema, DaySchema, ExtensionBodySchema, IdSchema, UnitsBodySchema } from '../schemas';

export const setupRoutes = {
  putCampaign: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}',
    body: CampaignBodySchema,
    auth: ['office'],
    responses: { 200: CampaignViewSchema },
  }),
  getCampaign: read('/campaigns/{campaignId}', ['member'], CampaignViewSchema),
  putUnits: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units',
    body: UnitsBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ units: z.number().int(), members: z.number().int() }), 404: E },
  }),
  putExtension: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units/{unitId}/extension',
    body: ExtensionBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ unitId: IdSchema, milestoneId: IdSchema, due: DaySchema }), 404: E },
  }),
  /** Who am I in this campaign: the add-in uses it to pick the unit and the actions to show. */
  getMe: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/me',
    auth: ['member'],
    responses: {
      200: z.strictObject({
        userId: z.string(),
        name: z.string(),
        office: z.boolean(),
        memberships: z.array(z.strictObject({ unitId: IdSchema.nullable(), unitName: z.string(), role: RoleSchema })),
      }),
      404: E,
    },
  }),
} as const satisfies Record<string, RouteDef>;
