// The HTTP contract of the functions, one import for both ends: the closed vocabularies
// (enums.ts), the shapes of bodies and responses (schemas.ts, deskSchemas.ts) and the route table with its typed helpers
// (routes.ts). Chinese labels are not part of it: the pane's are in addin/src/labels.ts, the workbook's
// in shared/desk/sheets.ts.
export * from './enums';
export * from './schemas';
export * from './deskSchemas';
export * from './routes';
export * from './chain';
