export * from './reasons';
export * from './luhn';
export * from './brand';
export * from './mask';
export * from './expiry';
export * from './track';
export * from './masked';
export * from './parse';
