// Types for the generated module config-validator.js (scripts/gen-config-validator.mjs).
import type { ErrorObject } from 'ajv';

export declare const validateConfig: {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
};
