/** A Terraform resource read from HCL or from `terraform show -json`, in the values shape, with where it was written. */
import type { Evaluated } from './eval.js';

export interface TfResource {
  type: string;
  name: string;
  address: string;
  file: string;
  text: string;
  /** The arguments, snake_case, nested blocks as lists; positions are offsets into `text` (-1: none). */
  values: Evaluated;
  /** Offset of the resource in `text`. */
  at: number;
  /** From `terraform show -json`, where the provider writes "" for an argument not set. */
  plan?: boolean;
}

/** A problem met while reading, at an offset of a file's text. */
export interface TfProblem {
  file: string;
  text: string;
  offset: number;
  severity: 'error' | 'warning';
  code: 'hcl-syntax' | 'terraform-unresolved' | 'terraform-instances' | 'terraform-remote-module' | 'terraform-ignored';
  message: string;
}
