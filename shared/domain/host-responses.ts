/** The response-code table lives in response-codes.ts; this name is kept for the renderer's imports. */
export { explainResponse } from './response-codes';
